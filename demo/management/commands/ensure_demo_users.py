"""The demo site's people, one per role, and a few fictional requests in the inbox.

The demo app is installed by the development and test settings only, so the
production settings have no such command and no user with a published password.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

from demo.loader import seed_requests
from home.roles import CLINICAL_REVIEWERS, EDITORS, INTAKE_STAFF

DEMO_PASSWORD = "changeme"  # noqa: S105 - a published demo password, refused outside development

# username, group (None: a superuser), what they can do
DEMO_USERS = [
    ("admin", None, "administrator: everything"),
    ("editor", EDITORS, "edits and publishes pages and forms; cannot see form submissions"),
    ("reviewer", CLINICAL_REVIEWERS, "approves medical content sent for review; cannot see form submissions"),
    ("intake", INTAKE_STAFF, "reads, exports and deletes form submissions; cannot edit pages"),
]


class Command(BaseCommand):
    help = "Make sure the demo users exist, one per role, and the inbox has demo requests."

    def handle(self, *args, **options):
        for username, group_name, role in DEMO_USERS:
            created = self.ensure_user(username, group_name)
            note = "created" if created else "already there; password unchanged if you changed it"
            self.stdout.write(f"Demo user {username} / {DEMO_PASSWORD} ({role}) — {note}")
        added = seed_requests()
        if added:
            self.stdout.write(f"Added {added} fictional requests to the forms inbox.")

    def ensure_user(self, username, group_name):
        User = get_user_model()
        user = User.objects.filter(username=username).first()
        created = user is None
        if created and group_name is None:
            user = User.objects.create_superuser(username, email=f"{username}@example.com", password=DEMO_PASSWORD)
        elif created:
            user = User.objects.create_user(username, email=f"{username}@example.com", password=DEMO_PASSWORD)
        if group_name is not None:
            try:
                group = Group.objects.get(name=group_name)
            except Group.DoesNotExist:
                raise CommandError(f"The group “{group_name}” is missing: run manage.py migrate first.") from None
            user.groups.add(group)
        return created
