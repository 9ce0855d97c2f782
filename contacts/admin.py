from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from centers.admin import CentreAdmin, image_preview
from contacts.models import ContactPerson, Office
from staff.editorial import EditorialAdminMixin
from staff.history_admin import HistoryAdmin
from staff.permissions import CentreScopedAdminMixin, TranslationStatusFilter
from staff.translation_admin import TabbedTranslationAdmin, TranslationStackedInline


class ContactInline(TranslationStackedInline):
    model = ContactPerson
    extra = 0
    fields = (
        ("name", "role"),
        "topics",
        ("phone", "email"),
        ("photo", "photo_preview"),
        "photo_alt",
        "sort_order",
    )
    readonly_fields = ("photo_preview",)

    @admin.display(description=_("preview"))
    def photo_preview(self, obj):
        return image_preview(obj.photo)


# A centre's team is edited on the centre's page, before its documents.
CentreAdmin.inlines.insert(-1, ContactInline)


@admin.register(ContactPerson)
class ContactPersonAdmin(
    CentreScopedAdminMixin, EditorialAdminMixin, HistoryAdmin, TabbedTranslationAdmin
):
    list_display = ("name", "preview", "role", "centre", "phone", "email", "sort_order")
    list_filter = (("centre", admin.RelatedOnlyFieldListFilter), TranslationStatusFilter)
    search_fields = ("name", "role", "email", "phone", "topics")
    list_select_related = ("centre",)
    readonly_fields = ("preview",)
    fields = (
        "name",
        "role",
        "centre",
        "topics",
        ("phone", "email"),
        ("photo", "preview"),
        "photo_alt",
        "sort_order",
        "is_demo",
    )

    @admin.display(description=_("preview"))
    def preview(self, obj):
        return image_preview(obj.photo)


@admin.register(Office)
class OfficeAdmin(admin.ModelAdmin):
    list_display = ("name", "street", "postcode", "phone", "email", "is_demo")
    fields = ("name", ("street", "postcode", "city"), ("phone", "email"), "is_demo")

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not Office.objects.exists()
