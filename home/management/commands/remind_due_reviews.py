"""Email each clinical reviewer their medical pages that are overdue or due for review soon: titles and admin links only.

A reviewer's pages are those they last reviewed (the page's clinician is linked to
their account). A page nobody active can claim (never reviewed, or its reviewer's
account gone, inactive or no longer a reviewer) goes to every reviewer, so it is
never left unseen. Run it daily (docs/deployment.md: cron or a systemd timer).
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
    help = f"Email each clinical reviewer their medical pages overdue or due within {DUE_SOON_DAYS} days."

    def handle(self, *args, **options):
        pages = list(due_within(medical_pages(), DUE_SOON_DAYS).order_by("next_review_due", "title"))
        reviewers = list(
            get_user_model()
            .objects.filter(is_active=True, groups__name=CLINICAL_REVIEWERS)
            .exclude(email="")
            .distinct()
            .order_by("pk")
        )
        reviewer_ids = {reviewer.pk for reviewer in reviewers}
        unclaimed = [page for page in pages if page.reviewer_user_id not in reviewer_ids]
        sent = 0
        for reviewer in reviewers:
            theirs = [page for page in pages if page.reviewer_user_id == reviewer.pk]
            if not theirs and not unclaimed:
                continue
            count = len(theirs) + len(unclaimed)
            send_mail(
                f"Medical reviews due: {count} page{'s' if count != 1 else ''}",
                self.body(theirs, unclaimed),
                settings.DEFAULT_FROM_EMAIL,
                [reviewer.email],
            )
            sent += 1
        if not pages:
            self.stdout.write("No medical page is overdue or due soon: no reminder sent.")
        else:
            self.stdout.write(f"Sent reminders of {len(pages)} due page(s) to {sent} reviewer(s).")

    def body(self, theirs, unclaimed):
        lines = []
        if theirs:
            lines += [f"Pages you reviewed that are overdue or due for review within {DUE_SOON_DAYS} days:", ""]
            lines += self.page_lines(theirs)
        if unclaimed:
            lines += [
                f"Pages with no active reviewer on record that are overdue or due within {DUE_SOON_DAYS} days "
                "(sent to every clinical reviewer):",
                "",
            ]
            lines += self.page_lines(unclaimed)
        lines.append(f"All medical pages by review date: {admin_url(reverse('medical_review_report'))}")
        return "\n".join(lines) + "\n"

    def page_lines(self, pages):
        lines = []
        for page in pages:
            state = "overdue since" if review_state(page) == OVERDUE else "due"
            lines.append(f"- {page.title} ({state} {date_format(page.next_review_due, 'j F Y')})")
            lines.append(f"  {admin_url(reverse('wagtailadmin_pages:edit', args=(page.pk,)))}")
        return [*lines, ""]


def admin_url(path):
    return f"{settings.WAGTAILADMIN_BASE_URL}{path}"
