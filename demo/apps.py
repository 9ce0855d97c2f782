from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Demo content for development and presentations; never part of the production wheel."""

    name = "demo"
    verbose_name = _("Demo content")
