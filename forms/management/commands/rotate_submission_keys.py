"""Re-encrypt every stored form submission, and every intake note, under the newest key in SUBMISSION_ENCRYPTION_KEYS."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from forms.audit import form_submissions
from forms.fields import UnreadableText
from forms.models import FormSubmission, SubmissionNote

BATCH = 500


class Command(BaseCommand):
    help = (
        "Re-encrypt every stored form submission and intake note under the newest (first) key in SUBMISSION_ENCRYPTION_KEYS, "
        "so older keys can then be removed. Safe to run again."
    )

    def handle(self, *args, **options):
        rotated, unreadable = 0, []
        ids = list(FormSubmission.objects.order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(ids), BATCH):
            with transaction.atomic():
                batch = list(FormSubmission.objects.select_for_update().filter(pk__in=ids[start : start + BATCH]))
                readable = [submission for submission in batch if submission.is_readable]
                unreadable += [submission.pk for submission in batch if not submission.is_readable]
                # Saving encrypts again, always with the newest key.
                FormSubmission.objects.bulk_update(readable, ["form_data"])
                rotated += len(readable)
        notes_rotated, notes_unreadable = self.rotate_notes()
        self.stdout.write(
            f"Re-encrypted {form_submissions(rotated)} and {notes_rotated} note{'s' if notes_rotated != 1 else ''} "
            "with the newest key."
        )
        if notes_unreadable:
            self.stderr.write(
                f"{len(notes_unreadable)} note(s) could not be decrypted and were left as they are "
                f"(ids {', '.join(str(pk) for pk in notes_unreadable[:50])})."
            )
            if not unreadable:
                raise CommandError("Some intake notes could not be decrypted: add the key they were encrypted with.")
        if unreadable:
            shown = ", ".join(str(pk) for pk in unreadable[:50]) + (", …" if len(unreadable) > 50 else "")
            raise CommandError(
                f"{form_submissions(len(unreadable))} could not be decrypted with any key in "
                f"SUBMISSION_ENCRYPTION_KEYS and were left as they are (ids {shown}). "
                "Add the key they were encrypted with (after the newest) and run this again; "
                "until then they show as unreadable in the inbox."
            )

    def rotate_notes(self):
        rotated, unreadable = 0, []
        ids = list(SubmissionNote.objects.order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(ids), BATCH):
            with transaction.atomic():
                batch = list(SubmissionNote.objects.select_for_update().filter(pk__in=ids[start : start + BATCH]))
                readable = [note for note in batch if not isinstance(note.text, UnreadableText)]
                unreadable += [note.pk for note in batch if isinstance(note.text, UnreadableText)]
                SubmissionNote.objects.bulk_update(readable, ["text"])
                rotated += len(readable)
        return rotated, unreadable
