"""The forms inbox and its CSV / XLSX export: Wagtail's own view, recorded and with exported cells made safe.

Every listing shown and every export is written to the audit log (forms/audit.py)
with its counts. A spreadsheet program treats a cell that starts with =, +, -, @,
a tab or a carriage return as a formula. A visitor can type such a value, so every
exported text value that starts with one of them gets a leading apostrophe in CSV,
and stays a plain text cell (never a formula) in XLSX.
"""

from wagtail.contrib.forms.views import SubmissionsListView

from . import audit

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value):
    """A text value that a spreadsheet cannot run as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


class FormSubmissionsListView(SubmissionsListView):
    """Wagtail's submissions listing (date filter, CSV and XLSX export), recorded, with the formula guard.

    Who may see it is decided before this view runs (forms/access.py).
    """

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not self.is_export:
            paginator = context.get("paginator")
            shown = len(context["data_rows"])
            audit.viewed(self.request, self.form_page, shown=shown, total=paginator.count if paginator else shown)
        return context

    def as_spreadsheet(self, queryset, spreadsheet_format):
        audit.exported(self.request, self.form_page, export_format=spreadsheet_format, row_count=queryset.count())
        return super().as_spreadsheet(queryset, spreadsheet_format)

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        if export_format == self.FORMAT_CSV:
            return neutralise_formula(value)
        # XLSX: Wagtail already turns a cell openpyxl would read as a formula back into text.
        return value
