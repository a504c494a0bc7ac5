"""The roles the migration makes in every database: what Editors, Clinical reviewers and Intake staff can do."""

import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Workflow, WorkflowPage

from home.roles import MEDICAL_REVIEW_WORKFLOW
from tests.factories import TreatmentIndexPageFactory, TreatmentPageFactory, clinical_reviewer, member_of

pytestmark = pytest.mark.django_db


def test_the_three_roles_exist_in_every_database():
    assert {"Editors", "Clinical reviewers", "Intake staff"} <= set(Group.objects.values_list("name", flat=True))


def test_editors_edit_and_publish_every_page_and_manage_clinicians_but_not_submissions(home_page):
    editor = member_of("Editors")
    permissions = home_page.permissions_for_user(editor)
    assert permissions.can_edit() and permissions.can_publish() and permissions.can_add_subpage()
    for codename in ("add_clinician", "change_clinician", "delete_clinician"):
        assert editor.has_perm(f"home.{codename}")
    assert editor.has_perm("wagtailadmin.access_admin")
    assert not editor.has_perm("forms.view_formsubmission")
    assert not editor.has_perm("forms.delete_formsubmission")


def test_editors_can_open_images_documents_and_clinicians_in_the_admin(client):
    client.force_login(member_of("Editors"))
    for url in (
        "/admin/images/",
        "/admin/images/multiple/add/",
        "/admin/documents/",
        "/admin/snippets/home/clinician/",
    ):
        assert client.get(url).status_code == 200, url


def test_intake_staff_read_and_delete_submissions_and_edit_no_page(home_page):
    intake = member_of("Intake staff")
    assert intake.has_perm("forms.view_formsubmission") and intake.has_perm("forms.delete_formsubmission")
    assert intake.has_perm("wagtailadmin.access_admin")
    permissions = home_page.permissions_for_user(intake)
    assert not (permissions.can_edit() or permissions.can_publish() or permissions.can_add_subpage())


@pytest.fixture
def page_in_review(home_page):
    """A treatment page an editor changed and sent for medical review."""
    treatments = TreatmentIndexPageFactory(parent=home_page)
    WorkflowPage.objects.create(page=treatments, workflow=Workflow.objects.get(name=MEDICAL_REVIEW_WORKFLOW))
    page = TreatmentPageFactory(parent=treatments, title="Ketamine therapy")
    page.title = "Ketamine therapy, revised"
    revision = page.save_revision()
    page.get_workflow().start(page, member_of("Editors"))
    return page, revision


def test_clinical_reviewers_approve_medical_pages_sent_for_review_and_approval_publishes(client, page_in_review):
    page, revision = page_in_review
    task_state = page.current_workflow_task_state
    assert (page.get_workflow().name, task_state.task.name) == ("Medical review", "Clinical review")
    reviewer = clinical_reviewer()
    assert not reviewer.has_perm("forms.view_formsubmission")
    assert not page.permissions_for_user(reviewer).can_publish()  # approving is how she publishes

    client.force_login(reviewer)
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", task_state.pk))
    response = client.post(url, {"comment": "Checked against the current label."})
    assert response.status_code == 302
    page.refresh_from_db()
    # What was submitted goes live, signed by the reviewer in a revision of her own (home/models/medical_review.py).
    assert page.live_revision_id == page.latest_revision_id and page.live_revision.user == reviewer
    assert page.live_revision.pk > revision.pk
    assert page.title == "Ketamine therapy, revised" and page.reviewed_by == reviewer.clinician
    assert page.current_workflow_state is None


def test_only_clinical_reviewers_may_approve(client, page_in_review):
    page, revision = page_in_review
    task_state = page.current_workflow_task_state
    for group in ("Editors", "Intake staff"):
        client.force_login(member_of(group))
        url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", task_state.pk))
        client.post(url, {"comment": ""})
        page.refresh_from_db()
        assert page.live_revision_id != revision.pk, group
    assert page.current_workflow_task_state == task_state


def test_a_reviewer_sees_pages_awaiting_review_on_the_dashboard(client, page_in_review):
    client.force_login(member_of("Clinical reviewers"))
    dashboard = client.get(reverse("wagtailadmin_home"))
    assert "Ketamine therapy, revised" in dashboard.content.decode()


def test_administrators_can_give_the_submission_permissions_in_settings_groups(admin_client):
    intake = Group.objects.get(name="Intake staff")
    page = admin_client.get(reverse("wagtailusers_groups:edit", args=(intake.pk,)))
    assert page.status_code == 200
    content = page.content.decode()
    assert "Form submission" in content
    for codename in ("view_formsubmission", "delete_formsubmission"):
        permission = intake.permissions.get(codename=codename, content_type__app_label="forms")
        checkbox = re.search(rf'<input type="checkbox" name="permissions" value="{permission.pk}"[^>]*>', content)
        assert checkbox and " checked" in checkbox.group(0), codename
