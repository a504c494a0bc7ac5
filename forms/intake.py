"""The intake inbox: every open request across all forms, urgent first, with triage and a dashboard panel.

- `IntakeInboxView`: Wagtail's generic listing of submissions from every form,
  open ones by default (forms/triage.py says what "open" is), filtered by
  status, assignee, form, source page, urgency and date, with a bulk status change.
- `ChangeStatusBulkAction`: Wagtail's bulk-action framework, for the inbox's checkboxes.
- `IntakePanel`: the intake dashboard's panel: new and urgent requests and how
  long the oldest new one has waited.

Who may use them is decided as for every other submissions view
(forms/inbox.py `can_read_submissions` and `get_forms_for_user`); each
listing shown is audited per form, with the ids of the requests shown.
"""

import django_filters
from django.db.models import Count, Min, Q
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import BaseColumn, BulkActionsCheckboxColumn, Column, DateColumn
from wagtail.admin.views.bulk_action import BulkAction
from wagtail.admin.views.generic.base import BaseListingView, WagtailAdminTemplateMixin
from wagtail.contrib.forms.models import FormMixin
from wagtail.contrib.forms.utils import get_forms_for_user
from wagtail.models import Page

from . import audit, inbox, notifications, self_check_handoff, triage
from .models import FormField, FormPage, FormSubmission

Status = FormSubmission.Status
OBJ_TYPE = "submission"  # the bulk actions' name for the rows; the title cell's id is submission_<pk>_title


# --- Who sent it: a name for a row ---------------------------------------------------

NAME_PURPOSES = ("name", "nickname", "given-name")


def name_fields_by_page(page_ids):
    """{form page id: the clean name of the field that asks for the visitor's name}, in one query."""
    chosen = {}
    fields = FormField.objects.filter(page_id__in=page_ids).order_by("page_id", "sort_order", "pk")
    fallback = {}
    for field in fields.only("page_id", "clean_name", "autocomplete", "field_type"):
        if field.autocomplete in NAME_PURPOSES and field.page_id not in chosen:
            chosen[field.page_id] = field.clean_name
        if field.field_type == "singleline" and field.page_id not in fallback:
            fallback[field.page_id] = field.clean_name
    return {page_id: chosen.get(page_id) or fallback.get(page_id) for page_id in set(chosen) | set(fallback)}


def with_names(submissions):
    """Each submission with `requester_name`: what the visitor gave as their name, or "Request <id>"."""
    submissions = list(submissions)
    name_fields = name_fields_by_page({submission.page_id for submission in submissions})
    for submission in submissions:
        name = None
        field = name_fields.get(submission.page_id)
        if field and submission.is_readable:
            name = submission.form_data.get(field)
        submission.requester_name = str(name).strip() if name else f"Request {submission.pk}"
    return submissions


def detail_url(submission):
    return reverse("forms_submission_detail", args=(submission.page_id, submission.pk))


# --- The inbox listing ---------------------------------------------------------------


class RequesterColumn(Column):
    """The visitor's name, linking to the one-submission page (the id names the row for the bulk checkbox)."""

    cell_template_name = "forms/admin/intake_requester_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context.update(url=detail_url(instance), title_id=f"{OBJ_TYPE}_{instance.pk}_title")
        return context


class UrgencyColumn(BaseColumn):
    cell_template_name = "forms/admin/intake_urgency_cell.html"


def pages_sent_from(request):
    sources = FormSubmission.objects.exclude(source_page=None).values("source_page")
    return Page.objects.filter(pk__in=sources).order_by("title")


def form_pages(request):
    return Page.objects.type(FormPage).order_by("title")


def assignees(request):
    return triage.intake_staff()


