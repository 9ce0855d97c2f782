from django.conf import settings
from django.core.management.base import BaseCommand

from network.models import Idea


class Command(BaseCommand):
    help = (
        "Erase the optional contact of residents' ideas older than IDEA_CONTACT_RETENTION_DAYS "
        "(run daily). The ideas themselves stay."
    )

    def handle(self, *args, **options):
        count = sum(idea.forget_contact() for idea in Idea.objects.contact_expired())
        self.stdout.write(
            f"{count} contacts erased (older than {settings.IDEA_CONTACT_RETENTION_DAYS} days)."
        )
