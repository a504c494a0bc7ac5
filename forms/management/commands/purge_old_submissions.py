"""Delete form submissions older than SUBMISSION_RETENTION_DAYS, recording how many in the audit log.

Run it daily (docs/patient-data.md): from cron, a systemd timer or your host's scheduler.
"""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from wagtail.models import Page

from forms import audit
from forms.models import FormSubmission


class Command(BaseCommand):
    help = (
        "Delete form submissions older than SUBMISSION_RETENTION_DAYS (default 365) and record how many, "
        "per form, in the audit log. Run it daily."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only count what would be deleted.")

    def handle(self, *args, dry_run=False, **options):
        days = settings.SUBMISSION_RETENTION_DAYS
        cutoff = timezone.now() - datetime.timedelta(days=days)
        older = FormSubmission.objects.filter(submit_time__lt=cutoff)
        counts = dict(older.values_list("page").annotate(count=Count("pk")).order_by())
        if not counts:
            self.stdout.write(f"No form submissions older than {days} days.")
            return
        pages = Page.objects.filter(pk__in=counts).specific().order_by("title")
        if dry_run:
            for page in pages:
                self.stdout.write(f"Would delete {counts[page.pk]} from “{page.title}”.")
            self.stdout.write(
                f"Dry run: would delete {audit.form_submissions(sum(counts.values()))} older than {days} days."
            )
            return
        total = 0
        with transaction.atomic():
            for page in pages:
                deleted, _ = FormSubmission.objects.filter(page=page, submit_time__lt=cutoff).delete()
                audit.purged(page, count=deleted, retention_days=days, cutoff=cutoff)
                self.stdout.write(f"Deleted {deleted} from “{page.title}”.")
                total += deleted
        self.stdout.write(
            f"Deleted {audit.form_submissions(total)} older than {days} days (sent before {cutoff:%Y-%m-%d %H:%M} UTC)."
        )
