"""The email telling intake staff that a request arrived, without a single submitted value.

It names the form, gives the time and links to the submission in the admin. It
is sent only after the submission is committed; if the mail server fails, the
submission stays stored, the visitor still gets the thank-you page and the
failure is logged with ids only.
"""

import logging
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
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
            recipients=tuple(address.strip() for address in page.to_address.split(",") if address.strip()),
            from_address=page.from_address or settings.DEFAULT_FROM_EMAIL,
            subject=page.subject or f"New request: {page.title}",
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


def notify_after_commit(page, submission):
    """Schedule the email for when the submission's transaction has committed."""
    if not page.to_address:
        return
    notification = Notification.for_submission(page, submission)
    transaction.on_commit(lambda: send(notification))


def send(notification):
    """Send the email. A failure is logged, with ids only, and never raised."""
    message = EmailMessage(
        subject=notification.subject,
        body=notification.body(),
        from_email=notification.from_address,
        to=list(notification.recipients),
    )
    try:
        message.send(fail_silently=False)
    except Exception as error:  # any mail failure: the submission is stored, the visitor must not see an error
        logger.error(
            "Could not send the notification email for submission %s of form page %s (%s: %s). "
            "The submission is stored; staff can read it in Forms in the admin.",
            notification.submission_id,
            notification.page_id,
            type(error).__name__,
            error,
        )
        return False
    return True
