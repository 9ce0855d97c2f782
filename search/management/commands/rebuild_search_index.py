from django.core.management.base import BaseCommand
from django.db import transaction

from search.registry import rebuild


class Command(BaseCommand):
    help = "Write the search index from scratch (after an import, or if in doubt)."

    def handle(self, *args, **options):
        with transaction.atomic():
            count = rebuild()
        self.stdout.write(self.style.SUCCESS(f"Search index: {count} entries."))
