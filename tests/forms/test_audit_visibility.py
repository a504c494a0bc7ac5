"""Audit entries about submissions are for intake staff and superusers: editors see none of them, anywhere.

They live in their own log model (forms.models.SubmissionLogEntry), which Reports →
Site history asks who may see what (`viewable_by_user`); the page's own history
never holds them.
"""

import importlib
import io

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from openpyxl import load_workbook
from wagtail.models import PageLogEntry

from forms import audit
from forms.models import SubmissionLogEntry

from .conftest import submit, user_with_role

pytestmark = pytest.mark.django_db

SITE_HISTORY = "/admin/reports/site-history/"
MESSAGES = (
    "Viewed form submissions (3 of 3 rows)",
    "Exported form submissions (CSV, 3 rows)",
    "Deleted form submissions (1)",
)


@pytest.fixture
def logged(client, form_page):
    """Intake staff list, export, read one and delete one of three submissions."""
    submissions = [submit(form_page) for _ in range(3)]
    client.force_login(user_with_role("intake"))
    listing = f"/admin/forms/submissions/{form_page.pk}/"
    client.get(listing)
    client.get(listing, {"export": "csv"})
    client.get(f"{listing}{submissions[1].pk}/")
    client.post(f"{listing}delete/?selected-submissions={submissions[0].pk}")
    client.logout()
    assert SubmissionLogEntry.objects.count() == 4
    return submissions


def as_user(client, role):
    client.force_login(get_user_model().objects.filter(username=role).first() or user_with_role(role))
    return client


def text(response):
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if response["Content-Type"].startswith("application/vnd.openxmlformats"):
        sheet = load_workbook(io.BytesIO(content)).active
        return "\n".join(str(cell.value) for row in sheet.iter_rows() for cell in row)
    return content.decode()


@pytest.mark.parametrize("role", ["editor", "moderator", "reviewer"])
def test_nobody_without_the_read_permission_sees_them_in_site_history(client, form_page, logged, role):
    as_user(client, role)
    everything = text(client.get(SITE_HISTORY)) + text(client.get(f"{SITE_HISTORY}results/"))
    for message in (*MESSAGES, "Viewed form submission", "form submission"):
        assert message not in everything
    # Not in the action filter, nor in Site history's own exports.
    assert audit.EXPORTED not in everything and "Export form submissions" not in everything
    for export_format in ("csv", "xlsx"):
        assert "form submissions" not in text(client.get(SITE_HISTORY, {"export": export_format}))
    # Asking for one of the actions by name shows nothing either.
    assert "Exported form submissions" not in text(client.get(SITE_HISTORY, {"action": audit.EXPORTED}))


def test_an_editor_sees_none_of_them_in_the_form_pages_history(client, form_page, logged):
    as_user(client, "editor")
    history = text(client.get(f"/admin/pages/{form_page.pk}/history/"))
    assert "form submission" not in history.lower()
    assert not PageLogEntry.objects.filter(action__startswith="forms.").exists()


@pytest.mark.parametrize("role", ["intake", "superuser"])
def test_intake_staff_and_superusers_see_every_entry_in_site_history(client, form_page, logged, role):
    as_user(client, role)
    content = text(client.get(SITE_HISTORY))
    for message in (*MESSAGES, f"Viewed form submission {logged[1].pk}"):
        assert message in content, message
    filtered = text(client.get(SITE_HISTORY, {"action": audit.EXPORTED}))
    assert "Exported form submissions (CSV, 3 rows)" in filtered
    assert "Viewed form submissions (3 of 3 rows)" not in filtered


def test_intake_staff_see_nothing_of_the_pages_own_history(client, form_page, logged):
    as_user(client, "superuser").post(f"/admin/pages/{form_page.pk}/unpublish/")
    assert PageLogEntry.objects.filter(action="wagtail.unpublish").exists()
    as_user(client, "intake")
    assert "Unpublished" not in text(client.get(SITE_HISTORY))


def test_intake_staff_find_site_history_in_the_reports_menu(client):
    # Wagtail shows Site history only to those who may edit some page; intake staff get this one.
    assert "submissions-site-history" in text(as_user(client, "intake").get("/admin/"))
    for role in ("editor", "superuser", "reviewer"):
        client.logout()
        assert "submissions-site-history" not in text(as_user(client, role).get("/admin/"))


def test_entries_hold_which_submissions_never_a_value(form_page, logged):
    listed = SubmissionLogEntry.objects.get(action=audit.VIEWED)
    exported = SubmissionLogEntry.objects.get(action=audit.EXPORTED)
    everyone = sorted(submission.pk for submission in logged)
    assert sorted(listed.data["submission_ids"]) == everyone
    assert exported.data["submission_ids"] == everyone
    assert SubmissionLogEntry.objects.get(action=audit.DELETED).data["submission_ids"] == [logged[0].pk]
    assert "Alex Rivera" not in str([entry.data for entry in SubmissionLogEntry.objects.all()])


def test_the_migration_moves_entries_out_of_the_pages_history(form_page):
    """Entries an earlier version wrote into PageLogEntry move to SubmissionLogEntry (and back on reversing)."""
    migration = importlib.import_module("forms.migrations.0005_submission_log_entries")
    old = PageLogEntry.objects.log_action(form_page, audit.EXPORTED, data={"format": "csv", "rows": 2})
    PageLogEntry.objects.log_action(form_page, "wagtail.edit")
    forwards = migration.move_entries(("wagtailcore", "PageLogEntry"), ("forms", "SubmissionLogEntry"))
    forwards(apps, None)
    assert not PageLogEntry.objects.filter(action__startswith="forms.").exists()
    assert PageLogEntry.objects.filter(action="wagtail.edit").exists()
    moved = SubmissionLogEntry.objects.get()
    assert (moved.page_id, moved.action, moved.timestamp, moved.data) == (
        form_page.pk,
        audit.EXPORTED,
        old.timestamp,
        {"format": "csv", "rows": 2},
    )
    backwards = migration.move_entries(("forms", "SubmissionLogEntry"), ("wagtailcore", "PageLogEntry"))
    backwards(apps, None)
    assert not SubmissionLogEntry.objects.exists()
    assert PageLogEntry.objects.filter(action=audit.EXPORTED).count() == 1
