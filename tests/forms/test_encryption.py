"""Submitted values are encrypted at rest; keys rotate; a row no key opens is listed as unreadable, never an error."""

import csv
import importlib
import io

import pytest
from cryptography.fernet import Fernet
from django.apps import apps
from django.core import checks, serializers
from django.core.management import CommandError, call_command
from django.db import connection
from openpyxl import load_workbook
from wagtail.contrib.forms.models import FormSubmission as WagtailPlaintextSubmission

from forms import crypto
from forms.checks import stored_submissions_key_problem
from forms.models import FormSubmission

from .conftest import soup_of, submit, valid_call_back_data

pytestmark = pytest.mark.django_db

TEST_KEY = "dGVzdC1vbmx5IGtleSwgbm90IGZvciByZWFsIHVzZSE="  # clinicsite/settings/test.py
OLD_KEY = Fernet.generate_key().decode()
NEW_KEY = Fernet.generate_key().decode()
UNKNOWN_KEY = Fernet.generate_key().decode()


def raw_form_data(submission_id=None):
    """The form_data column as the database holds it."""
    with connection.cursor() as cursor:
        if submission_id is None:
            cursor.execute("SELECT form_data FROM forms_formsubmission ORDER BY id")
        else:
            cursor.execute("SELECT form_data FROM forms_formsubmission WHERE id = %s", [submission_id])
        return [row[0] for row in cursor.fetchall()]


def set_raw_form_data(submission_id, value):
    with connection.cursor() as cursor:
        cursor.execute("UPDATE forms_formsubmission SET form_data = %s WHERE id = %s", [value, submission_id])


def readable_only_with(key, token):
    return Fernet(key.encode()).decrypt(token.encode())


# --- At rest -----------------------------------------------------------------------------


def test_a_posted_submission_is_stored_as_ciphertext_and_read_back(client, form_page):
    response = client.post(form_page.url, valid_call_back_data(your_name="Alex Rivera", message="Ketamine, please"))
    assert response.status_code == 302
    (raw,) = raw_form_data()
    assert raw.startswith("gAAAAA")  # a Fernet token
    for plaintext in ("Alex Rivera", "Ketamine", "010", "your_name", "Mornings"):
        assert plaintext not in raw
    assert b"Alex Rivera" in readable_only_with(TEST_KEY, raw)
    assert FormSubmission.objects.get().form_data["your_name"] == "Alex Rivera"


def test_values_of_every_type_survive_the_round_trip(form_page):
    data = {"name": "Zoë “quoted” 😊", "days": ["Mon", "Tue"], "agreed": True, "count": 3, "empty": "", "none": None}
    submission = FormSubmission.objects.create(page=form_page, form_data=data)
    submission.refresh_from_db()
    assert submission.form_data == data


def test_serialised_copies_hold_ciphertext_too(form_page):
    submit(form_page, your_name="Alex Rivera")
    dumped = serializers.serialize("json", FormSubmission.objects.all())
    assert "Alex Rivera" not in dumped
    (restored,) = serializers.deserialize("json", dumped)
    assert restored.object.form_data["your_name"] == "Alex Rivera"


def test_a_submission_never_shows_its_values_as_text(form_page):
    submission = submit(form_page, your_name="Alex Rivera")
    assert "Alex" not in str(submission) and "Alex" not in repr(submission)


# --- Rotation --------------------------------------------------------------------------


def test_rotation_keeps_every_submission_readable_under_the_newest_key(settings, form_page):
    settings.SUBMISSION_ENCRYPTION_KEYS = [OLD_KEY]
    submissions = [submit(form_page, your_name=f"Person {number}") for number in range(3)]

    # A new key goes in front: old rows still read, new rows use the new key.
    settings.SUBMISSION_ENCRYPTION_KEYS = [NEW_KEY, OLD_KEY]
    newer = submit(form_page, your_name="Person 3")
    readable_only_with(NEW_KEY, raw_form_data(newer.pk)[0])
    assert [s.form_data["your_name"] for s in FormSubmission.objects.order_by("pk")] == [
        f"Person {n}" for n in range(4)
    ]

    output = io.StringIO()
    call_command("rotate_submission_keys", stdout=output)
    assert "Re-encrypted 4 form submissions" in output.getvalue()

    # The old key can go: every row opens with the new key alone, values and times unchanged.
    settings.SUBMISSION_ENCRYPTION_KEYS = [NEW_KEY]
    for raw in raw_form_data():
        readable_only_with(NEW_KEY, raw)
    stored = list(FormSubmission.objects.order_by("pk"))
    assert [s.form_data["your_name"] for s in stored] == [f"Person {n}" for n in range(4)]
    assert [s.submit_time for s in stored[:3]] == [s.submit_time for s in submissions]


