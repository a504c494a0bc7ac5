from django.core.management.base import BaseCommand
from django.db import transaction

from demo.loader import DemoLoader


class Command(BaseCommand):
    help = "Build the demo clinic site from demo/content/. Safe to run again: it only adds what is missing."

    @transaction.atomic
    def handle(self, *args, **options):
        DemoLoader(self.stdout).load()
        self.stdout.write(self.style.SUCCESS("Demo site ready."))
