"""The forms inbox in the admin: the list of forms, a form's submissions with its exports, deleting.

One submission with its triage, and the intake inbox across forms, are forms/intake.py.

Each view is Wagtail's own (wagtail.contrib.forms.views) or a subclass, served
from our URLs in forms/wagtail_hooks.py, which wrap every one of them in the
permission check below.

Who may read: reading (the list of forms, a listing, its filters, the CSV and
XLSX exports, one submission) needs `forms.view_formsubmission`; deleting also
needs `forms.delete_formsubmission`. The Intake staff group has both
(home/migrations/0005_roles.py); superusers have every permission. Editing a
form page grants neither, unlike stock Wagtail.

- `filter_form_submissions_for_user` (the hook Wagtail's forms app asks) hands
  every form page to readers and none to anyone else: this drives the Forms menu,
  the list of forms and Wagtail's own checks in its views.
- Every submissions URL is wrapped by `submissions_view` / `submissions_delete_view`,
  which answer 403 to a signed-in user without the permission. (Wagtail's own
  views answer a refusal with a redirect to the dashboard.)

Every look is audited: each listing shown, each export, each submission read and
each deletion writes one entry to the audit log (forms/audit.py), with counts
and the submissions' ids.

Exports are formula-safe: a spreadsheet program treats a cell that starts with
=, +, -, @, a tab or a carriage return as a formula. A visitor can type such a
value, and an editor can name a field or a form so, so every exported cell,
the heading row included, goes through one guard (`guard_cell`): in CSV such
text gets a leading apostrophe; in XLSX it is a text cell marked “quoted”
(never a formula, not even after someone edits it). Times are exported in the
clinic's time zone (TIME_ZONE), as the admin shows them.
"""

import csv
import datetime
import functools
import zoneinfo

from django.conf import settings
from django.db import transaction
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from wagtail.admin.views.mixins import Echo, ExcelDateFormatter
from wagtail.contrib.forms.utils import get_form_types
from wagtail.contrib.forms.views import DeleteSubmissionsView as WagtailDeleteSubmissionsView
from wagtail.contrib.forms.views import FormPagesListView, SubmissionsListView
from wagtail.models import Page

from . import audit, notifications

# --- Who may read: one permission, checked here and nowhere else ---------------------

READ_PERMISSION = "forms.view_formsubmission"
DELETE_PERMISSION = "forms.delete_formsubmission"


def can_read_submissions(user):
    return user.is_active and user.has_perm(READ_PERMISSION)


def can_delete_submissions(user):
    return can_read_submissions(user) and user.has_perm(DELETE_PERMISSION)


def form_pages_for_reader(user, editable_forms):
    """The filter_form_submissions_for_user hook: every form page for a reader, none for anyone else.

    Wagtail starts from the form pages the user may edit; reading submissions is
    its own permission, so that starting point is replaced, not narrowed.
    """
    if not can_read_submissions(user):
        return editable_forms.none()
    return Page.objects.filter(content_type__in=get_form_types())


def forbidden(request):
    """403, in the admin's look, for a signed-in user who may not read submissions."""
    return TemplateResponse(
        request,
        "forms/admin/forbidden.html",
        {"page_title": "Form submissions", "header_title": "Form submissions", "header_icon": "form"},
        status=403,
    )


def _requiring(test):
    def decorator(view_func, on_refusal=None):
        @functools.wraps(view_func)
        def wrapped(request, *args, **kwargs):
            if not test(request.user):
                if on_refusal is not None:
                    on_refusal(request, *args, **kwargs)  # e.g. a refused triage change is recorded
                return forbidden(request)
            return view_func(request, *args, **kwargs)

        return wrapped

    return decorator


submissions_view = _requiring(can_read_submissions)
submissions_delete_view = _requiring(can_delete_submissions)


# --- Values as staff read and export them ----------------------------------------------

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def looks_like_a_formula(value):
    return isinstance(value, str) and value.startswith(FORMULA_TRIGGERS)


def neutralise_formula(value):
    """A text value that a spreadsheet cannot run as a formula (CSV: a leading apostrophe)."""
    if looks_like_a_formula(value):
        return "'" + value
    return value


def guard_cell(cell, export_format):
    """The one guard every exported cell goes through: headings (field labels), values, any text.

    `cell` is a CSV cell's text, or an XLSX cell as openpyxl made it. CSV: the
    text as neutralise_formula makes it. XLSX: the cell stays text, never a
    formula, and text that starts like a formula is marked quoted, so a
    spreadsheet keeps it text even when someone edits the cell.
    """
    if export_format == "csv":
        return neutralise_formula(cell)
    if cell.data_type == "f" or looks_like_a_formula(cell.value):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def clinic_time(value):
    """An aware time in the clinic's time zone (TIME_ZONE), as the admin shows it; None for a naive one."""
    if not isinstance(value, datetime.datetime) or timezone.is_naive(value):
        return None
    return timezone.localtime(value, zoneinfo.ZoneInfo(settings.TIME_ZONE))


