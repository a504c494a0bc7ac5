"""Every look at submissions is in Wagtail's audit log, against the form page, with the user, the time, counts and ids."""

import datetime
import json

import pytest
from django.utils import timezone
from wagtail.models import PageLogEntry

from forms import audit
from forms.models import SubmissionLogEntry

from .conftest import submit, user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def intake(client):
    user = user_with_role("intake")
    client.force_login(user)
    return user


@pytest.fixture
def three_submissions(form_page):
    return [
        submit(form_page, your_name="Old Patientname", when=timezone.now() - datetime.timedelta(days=10)),
        submit(form_page, your_name="New Patientname"),
        submit(form_page, your_name="Newer Patientname"),
    ]


def entries(action):
    return list(SubmissionLogEntry.objects.filter(action=action).order_by("timestamp", "pk"))


def listing_url(page):
    return f"/admin/forms/submissions/{page.pk}/"


def test_viewing_a_listing_is_recorded_with_user_time_and_counts(client, intake, form_page, three_submissions):
    before = timezone.now()
    client.get(listing_url(form_page))
    client.get(listing_url(form_page), {"date_from": timezone.localdate().isoformat()})
    first, filtered = entries(audit.VIEWED)
    old, new, newer = (submission.pk for submission in three_submissions)
    assert (first.page_id, first.user) == (form_page.pk, intake)
    assert (first.data["shown"], first.data["total"], sorted(first.data["submission_ids"])) == (3, 3, [old, new, newer])
    assert first.timestamp >= before
    assert (filtered.data["shown"], filtered.data["total"], sorted(filtered.data["submission_ids"])) == (
        2,
        2,
        [new, newer],
    )
    assert first.message == "Viewed form submissions (3 of 3 rows)"


@pytest.mark.parametrize(("export_format", "label"), [("csv", "CSV"), ("xlsx", "XLSX")])
def test_an_export_is_recorded_with_its_format_and_row_count(
    client, intake, form_page, three_submissions, export_format, label
):
    response = client.get(listing_url(form_page), {"export": export_format})
    assert response.status_code == 200
    client.get(listing_url(form_page), {"export": export_format, "date_from": timezone.localdate().isoformat()})
    everything, filtered = entries(audit.EXPORTED)
    assert everything.user == intake
    everyone = sorted(submission.pk for submission in three_submissions)
    assert everything.data == {"format": export_format, "rows": 3, "submission_ids": everyone}
    assert filtered.data["submission_ids"] == everyone[1:]
    assert everything.message == f"Exported form submissions ({label}, 3 rows)"
    assert filtered.message == f"Exported form submissions ({label}, 2 rows)"
    assert not entries(audit.VIEWED)  # an export is recorded as an export only


def test_deleting_is_recorded_with_the_count_and_ids(client, intake, form_page, three_submissions):
    chosen = sorted(submission.pk for submission in three_submissions[:2])
    url = f"{listing_url(form_page)}delete/?" + "&".join(f"selected-submissions={pk}" for pk in chosen)
    client.get(url)  # the confirmation page deletes nothing and records nothing
    assert not entries(audit.DELETED)
    client.post(url)
    (entry,) = entries(audit.DELETED)
    assert (entry.user, entry.data) == (intake, {"count": 2, "submission_ids": chosen})
    assert entry.message == "Deleted form submissions (2)"
    assert form_page.get_submissions().count() == 1


def test_viewing_one_submission_is_recorded(client, intake, form_page, three_submissions):
    submission = three_submissions[1]
    client.get(f"{listing_url(form_page)}{submission.pk}/")
    (entry,) = entries(audit.VIEWED_ONE)
    assert (entry.user, entry.data) == (intake, {"submission_id": submission.pk})
    assert entry.message == f"Viewed form submission {submission.pk}"


def test_a_refused_look_records_nothing(client, form_page, three_submissions):
    client.force_login(user_with_role("editor"))
    client.get(listing_url(form_page))
    client.get(listing_url(form_page), {"export": "csv"})
    assert not SubmissionLogEntry.objects.exists()


def test_the_log_holds_no_submitted_value(client, intake, form_page, three_submissions):
    client.get(listing_url(form_page))
    client.get(listing_url(form_page), {"export": "csv"})
    client.get(f"{listing_url(form_page)}{three_submissions[0].pk}/")
    client.post(f"{listing_url(form_page)}delete/?selected-submissions={three_submissions[0].pk}")
    logged = SubmissionLogEntry.objects.all()
    assert logged.count() == 4
    assert not PageLogEntry.objects.filter(action__startswith="forms.").exists()  # never in the page's history
    text = json.dumps([[entry.label, entry.data, entry.message] for entry in logged])
    assert "Patientname" not in text and "555" not in text


def test_the_admin_shows_the_entries_in_site_history(admin_client, client, intake, form_page, three_submissions):
    client.get(listing_url(form_page))
    client.get(listing_url(form_page), {"export": "csv"})
    client.post(f"{listing_url(form_page)}delete/?selected-submissions={three_submissions[0].pk}")
    content = admin_client.get("/admin/reports/site-history/").content.decode()
    for message in (
        "Viewed form submissions (3 of 3 rows)",
        "Exported form submissions (CSV, 3 rows)",
        "Deleted form submissions (1)",
    ):
        assert message in content, message
    # The actions can be picked in Site history's filter.
    filtered = admin_client.get("/admin/reports/site-history/", {"action": audit.EXPORTED}).content.decode()
    assert "Exported form submissions (CSV, 3 rows)" in filtered
    assert "Viewed form submissions (3 of 3 rows)" not in filtered
