"""When a medical page's review is due: the one definition of "overdue" and "due soon".

The admin's page explorer (core/admin_listing.py), the report "Medical pages by
review date", the reviewers' dashboard panel and the daily reminder
(home/reviews.py) all read review dates through these, so "due soon" means the
same number of days everywhere. Overdue is as `MedicalReview.review_is_overdue`
has it: the next review date has passed, today (in the site's time zone) is not late.
"""

import datetime

from django.utils import timezone

DUE_SOON_DAYS = 30


def due_soon_until(today=None):
    """The last day a next review can fall on and still count as due soon."""
    return (today or timezone.localdate()) + datetime.timedelta(days=DUE_SOON_DAYS)


def is_overdue(next_review_due, today=None):
    return next_review_due is not None and next_review_due < (today or timezone.localdate())


def is_due_soon(next_review_due, today=None):
    """Due within DUE_SOON_DAYS days, today included, and not yet overdue."""
    today = today or timezone.localdate()
    return (
        next_review_due is not None
        and not is_overdue(next_review_due, today)
        and next_review_due <= due_soon_until(today)
    )