def raw_note_text(note):
    with connection.cursor() as cursor:
        cursor.execute("SELECT text FROM forms_submissionnote WHERE id = %s", [note.pk])
        return cursor.fetchone()[0]


def test_rotation_re_encrypts_intake_notes_and_leaves_an_unreadable_one_as_it_is(settings, form_page):
    from forms.models import SubmissionNote

    settings.SUBMISSION_ENCRYPTION_KEYS = [OLD_KEY]
    note = SubmissionNote.objects.create(submission=submit(form_page), text="Called back at 10.")
    settings.SUBMISSION_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
    lost = SubmissionNote.objects.create(submission=submit(form_page), text="Under a key that will be lost.")
    lost_token = raw_note_text(lost)

    settings.SUBMISSION_ENCRYPTION_KEYS = [NEW_KEY, OLD_KEY]
    assert SubmissionNote.objects.get(pk=lost.pk).text == crypto.UNREADABLE
    output, errors = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError):  # the submission under the lost key is unreadable too
        call_command("rotate_submission_keys", stdout=output, stderr=errors)
    assert "and 1 note with the newest key" in output.getvalue()
    assert f"ids {lost.pk}" in errors.getvalue()

    readable_only_with(NEW_KEY, raw_note_text(note))
    assert raw_note_text(lost) == lost_token
    settings.SUBMISSION_ENCRYPTION_KEYS = [NEW_KEY]
    assert SubmissionNote.objects.get(pk=note.pk).text == "Called back at 10."


# --- A row no key opens ------------------------------------------------------------------


@pytest.fixture
def intake_client(client):
    from .conftest import user_with_role

    client.force_login(user_with_role("intake"))
    return client


@pytest.fixture(params=["unknown key", "tampered"])
def unreadable_submission(request, settings, form_page):
    """A readable submission and one no configured key opens: made with another key, or altered in the database."""
    submit(form_page, your_name="Readable Person")
    if request.param == "unknown key":
        settings.SUBMISSION_ENCRYPTION_KEYS = [UNKNOWN_KEY]
        submission = submit(form_page, your_name="Lost Person")
        settings.SUBMISSION_ENCRYPTION_KEYS = [TEST_KEY]
    else:
        submission = submit(form_page, your_name="Lost Person")
        (raw,) = raw_form_data(submission.pk)
        middle = len(raw) // 2
        set_raw_form_data(submission.pk, raw[:middle] + ("A" if raw[middle] != "A" else "B") + raw[middle + 1 :])
    return FormSubmission.objects.get(pk=submission.pk)


def test_an_unreadable_submission_reads_as_unreadable_never_as_ciphertext(unreadable_submission):
    assert not unreadable_submission.is_readable
    data = unreadable_submission.get_data()
    assert data["your_name"] == data.get("phone_number") == crypto.UNREADABLE
    assert data["submit_time"] == unreadable_submission.submit_time
    assert not any(str(value).startswith("gAAAAA") for value in data.values())


def test_the_inbox_lists_an_unreadable_row_as_unreadable(intake_client, form_page, unreadable_submission):
    response = intake_client.get(f"/admin/forms/submissions/{form_page.pk}/")
    assert response.status_code == 200
    rows = soup_of(response).select("table.listing tbody tr")
    assert len(rows) == 2
    texts = [row.get_text(" ", strip=True) for row in rows]
    assert crypto.UNREADABLE in texts[0] and "Lost Person" not in texts[0]  # newest first
    assert "Readable Person" in texts[1] and crypto.UNREADABLE not in texts[1]


def test_the_exports_list_an_unreadable_row_as_unreadable(intake_client, form_page, unreadable_submission):
    url = f"/admin/forms/submissions/{form_page.pk}/"
    response = intake_client.get(url, {"export": "csv"})
    _header, readable, unreadable = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert readable[1] == "Readable Person"
    assert unreadable[1:] == [crypto.UNREADABLE] * (len(unreadable) - 1)
    xlsx = b"".join(intake_client.get(url, {"export": "xlsx"}).streaming_content)
    sheet = load_workbook(io.BytesIO(xlsx)).active
    assert [cell.value for cell in sheet[3]][1] == crypto.UNREADABLE


def test_one_unreadable_submission_shows_as_unreadable(intake_client, form_page, unreadable_submission):
    response = intake_client.get(f"/admin/forms/submissions/{form_page.pk}/{unreadable_submission.pk}/")
    assert response.status_code == 200
    assert crypto.UNREADABLE in response.content.decode()


