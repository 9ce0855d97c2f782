from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction

# Order matters: offers refer to centres and contacts, the survey to quarters.
DEMO_MODULES = ["centers.demo", "contacts.demo", "offers.demo", "survey.demo"]


class Command(BaseCommand):
    help = "Load the demo content (idempotent: running it twice changes nothing)."

    def handle(self, *args, **options):
        with transaction.atomic():
            for module_name in DEMO_MODULES:
                summary = import_module(module_name).load()
                if summary:
                    self.stdout.write(f"{module_name}: {summary}")
        self.stdout.write(self.style.SUCCESS("Demo content is loaded."))
