"""Triage of every request: status, assignee, urgency, archive and encrypted notes, each change audited.

Intake staff work from the intake inbox (every open request across all forms,
urgent first, then newest, with filters and a bulk status change) and the
one-submission page; the dashboard panel shows what waits. Anyone else who
tries a triage change gets 403, and the refusal is recorded.
"""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.utils import timezone

from forms import audit
from forms.models import FormSubmission, SubmissionLogEntry, SubmissionNote

from .conftest import submit, user_with_role

pytestmark = pytest.mark.django_db

INBOX = "/admin/intake/"


def detail(submission):
    return f"/admin/forms/submissions/{submission.page_id}/{submission.pk}/"


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def rows(response):
    table = soup(response).select_one("table.intake-inbox tbody")
    return [] if table is None else table.find_all("tr")


def row_names(response):
    return [row.select_one(".intake-requester").get_text(strip=True) for row in rows(response)]


def entries(action):
    return list(SubmissionLogEntry.objects.filter(action=action).order_by("timestamp", "id"))


@pytest.fixture
def intake(client):
    user = user_with_role("intake")
    user.first_name, user.last_name = "Ida", "Intake"
    user.save()
    client.force_login(user)
    return user


def second_form(home_page):
    from tests.factories.forms import FormFieldFactory, FormPageFactory

    page = FormPageFactory(parent=home_page, title="Second form", slug="second-form")
    FormFieldFactory(page=page, label="Your name", field_type="singleline", autocomplete="name")
    return page


def ago(**kwargs):
    return timezone.now() - datetime.timedelta(**kwargs)


# --- The inbox ---------------------------------------------------------------------


def test_inbox_lists_open_requests_of_every_form_urgent_first_then_newest(client, intake, form_page, home_page):
    other_form = second_form(home_page)
    old = submit(form_page, when=ago(days=3), your_name="Old Olive")
    new = submit(other_form, when=ago(hours=1), your_name="New Nadia")
    urgent = submit(form_page, when=ago(days=2), your_name="Urgent Uma")
    FormSubmission.objects.filter(pk=urgent.pk).update(urgent=True, urgent_source="crisis_phrase")
    closed = submit(form_page, your_name="Closed Carl")
    FormSubmission.objects.filter(pk=closed.pk).update(status="closed")
    archived = submit(form_page, your_name="Archived Ari")
    FormSubmission.objects.filter(pk=archived.pk).update(archived_at=timezone.now())

    response = client.get(INBOX)

    assert response.status_code == 200
    assert row_names(response) == ["Urgent Uma", "New Nadia", "Old Olive"]
    first = rows(response)[0]
    assert "Urgent" in first.select_one(".intake-urgency").get_text()
    assert first.select_one(".intake-requester a")["href"] == detail(urgent)
    # Each listing shown is recorded per form, with the ids shown.
    viewed = {entry.page_id: entry.data["submission_ids"] for entry in entries(audit.VIEWED)}
    assert viewed == {form_page.pk: [urgent.pk, old.pk], other_form.pk: [new.pk]}
    assert old and new


def test_inbox_filters(client, intake, form_page, home_page):
    other_form = second_form(home_page)
    a = submit(form_page, your_name="Ann", when=ago(days=10))
    b = submit(other_form, your_name="Bob")
    c = submit(form_page, your_name="Cy")
    FormSubmission.objects.filter(pk=b.pk).update(status="contacted", assignee=intake, source_page=home_page)
    FormSubmission.objects.filter(pk=c.pk).update(status="closed")

    assert row_names(client.get(INBOX, {"status": "contacted"})) == ["Bob"]
    assert row_names(client.get(INBOX, {"assignee": intake.pk})) == ["Bob"]
    assert row_names(client.get(INBOX, {"assignee": "null"})) == ["Ann"]
    assert row_names(client.get(INBOX, {"page": other_form.pk})) == ["Bob"]
    assert row_names(client.get(INBOX, {"source_page": home_page.pk})) == ["Bob"]
    since = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    assert row_names(client.get(INBOX, {"submit_time_from": since})) == ["Bob"]
    assert row_names(client.get(INBOX, {"show": "all"})) == ["Cy", "Bob", "Ann"]
    assert row_names(client.get(INBOX, {"show": "all", "status": "closed"})) == ["Cy"]
    # A filter value that makes no sense is a listing without that filter, never a 500.
    assert client.get(INBOX, {"assignee": "nobody", "page": "x", "submit_time_from": "soon"}).status_code == 200
    assert a


