from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "network"
    verbose_name = _("Network of the neighbourhood")

    def ready(self):
        from network import tasks  # noqa: F401 -- registers the task list entries
        from network.search import register_actors
        from staff.history import register_history

        # The contact of an idea is erased after its retention period; no history row keeps it.
        register_history(
            self,
            ["Actor", "Idea"],
            Actor={"m2m_fields": ["quarters", "sites"]},
            Idea={"excluded_fields": ["contact"]},
        )
        register_actors()
