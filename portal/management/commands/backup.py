from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from portal.lib.backups import backup


class Command(BaseCommand):
    help = "Back up the database and the media files into one folder with checksums."

    def add_arguments(self, parser):
        parser.add_argument("--target", help="Folder to write (default var/backups/<time>)")

    def handle(self, *args, target=None, **options):
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
        folder = backup(Path(target or settings.BASE_DIR / "var" / "backups" / stamp))
        self.stdout.write(self.style.SUCCESS(f"Backup written to {folder}"))
