from django.core.management.base import BaseCommand
from django.db import transaction

from blog import demo as blog_demo
from forms import demo as forms_demo
from home import demo
from treatments import demo as treatments_demo


class Command(BaseCommand):
    help = "Build the demo clinic site. Safe to run again: it only adds what is missing."

    # Each app that contributes demo content adds its loader here, in the order
    # they depend on each other.
    loaders = [demo.load, forms_demo.load, treatments_demo.load, blog_demo.load]

    @transaction.atomic
    def handle(self, *args, **options):
        for load in self.loaders:
            load(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo site ready."))
