"""The notification task: stored with the submission, queued after commit, retried, and visibly failed.

These run with the test settings' immediate task backend (the task runs at once,
inside the request), except where a test says otherwise. The worker, the
database backend and a mail server that never answers are in
test_notifications_worker.py.
"""

import logging
import smtplib
from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend as LocmemEmailBackend
from django_tasks import task_backends

from forms import tasks
from forms.models import FormSubmission
from forms.notifications import SubmissionNotification

from .conftest import submit, user_with_role, valid_call_back_data

pytestmark = pytest.mark.django_db

Status = SubmissionNotification.Status
DISCONNECTED = "SMTPServerDisconnected: Connection unexpectedly closed"  # what FailingEmailBackend raises
TYPED = {"your_name": "Quentin Zebediah-Marchbanks", "message": "I have had suicidal thoughts since my divorce"}


class FlakyEmailBackend(LocmemEmailBackend):
    """A mail server that drops the first `failures` connections, then works."""

    failures = 0

    def send_messages(self, email_messages):
        if FlakyEmailBackend.failures > 0:
            FlakyEmailBackend.failures -= 1
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(email_messages)


def state_of(submission):
    return SubmissionNotification.objects.get(submission=submission)


def test_the_waiting_notification_is_stored_with_the_submission_and_queued_only_after_commit(
    client, form_page, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(form_page.url, valid_call_back_data())
    assert response.status_code == 302
    submission = FormSubmission.objects.get()
    assert state_of(submission).status == Status.PENDING  # in the submission's own transaction
    assert mail.outbox == []
    assert len(callbacks) == 1

    callbacks[0]()  # the commit: the task is queued, and the immediate backend runs it
    [email] = mail.outbox
    assert email.to == ["intake@clinic.example"]
    state = state_of(submission)
    assert (state.status, state.attempts, state.last_error) == (Status.SENT, 1, "")
    assert state.sent_at is not None


def test_the_queued_task_holds_ids_only_never_a_value(client, form_page, settings, django_capture_on_commit_callbacks):
    settings.TASKS = {**settings.TASKS, "notifications": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        client.post(form_page.url, valid_call_back_data(**TYPED))
    submission = FormSubmission.objects.get()
    [queued] = task_backends["notifications"].results
    assert queued.task.module_path == "forms.tasks.send_notification"
    assert (queued.args, queued.kwargs) == ([submission.pk, 1], {})
    assert queued.task.run_after is None  # the first attempt goes at once
    assert mail.outbox == []  # the dummy backend only keeps it
    assert state_of(submission).status == Status.PENDING


def test_a_failed_attempt_is_retried_and_a_recovered_server_sends_the_email_once(
    client, form_page, settings, caplog, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.forms.test_notifications.FlakyEmailBackend"
    FlakyEmailBackend.failures = 2
    with caplog.at_level(logging.INFO), django_capture_on_commit_callbacks(execute=True):
        response = client.post(form_page.url, valid_call_back_data(**TYPED))

    assert response.status_code == 302
    assert len(mail.outbox) == 1
    state = state_of(FormSubmission.objects.get())
    assert (state.status, state.attempts) == (Status.SENT, 3)
    retries = [record for record in caplog.records if record.name == "forms.tasks"]
    assert [record.levelno for record in retries] == [logging.WARNING, logging.WARNING]
    assert "attempt 1 of 5 failed (SMTPServerDisconnected)" in retries[0].getMessage()
    assert not [record for record in caplog.records if record.levelno >= logging.ERROR]


def test_a_notification_that_keeps_failing_ends_failed_and_the_submission_is_kept(
    client, form_page, settings, caplog, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.forms.mail_backends.FailingEmailBackend"
    settings.FORMS_NOTIFICATION_ATTEMPTS = 3
    with caplog.at_level(logging.INFO), django_capture_on_commit_callbacks(execute=True):
        response = client.post(form_page.url, valid_call_back_data(**TYPED), follow=True)

    assert response.status_code == 200
    assert response.redirect_chain == [(f"{form_page.url}thank-you/", 302)]
    submission = FormSubmission.objects.get()
    assert submission.form_data["message"] == TYPED["message"]  # never a lost submission
    state = state_of(submission)
    assert (state.status, state.attempts, state.last_error) == (Status.FAILED, 3, DISCONNECTED)
    assert state.summary() == (
        "Notification failed after 3 attempts (SMTPServerDisconnected: Connection unexpectedly closed): "
        "nobody was emailed about this request."
    )
    [error] = [record for record in caplog.records if record.levelno >= logging.ERROR]
    assert error.name == "forms.notifications" and error.exc_info is None
    assert f"submission {submission.pk} of form page {form_page.pk} after 3 attempt(s)" in error.getMessage()
    logged = "\n".join(record.getMessage() for record in caplog.records)
    for value in TYPED.values():
        assert value not in logged


def test_back_off_waits_four_times_as_long_each_time_up_to_six_hours(settings):
    settings.FORMS_NOTIFICATION_RETRY_SECONDS = 60
    assert [tasks.retry_delay(attempt) for attempt in range(1, 7)] == [
        timedelta(minutes=1),
        timedelta(minutes=4),
        timedelta(minutes=16),
        timedelta(minutes=64),
        timedelta(minutes=256),
        timedelta(hours=6),
    ]
    assert tasks.retry_delay(100) == timedelta(hours=6)  # however many attempts are allowed


def test_a_retry_is_queued_to_run_after_the_back_off(form_page, settings, django_capture_on_commit_callbacks):
    settings.TASKS = {**settings.TASKS, "notifications": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    settings.EMAIL_BACKEND = "tests.forms.mail_backends.FailingEmailBackend"
    submission = submit(form_page)
    SubmissionNotification.objects.create(submission=submission)

    assert tasks.send_notification.call(submission.pk, 1) == "retrying"
    [retry] = task_backends["notifications"].results
    assert (retry.args, retry.kwargs) == ([submission.pk, 2], {})
    state = state_of(submission)
    assert (state.status, state.attempts, state.last_error) == (Status.RETRYING, 1, DISCONNECTED)
    assert retry.task.run_after == state.next_attempt_at
    assert timedelta(seconds=59) < state.next_attempt_at - state.updated_at <= timedelta(seconds=60)


def test_a_form_without_notify_addresses_queues_nothing(client, form_page, django_capture_on_commit_callbacks):
    form_page.to_address = ""
    form_page.save()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        client.post(form_page.url, valid_call_back_data())
    assert callbacks == []
    assert not SubmissionNotification.objects.exists()
    assert FormSubmission.objects.count() == 1


def test_a_submission_deleted_before_its_turn_is_not_notified(client, form_page, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(form_page.url, valid_call_back_data())
    FormSubmission.objects.all().delete()  # e.g. by intake staff, or the purge
    assert not SubmissionNotification.objects.exists()
    callbacks[0]()
    assert mail.outbox == []


def test_when_the_queue_refuses_the_visitor_still_gets_the_thank_you_page(
    client, form_page, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    def refuse(*args, **kwargs):
        raise RuntimeError("the task queue is unavailable")

    monkeypatch.setattr(tasks, "queue", refuse)
    with caplog.at_level(logging.INFO), django_capture_on_commit_callbacks(execute=True):
        response = client.post(form_page.url, valid_call_back_data(), follow=True)
    assert response.redirect_chain == [(f"{form_page.url}thank-you/", 302)]
    state = state_of(FormSubmission.objects.get())
    assert (state.status, state.attempts) == (Status.FAILED, 0)
    assert state.last_error == "RuntimeError: the task queue is unavailable"
    assert [record.name for record in caplog.records if record.levelno >= logging.ERROR] == ["forms.notifications"]


def test_a_settled_notification_is_not_sent_again(form_page):
    submission = submit(form_page)
    SubmissionNotification.objects.create(submission=submission, status=Status.SENT, attempts=1)
    assert tasks.send_notification.call(submission.pk, 1) == Status.SENT
    assert mail.outbox == []


def test_intake_staff_see_a_failed_notification_in_the_inbox_and_on_the_submission(client, form_page):
    failed = submit(form_page, your_name="Failed Person")
    SubmissionNotification.objects.create(
        submission=failed, status=Status.FAILED, attempts=5, last_error="TimeoutError"
    )
    sent = submit(form_page, your_name="Sent Person")
    SubmissionNotification.objects.create(submission=sent, status=Status.SENT, attempts=1)
    client.force_login(user_with_role("intake"))

    one = client.get(f"/admin/forms/submissions/{form_page.pk}/{failed.pk}/").content.decode()
    assert 'data-notification-state="failed"' in one
    assert "Notification failed after 5 attempts (TimeoutError): nobody was emailed about this request." in one
    other = client.get(f"/admin/forms/submissions/{form_page.pk}/{sent.pk}/").content.decode()
    assert 'data-notification-state="sent"' in other

    listing = client.get(f"/admin/forms/submissions/{form_page.pk}/")
    headings = [heading["label"] for heading in listing.context["data_headings"]]
    assert headings[-1] == "Notification"
    cells = {row["model_id"]: row["fields"][-1] for row in listing.context["data_rows"]}
    assert cells == {failed.pk: "Failed", sent.pk: "Sent"}
