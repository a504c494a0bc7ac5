"""Medical pages by review date: one query that the admin report and the reviewers' dashboard panel share.

Treatment, condition and article pages are different models, each a
core.models.MedicalContentPage; here they are listed together as Wagtail pages
with their review fields annotated, so one list can be filtered and sorted by
when the next review is due.
"""

import datetime

import django_filters
from django.apps import apps
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import CharField, DateField, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page

from core.models import MedicalContentPage
from core.review_dates import DUE_SOON_DAYS, is_due_soon, is_overdue

from .roles import CLINICAL_REVIEWERS, EDITORS

OVERDUE, DUE_SOON, CURRENT, NOT_REVIEWED = "Overdue", "Due soon", "Current", "Not reviewed"


def medical_page_models():
    return [model for model in apps.get_models() if issubclass(model, MedicalContentPage)]


def _from_specific(field, output_field):
    """The value of a field of the page's own model, whichever medical page model it is."""
    subqueries = [
        Subquery(model.objects.filter(pk=OuterRef("pk")).values(field)[:1], output_field=output_field)
        for model in medical_page_models()
    ]
    return Coalesce(*subqueries, output_field=output_field) if len(subqueries) > 1 else subqueries[0]


def medical_pages():
    """Every medical page, with `next_review_due`, `last_reviewed`, `reviewer_name` and `reviewer_user_id` annotated."""
    content_types = ContentType.objects.get_for_models(*medical_page_models()).values()
    pages = Page.objects.filter(content_type__in=content_types).select_related("content_type")
    return pages.annotate(
        next_review_due=_from_specific("next_review_due", DateField()),
        last_reviewed=_from_specific("last_reviewed", DateField()),
        reviewer_name=_from_specific("reviewed_by__name", CharField()),
        reviewer_user_id=_from_specific("reviewed_by__user", IntegerField()),
    )


def due_within(pages, days):
    return pages.filter(next_review_due__lte=timezone.localdate() + datetime.timedelta(days=days))


def review_state(page, today=None):
    today = today or timezone.localdate()
    if page.next_review_due is None:
        return NOT_REVIEWED
    if is_overdue(page.next_review_due, today):
        return OVERDUE
    if is_due_soon(page.next_review_due, today):
        return DUE_SOON
    return CURRENT


def may_see_reviews(user):
    """Editors plan reviews, clinical reviewers do them: both see the report."""
    return user.is_active and (user.is_superuser or user.groups.filter(name__in=[EDITORS, CLINICAL_REVIEWERS]).exists())


class CalendarDateColumn(Column):
    """A review date as a date ("1 December 2027"): the report plans days, not "in 1 year"."""

    cell_template_name = "home/admin/calendar_date_cell.html"


class ReviewDateFilterSet(WagtailFilterSet):
    due = django_filters.ChoiceFilter(
        label="Review",
        method="filter_due",
        choices=[("overdue", "Overdue"), ("soon", f"Overdue or due within {DUE_SOON_DAYS} days")],
        empty_label="All medical pages",
    )

    class Meta:
        model = Page
        fields = []

    def filter_due(self, queryset, name, value):
        return due_within(queryset, -1 if value == "overdue" else DUE_SOON_DAYS)


class MedicalReviewReportView(ReportView):
    page_title = "Medical pages by review date"
    header_icon = "calendar-alt"
    filterset_class = ReviewDateFilterSet
    index_url_name = "medical_review_report"
    index_results_url_name = "medical_review_report_results"
    default_ordering = "next_review_due"
    columns = [
        TitleColumn("title", label="Page", url_name="wagtailadmin_pages:edit", sort_key="title"),
        Column("page_type", label="Type"),
        Column("state", label="Review"),
        CalendarDateColumn("next_review_due", label="Next review due", sort_key="next_review_due"),
        CalendarDateColumn("last_reviewed", label="Last reviewed", sort_key="last_reviewed"),
        Column("reviewer_name", label="Reviewed by", sort_key="reviewer_name"),
    ]
    list_export = ["title", "page_type", "state", "next_review_due", "last_reviewed", "reviewer_name"]
    export_headings = {
        "title": "Page",
        "page_type": "Type",
        "state": "Review",
        "next_review_due": "Next review due",
        "last_reviewed": "Last reviewed",
        "reviewer_name": "Reviewed by",
    }

    def dispatch(self, request, *args, **kwargs):
        if not may_see_reviews(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_base_queryset(self):
        return medical_pages()

    def decorate_paginated_queryset(self, pages):
        today = timezone.localdate()
        for page in pages:
            page.page_type = page.content_type.model_class()._meta.verbose_name.capitalize()
            page.state = review_state(page, today)
        return pages


class ReviewsDuePanel(Component):
    """The dashboard panel for clinical reviewers: medical pages overdue or due soon, soonest first."""

    name = "reviews_due"
    template_name = "home/admin/reviews_due_panel.html"
    order = 50

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        today = timezone.localdate()
        pages = list(due_within(medical_pages(), DUE_SOON_DAYS).order_by("next_review_due")[:20])
        for page in pages:
            page.state = review_state(page, today)
        return {"pages": pages, "due_soon_days": DUE_SOON_DAYS, "request": parent_context.get("request")}


def is_reviewer(user):
    return user.is_superuser or Group.objects.filter(name=CLINICAL_REVIEWERS, user=user).exists()
