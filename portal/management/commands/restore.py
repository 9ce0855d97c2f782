from django.core.management.base import BaseCommand, CommandError

from portal.lib.backups import restore


class Command(BaseCommand):
    help = "Restore the database and the media files from a folder written by `backup`."

    def add_arguments(self, parser):
        parser.add_argument("source", help="Backup folder")
        parser.add_argument("--yes", action="store_true", help="Do not ask for confirmation")

    def handle(self, *args, source, yes, **options):
        if (
            not yes
            and input("This replaces the database and all media files. Type 'yes': ") != "yes"
        ):
            raise CommandError("Restore cancelled.")
        try:
            restore(source)
        except (OSError, ValueError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Restored from {source}"))
