"""The demo site's people (demo/users.py) and a few fictional requests in the inbox."""

from django.core.management.base import BaseCommand, CommandError

from demo.loader import seed_requests
from demo.users import DEMO_PASSWORD, DemoUsersError, ensure_demo_users


class Command(BaseCommand):
    help = "Make sure the demo users exist, one per role and a reviewer per clinician, and the inbox has demo requests."

    def handle(self, *args, **options):
        try:
            users = ensure_demo_users()
        except DemoUsersError as error:
            raise CommandError(str(error)) from None
        for spec, created in users:
            note = "created" if created else "already there; password unchanged if you changed it"
            self.stdout.write(f"Demo user {spec.username} / {DEMO_PASSWORD} ({spec.does}) — {note}")
        added = seed_requests()
        if added:
            self.stdout.write(f"Added {added} fictional requests to the forms inbox.")
