from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from demo.loader import DemoContentError, DemoLoader


class Command(BaseCommand):
    help = "Build the demo clinic site from demo/content/. Safe to run again: it only adds what is missing."

    @transaction.atomic
    def handle(self, *args, **options):
        try:
            DemoLoader(self.stdout).load()
        except DemoContentError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(self.style.SUCCESS("Demo site ready."))
