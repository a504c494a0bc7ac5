from django.core.management.base import BaseCommand
from django.db import transaction

import forms.demo
from home import demo


class Command(BaseCommand):
    help = "Build the demo clinic site. Safe to run again: it only adds what is missing."

    # Each app that contributes demo content adds its loader here, in the order
    # they depend on each other.
    loaders = [demo.load, forms.demo.load]

    @transaction.atomic
    def handle(self, *args, **options):
        for load in self.loaders:
            load(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo site ready."))
