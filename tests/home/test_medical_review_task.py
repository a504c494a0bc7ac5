"""The review line is recorded, not typed: approving in Medical review signs and dates the page (home/models/medical_review.py)."""

import datetime
import json

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry, Task, Workflow, WorkflowPage
from wagtail.rich_text import RichText

from home.models import Clinician, MedicalReviewTask
from home.models.medical_review import REFUSALS, add_months, content_changed
from home.roles import CLINICAL_REVIEWERS, EDITORS, MEDICAL_REVIEW_WORKFLOW
from tests.core.test_publish_through_review import SUBMIT, admin_form, edit_url
from tests.factories import (
    ClinicianFactory,
    TreatmentIndexPageFactory,
    TreatmentPageFactory,
    UserFactory,
    clinical_reviewer,
    member_of,
)
from treatments.models import TreatmentPage

pytestmark = pytest.mark.django_db

XHR = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}


@pytest.fixture
def review(home_page):
    """A treatment an editor changed and submitted to Medical review, and a reviewer linked to Dr. Helen Marsh."""
    treatments = TreatmentIndexPageFactory(parent=home_page)
    WorkflowPage.objects.create(page=treatments, workflow=Workflow.objects.get(name=MEDICAL_REVIEW_WORKFLOW))
    page = TreatmentPageFactory(parent=treatments, title="Ketamine therapy", slug="ketamine-therapy")
    page.save_revision().publish()
    editor = member_of(EDITORS)
    page.title = "Ketamine therapy, revised"
    page.save_revision(user=editor)
    page.get_workflow().start(page, editor)
    return {"page": page, "editor": editor, "reviewer": clinical_reviewer(name="Dr. Helen Marsh")}


def approve_url(page):
    page.refresh_from_db()
    return reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", page.current_workflow_task_state.pk))


def fresh(page):
    return type(page).objects.get(pk=page.pk)


def test_the_workflow_step_is_a_medical_review_task_with_the_reviewers_group():
    workflow = Workflow.objects.get(name=MEDICAL_REVIEW_WORKFLOW)
    (task,) = [workflow_task.task.specific for workflow_task in workflow.workflow_tasks.all()]
    assert isinstance(task, MedicalReviewTask) and task.name == "Clinical review"
    assert list(task.groups.values_list("name", flat=True)) == [CLINICAL_REVIEWERS]
    # The plain group approval task it replaced is kept, inactive, for the history of earlier approvals.
    assert not Task.objects.filter(name="Clinical review (before recorded reviews)", active=True).exists()


def test_approving_signs_dates_and_publishes_what_was_submitted(client, review):
    page, reviewer = review["page"], review["reviewer"]
    client.force_login(reviewer)
    response = client.post(approve_url(page), {"comment": "Checked against the label.", "next_review_due": ""})
    assert response.status_code == 302

    page = fresh(page)
    today = timezone.localdate()
    assert page.live and not page.has_unpublished_changes and page.title == "Ketamine therapy, revised"
    assert (page.reviewed_by, page.last_reviewed, page.next_review_due) == (
        reviewer.clinician,
        today,
        add_months(today, 12),
    )
    assert page.live_revision_id == page.latest_revision_id and page.live_revision.user == reviewer
    assert page.current_workflow_state is None

    recorded = PageLogEntry.objects.get(page=page, action="clinic.medical_review.recorded")
    assert recorded.user == reviewer and recorded.revision_id == page.live_revision_id
    client.force_login(UserFactory(is_superuser=True))
    history = client.get(reverse("wagtailadmin_pages:history", args=(page.pk,))).content.decode()
    assert "Medical review recorded: reviewed by Dr. Helen Marsh, MD" in history
    assert "Approved" in history  # Wagtail's own entry for the task beside it

    html = client.get(page.url).content.decode()
    assert "Medically reviewed by <strong>Dr. Helen Marsh, MD</strong>" in html
    assert today.strftime("%Y-%m-%d") in html


def test_the_reviewer_may_choose_an_earlier_next_review(client, review):
    sooner = timezone.localdate() + datetime.timedelta(days=90)
    client.force_login(review["reviewer"])
    client.post(approve_url(review["page"]), {"comment": "", "next_review_due": sooner.isoformat()})
    assert fresh(review["page"]).next_review_due == sooner


def test_the_interval_is_a_setting(client, review, settings):
    settings.MEDICAL_REVIEW_INTERVAL_MONTHS = 6
    client.force_login(review["reviewer"])
    client.post(approve_url(review["page"]), {"comment": ""})
    assert fresh(review["page"]).next_review_due == add_months(timezone.localdate(), 6)


