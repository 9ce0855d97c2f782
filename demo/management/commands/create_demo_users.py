from django.conf import settings
from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError

from staff.management.commands.setup_roles import setup_roles
from staff.models import StaffProfile
from staff.permissions import EDITORS, EVALUATION, QUARTER_MANAGERS

DEMO_PASSWORD = "Quartier-Demo-2024"  # noqa: S105 -- documented in README.md, never in production
DEMO_USERS = [
    ("redaktion", EDITORS, [], "Rita", "Redaktion"),
    ("qm-boeckingen", QUARTER_MANAGERS, ["boeckingen"], "Bora", "Böckingen"),
    ("qm-sueden", QUARTER_MANAGERS, ["heilbronner-sueden"], "Sven", "Süden"),
    ("auswertung", EVALUATION, [], "Aylin", "Auswertung"),
]


class Command(BaseCommand):
    help = "Creates one demo account per role (development and demos only, never in production)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Demo accounts are only created with DEBUG=1, never in production.")
        from centers.models import Centre

        groups = setup_roles()
        for username, role, centre_slugs, first_name, last_name in DEMO_USERS:
            user, _created = User.objects.get_or_create(username=username)
            user.first_name, user.last_name = first_name, last_name
            user.is_staff = True
            user.is_superuser = False
            user.set_password(DEMO_PASSWORD)
            user.save()
            user.groups.set([groups[role]])
            profile, _created = StaffProfile.objects.get_or_create(user=user)
            profile.centres.set(Centre.objects.filter(slug__in=centre_slugs))
            self.stdout.write(f"  {username:15} {role}")
        self.stdout.write(f"Demo accounts ready; password for all of them: {DEMO_PASSWORD}")
