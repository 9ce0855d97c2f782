from django.conf import settings
from django.core.management.base import BaseCommand

from portal.lib.catalogues import catalogue_paths, compile_catalogue


class Command(BaseCommand):
    help = "Compile locale/*/LC_MESSAGES/*.po (django, djangojs) to .mo without GNU gettext."

    def handle(self, *args, **options):
        for locale_dir in settings.LOCALE_PATHS:
            for po_path in catalogue_paths(locale_dir):
                mo_path = compile_catalogue(po_path)
                if options["verbosity"] > 0:
                    self.stdout.write(f"compiled {mo_path.relative_to(settings.BASE_DIR)}")