def display_value(value):
    """A stored value as intake staff should read it."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, list):
        return ", ".join(str(item) for item in value) or "—"
    if isinstance(value, datetime.datetime):
        return date_format(timezone.localtime(value) if timezone.is_aware(value) else value, "DATETIME_FORMAT")
    return str(value)


# --- The views -------------------------------------------------------------------------


class FormPagesIndexView(FormPagesListView):
    """Wagtail's list of forms, for those who may read submissions rather than those who edit pages.

    Which forms it lists comes from get_forms_for_user and so from form_pages_for_reader.
    """

    any_permission_required = None  # Wagtail's asks for page-editing permissions


class FormSubmissionsListView(SubmissionsListView):
    """Wagtail's submissions listing (date filter, CSV and XLSX export), recorded, with the formula guard.

    FormPage.get_submissions_list_view_class names it; who may see it is decided
    before it runs (submissions_view).
    """

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not self.is_export:
            paginator = context.get("paginator")
            shown = [row["model_id"] for row in context["data_rows"]]
            audit.viewed(
                self.request, self.form_page, submission_ids=shown, total=paginator.count if paginator else len(shown)
            )
            # Whether staff were emailed (forms/tasks.py): a failed notification must not go unseen.
            states = notifications.states_for(shown)
            submissions = self.form_page.get_submission_class().objects.filter(pk__in=shown)
            triage = {pk: (status, urgent) for pk, status, urgent in submissions.values_list("pk", "status", "urgent")}
            context["data_headings"] += [
                {"name": "status", "label": "Status", "order": None},
                {"name": "notification", "label": "Notification", "order": None},
            ]
            for row in context["data_rows"]:
                submission_id = row["model_id"]
                state = states.get(submission_id)
                status, urgent = triage.get(submission_id, ("", False))
                # The first cell (the time it arrived) opens the request, with its follow-up.
                url = reverse("forms_submission_detail", args=(self.form_page.pk, submission_id))
                row["fields"][0] = format_html('<a href="{}">{}</a>', url, row["fields"][0])
                label = self.form_page.get_submission_class().Status(status).label if status else "—"
                row["fields"].append(f"{label} · urgent" if urgent else label)
                row["fields"].append(state.short_label if state else "—")
        return context

    def as_spreadsheet(self, queryset, spreadsheet_format):
        submission_ids = sorted(queryset.values_list("pk", flat=True))
        audit.exported(self.request, self.form_page, export_format=spreadsheet_format, submission_ids=submission_ids)
        return super().as_spreadsheet(queryset, spreadsheet_format)

    # --- Every cell through guard_cell, the heading row included ------------------------
    # Wagtail writes the heading row as it is (an XLSX heading "=..." becomes a live
    # formula); here it is written like any other row, through the same guard.

    def heading_row(self, queryset):
        return {field: self.get_heading(queryset, field) for field in self.list_export}

    def preprocess_field_value(self, field, value, export_format):
        local = clinic_time(value)
        if local is not None:
            # Wagtail's own: CSV times in UTC with microseconds, XLSX times as naive UTC.
            local = local.replace(microsecond=0)
            return local.isoformat(sep=" ") if export_format == self.FORMAT_CSV else local.replace(tzinfo=None)
        value = super().preprocess_field_value(field, value, export_format)
        if export_format == self.FORMAT_CSV:
            return guard_cell(value, export_format)
        return value  # XLSX: guarded as a cell, in generate_xlsx_row

    def stream_csv(self, queryset):
        writer = csv.DictWriter(Echo(), fieldnames=self.list_export)
        yield self.write_csv_row(writer, self.heading_row(queryset))
        for item in queryset:
            yield self.write_csv_row(writer, self.to_row_dict(item))

    def generate_xlsx_row(self, worksheet, row_dict, date_format=None):
        for cell in super().generate_xlsx_row(worksheet, row_dict, date_format):
            yield guard_cell(cell, self.FORMAT_XLSX)

    def write_xlsx(self, queryset, output):
        from openpyxl import Workbook

        workbook = Workbook(write_only=True, iso_dates=True)
        worksheet = workbook.create_sheet(title="Sheet1")
        worksheet.append(self.generate_xlsx_row(worksheet, self.heading_row(queryset)))
        date_format = ExcelDateFormatter().get()
        for item in queryset:
            worksheet.append(self.generate_xlsx_row(worksheet, self.to_row_dict(item), date_format=date_format))
        workbook.save(output)


class DeleteSubmissionsView(WagtailDeleteSubmissionsView):
    """Wagtail's confirm-and-delete view, recording how many were deleted (both or neither)."""

    @transaction.atomic
    def handle_delete(self, submissions):
        submission_ids = sorted(submissions.values_list("pk", flat=True))
        super().handle_delete(submissions)
        audit.deleted(self.request, self.page, submission_ids)
