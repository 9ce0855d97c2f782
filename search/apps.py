from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")

    def ready(self):
        from search.indexers import register_lower_layers
        from staff.history import register_history

        register_lower_layers()
        register_history(self, ["Synonym"])