def test_inbox_query_count_does_not_grow_with_requests(client, intake, form_page):
    from django.test.utils import CaptureQueriesContext

    def queries_for_inbox():
        with CaptureQueriesContext(connection) as context:
            response = client.get(INBOX)
        return len(context.captured_queries), len(rows(response))

    for index in range(3):
        submit(form_page, your_name=f"Person {index}")
    client.get(INBOX)  # the session's first request records when it was last used; later ones within a minute do not
    few, shown = queries_for_inbox()
    assert shown == 3
    for index in range(3, 30):
        submit(form_page, your_name=f"Person {index}")
    many, shown = queries_for_inbox()
    assert shown == 30
    assert many == few <= 30


def test_nobody_else_sees_the_inbox(client, form_page):
    submit(form_page)
    client.force_login(user_with_role("editor"))
    assert client.get(INBOX).status_code == 403
    assert client.get("/admin/").content.count(b"Intake inbox") == 0


# --- One request's triage ----------------------------------------------------------


def test_status_assignee_and_urgency_are_saved_and_audited(client, intake, form_page):
    submission = submit(form_page)

    response = client.post(
        detail(submission), {"action": "triage", "status": "contacted", "assignee": intake.pk, "urgent": "on"}
    )

    assert response.status_code == 302
    submission.refresh_from_db()
    assert (submission.status, submission.assignee, submission.urgent, submission.urgent_source) == (
        "contacted",
        intake,
        True,
        "staff",
    )
    status, assigned, urgency = entries(audit.STATUS_CHANGED), entries(audit.ASSIGNED), entries(audit.URGENCY_CHANGED)
    assert [entry.data for entry in status] == [{"submission_id": submission.pk, "from": "New", "to": "Contacted"}]
    assert assigned[0].data == {"submission_id": submission.pk, "assignee_id": intake.pk, "assignee": "Ida Intake"}
    assert urgency[0].data == {"submission_id": submission.pk, "urgent": True}
    assert {entry.user_id for entry in status + assigned + urgency} == {intake.pk}
    assert status[0].message == f"Changed the status of form submission {submission.pk} from New to Contacted"

    # Clearing the flag by hand is recorded too; saving unchanged records nothing.
    client.post(detail(submission), {"action": "triage", "status": "contacted", "assignee": intake.pk})
    client.post(detail(submission), {"action": "triage", "status": "contacted", "assignee": intake.pk})
    submission.refresh_from_db()
    assert not submission.urgent
    assert [entry.data["urgent"] for entry in entries(audit.URGENCY_CHANGED)] == [True, False]
    assert len(entries(audit.STATUS_CHANGED)) == 1


def test_a_note_is_encrypted_and_its_text_never_audited(client, intake, form_page):
    submission = submit(form_page)
    secret = "Called back, she is safe with her sister tonight."

    client.post(detail(submission), {"action": "note", "text": secret})

    note = SubmissionNote.objects.get()
    assert (note.text, note.author, note.submission) == (secret, intake, submission)
    with connection.cursor() as cursor:
        cursor.execute("SELECT text FROM forms_submissionnote")
        stored = cursor.fetchone()[0]
    assert "sister" not in stored
    (entry,) = entries(audit.NOTE_ADDED)
    assert entry.data == {"submission_id": submission.pk, "note_id": note.pk}
    assert "sister" not in str(SubmissionLogEntry.objects.values_list("data", flat=True))
    page = client.get(detail(submission))
    note_item = soup(page).select_one(".intake-note")
    assert secret in note_item.get_text() and "Ida Intake" in note_item.get_text()


def test_bad_triage_input_is_refused_and_keeps_what_was_typed(client, intake, form_page):
    submission = submit(form_page)
    too_long = "x" * (SubmissionNote.MAX_LENGTH + 1)

    response = client.post(detail(submission), {"action": "note", "text": too_long})
    assert response.status_code == 200
    assert "at most 2000 characters" in response.content.decode()
    assert soup(response).select_one("textarea[name=text]").get_text().strip() == too_long
    assert client.post(detail(submission), {"action": "note", "text": "   "}).status_code == 200
    response = client.post(detail(submission), {"action": "triage", "status": "cured", "assignee": "999999"})
    assert response.status_code == 200
    assert client.post(detail(submission), {"action": "dance"}).status_code == 400
    assert SubmissionNote.objects.count() == 0
    submission.refresh_from_db()
    assert submission.status == "new"
    assert not SubmissionLogEntry.objects.filter(action__startswith="forms.triage.").exists()


