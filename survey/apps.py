from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveyConfig(AppConfig):
    name = "survey"
    verbose_name = _("Survey")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from survey.models import Response
        from survey.services import responses_changed

        post_save.connect(responses_changed, sender=Response, dispatch_uid="responses-changed")
        post_delete.connect(responses_changed, sender=Response, dispatch_uid="responses-gone")
