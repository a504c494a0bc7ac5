from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from demo.loader import DemoContentError, DemoLoader
from demo.users import DemoUsersError


class Command(BaseCommand):
    help = "Build the demo clinic site from demo/content/. Safe to run again: it only adds what is missing."

    @transaction.atomic
    def handle(self, *args, **options):
        try:
            DemoLoader(self.stdout).load()
        except (DemoContentError, DemoUsersError) as error:
            raise CommandError(str(error)) from None
        self.stdout.write(self.style.SUCCESS("Demo site ready."))
