from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OffersConfig(AppConfig):
    name = "offers"
    verbose_name = _("Activities and services")

    def ready(self):
        from offers import tasks  # noqa: F401 -- registers the task list entries
        from offers.renditions import connect_renditions
        from offers.search import register_offers
        from staff.history import register_history

        connect_renditions()
        register_offers()
        register_history(
            self,
            ["Offer", "Schedule", "Cancellation"],
            Offer={"m2m_fields": ["target_groups", "languages"]},
        )
