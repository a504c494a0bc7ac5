from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from demo.loader import DemoContentError, DemoLoader
from demo.users import DemoUsersError


class Command(BaseCommand):
    help = "Build the demo clinic site from demo/content/. Safe to run again: it only adds what is missing."

    def add_arguments(self, parser):
        parser.add_argument(
            "--site-url",
            help=(
                "The address the demo is served on, e.g. http://127.0.0.1:8001: the Site's hostname and port, "
                "used in the sitemap, feeds and structured data. Default: WAGTAILADMIN_BASE_URL "
                "(make run sets it to http://127.0.0.1:$PORT)."
            ),
        )

    @transaction.atomic
    def handle(self, *args, **options):
        try:
            DemoLoader(self.stdout).load(site_url=options["site_url"])
        except (DemoContentError, DemoUsersError) as error:
            raise CommandError(str(error)) from None
        self.stdout.write(self.style.SUCCESS("Demo site ready."))
