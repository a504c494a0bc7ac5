"""The Medical review workflow's "Clinical review" step becomes a Medical review task.

Its groups carry over, and pages waiting for review stay waiting, now at the new
task, so their approval records the review. The old group approval task is kept,
inactive, as the history of earlier approvals points at it.
"""

from django.db import migrations

CLINICAL_REVIEW_TASK = "Clinical review"
OLD_TASK_NAME = "Clinical review (before recorded reviews)"
IN_PROGRESS = "in_progress"


def use_medical_review_task(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    MedicalReviewTask = apps.get_model("home", "MedicalReviewTask")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    TaskState = apps.get_model("wagtailcore", "TaskState")

    old = GroupApprovalTask.objects.filter(name=CLINICAL_REVIEW_TASK, active=True).first()
    if old is None or MedicalReviewTask.objects.filter(name=CLINICAL_REVIEW_TASK).exists():
        return  # renamed or replaced by an administrator already: leave their workflow as it is
    task_type, _ = ContentType.objects.get_or_create(app_label="home", model="medicalreviewtask")
    new = MedicalReviewTask.objects.create(name=CLINICAL_REVIEW_TASK, content_type=task_type, active=True)
    new.groups.set(old.groups.all())
    WorkflowTask.objects.filter(task_id=old.pk).update(task_id=new.pk)
    TaskState.objects.filter(task_id=old.pk, status=IN_PROGRESS).update(task_id=new.pk)
    GroupApprovalTask.objects.filter(pk=old.pk).update(active=False, name=OLD_TASK_NAME)


def use_group_approval_task(apps, schema_editor):
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    MedicalReviewTask = apps.get_model("home", "MedicalReviewTask")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    TaskState = apps.get_model("wagtailcore", "TaskState")

    old = GroupApprovalTask.objects.filter(name=OLD_TASK_NAME).first()
    new = MedicalReviewTask.objects.filter(name=CLINICAL_REVIEW_TASK).first()
    if old is None or new is None:
        return
    WorkflowTask.objects.filter(task_id=new.pk).update(task_id=old.pk)
    TaskState.objects.filter(task_id=new.pk, status=IN_PROGRESS).update(task_id=old.pk)
    GroupApprovalTask.objects.filter(pk=old.pk).update(active=True, name=CLINICAL_REVIEW_TASK)
    MedicalReviewTask.objects.filter(pk=new.pk).update(active=False)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0007_medical_review_task"),
    ]

    operations = [
        migrations.RunPython(use_medical_review_task, use_group_approval_task),
    ]