class IntakeFilterSet(WagtailFilterSet):
    SHOW_CHOICES = [
        ("open", "Open requests"),
        ("archived", "Archived requests"),
        ("all", "All requests, closed and archived included"),
    ]

    show = django_filters.ChoiceFilter(
        label="Show", choices=SHOW_CHOICES, empty_label=None, method="filter_show", null_value=None
    )
    status = django_filters.ChoiceFilter(label="Status", choices=Status.choices, empty_label="Any status")
    urgent = django_filters.ChoiceFilter(
        label="Urgency",
        choices=[("yes", "Urgent only"), ("no", "Not urgent")],
        empty_label="Urgent or not",
        method="filter_urgent",
    )
    assignee = django_filters.ModelChoiceFilter(
        label="Assigned to",
        queryset=assignees,
        null_label="Nobody yet",
        empty_label="Anyone or nobody",
    )
    page = django_filters.ModelChoiceFilter(label="Form", queryset=form_pages, empty_label="Every form")
    source_page = django_filters.ModelChoiceFilter(label="Sent from", queryset=pages_sent_from, empty_label="Any page")
    submit_time = django_filters.DateFromToRangeFilter(label="Received", widget=DateRangePickerWidget)

    class Meta:
        model = FormSubmission
        fields = []

    def filter_show(self, queryset, name, value):
        return queryset  # applied in filter_queryset below, so the default ("open") holds without a value too

    def filter_urgent(self, queryset, name, value):
        return queryset.filter(urgent=value == "yes")

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        show = self.form.cleaned_data.get("show") or "open"
        if show == "open":
            return triage.open_requests(queryset)
        if show == "archived":
            return queryset.exclude(archived_at=None)
        return queryset


def readable_submissions(user):
    """Submissions of the forms this user may read (all of them for intake staff)."""
    return FormSubmission.objects.filter(page__in=get_forms_for_user(user))


def filtered(filters, queryset):
    """The requests the inbox shows: its filters applied, or with filters that make no sense
    (a stale bookmark, a hand-edited URL), the default: open requests only."""
    if filters is not None and filters.is_valid():
        return filters.filter_queryset(queryset)
    return triage.open_requests(queryset)


def audit_shown(request, submissions, total=None):
    """One audit entry per form for the requests shown on a screen (names included), with their ids."""
    shown_by_page = {}
    for submission in submissions:
        shown_by_page.setdefault(submission.page, []).append(submission.pk)
    for page, submission_ids in shown_by_page.items():
        audit.viewed(request, page, submission_ids=submission_ids, total=len(submissions) if total is None else total)


LARGEST_ID = 2**63 - 1


def parse_ids(values):
    """The plain decimal ids among `values` ("²", "abc", huge numbers left out): never a 500."""
    ids = []
    for value in values:
        if isinstance(value, int) or (isinstance(value, str) and value.isascii() and value.isdecimal()):
            number = int(value)
            if 0 < number <= LARGEST_ID:
                ids.append(number)
    return ids


class IntakeInboxView(BaseListingView):
    """Every request from every form the user may read: open ones by default, urgent first, then newest."""

    page_title = "Intake inbox"
    header_icon = "form"
    template_name = "forms/admin/intake_inbox.html"
    results_template_name = "forms/admin/intake_inbox_results.html"
    index_url_name = "intake_inbox"
    index_results_url_name = "intake_inbox_results"
    filterset_class = IntakeFilterSet
    paginate_by = 50
    verbose_name = "request"
    verbose_name_plural = "requests"
    table_classname = "listing intake-inbox"

    columns = [
        BulkActionsCheckboxColumn("bulk_actions", obj_type=OBJ_TYPE),
        RequesterColumn("requester_name", label="From"),
        UrgencyColumn("urgent", label="Urgency"),
        Column("get_status_display", label="Status"),
        DateColumn("submit_time", label="Received"),
        Column("page", label="Form", accessor=lambda s: s.page.title, classname="intake-optional"),
        Column(
            "source_page",
            label="Sent from",
            accessor=lambda s: s.source_page.title if s.source_page_id else "—",
            classname="intake-optional",
        ),
        Column(
            "assignee",
            label="Assigned to",
            accessor=lambda s: triage.staff_name(s.assignee) or "—",
            classname="intake-optional",
        ),
        Column("notification_label", label="Notification", classname="intake-optional"),
    ]

    def get_base_queryset(self):
        queryset = readable_submissions(self.request.user).select_related("page", "source_page", "assignee")
        return queryset

    def order_queryset(self, queryset):
        return triage.inbox_order(queryset)

    def filter_queryset(self, queryset):
        return filtered(self.filters, queryset)

    def get_table(self, object_list):
        submissions = with_names(object_list)
        states = notifications.states_for([submission.pk for submission in submissions])
        for submission in submissions:
            state = states.get(submission.pk)
            submission.notification_label = state.short_label if state else "—"
        self.shown = submissions
        return super().get_table(submissions)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        total = context["paginator"].count if context.get("paginator") else len(self.shown)
        audit_shown(self.request, self.shown, total)
        return context


