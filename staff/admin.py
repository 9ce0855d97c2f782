from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User
from django.utils.translation import gettext_lazy as _

from portal.models import SitePage
from staff.models import StaffProfile
from staff.translation_admin import TabbedTranslationAdmin


@admin.register(SitePage)
class SitePageAdmin(TabbedTranslationAdmin):
    list_display = ["__str__", "updated_at"]


class StaffProfileInline(admin.StackedInline):
    model = StaffProfile
    can_delete = False
    verbose_name_plural = _("centres and admin language")
    filter_horizontal = ["centres"]


admin.site.unregister(User)


@admin.register(User)
class PortalUserAdmin(UserAdmin):
    """Users with their centres and language; only superusers manage accounts and roles."""

    inlines = [StaffProfileInline]
    list_display = ["username", "first_name", "last_name", "is_staff", "roles"]
    list_filter = ["is_staff", "is_superuser", "is_active", "groups"]

    @admin.display(description=_("roles"))
    def roles(self, obj):
        return ", ".join(group.name for group in obj.groups.all())

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")
