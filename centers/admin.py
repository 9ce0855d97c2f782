from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from centers.models import (
    Centre,
    Document,
    ProcessFacts,
    Quarter,
    Site,
    StageChange,
    StreetSection,
)
from centers.renditions import rendition
from staff.editorial import EditorialAdminMixin
from staff.history_admin import HistoryAdmin
from staff.permissions import (
    CentreScopedAdminMixin,
    PublishingAdminMixin,
    PublishingInlineMixin,
    TranslationStatusFilter,
    centre_ids,
)
from staff.rich_text import RichTextAdminMixin
from staff.translation_admin import (
    TabbedTranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)


def image_preview(field_file, alias="admin_preview"):
    """A small thumbnail for the change list and form; nothing when there is no image."""
    if not field_file:
        return "–"
    image = rendition(field_file, alias)
    return format_html(
        '<img src="{}" width="{}" height="{}" alt="" style="object-fit: cover;">',
        image["url"],
        image["width"],
        image["height"],
    )


class SiteFormSet(BaseInlineFormSet):
    """A centre with sites has exactly one main site (the database allows at most one)."""

    def clean(self):
        super().clean()
        kept = [
            form
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE", False)
        ]
        if kept and sum(1 for form in kept if form.cleaned_data.get("is_main")) != 1:
            raise ValidationError(_("Please mark exactly one site as the main site."))


class SiteInline(TranslationStackedInline):
    model = Site
    formset = SiteFormSet
    extra = 0
    fields = (
        ("name", "is_main", "opened_on"),
        ("street", "postcode", "city"),
        "quarter",
        ("latitude", "longitude"),
        "opening_hours",
        "opening_hours_spec",
        "directions",
        ("step_free_entrance", "accessible_toilet", "hearing_loop"),
    )


class StageChangeInline(TranslationTabularInline):
    model = StageChange
    extra = 0


class DocumentInline(RichTextAdminMixin, PublishingInlineMixin, TranslationStackedInline):
    model = Document
    rich_text_fields = ("summary",)
    extra = 0
    fields = (
        ("kind", "year", "publication_status"),
        "title",
        "summary",
        ("file", "file_size_display"),
        ("publish_from", "publish_until"),
    )
    readonly_fields = ("file_size_display",)

    @admin.display(description=_("file size"))
    def file_size_display(self, obj):
        from centers.templatetags.centres import human_size

        return human_size(obj.file_size) if obj.file_size else "–"


# Quarter managers edit their centre's texts and image; the facts stay with the office.
CENTRE_FACTS = ("name", "slug", "status", "stage", "opened_on", "provider")


@admin.register(Centre)
class CentreAdmin(
    RichTextAdminMixin,
    CentreScopedAdminMixin,
    PublishingAdminMixin,
    EditorialAdminMixin,
    HistoryAdmin,
    TabbedTranslationAdmin,
):
    centre_path = ""
    rich_text_fields = ("description",)
    list_display = ("name", "preview", "status", "stage", "publication_label", "opened_on")
    list_filter = ("status", "stage", "publication_status", TranslationStatusFilter)
    search_fields = ("name", "slug", "summary", "description")
    prepopulated_fields = {"slug": ("name",)}
    readonly_fields = ("preview", "updated_at")
    fieldsets = (
        (None, {"fields": ("name", "slug", "status", "stage", "opened_on", "provider")}),
        (_("Texts"), {"fields": ("summary", "description")}),
        (_("Image"), {"fields": ("image", "preview", "image_title", "image_alt")}),
        (
            _("Publication"),
            {"fields": ("publication_status", "publish_from", "publish_until", "updated_at")},
        ),
    )
    # contacts/admin.py adds the team between stage changes and documents.
    inlines = [SiteInline, StageChangeInline, DocumentInline]

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        if centre_ids(request.user) is not None:
            return (*readonly, *CENTRE_FACTS)
        return readonly

    def get_prepopulated_fields(self, request, obj=None):
        if centre_ids(request.user) is not None:
            return {}
        return super().get_prepopulated_fields(request, obj)

    def has_add_permission(self, request):
        return centre_ids(request.user) is None and super().has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        return centre_ids(request.user) is None and super().has_delete_permission(request, obj)

    @admin.display(description=_("preview"))
    def preview(self, obj):
        return image_preview(obj.image)


