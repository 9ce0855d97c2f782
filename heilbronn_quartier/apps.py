from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class PortalAdminConfig(admin_apps.AdminConfig):
    default = False
    default_site = "heilbronn_quartier.admin_site.PortalAdminSite"


class PortalConfig(AppConfig):
    default = True
    name = "heilbronn_quartier"
    verbose_name = _("Portal")

    def ready(self):
        from django.db.models.signals import post_delete, post_save, pre_save

        from heilbronn_quartier.cache import invalidate_pages
        from heilbronn_quartier.history import register_history
        from heilbronn_quartier.lib.uploads import strip_image_metadata

        pre_save.connect(strip_image_metadata, dispatch_uid="strip-image-metadata")
        post_save.connect(invalidate_pages, dispatch_uid="page-cache-save")
        post_delete.connect(invalidate_pages, dispatch_uid="page-cache-delete")
        register_history()