# --- A bulk status change -----------------------------------------------------------


class ChangeStatusBulkAction(BulkAction):
    display_name = "Change status"
    action_type = "change_status"
    aria_label = "Change the status of the selected requests"
    template_name = "forms/admin/bulk_change_status.html"
    action_priority = 10
    form_class = triage.StatusChangeForm
    models = [FormSubmission]

    def dispatch(self, request, *args, **kwargs):
        if not inbox.can_read_submissions(request.user):
            # Refused, and recorded: one entry per form page, naming the requests (ids only).
            ids = parse_ids(request.GET.getlist("id"))
            by_page = {}
            for submission in FormSubmission.objects.filter(pk__in=ids).select_related("page"):
                by_page.setdefault(submission.page, []).append(submission.pk)
            for page, submission_ids in by_page.items():
                audit.triage_denied(request.user, page, submission_ids)
            return inbox.forbidden(request)
        return super().dispatch(request, *args, **kwargs)

    @classmethod
    def get_queryset(cls, model, object_ids):
        submissions = FormSubmission.objects.filter(pk__in=parse_ids(object_ids)).select_related("page")
        return with_names(triage.inbox_order(submissions))

    def get_all_objects_in_listing_query(self, parent_id):
        # "Select all" means every request the inbox shows with its current filters.
        filters = IntakeFilterSet(data=self.request.GET, request=self.request)
        return filtered(filters, readable_submissions(self.request.user)).values_list("pk", flat=True)

    @cached_property
    def readable_page_ids(self):
        return set(get_forms_for_user(self.request.user).values_list("pk", flat=True))

    def check_perm(self, obj):
        return obj.page_id in self.readable_page_ids

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.request.method == "GET":
            audit_shown(self.request, [entry["item"] for entry in context["items"]])  # the names it lists
        return context

    def get_execution_context(self):
        return {"user": self.request.user, "status": self.cleaned_form.cleaned_data["status"]}

    @classmethod
    def execute_action(cls, objects, user=None, status=None, **kwargs):
        changed = sum(triage.set_status(user, submission, status) for submission in objects)
        return changed, 0

    def object_context(self, obj):
        return {"item": obj, "url": detail_url(obj)}

    def get_success_message(self, num_parent_objects, num_child_objects):
        label = Status(self.cleaned_form.cleaned_data["status"]).label
        if num_parent_objects == 1:
            return f"1 request is now “{label}”."
        return f"{num_parent_objects} requests are now “{label}”."


# --- The dashboard panel -------------------------------------------------------------


class IntakePanel(Component):
    """For intake staff: how many new and urgent requests wait, the oldest new one, and the next to handle."""

    name = "intake"
    template_name = "forms/admin/intake_panel.html"
    order = 40
    ROWS = 10

    def __init__(self, user):
        self.user = user

    @cached_property
    def open_requests(self):
        return triage.open_requests(readable_submissions(self.user))

    def get_context_data(self, parent_context):
        counts = self.open_requests.aggregate(
            new=Count("pk", filter=Q(status=Status.NEW)),
            urgent=Count("pk", filter=Q(urgent=True)),
            oldest_new=Min("submit_time", filter=Q(status=Status.NEW)),
        )
        rows = with_names(triage.inbox_order(self.open_requests).select_related("page")[: self.ROWS])
        for submission in rows:
            submission.url = detail_url(submission)
        request = parent_context.get("request")
        if rows and request is not None:
            audit_shown(request, rows)  # the panel names patients too
        return {
            "new_count": counts["new"],
            "urgent_count": counts["urgent"],
            "oldest_new": counts["oldest_new"],
            "rows": rows,
            "now": timezone.now(),
            "inbox_url": reverse("intake_inbox"),
            "urgent_url": reverse("intake_inbox") + "?urgent=yes",
            "new_url": reverse("intake_inbox") + "?status=new",
        }


# --- One submission, with its triage --------------------------------------------------


def audit_refused_triage(request, page_id=None, submission_id=None, **kwargs):
    """A triage POST from someone who may not read the form's submissions: refused, and recorded (ids only)."""
    if request.method != "POST" or submission_id is None:
        return
    submission = FormSubmission.objects.filter(pk=submission_id, page_id=page_id).select_related("page").first()
    if submission is not None:
        audit.triage_denied(request.user, submission.page, [submission.pk])


