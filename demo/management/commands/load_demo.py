from importlib import import_module

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from demo.marks import real_content
from search import registry

# Order matters: offers refer to centres and contacts, the survey to quarters; the network's
# actors take over some of the demo activities, so they come after them.
DEMO_MODULES = [
    "demo.centers",
    "demo.contacts",
    "demo.offers",
    "demo.network",
    "demo.survey",
    "demo.search",
]


class Command(BaseCommand):
    help = "Load the demo content (idempotent: running it twice changes nothing)."

    def handle(self, *args, **options):
        if not (settings.DEBUG or settings.DEMO_WITHOUT_DEBUG):
            raise CommandError("Demo content is only loaded with DEBUG=1, never in production.")
        found = real_content()
        if found:
            raise CommandError(
                "This database holds content that is not demo content "
                f"({', '.join(found)}); the demo is never mixed into real data."
            )
        with transaction.atomic():
            for line in self.load():
                self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS("Demo content is loaded."))

    def load(self):
        """Loads every demo module; returns what each one made."""
        lines = []
        # Thousands of saves: the search index is written once at the end, not after each.
        with registry.paused():
            for module_name in DEMO_MODULES:
                summary = import_module(module_name).load()
                if summary:
                    lines.append(f"{module_name}: {summary}")
        lines.append(f"search: {registry.rebuild()} index entries")
        return lines
