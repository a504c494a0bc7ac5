"""Email clinical reviewers the medical pages that are overdue or due for review soon: titles and admin links only.

Run it daily (docs/editor-guide.md: cron or a systemd timer, like the retention purge).
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.urls import reverse
from django.utils.formats import date_format

from home.reviews import DUE_SOON_DAYS, OVERDUE, due_within, medical_pages, review_state
from home.roles import CLINICAL_REVIEWERS


class Command(BaseCommand):
    help = f"Email every clinical reviewer the medical pages overdue or due within {DUE_SOON_DAYS} days."

    def handle(self, *args, **options):
        pages = list(due_within(medical_pages(), DUE_SOON_DAYS).order_by("next_review_due", "title"))
        if not pages:
            self.stdout.write("No medical page is overdue or due soon: no reminder sent.")
            return
        reviewers = get_user_model().objects.filter(is_active=True, groups__name=CLINICAL_REVIEWERS).exclude(email="")
        body = self.body(pages)
        for reviewer in reviewers:
            send_mail(
                f"Medical reviews due: {len(pages)} page{'s' if len(pages) != 1 else ''}",
                body,
                settings.DEFAULT_FROM_EMAIL,
                [reviewer.email],
            )
        self.stdout.write(f"Sent a reminder of {len(pages)} due page(s) to {len(reviewers)} reviewer(s).")

    def body(self, pages):
        lines = [f"These medical pages are overdue or due for review within {DUE_SOON_DAYS} days:", ""]
        for page in pages:
            state = "overdue since" if review_state(page) == OVERDUE else "due"
            lines.append(f"- {page.title} ({state} {date_format(page.next_review_due, 'j F Y')})")
            lines.append(f"  {settings.WAGTAILADMIN_BASE_URL}{reverse('wagtailadmin_pages:edit', args=(page.pk,))}")
        lines += [
            "",
            f"All medical pages by review date: {settings.WAGTAILADMIN_BASE_URL}{reverse('medical_review_report')}",
        ]
        return "\n".join(lines) + "\n"
