"""Submissions in Wagtail's forms inbox: listing, date filter, one submission, CSV and XLSX export."""

import csv
import datetime
import io

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone
from django.utils.formats import date_format
from openpyxl import load_workbook

from forms.inbox import neutralise_formula
from forms.models import FormSubmission
from tests.factories import FormFieldFactory, FormPageFactory, UserFactory

from .conftest import soup_of, submit

pytestmark = pytest.mark.django_db

DANGEROUS = {
    "equals": '=HYPERLINK("http://evil.example","click")',
    "plus": "+1 (555) 010-2040",
    "minus": "-2+3",
    "at": "@SUM(A1:A2)",
    "tab": "\t=1+1",
    "carriage_return": "\r=1+1",
}


def export(admin_client, form_page, export_format, **params):
    response = admin_client.get(f"/admin/forms/submissions/{form_page.pk}/", {"export": export_format, **params})
    assert response.status_code == 200
    return b"".join(response.streaming_content) if response.streaming else response.getvalue()


def csv_rows(content):
    return list(csv.reader(io.StringIO(content.decode("utf-8"), newline="")))


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@A1", "\tx", "\rx"])
def test_neutralise_formula_prefixes_every_trigger(value):
    assert neutralise_formula(value) == "'" + value


@pytest.mark.parametrize("value", ["Alex", "1+1", " =1", "", None, 5, ["=x"]])
def test_neutralise_formula_leaves_other_values_alone(value):
    assert neutralise_formula(value) == value


def test_csv_export_never_starts_a_cell_with_a_formula(admin_client, form_page):
    submit(form_page, your_name=DANGEROUS["equals"], phone_number=DANGEROUS["plus"], message=DANGEROUS["tab"])
    submit(form_page, your_name=DANGEROUS["minus"], phone_number=DANGEROUS["at"], message=DANGEROUS["carriage_return"])
    header, *rows = csv_rows(export(admin_client, form_page, "csv"))
    assert header == [
        "Submission date",
        "Your name",
        "Phone number",
        "Best time to call",
        "May we leave a voicemail?",
        "Message",
        "Agreed to be contacted",
    ]
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), row
    assert rows[0][1] == "'" + DANGEROUS["equals"]
    assert rows[0][2] == "'+1 (555) 010-2040"
    assert rows[1][1] == "'-2+3"
    assert rows[1][5] == "'\r=1+1"
    assert rows[0][6] == "True"


def test_csv_export_guards_lists_of_choices_too(admin_client, home_page, clinic_settings):
    page = FormPageFactory(parent=home_page, consent_text="")
    FormFieldFactory(page=page, label="Days", field_type="checkboxes", choices="=A\nB")
    FormSubmission.objects.create(page=page, form_data={"days": ["=A", "B"]})
    _header, row = csv_rows(export(admin_client, page, "csv"))
    assert row[1] == "'=A, B"


def test_xlsx_export_keeps_values_as_text_never_formulas(admin_client, form_page):
    submit(form_page, your_name=DANGEROUS["equals"], phone_number=DANGEROUS["plus"], message=DANGEROUS["at"])
    workbook = load_workbook(io.BytesIO(export(admin_client, form_page, "xlsx")))
    sheet = workbook.active
    header = [cell.value for cell in sheet[1]]
    assert header[1] == "Your name"
    row = sheet[2]
    assert row[1].value == DANGEROUS["equals"] and row[1].data_type == "s"
    assert row[2].value == DANGEROUS["plus"] and row[2].data_type == "s"
    assert row[5].value == DANGEROUS["at"] and row[5].data_type == "s"
    assert all(cell.data_type != "f" for cell in row)


def test_inbox_lists_submissions_with_their_values_and_filters_by_date(admin_client, form_page):
    submit(form_page, when=timezone.now() - datetime.timedelta(days=10), your_name="Older Request")
    submit(form_page, your_name="Newer Request")
    listing = admin_client.get(f"/admin/forms/submissions/{form_page.pk}/")
    assert listing.status_code == 200
    content = listing.content.decode()
    assert "Older Request" in content and "Newer Request" in content
    today = timezone.localdate().isoformat()
    filtered = admin_client.get(f"/admin/forms/submissions/{form_page.pk}/", {"date_from": today})
    assert "Newer Request" in filtered.content.decode()
    assert "Older Request" not in filtered.content.decode()
    _header, *rows = csv_rows(export(admin_client, form_page, "csv", date_from=today))
    assert [row[1] for row in rows] == ["Newer Request"]


def test_forms_index_lists_the_form(admin_client, form_page):
    response = admin_client.get("/admin/forms/")
    assert response.status_code == 200
    assert "Request a call-back" in response.content.decode()


def test_one_submission_shows_every_value(admin_client, form_page):
    submission = submit(form_page, your_name="Alex Rivera", message="Line one\nLine two")
    response = admin_client.get(f"/admin/forms/submissions/{form_page.pk}/{submission.pk}/")
    assert response.status_code == 200
    rows = {
        row.find("th").get_text(strip=True): row.find("td").get_text("\n", strip=True)
        for row in soup_of(response).select("table.listing tr")
    }
    assert rows["Your name"] == "Alex Rivera"
    assert rows["Message"] == "Line one\nLine two"
    submission.refresh_from_db()
    assert rows["Submission date"] == date_format(timezone.localtime(submission.submit_time), "DATETIME_FORMAT")
    assert rows["Agreed to be contacted"] == "Yes"
    assert rows["May we leave a voicemail?"] == "No"


def test_one_submission_is_refused_to_users_who_may_not_read_the_forms_submissions(client, form_page):
    submission = submit(form_page)
    url = f"/admin/forms/submissions/{form_page.pk}/{submission.pk}/"
    assert client.get(url).status_code == 302  # to the login page
    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 403
    assert b"Alex Rivera" not in response.content


def test_a_submission_of_another_form_is_not_found_under_this_one(admin_client, form_page, home_page):
    other = FormPageFactory(parent=home_page)
    submission = submit(form_page)
    assert admin_client.get(f"/admin/forms/submissions/{other.pk}/{submission.pk}/").status_code == 404
