from functools import partial

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from survey.models import Answer, Draft, QuestionKind, Response, ResponseChange, Survey
from survey.services import bump_responses_version


class Command(BaseCommand):
    help = (
        "Anonymise (or with --delete remove) the responses of surveys whose retention period "
        "after closing has ended, with their history rows, change log and drafts, and remove "
        "expired saved drafts. Runs daily (deploy/quartier-purge.timer)."
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
                # Who entered which form where, and the old and new answers of corrections.
                history = Response.history.filter(survey_id=survey.pk)
                removed_history, _detail = history.delete()
                removed_log, _detail = ResponseChange.objects.filter(survey=survey).delete()
                Draft.objects.filter(survey=survey).delete()
                self.stdout.write(
                    f"{survey.slug}: {removed_history} history rows and {removed_log} "
                    "change-log entries removed"
                )
                if delete:
                    responses.delete()
                    self.stdout.write(f"{survey.slug}: {count} responses deleted")
                    continue
                # Free text can identify a person; paper metadata ties a form to a staff member.
                answers = Answer.objects.filter(response__survey=survey)
                answers.filter(question__kind=QuestionKind.TEXT).delete()
                answers.exclude(text="").update(text="")
                responses.update(
                    entered_by=None,
                    entered_at=None,
                    source="",
                    batch="",
                    serial="",
                    submission_token=None,
                )
                # Updates send no signal: the dashboard's cached free texts must go too.
                transaction.on_commit(partial(bump_responses_version, survey.pk))
                self.stdout.write(f"{survey.slug}: {count} responses anonymised")
            if not dry_run:
                removed, _detail = drafts.delete()
                self.stdout.write(f"{removed} expired drafts removed")