def test_saving_an_unreadable_submission_keeps_its_ciphertext(unreadable_submission):
    (before,) = raw_form_data(unreadable_submission.pk)
    unreadable_submission.save()
    assert raw_form_data(unreadable_submission.pk) == [before]


def test_rotation_reports_unreadable_rows_and_leaves_them_alone(unreadable_submission):
    (before,) = raw_form_data(unreadable_submission.pk)
    output = io.StringIO()
    with pytest.raises(
        CommandError, match=rf"1 form submission could not be decrypted .*ids {unreadable_submission.pk}\)"
    ):
        call_command("rotate_submission_keys", stdout=output)
    assert "Re-encrypted 1 form submission and 0 notes with the newest key." in output.getvalue()
    assert raw_form_data(unreadable_submission.pk) == [before]


def test_adding_the_missing_key_makes_it_readable_again(settings, form_page):
    settings.SUBMISSION_ENCRYPTION_KEYS = [UNKNOWN_KEY]
    submission = submit(form_page, your_name="Found Person")
    settings.SUBMISSION_ENCRYPTION_KEYS = [TEST_KEY]
    assert not FormSubmission.objects.get(pk=submission.pk).is_readable
    settings.SUBMISSION_ENCRYPTION_KEYS = [TEST_KEY, UNKNOWN_KEY]
    assert FormSubmission.objects.get(pk=submission.pk).form_data["your_name"] == "Found Person"


# --- Start-up check -----------------------------------------------------------------------


def test_start_up_check_passes_with_the_right_keys_or_no_submissions(form_page):
    assert stored_submissions_key_problem() is None
    submit(form_page)
    assert stored_submissions_key_problem() is None


def test_start_up_check_stops_when_no_key_opens_any_stored_submission(settings, form_page):
    submit(form_page)
    submit(form_page)
    settings.SUBMISSION_ENCRYPTION_KEYS = [UNKNOWN_KEY]
    assert "SUBMISSION_ENCRYPTION_KEYS holds no key" in stored_submissions_key_problem()


def test_start_up_check_lets_one_damaged_row_through(form_page):
    submit(form_page)
    damaged = submit(form_page)
    set_raw_form_data(damaged.pk, "gAAAAAnot-a-real-token")
    assert stored_submissions_key_problem() is None


def test_start_up_check_is_a_system_check_only_when_asked_for_with_the_database(settings, form_page):
    submit(form_page)
    settings.SUBMISSION_ENCRYPTION_KEYS = [UNKNOWN_KEY]
    asked = checks.run_checks(include_deployment_checks=True, databases=["default"])
    assert [error.id for error in asked if (error.id or "").startswith("forms.")] == ["forms.E001"]
    # migrate and runserver run checks without deployment checks; plain `check --deploy` has no database.
    for not_asked in (
        checks.run_checks(databases=["default"]),
        checks.run_checks(include_deployment_checks=True),
    ):
        assert not [error for error in not_asked if (error.id or "").startswith("forms.")]


# --- The data migration -------------------------------------------------------------------


def test_the_migration_encrypts_plaintext_submissions_keeping_ids_and_times(form_page, home_page):
    migration = importlib.import_module("forms.migrations.0003_encrypt_existing_submissions")
    plain = [
        WagtailPlaintextSubmission.objects.create(page=form_page, form_data={"your_name": f"Plain {n}"})
        for n in range(3)
    ]
    other_page_row = WagtailPlaintextSubmission.objects.create(page=home_page, form_data={"x": "not a form page"})

    migration.encrypt_existing_submissions(apps, connection.schema_editor())

    assert list(WagtailPlaintextSubmission.objects.all()) == [other_page_row]  # only form pages' rows move
    moved = list(FormSubmission.objects.order_by("pk"))
    assert [(s.pk, s.page_id, s.submit_time) for s in moved] == [(p.pk, p.page_id, p.submit_time) for p in plain]
    assert [s.form_data for s in moved] == [{"your_name": f"Plain {n}"} for n in range(3)]
    assert not any("Plain" in raw for raw in raw_form_data())
    # New submissions continue after the moved ids.
    assert submit(form_page).pk > max(p.pk for p in plain)


def test_migrating_back_decrypts_into_wagtails_table(form_page):
    migration = importlib.import_module("forms.migrations.0003_encrypt_existing_submissions")
    submission = submit(form_page, your_name="Going Back")
    migration.decrypt_submissions(apps, connection.schema_editor())
    assert not FormSubmission.objects.exists()
    restored = WagtailPlaintextSubmission.objects.get()
    assert (restored.pk, restored.form_data["your_name"]) == (submission.pk, "Going Back")
