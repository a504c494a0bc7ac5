"""The clinic's roles as Wagtail groups, in every database, and the medical review workflow.

- Editors: edit and publish every page (forms included), images, documents and
  the Clinicians snippet. Not form submissions.
- Clinical reviewers: the admin, and the "Clinical review" task of the "Medical
  review" workflow (approve or reject medical content). Not form submissions.
- Intake staff: the admin, and reading, exporting and deleting form submissions.
  No page editing.

Running it again (or on a database where Wagtail already made "Editors") only
adds what is missing. The demo loader assigns the workflow to the treatment,
condition and article index pages (home/roles.py).
"""

from django.db import migrations

EDITORS = "Editors"
CLINICAL_REVIEWERS = "Clinical reviewers"
INTAKE_STAFF = "Intake staff"
MEDICAL_REVIEW_WORKFLOW = "Medical review"
CLINICAL_REVIEW_TASK = "Clinical review"

# (app label, model, codename, name) — the names Django itself would give them.
ACCESS_ADMIN = ("wagtailadmin", "admin", "access_admin", "Can access Wagtail admin")
READ_SUBMISSIONS = ("forms", "formsubmission", "view_formsubmission", "Can view form submission")
DELETE_SUBMISSIONS = ("forms", "formsubmission", "delete_formsubmission", "Can delete form submission")
CLINICIANS = [("home", "clinician", f"{action}_clinician", f"Can {action} clinician") for action in ("add", "change", "delete", "view")]
IMAGES = [("wagtailimages", "image", f"{action}_image", f"Can {action} image") for action in ("add", "change", "delete", "choose")]
DOCUMENTS = [
    ("wagtaildocs", "document", f"{action}_document", f"Can {action} document") for action in ("add", "change", "delete", "choose")
]
PAGES = [("wagtailcore", "page", f"{action}_page", f"Can {action} page") for action in ("add", "change", "publish", "lock", "unlock")]

GROUP_PERMISSIONS = {
    EDITORS: [ACCESS_ADMIN, *CLINICIANS, *IMAGES, *DOCUMENTS],
    CLINICAL_REVIEWERS: [ACCESS_ADMIN],
    INTAKE_STAFF: [ACCESS_ADMIN, READ_SUBMISSIONS, DELETE_SUBMISSIONS],
}
# Image and document permissions apply per collection: Editors get them on the root collection.
EDITORS_COLLECTION_PERMISSIONS = [spec for spec in IMAGES + DOCUMENTS if not spec[2].startswith("delete")]


def create_roles(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    def permission(spec):
        # Django makes model permissions after migrating, so a new database may not have them yet.
        app_label, model, codename, name = spec
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
        return Permission.objects.get_or_create(content_type=content_type, codename=codename, defaults={"name": name})[0]

    groups = {}
    for name, specs in GROUP_PERMISSIONS.items():
        groups[name], _ = Group.objects.get_or_create(name=name)
        groups[name].permissions.add(*[permission(spec) for spec in specs])

    root_page = Page.objects.filter(depth=1).first()
    if root_page is not None:
        for spec in PAGES:
            GroupPagePermission.objects.get_or_create(group=groups[EDITORS], page=root_page, permission=permission(spec))

    root_collection = Collection.objects.filter(depth=1).first()
    if root_collection is not None:
        for spec in EDITORS_COLLECTION_PERMISSIONS:
            GroupCollectionPermission.objects.get_or_create(
                group=groups[EDITORS], collection=root_collection, permission=permission(spec)
            )

    create_medical_review_workflow(apps, groups[CLINICAL_REVIEWERS])


def create_medical_review_workflow(apps, reviewers):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    task = GroupApprovalTask.objects.filter(name=CLINICAL_REVIEW_TASK).first()
    if task is None:
        task_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
        task = GroupApprovalTask.objects.create(name=CLINICAL_REVIEW_TASK, content_type=task_type, active=True)
    task.groups.add(reviewers)

    workflow, _ = Workflow.objects.get_or_create(name=MEDICAL_REVIEW_WORKFLOW, defaults={"active": True})
    if not WorkflowTask.objects.filter(workflow=workflow, task=task).exists():
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=workflow.workflow_tasks.count())


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0004_clinic_header_button"),
        ("forms", "0003_encrypt_existing_submissions"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(create_roles, migrations.RunPython.noop),
    ]
