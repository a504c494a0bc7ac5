"""The notification email as a background task (django-tasks), retried with back-off, never lost quietly.

FormPage.process_form_submission stores the submission and calls
`notify_after_commit` inside the same transaction: that records the
notification as waiting (forms.notifications.SubmissionNotification) and, once
the transaction has committed, queues `send_notification`. With the database
backend (django-tasks-db; development and production) the visitor's request
ends there, and a worker process (`manage.py db_worker --backend notifications`)
sends the email; a hung or absent mail server delays only that worker. Tests
use the immediate backend, which runs the task at once.

django-tasks has no retries of its own, so the task retries itself: a failed
attempt queues the next one with `run_after` (back-off: FORMS_NOTIFICATION_RETRY_SECONDS,
then four times as long each time), up to FORMS_NOTIFICATION_ATTEMPTS attempts;
after the last, the submission shows "Notification failed" in the inbox. A
backend that cannot defer (the immediate one) tries again at once.

The task's arguments are a submission id and an attempt number: no value the
visitor typed is ever in the task queue.
"""

import functools
import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from .notifications import Notification, SubmissionNotification, deliver, recipients_of

logger = logging.getLogger(__name__)

TASK_BACKEND = "notifications"  # the alias in settings.TASKS
MAX_RETRY_DELAY = timedelta(hours=6)


def notify_after_commit(page, submission):
    """Record the notification as waiting, and queue it for when the submission's transaction has committed."""
    if not recipients_of(page):
        return
    SubmissionNotification.objects.create(submission=submission)
    transaction.on_commit(functools.partial(_queue_first_attempt, submission.pk, page.pk), robust=True)


def _queue_first_attempt(submission_id, page_id):
    # Runs in the visitor's request, after the commit: whatever happens, they get their thank-you page.
    try:
        queue(submission_id, attempt=1)
    except Exception as error:  # the queue's database refused: the submission is stored, show it failed
        _give_up(submission_id, page_id, attempt=0, error=error)


def retry_delay(attempt):
    """How long to wait after failed attempt number `attempt` (1, 2, …): the base, then four times as long each time."""
    seconds = settings.FORMS_NOTIFICATION_RETRY_SECONDS * 4 ** (attempt - 1)
    return timedelta(seconds=min(seconds, MAX_RETRY_DELAY.total_seconds()))


def queue(submission_id, attempt, run_after=None):
    """Queue attempt number `attempt`, to run no sooner than `run_after` if the backend can wait (else at once)."""
    pending = send_notification
    if run_after is not None and pending.get_backend().supports_defer:
        pending = pending.using(run_after=run_after)
    return pending.enqueue(submission_id, attempt)


@task(backend=TASK_BACKEND)
def send_notification(submission_id, attempt=1):
    """One attempt at the email for one submission; queues the next attempt, or records the failure."""
    state = (
        SubmissionNotification.objects.select_related("submission__page")
        .defer("submission__form_data")  # the email holds no value, so the task never decrypts one
        .filter(submission_id=submission_id)
        .first()
    )
    if state is None:
        logger.info("Submission %s was deleted before its notification was sent.", submission_id)
        return "deleted"
    if state.status in (SubmissionNotification.Status.SENT, SubmissionNotification.Status.FAILED):
        return state.status  # already settled, e.g. this attempt was queued twice

    page = state.submission.page.specific
    try:
        deliver(Notification.for_submission(page, state.submission))
    except Exception as error:  # any mail failure: try again later, or record that it failed
        return _after_failure(state, page.pk, attempt, error)
    state.record_sent(attempt)
    return "sent"


def _after_failure(state, page_id, attempt, error):
    attempts = settings.FORMS_NOTIFICATION_ATTEMPTS
    if attempt >= attempts:
        state.record_failed(attempt, error, page_id)
        return "failed"
    delay = retry_delay(attempt)
    next_attempt_at = timezone.now() + delay
    state.record_retry(attempt, error, next_attempt_at)
    logger.warning(
        "Notification email for submission %s of form page %s: attempt %s of %s failed (%s); next in %s s.",
        state.submission_id,
        page_id,
        attempt,
        attempts,
        type(error).__name__,
        int(delay.total_seconds()),
    )
    try:
        queue(state.submission_id, attempt + 1, run_after=next_attempt_at)
    except Exception as queue_error:  # the next attempt could not be queued: record the failure now
        _give_up(state.submission_id, page_id, attempt, queue_error)
        return "failed"
    return "retrying"


def _give_up(submission_id, page_id, attempt, error):
    state = SubmissionNotification.objects.filter(submission_id=submission_id).first()
    if state is None:
        logger.error(
            "Could not queue the notification email for submission %s (%s).", submission_id, type(error).__name__
        )
        return
    state.record_failed(attempt, error, page_id)
