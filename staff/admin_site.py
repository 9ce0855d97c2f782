"""The portal's admin site: the editor's task list on the home page and, where required, TOTP."""

from django.conf import settings
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django_otp.admin import OTPAdminAuthenticationForm


class PortalAdminSite(admin.AdminSite):
    site_header = _("Quartiersportal Heilbronn – administration")
    site_title = _("Quartiersportal administration")
    index_title = _("Your tasks and content")

    @property
    def login_template(self):
        return "otp/admin111/login.html" if settings.STAFF_2FA_REQUIRED else None

    @property
    def login_form(self):
        if settings.STAFF_2FA_REQUIRED:
            return OTPAdminAuthenticationForm
        return None

    def i18n_javascript(self, request, extra_context=None):
        # The rich-text editor's menu ("Überschrift 2", "Link") speaks the admin's language too.
        from django.views.i18n import JavaScriptCatalog

        packages = ["django.contrib.admin", "django_prose_editor"]
        return JavaScriptCatalog.as_view(packages=packages)(request)

    def has_permission(self, request):
        allowed = super().has_permission(request)
        if allowed and settings.STAFF_2FA_REQUIRED:
            return request.user.is_verified()
        return allowed

    def get_urls(self):
        from django.urls import path

        from staff import translation_views

        own = [
            path(
                "uebersetzungen/import/",
                self.admin_view(translation_views.translation_import),
                name="translation-import",
            ),
            path(
                "uebersetzungen/<str:language>/export.po",
                self.admin_view(translation_views.translation_export),
                name="translation-export",
            ),
            path(
                "uebersetzungen/<str:language>/",
                self.admin_view(translation_views.translation_status),
                name="translation-status",
            ),
        ]
        from staff.recycle import recycle_bin_view, restore_view

        return [
            *own,
            path(
                "recycle-bin/",
                self.admin_view(recycle_bin_view(self)),
                name="recycle_bin",
            ),
            path(
                "recycle-bin/<str:app_label>/<str:model_name>/<int:history_id>/restore/",
                self.admin_view(restore_view(self)),
                name="recycle_bin_restore",
            ),
            *super().get_urls(),
        ]

    def index(self, request, extra_context=None):
        from staff.tasks import editor_tasks

        extra_context = {**(extra_context or {}), "tasks": editor_tasks(request.user)}
        return super().index(request, extra_context)