@pytest.mark.parametrize(
    "days, error",
    [(-1, "must be after today"), (0, "must be after today"), (800, "at most 24 months ahead")],
)
def test_a_next_review_in_the_past_or_too_far_ahead_is_refused_in_the_modal(client, review, days, error):
    page = review["page"]
    before = fresh(page)
    due = (timezone.localdate() + datetime.timedelta(days=days)).isoformat()
    client.force_login(review["reviewer"])
    response = client.post(approve_url(page), {"comment": "", "next_review_due": due}, **XHR)
    assert response.status_code == 200
    assert json.loads(response.content)["step"] == "action" and error in json.loads(response.content)["html"]
    after = fresh(page)
    assert after.current_workflow_state is not None and after.live_revision_id == before.live_revision_id
    assert after.latest_revision_id == before.latest_revision_id  # nothing half-recorded


def test_the_modal_offers_the_default_next_review_date(client, review):
    client.force_login(review["reviewer"])
    html = json.loads(client.get(approve_url(review["page"]), **XHR).content)["html"]
    assert 'name="next_review_due"' in html and "12 months from today" in html
    assert "Dr. Helen Marsh" in html


def test_a_reviewer_without_a_clinician_is_told_so_and_nothing_is_recorded(client, review):
    page = review["page"]
    unlinked = member_of(CLINICAL_REVIEWERS)
    before = fresh(page)
    client.force_login(unlinked)
    html = json.loads(client.get(approve_url(page), **XHR).content)["html"]
    assert "your account is not linked to a clinician" in html and 'name="next_review_due"' not in html

    # The same approval sent by hand: refused with the same words, nothing changed.
    response = client.post(approve_url(page), {"comment": ""}, follow=True)
    assert REFUSALS["no-clinician"] in response.content.decode()
    after = fresh(page)
    assert after.current_workflow_state is not None and after.latest_revision_id == before.latest_revision_id
    assert not PageLogEntry.objects.filter(page=page, action="clinic.medical_review.recorded").exists()


def test_a_reviewer_cannot_approve_their_own_edit(client, review):
    page, reviewer = review["page"], review["reviewer"]
    page = fresh(page)
    page.summary = "A change by the reviewer herself."
    page.save_revision(user=reviewer)
    client.force_login(reviewer)
    html = json.loads(client.get(approve_url(page), **XHR).content)["html"]
    assert "you edited this page since it was last published" in html

    response = client.post(approve_url(page), {"comment": ""}, follow=True)
    assert REFUSALS["own-edit"] in response.content.decode()
    assert fresh(page).current_workflow_state is not None

    # A second reviewer may approve it.
    client.force_login(clinical_reviewer(name="Dr. Samuel Okoro"))
    client.post(approve_url(page), {"comment": ""})
    assert fresh(page).reviewed_by.name == "Dr. Samuel Okoro" and fresh(page).current_workflow_state is None


def test_saving_the_content_unchanged_is_not_an_edit(client, review):
    """Approving from the page editor saves the form first; with nothing changed, the approval goes through."""
    page, reviewer = fresh(review["page"]), review["reviewer"]
    page.get_latest_revision_as_object().save_revision(user=reviewer)
    client.force_login(reviewer)
    client.post(approve_url(page), {"comment": ""})
    assert fresh(page).current_workflow_state is None and fresh(page).reviewed_by == reviewer.clinician


def test_what_counts_as_an_edit(review):
    """A change to the body, or to a rich text field, counts; the marks an unchanged admin save adds do not."""
    page = fresh(review["page"])
    before = page.get_latest_revision()
    same = page.get_latest_revision_as_object()
    same.fda_indication = same.fda_indication.replace("<p>", '<p data-block-key="abc12">')
    same.treated_conditions.all()  # inline items saved again keep their content
    unchanged = same.save_revision()
    assert not content_changed(TreatmentPage, before, unchanged)

    edited = page.get_latest_revision_as_object()
    edited.body = [("section", {"heading": "What it is", "text": RichText("<p>A dose changed.</p>")})]
    assert content_changed(TreatmentPage, before, edited.save_revision())


def test_nor_what_they_submitted_themselves(client, review, home_page):
    reviewer = review["reviewer"]
    page = fresh(review["page"])
    page.current_workflow_state.cancel(user=reviewer)
    page.get_workflow().start(page, reviewer)
    client.force_login(reviewer)
    response = client.post(approve_url(page), {"comment": ""}, follow=True)
    assert REFUSALS["own-edit"] in response.content.decode()


