from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class PortalAdminConfig(admin_apps.AdminConfig):
    default = False
    default_site = "staff.admin_site.PortalAdminSite"


class StaffConfig(AppConfig):
    default = True
    name = "staff"
    verbose_name = _("Staff")

    def ready(self):
        from staff.translation_status import connect_signals

        connect_signals()
        from staff import tasks  # noqa: F401 -- registers the review queue on the home page
        from staff.notifications import connect_status_notifications

        connect_status_notifications()