def test_archive_takes_a_request_out_of_the_inbox_and_restore_brings_it_back(client, intake, form_page):
    submission = submit(form_page, your_name="Ari")
    client.post(detail(submission), {"action": "archive"})
    assert row_names(client.get(INBOX)) == []
    assert row_names(client.get(INBOX, {"show": "archived"})) == ["Ari"]
    client.post(detail(submission), {"action": "restore"})
    assert row_names(client.get(INBOX)) == ["Ari"]
    assert [entry.data["archived"] for entry in entries(audit.ARCHIVED)] == [True, False]
    assert FormSubmission.objects.filter(pk=submission.pk).exists()


@pytest.mark.parametrize("role", ["editor", "reviewer", "moderator"])
def test_a_triage_change_by_someone_who_may_not_read_is_403_and_recorded(client, form_page, role):
    submission = submit(form_page)
    user = user_with_role(role)
    client.force_login(user)

    for data in ({"action": "triage", "status": "closed"}, {"action": "note", "text": "hi"}, {"action": "archive"}):
        assert client.post(detail(submission), data).status_code == 403

    submission.refresh_from_db()
    assert (submission.status, submission.archived_at, submission.notes.count()) == ("new", None, 0)
    denied = entries(audit.TRIAGE_DENIED)
    assert [(entry.user_id, entry.data) for entry in denied] == [(user.pk, {"submission_id": submission.pk})] * 3
    # Only looking is not a change: a GET is refused without a triage entry.
    assert client.get(detail(submission)).status_code == 403
    assert len(entries(audit.TRIAGE_DENIED)) == 3


def test_phone_and_email_are_tap_to_call_and_mail(client, intake, form_page):
    from tests.factories.forms import FormFieldFactory

    FormFieldFactory(page=form_page, label="Email", field_type="email", required=False, sort_order=9)
    submission = submit(form_page, phone_number="(555) 010-7788", email="alex@example.com")
    page = soup(client.get(detail(submission)))
    assert page.select_one('a[href="tel:5550107788"]').get_text() == "(555) 010-7788"
    assert page.select_one('a[href="mailto:alex@example.com"]').get_text() == "alex@example.com"


def test_the_source_page_is_shown(client, intake, form_page, home_page):
    submission = submit(form_page)
    FormSubmission.objects.filter(pk=submission.pk).update(source_page=home_page)
    link = soup(client.get(detail(submission))).select_one("[data-source-page]")
    assert link.get_text() == home_page.title


# --- Bulk status change -------------------------------------------------------------


def bulk_url(*submissions, next_url=INBOX):
    ids = "&".join(f"id={submission.pk}" for submission in submissions)
    return f"/admin/bulk/forms/formsubmission/change_status/?next={next_url}&{ids}"


def test_bulk_status_change(client, intake, form_page):
    first, second, third = (submit(form_page, your_name=name) for name in ("Ann", "Bob", "Cy"))

    confirm = client.get(bulk_url(first, second))
    assert confirm.status_code == 200
    assert "Ann" in confirm.content.decode() and "Bob" in confirm.content.decode()
    response = client.post(bulk_url(first, second), {"status": "closed"})

    assert response.status_code == 302
    assert list(FormSubmission.objects.order_by("pk").values_list("status", flat=True)) == ["closed", "closed", "new"]
    assert sorted(entry.data["submission_id"] for entry in entries(audit.STATUS_CHANGED)) == [first.pk, second.pk]
    assert row_names(client.get(INBOX)) == ["Cy"]
    assert third


def test_bulk_status_change_by_someone_who_may_not_read_is_403_and_recorded(client, form_page):
    submission = submit(form_page)
    client.force_login(user_with_role("editor"))
    assert client.post(bulk_url(submission), {"status": "closed"}).status_code == 403
    submission.refresh_from_db()
    assert submission.status == "new"
    assert [entry.data for entry in entries(audit.TRIAGE_DENIED)] == [{"submission_id": submission.pk}]


# --- The dashboard panel -------------------------------------------------------------


