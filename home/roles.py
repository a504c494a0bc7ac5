"""The clinic's roles: Wagtail groups made by home/migrations/0005_roles.py, and the medical review workflow.

| group | can |
| --- | --- |
| Editors | edit and publish every page (forms too), images, documents, Clinicians; not form submissions |
| Clinical reviewers | approve or reject medical content sent for review ("Medical review" workflow) |
| Intake staff | read, filter, export and delete form submissions (forms/inbox.py); no page editing |
"""

from wagtail.models import Workflow, WorkflowPage

EDITORS = "Editors"
CLINICAL_REVIEWERS = "Clinical reviewers"
INTAKE_STAFF = "Intake staff"
MEDICAL_REVIEW_WORKFLOW = "Medical review"


def assign_medical_review(page, stdout):
    """Send pages under `page` through the Medical review workflow, unless it already has a workflow of its own."""
    if WorkflowPage.objects.filter(page=page).exists():
        return
    workflow = Workflow.objects.filter(name=MEDICAL_REVIEW_WORKFLOW, active=True).first()
    if workflow is None:
        return  # removed by an administrator: leave it that way
    WorkflowPage.objects.create(page=page, workflow=workflow)
    stdout.write(f"Pages under {page.title} now go through {workflow.name}.")