@admin.register(Quarter)
class QuarterAdmin(CentreScopedAdminMixin, TabbedTranslationAdmin):
    list_display = ("name", "code", "centre")
    list_filter = ("centre", TranslationStatusFilter)
    search_fields = ("name", "slug", "description")
    prepopulated_fields = {"slug": ("name",)}
    list_select_related = ("centre",)

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        return (*readonly, "code") if obj and obj.code else readonly


@admin.register(Site)
class SiteAdmin(CentreScopedAdminMixin, EditorialAdminMixin, HistoryAdmin, TabbedTranslationAdmin):
    list_display = ("name", "centre", "is_main", "street", "step_free_entrance")
    list_filter = (
        "centre",
        "is_main",
        "step_free_entrance",
        "accessible_toilet",
        "hearing_loop",
        TranslationStatusFilter,
    )
    search_fields = ("name", "street", "postcode", "centre__name")
    list_select_related = ("centre",)


@admin.register(Document)
class DocumentAdmin(
    RichTextAdminMixin,
    CentreScopedAdminMixin,
    PublishingAdminMixin,
    EditorialAdminMixin,
    HistoryAdmin,
    TabbedTranslationAdmin,
):
    rich_text_fields = ("summary",)
    list_display = ("title", "centre", "kind", "year", "publication_label")
    list_filter = ("kind", "year", "publication_status", "centre", TranslationStatusFilter)
    search_fields = ("title", "summary", "centre__name")
    list_select_related = ("centre",)


@admin.register(ProcessFacts)
class ProcessFactsAdmin(TabbedTranslationAdmin):
    """One fact box: editors change it, but never add a second one or delete it."""

    def has_add_permission(self, request):
        return not ProcessFacts.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(StreetSection)
class StreetSectionAdmin(admin.ModelAdmin):
    """The street directory: single corrections here, the city's whole directory by import."""

    list_display = ("street", "numbers", "postcode", "quarter")
    list_filter = ("quarter",)
    search_fields = ("street", "street_key", "postcode", "quarter__name")
    list_select_related = ("quarter",)
    fields = ("street", ("number_from", "number_to", "parity"), "postcode", "quarter")
    change_list_template = "admin/centers/streetsection/change_list.html"

    @admin.display(description=_("house numbers"))
    def numbers(self, obj):
        return obj.numbers_label or _("all house numbers")

    def get_urls(self):
        from django.urls import path

        return [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="centers_streetsection_import",
            ),
            *super().get_urls(),
        ]

    def has_import_permission(self, request):
        """The editorial office's task: it replaces streets of every neighbourhood."""
        user = request.user
        return centre_ids(user) is None and all(
            user.has_perm(f"centers.{action}_streetsection") for action in ("add", "delete")
        )

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "may_import": self.has_import_permission(request)}
        return super().changelist_view(request, extra_context)

    def import_view(self, request):
        from django.contrib import messages
        from django.core.exceptions import PermissionDenied
        from django.shortcuts import redirect
        from django.template.response import TemplateResponse

        from centers.forms import StreetImportConfirmForm, StreetImportForm
        from centers.street_import import import_directory

        if not self.has_import_permission(request):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Import the street directory"),
        }
        form = StreetImportForm()
        if request.method == "POST" and "payload" in request.POST:
            confirm = StreetImportConfirmForm(request.POST)
            if confirm.is_valid() and confirm.cleaned_data["payload"]["directory"].importable:
                data = confirm.cleaned_data["payload"]
                result = import_directory(data["directory"], replace_all=data["replace_all"])
                messages.success(
                    request,
                    _("%(created)d street sections imported, %(removed)d replaced or removed.")
                    % {"created": result.created, "removed": result.removed},
                )
                return redirect("admin:centers_streetsection_changelist")
            context["directory"] = confirm.cleaned_data.get("payload", {}).get("directory")
            context["confirm_errors"] = confirm.errors.get("payload")
        elif request.method == "POST":
            form = StreetImportForm(request.POST, request.FILES)
            if form.is_valid():
                context["directory"] = form.cleaned_data["directory"]
                context["replace_all"] = form.cleaned_data["replace_all"]
                if "payload" in form.cleaned_data:
                    context["confirm_form"] = StreetImportConfirmForm(
                        initial={"payload": form.cleaned_data["payload"]}
                    )
        context["form"] = form
        return TemplateResponse(request, "admin/centers/street_import.html", context)
