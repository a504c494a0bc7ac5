"""A hung mail server never holds up a visitor: the database task backend, a real worker, real SMTP servers.

The mail servers listen on loopback: `Hung` (bench/mail_server.py, shared with `make bench`) accepts connections and
never says a word (not even the greeting), like the one in the issue that held
every visitor for the whole timeout; `HealthySMTPServer` is aiosmtpd, a real SMTP
server, keeping what it is sent. The task backend is django-tasks-db, as in
development and production, and the worker is its own `db_worker` command, run
in batch mode (it exits when nothing is ready).

These tests commit for real (the worker reads what the request committed), so
they are transactional. Times are not asserted: how promptly the page answers
under a hung mail server is measured by `make bench`.
"""

import email
import email.policy
import io
import logging
import signal
import socket

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from bench.mail_server import Hung
from forms.models import FormSubmission
from forms.notifications import SubmissionNotification

from .conftest import valid_call_back_data

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

Status = SubmissionNotification.Status
# What smtplib raises when the server never sends its greeting within EMAIL_TIMEOUT.
TIMED_OUT = "SMTPServerDisconnected: Connection unexpectedly closed: timed out"
TYPED = {"your_name": "Quentin Zebediah-Marchbanks", "message": "I have had suicidal thoughts since my divorce"}


class HealthySMTPServer:
    """aiosmtpd on loopback, keeping each message it accepts."""

    def __init__(self):
        with socket.create_server(("127.0.0.1", 0)) as probe:
            port = probe.getsockname()[1]
        self.messages = []
        self.controller = Controller(self, hostname="127.0.0.1", port=port)
        self.controller.start()
        self.port = port

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append((envelope.rcpt_tos, message))
        return "250 Message accepted for delivery"

    def close(self):
        self.controller.stop()


@pytest.fixture
def hung_mail_server():
    server = Hung(0)
    yield server
    server.stop()


@pytest.fixture
def healthy_mail_server():
    server = HealthySMTPServer()
    yield server
    server.close()


@pytest.fixture
def database_tasks(settings):
    """The notifications go through django-tasks-db, as in development and production, over real SMTP."""
    settings.TASKS = {**settings.TASKS, "notifications": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_TIMEOUT = 0.5
    settings.FORMS_NOTIFICATION_RETRY_SECONDS = 60
    return settings


@pytest.fixture
def run_worker():
    """`manage.py db_worker --backend notifications --batch`: runs every task that is ready, then exits.

    The command sets signal handlers and logger levels for its process; they are
    put back afterwards so the rest of the test run is unaffected.
    """
    signals = {number: signal.getsignal(number) for number in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    loggers = {name: logging.getLogger(name).level for name in ("django_tasks", "django_tasks_db")}

    def run():
        call_command(
            "db_worker", "--backend=notifications", "--batch", "--no-startup-delay", verbosity=0, stdout=io.StringIO()
        )

    yield run
    for number, handler in signals.items():
        signal.signal(number, handler)
    for name, level in loggers.items():
        logging.getLogger(name).setLevel(level)


def queued():
    return list(DBTaskResult.objects.filter(backend_name="notifications").order_by("enqueued_at"))


def test_a_hung_mail_server_never_delays_the_visitor_and_a_worker_sends_it_later(
    client, form_page, database_tasks, hung_mail_server, healthy_mail_server, run_worker
):
    database_tasks.EMAIL_PORT = hung_mail_server.port
    response = client.post(form_page.url, valid_call_back_data(**TYPED), follow=True)

    # The visitor has their thank-you page; the request never even connected to the mail server.
    assert response.status_code == 200
    assert response.redirect_chain == [(f"{form_page.url}thank-you/", 302)]
    assert hung_mail_server.connections == []
    submission = FormSubmission.objects.get()
    assert SubmissionNotification.objects.get(submission=submission).status == Status.PENDING
    [task] = queued()
    assert (task.status, task.task_path, task.args_kwargs) == (
        "READY",
        "forms.tasks.send_notification",
        {"args": [submission.pk, 1], "kwargs": {}},
    )

    # Later a worker, with a mail server that answers, sends it.
    database_tasks.EMAIL_PORT = healthy_mail_server.port
    run_worker()
    [(recipients, message)] = healthy_mail_server.messages
    assert recipients == ["intake@clinic.example"]
    assert message["Subject"] == "URGENT: New request: Request a call-back"  # the message names suicidal thoughts
    everything = "\n".join([*(f"{name}: {value}" for name, value in message.items()), message.get_content()])
    assert f"/admin/forms/submissions/{form_page.pk}/{submission.pk}/" in everything
    for value in TYPED.values():
        assert value not in everything
    state = SubmissionNotification.objects.get(submission=submission)
    assert (state.status, state.attempts) == (Status.SENT, 1)
    assert [task.status for task in queued()] == ["SUCCESSFUL"]


def test_the_worker_backs_off_from_a_hung_server_and_sends_once_it_answers(
    client, form_page, database_tasks, hung_mail_server, healthy_mail_server, run_worker
):
    database_tasks.EMAIL_PORT = hung_mail_server.port
    client.post(form_page.url, valid_call_back_data())
    submission = FormSubmission.objects.get()

    run_worker()  # the first attempt waits out EMAIL_TIMEOUT, then queues the second for a minute later
    assert len(hung_mail_server.connections) == 1
    state = SubmissionNotification.objects.get(submission=submission)
    assert (state.status, state.attempts, state.last_error) == (Status.RETRYING, 1, TIMED_OUT)
    first, retry = queued()
    assert (first.status, first.return_value) == ("SUCCESSFUL", "retrying")
    assert (retry.status, retry.args_kwargs["args"]) == ("READY", [submission.pk, 2])
    assert retry.run_after == state.next_attempt_at > timezone.now()  # not ready yet: the worker left it

    # The minute passes, the mail server is back.
    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())
    database_tasks.EMAIL_PORT = healthy_mail_server.port
    run_worker()
    assert len(healthy_mail_server.messages) == 1
    state.refresh_from_db()
    assert (state.status, state.attempts) == (Status.SENT, 2)


def test_a_mail_server_that_stays_hung_ends_in_notification_failed_and_the_submission_stays(
    client, form_page, database_tasks, hung_mail_server, run_worker
):
    database_tasks.EMAIL_PORT = hung_mail_server.port
    database_tasks.FORMS_NOTIFICATION_ATTEMPTS = 3
    database_tasks.FORMS_NOTIFICATION_RETRY_SECONDS = 0  # every retry is ready at once, so one batch runs them all
    client.post(form_page.url, valid_call_back_data(**TYPED))

    run_worker()
    assert len(hung_mail_server.connections) == 3  # bounded: three attempts, then no more
    submission = FormSubmission.objects.get()
    assert submission.form_data["message"] == TYPED["message"]
    state = SubmissionNotification.objects.get(submission=submission)
    assert (state.status, state.attempts, state.last_error) == (Status.FAILED, 3, TIMED_OUT)
    assert [(task.status, task.return_value) for task in queued()] == [
        ("SUCCESSFUL", "retrying"),
        ("SUCCESSFUL", "retrying"),
        ("SUCCESSFUL", "failed"),
    ]
    assert all(task.traceback == "" for task in queued())  # handled: nothing for an error reporter to pick up
