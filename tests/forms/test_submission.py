"""A valid submission: stored, notified without values after commit, redirected to the thank-you view."""

import logging

import pytest
from django.core import mail

from forms.models import FormSubmission
from forms.notifications import Notification, send

from .conftest import soup_of, valid_call_back_data

pytestmark = pytest.mark.django_db

# Values a visitor might type that must never appear in an email or a log line.
SECRET_VALUES = {
    "your_name": "Quentin Zebediah-Marchbanks",
    "phone_number": "+1 (555) 019-4321",
    "message": "I have had suicidal thoughts since my divorce",
}


def post(client, page, data):
    return client.post(page.url, data)


def test_valid_submission_is_stored_and_redirected_to_the_thank_you_view(client, form_page):
    response = post(client, form_page, valid_call_back_data())
    assert response.status_code == 302
    assert response["Location"] == f"{form_page.url}thank-you/"
    submission = FormSubmission.objects.get(page=form_page)
    assert submission.form_data == {
        "your_name": "Alex Rivera",
        "phone_number": "(555) 010-7788",
        "best_time_to_call": "Mornings",
        "may_we_leave_a_voicemail": "No",
        "message": "Please call after 10.",
        "_consent": True,
    }
    assert not set(submission.form_data) & {"_started", "_website", "csrfmiddlewaretoken"}


def test_thank_you_view_shows_the_thank_you_text_and_reloading_it_sends_nothing(client, form_page):
    response = client.post(form_page.url, valid_call_back_data(), follow=True)
    assert response.redirect_chain == [(f"{form_page.url}thank-you/", 302)]
    assert "we will call you back within one working day" in response.content.decode()
    assert soup_of(response).find("meta", attrs={"name": "robots", "content": "noindex"})
    emails = len(mail.outbox)

    for _ in range(2):  # the visitor reloads the page
        again = client.get(f"{form_page.url}thank-you/")
        assert again.status_code == 200
    assert FormSubmission.objects.count() == 1
    assert len(mail.outbox) == emails


def test_notification_is_sent_only_after_the_submission_is_committed(
    client, form_page, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        post(client, form_page, valid_call_back_data())
        assert FormSubmission.objects.count() == 1
        assert mail.outbox == []  # nothing sent inside the transaction
    assert len(callbacks) == 1
    callbacks[0]()
    assert len(mail.outbox) == 1


def test_notification_names_the_form_and_links_to_the_submission_but_carries_no_value(
    client, form_page, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post(client, form_page, valid_call_back_data(**SECRET_VALUES))
    submission = FormSubmission.objects.get()
    [email] = mail.outbox
    assert email.to == ["intake@clinic.example"]
    assert "Request a call-back" in email.subject
    assert "Request a call-back" in email.body
    assert f"http://testserver/admin/forms/submissions/{form_page.pk}/{submission.pk}/" in email.body
    everything = "\n".join([email.subject, email.body, *(f"{k}: {v}" for k, v in email.message().items())])
    for value in (*SECRET_VALUES.values(), "Mornings", "010-7788", "019-4321", "Quentin", "divorce"):
        assert value not in everything, value
    assert not email.attachments


def test_no_email_without_recipients(client, form_page, django_capture_on_commit_callbacks):
    form_page.to_address = ""
    form_page.save()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        post(client, form_page, valid_call_back_data())
    assert callbacks == []
    assert mail.outbox == []
    assert FormSubmission.objects.count() == 1


def test_a_failing_mail_server_loses_nothing_and_logs_no_value(
    client, form_page, settings, caplog, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.forms.mail_backends.FailingEmailBackend"
    with caplog.at_level(logging.INFO), django_capture_on_commit_callbacks(execute=True):
        response = client.post(form_page.url, valid_call_back_data(**SECRET_VALUES), follow=True)

    assert response.status_code == 200
    assert response.redirect_chain == [(f"{form_page.url}thank-you/", 302)]
    submission = FormSubmission.objects.get(page=form_page)
    assert submission.form_data["message"] == SECRET_VALUES["message"]
    failures = [record for record in caplog.records if record.name == "forms.notifications"]
    assert len(failures) == 1 and failures[0].levelno == logging.ERROR
    assert failures[0].exc_info is None  # no traceback, so no frame holding the submission
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert f"submission {submission.pk}" in logged
    for value in SECRET_VALUES.values():
        assert value not in logged


def test_send_reports_failure_instead_of_raising(form_page, settings):
    settings.EMAIL_BACKEND = "tests.forms.mail_backends.FailingEmailBackend"
    submission = FormSubmission.objects.create(page=form_page, form_data={"your_name": "A"})
    assert send(Notification.for_submission(form_page, submission)) is False


def test_editors_subject_and_sender_are_used(form_page):
    form_page.subject = "New call-back"
    form_page.from_address = "website@clinic.example"
    form_page.to_address = "a@clinic.example, b@clinic.example"
    submission = FormSubmission.objects.create(page=form_page, form_data={})
    assert send(Notification.for_submission(form_page, submission)) is True
    [email] = mail.outbox
    assert (email.subject, email.from_email, email.to) == (
        "New call-back",
        "website@clinic.example",
        ["a@clinic.example", "b@clinic.example"],
    )


def test_wagtails_value_listing_email_is_never_used(form_page):
    with pytest.raises(NotImplementedError):
        form_page.send_mail(form=None)
