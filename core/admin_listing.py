"""The admin's page explorer shows each medical page's review state under its live or draft status.

Wagtail's documented way to change the explorer's listing is a PageViewSet of
one's own, registered with the `register_admin_viewset` hook ("Customizing the
default page listings"): registered for `Page` (core/wagtail_hooks.py), it takes
the place of Wagtail's default one for every page type. It changes one column:
Status shows Wagtail's own tag, then, for a medical page, "Review overdue",
"Review due within 30 days", "Never reviewed" or a quiet "Reviewed <date>".
Other pages look as Wagtail has them.

No query per row: the explorer already lists the pages as their specific models
(`.specific()`), so the review dates are on each row; the reviewer is not shown,
which would need one.

A page model with a viewset of its own (a PageViewSet for one model, with
`parent_models`) lists its pages with that viewset's columns: give it
`with_review_state(...)` columns too.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from wagtail.admin.ui.tables.pages import PageStatusColumn
from wagtail.admin.viewsets.pages import PageViewSet

from .models import MedicalContentPage
from .review_dates import DUE_SOON_DAYS, is_due_soon, is_overdue

OVERDUE, DUE_SOON, NEVER_REVIEWED, REVIEWED = "overdue", "due_soon", "never_reviewed", "reviewed"
STATUS_CLASSNAMES = {OVERDUE: "w-status--label", DUE_SOON: "w-status--primary", NEVER_REVIEWED: "w-status--primary"}


@dataclass(frozen=True)
class ReviewState:
    """What the explorer says of a medical page's review: `kind` is one of the four above."""

    kind: str
    label: str
    date: datetime.date | None = None  # the next review due (overdue, due soon) or the last review (reviewed)

    @property
    def needs_review(self):
        return self.kind != REVIEWED

    @property
    def status_classname(self):
        """Which of Wagtail's status tag styles: an overdue review stands out, the others are plain tags."""
        return STATUS_CLASSNAMES.get(self.kind, "")


def review_state(page, today=None):
    """The review state of a page as the explorer lists it, or None if it is not medical content.

    Reads only the page's own fields, never `.specific`: a row that is a plain
    Page shows nothing rather than costing a query.
    """
    if not isinstance(page, MedicalContentPage):
        return None
    today = today or timezone.localdate()
    if is_overdue(page.next_review_due, today):
        return ReviewState(OVERDUE, "Review overdue", page.next_review_due)
    if is_due_soon(page.next_review_due, today):
        return ReviewState(DUE_SOON, f"Review due within {DUE_SOON_DAYS} days", page.next_review_due)
    if page.last_reviewed is None:
        return ReviewState(NEVER_REVIEWED, "Never reviewed")
    return ReviewState(REVIEWED, "Reviewed", page.last_reviewed)


class PageStatusWithReviewColumn(PageStatusColumn):
    """Wagtail's Status column, with the medical review state under the live or draft tag."""

    cell_template_name = "core/admin/page_status_with_review_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["review"] = review_state(instance)
        return context


def with_review_state(columns):
    """The columns given, their Status column showing the review state too."""
    return [
        PageStatusWithReviewColumn(
            column.name,
            label=column.label,
            accessor=column.accessor,
            classname=column.classname,
            sort_key=column.sort_key,
            width=column.width,
            ascending_title_text=column.ascending_title_text,
            descending_title_text=column.descending_title_text,
        )
        if type(column) is PageStatusColumn
        else column
        for column in columns
    ]


class ReviewStatePageViewSet(PageViewSet):
    """Wagtail's page views, the explorer listing with the review state in its Status column."""

    columns = with_review_state(PageViewSet.columns)


page_viewset = ReviewStatePageViewSet()
