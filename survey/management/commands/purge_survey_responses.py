from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from survey.models import Answer, Draft, QuestionKind, Response, Survey


class Command(BaseCommand):
    help = (
        "Anonymise (or with --delete remove) the responses of surveys whose retention period "
        "after closing has ended, and remove expired saved drafts."
    )

    def add_arguments(self, parser):
        parser.add_argument("--delete", action="store_true", help="Delete instead of anonymising.")
        parser.add_argument("--dry-run", action="store_true", help="Only report what would happen.")

    def handle(self, *args, delete=False, dry_run=False, **options):
        now = timezone.now()
        expired = [survey for survey in Survey.objects.all() if survey.retention_ends_at <= now]
        drafts = Draft.objects.filter(expires_at__lte=now)
        with transaction.atomic():
            for survey in expired:
                responses = Response.objects.filter(survey=survey)
                count = responses.count()
                if dry_run:
                    self.stdout.write(f"{survey.slug}: {count} responses would be processed")
                    continue
                if delete:
                    responses.delete()
                    self.stdout.write(f"{survey.slug}: {count} responses deleted")
                    continue
                # Free text can identify a person; paper metadata ties a form to a staff member.
                answers = Answer.objects.filter(response__survey=survey)
                answers.filter(question__kind=QuestionKind.TEXT).delete()
                answers.exclude(text="").update(text="")
                responses.update(
                    entered_by=None, entered_at=None, source="", batch="", submission_token=None
                )
                self.stdout.write(f"{survey.slug}: {count} responses anonymised")
            if not dry_run:
                removed, _detail = drafts.delete()
                self.stdout.write(f"{removed} expired drafts removed")
