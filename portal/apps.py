from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The kernel every other app builds on; it imports none of them."""

    name = "portal"
    verbose_name = _("Portal")

    def ready(self):
        from django.db.models.signals import post_delete, post_save, pre_save

        from portal.cache import invalidate_pages
        from portal.lib.uploads import strip_image_metadata

        pre_save.connect(strip_image_metadata, dispatch_uid="strip-image-metadata")
        post_save.connect(invalidate_pages, dispatch_uid="page-cache-save")
        post_delete.connect(invalidate_pages, dispatch_uid="page-cache-delete")