def linked_value(field_type, value):
    """A phone number as a tel: link and an email address as a mailto: link, so staff can tap them."""
    if not value or not isinstance(value, str):
        return None
    if field_type == "tel":
        digits = "".join(character for character in value if character.isdigit() or character == "+")
        return f"tel:{digits}" if digits else None
    if field_type == "email" and "@" in value:
        return f"mailto:{value}"
    return None


class SubmissionDetailView(WagtailAdminTemplateMixin, TemplateView):
    """One submission with every value, its triage (status, assignee, urgency, archive) and notes.

    The notification email links here. Reading it, and changing its triage, is
    allowed exactly to those who may read the form's submissions listing
    (inbox.submissions_view, and Wagtail's get_forms_for_user with its
    filter_form_submissions_for_user hook). Each look and each change is recorded.
    """

    template_name = "forms/admin/submission_detail.html"
    page_title = gettext_lazy("Form submission")
    header_icon = "form"
    ACTIONS = ("triage", "note", "archive", "restore")

    def dispatch(self, request, page_id, submission_id):
        if not get_forms_for_user(request.user).filter(pk=page_id).exists():
            audit_refused_triage(request, page_id, submission_id)
            return inbox.forbidden(request)
        self.form_page = get_object_or_404(Page, pk=page_id).specific
        if not isinstance(self.form_page, FormMixin):
            raise Http404
        self.submission = get_object_or_404(
            self.form_page.get_submissions().select_related("assignee", "source_page"), pk=submission_id
        )
        return super().dispatch(request)

    def get(self, request):
        audit.viewed_one(request, self.form_page, self.submission)
        return self.render_to_response(self.get_context_data())

    def post(self, request):
        action = request.POST.get("action")
        user = request.user
        triage_form = note_form = None
        if action == "triage":
            triage_form = triage.TriageForm(request.POST, submission=self.submission)
            if triage_form.is_valid():
                changed = triage_form.save(user)
                messages.success(request, f"Saved: {', '.join(changed)}." if changed else "Nothing changed.")
                return redirect(request.path)
        elif action == "note":
            note_form = triage.NoteForm(request.POST)
            if note_form.is_valid():
                triage.add_note(user, self.submission, note_form.cleaned_data["text"])
                messages.success(request, "Note added.")
                return redirect(request.path)
        elif action in ("archive", "restore"):
            triage.set_archived(user, self.submission, action == "archive")
            messages.success(
                request, "Archived: it has left the inbox." if action == "archive" else "Restored to the inbox."
            )
            return redirect(request.path)
        else:
            return HttpResponseBadRequest("That request was not understood; nothing was changed.")
        # Invalid: the page again, with the errors and what was typed.
        messages.error(request, "Not saved: please correct the errors below.")
        return self.render_to_response(self.get_context_data(triage_form=triage_form, note_form=note_form))

    def get_page_subtitle(self):
        return self.form_page.get_admin_display_title()

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("intake_inbox"), "label": "Intake inbox"},
            {
                "url": reverse("wagtailforms:list_submissions", args=(self.form_page.pk,)),
                "label": self.form_page.get_admin_display_title(),
            },
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, triage_form=None, note_form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        data = self.submission.get_data()
        types = dict(self.form_page.get_form_fields().values_list("clean_name", "field_type"))
        rows = []
        for name, label in self.form_page.get_data_fields():
            if name == self_check_handoff.STORED_KEY:
                continue  # its own section, question by question
            value = data.get(name)
            rows.append((label, inbox.display_value(value), linked_value(types.get(name), value)))
        source = self.submission.source_page
        context.update(
            form_page=self.form_page,
            submission=self.submission,
            rows=rows,
            self_check=self.submission.self_check,
            notes=self.submission.notes.select_related("author"),
            triage_form=triage_form or triage.TriageForm(submission=self.submission),
            note_form=note_form or triage.NoteForm(),
            source_page=source,
            source_url=source.get_url(self.request) if source and source.live else None,
            listing_url=reverse("wagtailforms:list_submissions", args=(self.form_page.pk,)),
            inbox_url=reverse("intake_inbox"),
        )
        return context
