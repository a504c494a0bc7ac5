"""Move the form pages' submissions from Wagtail's plaintext table into the encrypted one.

Each row keeps its id (the notification emails link to it), page and time; its
values are encrypted with the newest key in SUBMISSION_ENCRYPTION_KEYS, and the
plaintext row is deleted. Going back decrypts them into Wagtail's table again.
"""

from django.core.management.color import no_style
from django.db import migrations

BATCH = 500


def reset_id_sequence(schema_editor, model):
    # Rows were inserted with their old ids: PostgreSQL's sequence must continue after them.
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), [model]):
            cursor.execute(statement)


def copy_rows(source, target):
    """Copy rows with their ids and times (bulk_create would stamp auto_now_add's time)."""
    copies = []
    for row in source:
        copies.append(target(pk=row.pk, page_id=row.page_id, form_data=row.form_data, submit_time=row.submit_time))
    submit_times = {copy.pk: copy.submit_time for copy in copies}
    target.objects.bulk_create(copies, batch_size=BATCH)
    for copy in copies:
        copy.submit_time = submit_times[copy.pk]
    target.objects.bulk_update(copies, ["submit_time"], batch_size=BATCH)


def encrypt_existing_submissions(apps, schema_editor):
    PlainSubmission = apps.get_model("wagtailforms", "FormSubmission")
    EncryptedSubmission = apps.get_model("forms", "FormSubmission")
    FormPage = apps.get_model("forms", "FormPage")
    plaintext = PlainSubmission.objects.filter(page_id__in=FormPage.objects.values("pk")).order_by("pk")
    copy_rows(list(plaintext), EncryptedSubmission)
    plaintext.delete()
    reset_id_sequence(schema_editor, EncryptedSubmission)


def decrypt_submissions(apps, schema_editor):
    from forms.crypto import is_readable

    PlainSubmission = apps.get_model("wagtailforms", "FormSubmission")
    EncryptedSubmission = apps.get_model("forms", "FormSubmission")
    encrypted = list(EncryptedSubmission.objects.order_by("pk"))
    unreadable = [row.pk for row in encrypted if not is_readable(row.form_data)]
    if unreadable:
        raise RuntimeError(
            f"{len(unreadable)} form submissions cannot be decrypted with SUBMISSION_ENCRYPTION_KEYS "
            f"(ids {unreadable[:20]}); add the key they were encrypted with before migrating back."
        )
    copy_rows(encrypted, PlainSubmission)
    EncryptedSubmission.objects.all().delete()
    reset_id_sequence(schema_editor, PlainSubmission)


class Migration(migrations.Migration):
    dependencies = [
        ("forms", "0002_formsubmission"),
        ("wagtailforms", "0005_alter_formsubmission_form_data"),
    ]

    operations = [
        migrations.RunPython(encrypt_existing_submissions, decrypt_submissions),
    ]
