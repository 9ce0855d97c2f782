from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand, CommandError

from staff.permissions import ROLE_PERMISSIONS


def setup_roles():
    """Creates the three groups with exactly their permissions; running it again changes nothing."""
    wanted = {perm for perms in ROLE_PERMISSIONS.values() for perm in perms}
    found = {}
    for permission in Permission.objects.select_related("content_type"):
        label = f"{permission.content_type.app_label}.{permission.codename}"
        if label in wanted:
            found[label] = permission
    missing = sorted(wanted - found.keys())
    if missing:
        raise CommandError(f"Unknown permissions (run migrate first?): {', '.join(missing)}")
    groups = {}
    for name, perms in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.set([found[label] for label in perms])
        groups[name] = group
    return groups


class Command(BaseCommand):
    help = "Creates or updates the staff roles Redaktion, Quartiersmanagement and Auswertung."

    def handle(self, *args, **options):
        groups = setup_roles()
        for name, group in groups.items():
            self.stdout.write(f"{name}: {group.permissions.count()} permissions")
