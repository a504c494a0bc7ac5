"""purge_old_submissions deletes exactly the submissions older than SUBMISSION_RETENTION_DAYS and logs how many."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from forms import audit
from forms.models import FormSubmission, SubmissionLogEntry
from tests.factories import FormPageFactory

from .conftest import submit

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)
MINUTE = datetime.timedelta(minutes=1)


@pytest.fixture(autouse=True)
def thirty_days(settings):
    settings.SUBMISSION_RETENTION_DAYS = 30


@pytest.fixture
def submissions(form_page, home_page):
    """Per form page: which submissions are older than 30 days (True) and which are not."""
    other = FormPageFactory(parent=home_page, title="Request an appointment")
    now = timezone.now()
    ages = {
        form_page: [400 * DAY, 31 * DAY, 30 * DAY + MINUTE, 30 * DAY - MINUTE, DAY, datetime.timedelta(0)],
        other: [30 * DAY + MINUTE, 29 * DAY],
    }
    return {
        page: [(submit(page, when=now - age).pk, age > 30 * DAY) for age in page_ages]
        for page, page_ages in ages.items()
    }


def purge(*args):
    output = io.StringIO()
    call_command("purge_old_submissions", *args, stdout=output)
    return output.getvalue()


def test_purge_deletes_exactly_what_is_older_than_the_retention_period(submissions):
    output = purge()
    kept = {pk for rows in submissions.values() for pk, old in rows if not old}
    assert set(FormSubmission.objects.values_list("pk", flat=True)) == kept
    assert "Deleted 4 form submissions older than 30 days" in output
    assert "Deleted 3 from “Request a call-back”." in output
    assert "Deleted 1 from “Request an appointment”." in output


def test_purge_records_the_count_per_form_page_in_the_audit_log(submissions):
    purge()
    entries = {entry.page.title: entry for entry in SubmissionLogEntry.objects.filter(action=audit.PURGED)}
    assert set(entries) == {"Request a call-back", "Request an appointment"}
    call_back = entries["Request a call-back"]
    assert call_back.user is None
    assert (call_back.data["count"], call_back.data["retention_days"]) == (3, 30)
    assert call_back.message == "Purged old form submissions (3, older than 30 days)"
    assert entries["Request an appointment"].data["count"] == 1


def test_the_purge_shows_in_site_history(admin_client, submissions):
    purge()
    content = admin_client.get("/admin/reports/site-history/").content.decode()
    assert "Purged old form submissions (3, older than 30 days)" in content


def test_a_dry_run_deletes_and_records_nothing(submissions):
    output = purge("--dry-run")
    assert FormSubmission.objects.count() == 8
    assert not SubmissionLogEntry.objects.filter(action=audit.PURGED).exists()
    assert "Dry run: would delete 4 form submissions older than 30 days." in output
    assert "Would delete 3 from “Request a call-back”." in output


def test_nothing_old_means_nothing_deleted_or_recorded(form_page):
    submit(form_page)
    assert "No form submissions older than 30 days." in purge()
    assert FormSubmission.objects.count() == 1
    assert not SubmissionLogEntry.objects.filter(action=audit.PURGED).exists()