def test_a_sole_reviewer_may_approve_own_edits_only_when_a_superuser_allows_it(client, review):
    page, reviewer = fresh(review["page"]), review["reviewer"]
    draft = page.get_latest_revision_as_object()
    draft.summary = "Corrected by the only reviewer."
    draft.save_revision(user=reviewer)
    task = MedicalReviewTask.objects.get(name="Clinical review")
    task.sole_reviewer_may_approve_own_edits = True
    task.save()

    second = clinical_reviewer()
    client.force_login(reviewer)
    client.post(approve_url(page), {"comment": ""})
    assert fresh(page).current_workflow_state is not None  # two reviewers: the other one approves

    second.is_active = False
    second.save()
    client.post(approve_url(page), {"comment": "Only reviewer here."})
    assert fresh(page).current_workflow_state is None and fresh(page).reviewed_by == reviewer.clinician


def test_only_superusers_see_the_setting_and_link_accounts(client):
    editor = member_of(EDITORS)
    clinician = ClinicianFactory()
    url = reverse("wagtailsnippets_home_clinician:edit", args=(clinician.pk,))
    client.force_login(editor)
    html = client.get(url).content.decode()
    assert 'name="user"' not in html
    data = {"name": clinician.name, "credentials": "MD", "role": "", "bio": "", "user": editor.pk}
    client.post(url, data)
    assert Clinician.objects.get(pk=clinician.pk).user is None  # the editor cannot make herself a signatory

    client.force_login(UserFactory(is_superuser=True))
    assert 'name="user"' in client.get(url).content.decode()


def test_approving_with_own_changes_from_the_editor_saves_them_and_says_why_it_was_not_approved(client, review):
    page, reviewer = fresh(review["page"]), review["reviewer"]
    client.force_login(reviewer)
    data = admin_form("treatment", "Ketamine therapy, corrected by the reviewer", page.slug, page)
    data.update(
        {
            "action-workflow-action": "true",
            "workflow-action-name": "approve",
            "workflow-action-extra-data": json.dumps({"comment": ""}),
        }
    )
    response = client.post(edit_url(page), data, follow=True)
    assert REFUSALS["own-edit"] in response.content.decode()
    page = fresh(page)
    assert page.current_workflow_state is not None and page.draft_title == "Ketamine therapy, corrected by the reviewer"
    assert page.title == "Ketamine therapy"  # the live page is as it was


def test_the_editors_form_cannot_set_the_review_fields(client, review, home_page):
    page = fresh(review["page"])
    page.current_workflow_state.cancel(user=review["editor"])
    before = (page.reviewed_by_id, page.last_reviewed, page.next_review_due)
    forged = ClinicianFactory(name="Dr. Typed In")
    data = admin_form("treatment", page.title, page.slug, page, **SUBMIT)
    data.update({"reviewed_by": forged.pk, "last_reviewed": "2026-11-30", "next_review_due": "2028-01-01"})
    client.force_login(review["editor"])
    assert client.post(edit_url(page), data).status_code == 302
    latest = fresh(page).get_latest_revision_as_object()
    assert (latest.reviewed_by_id, latest.last_reviewed, latest.next_review_due) == before
    html = client.get(edit_url(page)).content.decode()
    assert 'name="reviewed_by"' not in html and 'name="next_review_due"' not in html


def test_a_copy_is_not_reviewed(review):
    page = fresh(review["page"])
    page.reviewed_by, page.last_reviewed = ClinicianFactory(), timezone.localdate()
    page.save_revision().publish()
    copy = fresh(page).copy(update_attrs={"slug": "ketamine-copy", "title": "Copy"}, keep_live=False)
    assert (copy.reviewed_by, copy.last_reviewed, copy.next_review_due) == (None, None, None)


@pytest.mark.parametrize(
    "date, months, expected",
    [
        (datetime.date(2026, 12, 1), 12, datetime.date(2027, 12, 1)),
        (datetime.date(2027, 1, 31), 1, datetime.date(2027, 2, 28)),
        (datetime.date(2028, 2, 29), 12, datetime.date(2029, 2, 28)),
        (datetime.date(2026, 11, 15), 3, datetime.date(2027, 2, 15)),
    ],
)
def test_add_months(date, months, expected):
    assert add_months(date, months) == expected


def test_the_unknown_refusal_url_is_not_found(client, review):
    client.force_login(review["reviewer"])
    assert client.get(reverse("medical_review_not_approved", args=(1, "anything"))).status_code == 404
