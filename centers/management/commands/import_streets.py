from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from centers.street_import import import_directory, read_directory


class Command(BaseCommand):
    help = (
        "Import the city's street directory from CSV (street;from;to;parity;postcode;quarter), "
        "the same checks and the same import as the admin's upload."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Replace the whole directory (default: only the streets the file names).",
        )
        parser.add_argument(
            "--check", action="store_true", help="Only check the file; import nothing."
        )

    def handle(self, *args, path, replace, check, **options):
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}") from error
        directory = read_directory(data)
        for error in directory.errors:
            where = f"line {error.line}: " if error.line else ""
            self.stderr.write(f"{path}: {where}{error.message}")
        if directory.errors:
            raise CommandError(f"{len(directory.errors)} error(s); nothing was imported.")
        self.stdout.write(
            f"{len(directory.sections)} sections of {directory.street_count} streets are valid."
        )
        if check:
            return
        result = import_directory(directory, replace_all=replace)
        self.stdout.write(
            self.style.SUCCESS(f"Imported {result.created} sections, removed {result.removed}.")
        )
