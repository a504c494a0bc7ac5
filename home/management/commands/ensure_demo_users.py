from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

DEMO_USERNAME = "admin"
DEMO_PASSWORD = "changeme"  # noqa: S105 - a published demo password, refused outside development


class Command(BaseCommand):
    help = "Make sure the demo administrator exists (development settings only)."

    def handle(self, *args, **options):
        if not settings.DEMO_USERS_ALLOWED:
            raise CommandError("Demo users have well-known passwords and are only made with the development settings.")
        User = get_user_model()
        if User.objects.filter(username=DEMO_USERNAME).exists():
            self.stdout.write(
                f"Demo admin: {DEMO_USERNAME} / {DEMO_PASSWORD} (already there; password unchanged if you changed it)"
            )
            return
        User.objects.create_superuser(DEMO_USERNAME, email="admin@example.com", password=DEMO_PASSWORD)
        self.stdout.write(self.style.SUCCESS(f"Demo admin created: {DEMO_USERNAME} / {DEMO_PASSWORD}"))
