from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "heilbronn_quartier"
    verbose_name = _("Portal")