def test_dashboard_panel_for_intake_staff(client, intake, form_page):
    submit(form_page, your_name="Waiting Walt", when=ago(days=2, hours=1))
    urgent = submit(form_page, your_name="Urgent Uma", when=ago(hours=2))
    FormSubmission.objects.filter(pk=urgent.pk).update(urgent=True)
    contacted = submit(form_page, your_name="Called Cleo")
    FormSubmission.objects.filter(pk=contacted.pk).update(status="contacted")

    panel = soup(client.get("/admin/")).select_one(".intake-panel")

    assert panel.select_one("[data-intake-count=urgent]").get_text() == "1"
    assert panel.select_one("[data-intake-count=new]").get_text() == "2"
    assert panel.select_one("[data-intake-oldest]").get_text().startswith("2\xa0days")
    names = [row.select_one("a").get_text() for row in panel.select("tbody tr")]
    assert names == ["Urgent Uma", "Called Cleo", "Waiting Walt"]
    assert panel.select_one("tbody tr a")["href"] == detail(urgent)


def test_no_dashboard_panel_for_editors(client, form_page):
    submit(form_page)
    client.force_login(user_with_role("editor"))
    assert soup(client.get("/admin/")).select_one(".intake-panel") is None


def test_a_failing_crisis_phrase_check_still_stores_the_request_marked_urgent(client, form_page, monkeypatch, caplog):
    from forms.crisis import CrisisPhrases

    from .conftest import valid_call_back_data

    def broken(self):
        raise RuntimeError("the settings table is locked")

    monkeypatch.setattr(CrisisPhrases, "phrase_list", broken)
    response = client.post(form_page.url, valid_call_back_data(message="Please call after 10."))

    assert response.status_code == 302
    submission = FormSubmission.objects.get()
    assert submission.urgent and submission.form_data["message"] == "Please call after 10."
    assert "RuntimeError" in caplog.text and "after 10" not in caplog.text


def test_filters_that_make_no_sense_keep_the_open_default(client, intake, form_page):
    submit(form_page, your_name="Open Ona")
    closed = submit(form_page, your_name="Closed Carl")
    FormSubmission.objects.filter(pk=closed.pk).update(status="closed")
    for params in ({"status": "bogus"}, {"assignee": "999999"}, {"show": "everything"}, {"page": "²"}):
        response = client.get(INBOX, params)
        assert response.status_code == 200, params
        assert row_names(response) == ["Open Ona"], params


def test_bulk_ids_that_are_not_ids_never_give_a_500(client, intake, form_page):
    submission = submit(form_page)
    for junk in ("abc", "²", str(2**70), "-1", ""):
        url = f"/admin/bulk/forms/formsubmission/change_status/?next={INBOX}&id={junk}&id={submission.pk}"
        assert client.get(url).status_code == 200, junk
    client.force_login(user_with_role("editor"))
    assert client.post(f"/admin/bulk/forms/formsubmission/change_status/?id=²&id={2**70}", {}).status_code == 403


def test_a_refused_bulk_change_is_one_entry_per_form(client, form_page):
    submissions = [submit(form_page) for _ in range(5)]
    client.force_login(user_with_role("editor"))
    assert client.post(bulk_url(*submissions), {"status": "closed"}).status_code == 403
    (entry,) = entries(audit.TRIAGE_DENIED)
    assert entry.data == {"submission_ids": sorted(s.pk for s in submissions), "count": 5}


def test_the_dashboard_panel_and_the_bulk_confirmation_record_whom_they_show(client, intake, form_page):
    first, second = submit(form_page), submit(form_page)
    client.get("/admin/")
    (entry,) = entries(audit.VIEWED)
    assert sorted(entry.data["submission_ids"]) == [first.pk, second.pk]
    client.get(bulk_url(first))
    assert entries(audit.VIEWED)[-1].data["submission_ids"] == [first.pk]


def test_the_inbox_works_with_a_second_authentication_backend(client, intake, form_page, settings):
    settings.AUTHENTICATION_BACKENDS = [
        "django.contrib.auth.backends.ModelBackend",
        "django.contrib.auth.backends.AllowAllUsersModelBackend",
    ]
    submission = submit(form_page)
    assert client.get(INBOX).status_code == 200
    assert client.get(detail(submission)).status_code == 200


def test_a_private_page_is_never_named_as_the_source(client, form_page, home_page):
    from wagtail.models import PageViewRestriction

    from tests.factories.home import StandardPageFactory

    from .conftest import valid_call_back_data

    private = StandardPageFactory(parent=home_page, title="Private staff page", slug="private")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    response = client.post(form_page.url, valid_call_back_data(your_name="", _source_page=str(private.pk)))
    assert response.status_code == 200
    assert "Private staff page" not in response.content.decode()
    client.post(form_page.url, valid_call_back_data(_source_page=str(private.pk)))
    assert FormSubmission.objects.get().source_page is None
