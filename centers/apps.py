from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CentersConfig(AppConfig):
    name = "centers"
    verbose_name = _("Neighbourhood centres")

    def ready(self):
        from centers import tasks  # noqa: F401 -- registers the task list entries
        from staff.history import register_history

        register_history(self, ["Centre", "Site", "Document"])
