"""Overdue reviews are seen: the report "Medical pages by review date", the reviewers' dashboard panel, the reminder."""

import csv
import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from tests.factories import (
    BlogIndexPageFactory,
    BlogPageFactory,
    ConditionIndexPageFactory,
    ConditionPageFactory,
    StandardPageFactory,
    TreatmentIndexPageFactory,
    TreatmentPageFactory,
    clinical_reviewer,
    member_of,
)

pytestmark = pytest.mark.django_db

REPORT = "/admin/reports/medical-reviews/"


def days_from_today(days):
    return timezone.localdate() + datetime.timedelta(days=days)


@pytest.fixture
def medical_pages(home_page):
    """An overdue treatment, a condition due in ten days, an article reviewed for a year, a standard page."""
    treatments = TreatmentIndexPageFactory(parent=home_page)
    conditions = ConditionIndexPageFactory(parent=home_page)
    blog = BlogIndexPageFactory(parent=home_page)
    StandardPageFactory(parent=home_page, title="About us")
    return {
        "overdue": TreatmentPageFactory(
            parent=treatments,
            title="Overdue treatment",
            last_reviewed=days_from_today(-400),
            next_review_due=days_from_today(-35),
        ),
        "soon": ConditionPageFactory(
            parent=conditions,
            title="Condition due soon",
            last_reviewed=days_from_today(-355),
            next_review_due=days_from_today(10),
        ),
        "current": BlogPageFactory(
            parent=blog,
            title="Current article",
            last_reviewed=days_from_today(-10),
            next_review_due=days_from_today(355),
        ),
    }


def exported_rows(client, query=""):
    response = client.get(f"{REPORT}?export=csv{query}")
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8"))))


@pytest.mark.parametrize("group_name", ["Editors", "Clinical reviewers"])
def test_editors_and_reviewers_see_every_medical_page_soonest_review_first(client, medical_pages, group_name):
    client.force_login(member_of(group_name))
    rows = exported_rows(client)
    assert rows[0] == ["Page", "Type", "Review", "Next review due", "Last reviewed", "Reviewed by"]
    assert [(row[0], row[1], row[2]) for row in rows[1:]] == [
        ("Overdue treatment", "Treatment page", "Overdue"),
        ("Condition due soon", "Condition page", "Due soon"),
        ("Current article", "Article", "Current"),
    ]
    page = client.get(REPORT)
    assert page.status_code == 200
    assert "Overdue treatment" in page.content.decode() and "About us" not in page.content.decode()
    due = medical_pages["overdue"].next_review_due
    # The review dates as days, not Wagtail's "1 month ago".
    assert f'<time datetime="{due:%Y-%m-%d}">{due.day} {due:%B %Y}</time>' in page.content.decode()


def test_filters_overdue_and_due_soon_and_sorts_by_any_date(admin_client, medical_pages):
    assert [row[0] for row in exported_rows(admin_client, "&due=overdue")[1:]] == ["Overdue treatment"]
    assert [row[0] for row in exported_rows(admin_client, "&due=soon")[1:]] == [
        "Overdue treatment",
        "Condition due soon",
    ]
    latest_first = exported_rows(admin_client, "&ordering=-next_review_due")[1:]
    assert [row[0] for row in latest_first] == ["Current article", "Condition due soon", "Overdue treatment"]


def test_the_xlsx_export_opens(admin_client, medical_pages):
    response = admin_client.get(f"{REPORT}?export=xlsx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")


def test_intake_staff_do_not_get_the_report_or_its_menu_item(client, medical_pages):
    client.force_login(member_of("Intake staff"))
    response = client.get(REPORT)
    assert response.status_code != 200
    assert "Overdue treatment" not in client.get(REPORT, follow=True).content.decode()
    assert "Medical pages by review date" not in client.get("/admin/").content.decode()


def test_reviewers_dashboard_lists_what_is_due_and_editors_dashboard_does_not(client, medical_pages):
    client.force_login(member_of("Clinical reviewers"))
    dashboard = client.get("/admin/").content.decode()
    assert "Medical reviews due" in dashboard
    assert "Overdue treatment" in dashboard and "Condition due soon" in dashboard
    assert "Current article" not in dashboard
    assert f"/admin/pages/{medical_pages['overdue'].pk}/edit/" in dashboard

    client.force_login(member_of("Editors"))
    assert "Medical reviews due" not in client.get("/admin/").content.decode()


def test_the_reminder_emails_each_reviewer_titles_and_links_only(medical_pages):
    reviewers = [member_of("Clinical reviewers", email=f"reviewer{n}@clinic.example") for n in range(2)]
    member_of("Editors", email="editor@clinic.example")
    call_command("remind_due_reviews", stdout=io.StringIO())
    assert sorted(message.to[0] for message in mail.outbox) == sorted(user.email for user in reviewers)
    body = mail.outbox[0].body
    assert "Overdue treatment (overdue since" in body and "Condition due soon (due" in body
    assert "Current article" not in body
    assert f"/admin/pages/{medical_pages['overdue'].pk}/edit/" in body
    assert medical_pages["overdue"].summary not in body  # titles and links, not the page's content


def test_each_reviewer_is_reminded_of_the_pages_they_reviewed_and_everyone_of_the_unclaimed(medical_pages):
    """A page goes to the reviewer who last signed it; one nobody active can claim goes to every reviewer."""
    marsh, okoro = (clinical_reviewer(email=f"{name}@clinic.example") for name in ("marsh", "okoro"))
    for page, reviewer in ((medical_pages["overdue"], marsh), (medical_pages["current"], okoro)):
        page.reviewed_by = reviewer.clinician
        page.save_revision().publish()
    call_command("remind_due_reviews", stdout=io.StringIO())
    bodies = {message.to[0]: message.body for message in mail.outbox}
    assert set(bodies) == {"marsh@clinic.example", "okoro@clinic.example"}
    assert "Overdue treatment" in bodies["marsh@clinic.example"]
    assert "Overdue treatment" not in bodies["okoro@clinic.example"]
    # The condition's reviewer has no account: both are told.
    assert all("Condition due soon" in body for body in bodies.values())
    assert "Current article" not in bodies["okoro@clinic.example"]

    okoro.is_active = False  # gone: nobody left to claim the pages she signed, so the rest are told
    okoro.save()
    clinician = marsh.clinician  # and Dr Marsh's page is unclaimed too: her profile lost its account
    clinician.user = None
    clinician.save()
    mail.outbox.clear()
    call_command("remind_due_reviews", stdout=io.StringIO())
    assert [message.to[0] for message in mail.outbox] == ["marsh@clinic.example"]
    assert "Overdue treatment" in mail.outbox[0].body


def test_the_reminder_sends_nothing_when_nothing_is_due(home_page):
    member_of("Clinical reviewers", email="reviewer@clinic.example")
    output = io.StringIO()
    call_command("remind_due_reviews", stdout=output)
    assert mail.outbox == []
    assert "no reminder sent" in output.getvalue()
