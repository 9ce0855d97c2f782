from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveyConfig(AppConfig):
    name = "survey"
    verbose_name = _("Survey")

    def ready(self):
        from django.db.models.signals import post_delete, post_save, pre_save

        from staff.history import register_history
        from survey import tasks  # noqa: F401 -- registers the task list entries
        from survey.models import Response
        from survey.services import only_paper_responses_in_history, responses_changed

        # Online responses are anonymous and never edited: only paper ones get a history, never
        # with the one-time token of an online form; a deleted (e.g. purged) response takes its
        # history with it (the survey's own ResponseChange log records who deleted it).
        register_history(
            self,
            ["Survey", "Question", "Choice", "Response"],
            Response={"excluded_fields": ["submission_token"], "cascade_delete_history": True},
        )
        pre_save.connect(
            only_paper_responses_in_history, sender=Response, dispatch_uid="history-paper"
        )
        post_save.connect(responses_changed, sender=Response, dispatch_uid="responses-changed")
        post_delete.connect(responses_changed, sender=Response, dispatch_uid="responses-gone")
