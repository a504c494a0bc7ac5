"""The email telling intake staff that a request arrived, without a single submitted value, and its state.

The email names the form, gives the time and links to the submission in the
admin. It is sent by a background task (forms/tasks.py), never inside the
visitor's request: the submission is stored first, the task is queued once it
is committed, and each attempt's outcome is kept here, in
`SubmissionNotification`, so intake staff can see in the inbox a request
nobody was emailed about. Failures are logged with ids and the error's type
only, never a value.
"""

import logging
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Notification:
    """Everything the email needs: ids, names and a time. Deliberately no form data."""

    page_id: int
    form_title: str
    recipients: tuple
    from_address: str
    subject: str
    submission_id: int
    submit_time: datetime

    @classmethod
    def for_submission(cls, page, submission):
        return cls(
            page_id=page.pk,
            form_title=page.title,
            recipients=recipients_of(page),
            from_address=page.from_address or settings.DEFAULT_FROM_EMAIL,
            # URGENT says only that the request was flagged (forms/crisis.py), never why: no value is in an email.
            subject=f"{'URGENT: ' if submission.urgent else ''}{page.subject or f'New request: {page.title}'}",
            submission_id=submission.pk,
            submit_time=submission.submit_time,
        )

    @property
    def admin_url(self):
        path = reverse("forms_submission_detail", args=(self.page_id, self.submission_id))
        return f"{settings.WAGTAILADMIN_BASE_URL}{path}"

    def body(self):
        when = date_format(timezone.localtime(self.submit_time), "l j F Y, P")
        return (
            f"A new request arrived through the form “{self.form_title}” on {when} ({settings.TIME_ZONE}).\n"
            f"\n"
            f"Read it in the admin (you will be asked to sign in):\n"
            f"{self.admin_url}\n"
            f"\n"
            f"To protect the visitor's privacy, this email does not contain what they typed.\n"
        )


def recipients_of(page):
    """The form page's Notify addresses; empty when nobody is to be told."""
    return tuple(address.strip() for address in page.to_address.split(",") if address.strip())


def deliver(notification):
    """One attempt at sending the email. Raises whatever the mail server (or the connection to it) raised."""
    EmailMessage(
        subject=notification.subject,
        body=notification.body(),
        from_email=notification.from_address,
        to=list(notification.recipients),
    ).send(fail_silently=False)


def send(notification):
    """One attempt, never raising: True when the email went, False when it did not."""
    try:
        deliver(notification)
    except Exception:  # any mail failure; the caller decides what to record and log
        return False
    return True


class SubmissionNotification(models.Model):
    """Whether intake staff were emailed about a submission: waiting, trying again, sent, or failed.

    One per submission whose form has Notify addresses, created in the same
    transaction as the submission, so a request is never stored without it and
    never lost when the email is. Deleting the submission deletes it.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting to be sent"
        RETRYING = "retrying", "Not sent yet, trying again"
        SENT = "sent", "Sent"
        FAILED = "failed", "Notification failed"

    submission = models.OneToOneField(
        "forms.FormSubmission", on_delete=models.CASCADE, primary_key=True, related_name="notification"
    )
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(
        max_length=255,
        blank=True,
        help_text="The last error's type and message, as the mail library gave them. The email holds no "
        "submitted value, so neither does this.",
    )
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "notification email"
        default_permissions = ()  # written by the task only; read with the submission
        indexes = [models.Index(fields=["status"], name="forms_notification_status")]

    def __str__(self):
        return f"Notification for form submission {self.submission_id}: {self.status}"

    @property
    def failed(self):
        return self.status == self.Status.FAILED

    @property
    def short_label(self):
        """A word or two for the inbox listing."""
        return {
            self.Status.PENDING: "Waiting",
            self.Status.RETRYING: "Retrying",
            self.Status.SENT: "Sent",
            self.Status.FAILED: "Failed",
        }[self.status]

    def summary(self):
        """One sentence for intake staff on the one-submission page."""
        if self.status == self.Status.SENT:
            when = date_format(timezone.localtime(self.sent_at), "DATETIME_FORMAT") if self.sent_at else ""
            return f"Sent to the form's Notify addresses{f' on {when}' if when else ''}".rstrip(".") + "."
        if self.status == self.Status.FAILED:
            return (
                f"Notification failed after {self.attempts} attempt{'s' if self.attempts != 1 else ''} "
                f"({self.last_error or 'unknown error'}): nobody was emailed about this request."
            )
        if self.status == self.Status.RETRYING:
            when = date_format(timezone.localtime(self.next_attempt_at), "TIME_FORMAT") if self.next_attempt_at else ""
            return (
                f"Not sent yet: attempt {self.attempts} failed ({self.last_error}); "
                f"trying again{f' at {when}' if when else ''}."
            )
        return "Waiting to be sent."

    def _record(self, **fields):
        for name, value in fields.items():
            setattr(self, name, value)
        self.save(update_fields=[*fields, "updated_at"])

    def record_sent(self, attempt):
        self._record(status=self.Status.SENT, attempts=attempt, sent_at=timezone.now(), next_attempt_at=None)

    def record_retry(self, attempt, error, next_attempt_at):
        self._record(
            status=self.Status.RETRYING,
            attempts=attempt,
            last_error=error_name(error),
            next_attempt_at=next_attempt_at,
        )

    def record_failed(self, attempt, error, page_id):
        """The last attempt failed: the state staff see, and one line at ERROR (ids and the error's type)."""
        self._record(status=self.Status.FAILED, attempts=attempt, last_error=error_name(error), next_attempt_at=None)
        # No traceback, so no error-reporting tool sees a frame holding form data.
        logger.error(
            "Could not send the notification email for submission %s of form page %s after %s attempt(s) (%s: %s). "
            "The submission is stored and marked 'Notification failed'; staff can read it in Forms in the admin.",
            self.submission_id,
            page_id,
            attempt,
            type(error).__name__,
            error,
        )


def error_name(error):
    """e.g. "SMTPServerDisconnected: Connection unexpectedly closed: timed out", cut to fit."""
    text = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
    return text[:255]


def states_for(submission_ids):
    """{submission id: SubmissionNotification} for those of the ids that have one, in one query."""
    return {
        state.submission_id: state for state in SubmissionNotification.objects.filter(submission_id__in=submission_ids)
    }
