"""The forms inbox and its CSV / XLSX export: Wagtail's own view, with exported cells made safe.

A spreadsheet program treats a cell that starts with =, +, -, @, a tab or a
carriage return as a formula. A visitor can type such a value, so every
exported text value that starts with one of them gets a leading apostrophe in
CSV, and stays a plain text cell (never a formula) in XLSX.
"""

from wagtail.contrib.forms.views import SubmissionsListView

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value):
    """A text value that a spreadsheet cannot run as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


class FormSubmissionsListView(SubmissionsListView):
    """Wagtail's submissions listing (date filter, CSV and XLSX export), with the formula guard."""

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        if export_format == self.FORMAT_CSV:
            return neutralise_formula(value)
        # XLSX: Wagtail already turns a cell openpyxl would read as a formula back into text.
        return value
