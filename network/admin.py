from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Q
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from centers.models import Quarter, Site
from network import services
from network.forms import ActorAdminForm
from network.models import Actor, Idea, IdeaStatus
from network.tasks import ACTOR_CENTRE_PATH, IDEA_CENTRE_PATH
from staff.editorial import EditorialAdminMixin
from staff.history_admin import HistoryAdmin
from staff.permissions import (
    CentreScopedAdminMixin,
    PublishingAdminMixin,
    TranslationStatusFilter,
    centre_ids,
)
from staff.translation_admin import TabbedTranslationAdmin


class ContactOverdueFilter(admin.SimpleListFilter):
    title = _("last contact")
    parameter_name = "contact"

    def lookups(self, request, model_admin):
        return [("overdue", _("more than a year ago or never"))]

    def queryset(self, request, queryset):
        return queryset.contact_overdue() if self.value() == "overdue" else queryset


@admin.register(Actor)
class ActorAdmin(
    CentreScopedAdminMixin,
    PublishingAdminMixin,
    EditorialAdminMixin,
    HistoryAdmin,
    TabbedTranslationAdmin,
):
    # Active in several quarters: every quarter's management may look after it.
    centre_path = ACTOR_CENTRE_PATH
    form = ActorAdminForm
    # "www.example.org" typed without a scheme is an https address (Django 6's default too).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = [
        "name",
        "kind",
        "publication_status",
        "registered_online",
        "last_contact",
    ]
    list_filter = [
        "publication_status",
        "registered_online",
        "kind",
        ContactOverdueFilter,
        TranslationStatusFilter,
        "quarters",
    ]
    search_fields = ["name", "contact_name", "email"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["quarters", "sites"]
    actions = [
        "submit_for_review",
        "publish_selected",
        "record_contact",
        "issue_suggestion_links",
        "revoke_suggestion_links",
    ]
    readonly_fields = [
        "uid",
        "registration_note",
        "suggestion_link_state",
        "created_at",
        "updated_at",
    ]
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "summary"]}),
        (_("Where"), {"fields": ["quarters", "sites"]}),
        (
            _("Contact"),
            {
                "fields": [
                    "contact_name",
                    "phone",
                    "email",
                    "website",
                    "language_list",
                    "suggestion_link_state",
                ]
            },
        ),
        (_("Logo"), {"fields": ["logo", "logo_alt"]}),
        (
            _("Status"),
            {
                "fields": [
                    "publication_status",
                    "publish_from",
                    "publish_until",
                    "last_contact",
                ]
            },
        ),
        (
            _("Registration"),
            {
                "classes": ["collapse"],
                "fields": [
                    "registered_online",
                    "registration_note",
                    "uid",
                    "created_at",
                    "updated_at",
                ],
            },
        ),
    ]

    def get_form(self, request, obj=None, change=False, **kwargs):
        request._network_actor = obj
        return super().get_form(request, obj, change=change, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        ids = centre_ids(request.user)
        if ids is None or field is None:
            return field
        # Own quarters and sites, plus those already linked (another quarter's stay as they are).
        actor = getattr(request, "_network_actor", None)
        if db_field.name == "quarters":
            linked = Q(pk__in=actor.quarters.values("pk")) if actor else Q(pk__in=[])
            field.queryset = Quarter.objects.filter(Q(centre__in=ids) | linked)
        elif db_field.name == "sites":
            linked = Q(pk__in=actor.sites.values("pk")) if actor else Q(pk__in=[])
            field.queryset = Site.objects.filter(Q(centre__in=ids) | linked)
        return field

    @admin.action(description=_("Record a contact today with the selected actors"))
    def record_contact(self, request, queryset):
        if not self.has_change_permission(request):
            raise PermissionDenied
        today = timezone.localdate()
        count = sum(actor.record_contact(request.user, today) for actor in queryset)
        self.message_user(
            request,
            ngettext(
                "A contact today was recorded for %(count)d actor.",
                "A contact today was recorded for %(count)d actors.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("New link for suggesting activities: e-mail it to the contact"))
    def issue_suggestion_links(self, request, queryset):
        """The old link stops working; the new one is shown here once and e-mailed."""
        if not self.has_change_permission(request):
            raise PermissionDenied
        for actor in queryset:
            if not actor.is_public():
                self.message_user(
                    request,
                    _("%(actor)s: only a published actor can get a link.") % {"actor": actor},
                    messages.WARNING,
                )
                continue
            key = actor.issue_suggestion_link(request.user)
            mailed = actor.mail_suggestion_link(key)
            text = (
                _("%(actor)s: new link %(link)s, e-mailed to %(email)s.")
                if mailed
                else _("%(actor)s: new link %(link)s (not e-mailed: please pass it on yourself).")
            )
            self.message_user(
                request,
                text % {"actor": actor, "link": actor.suggestion_url(key), "email": actor.email},
                messages.SUCCESS if mailed else messages.WARNING,
            )

    @admin.action(description=_("Revoke the link for suggesting activities"))
    def revoke_suggestion_links(self, request, queryset):
        if not self.has_change_permission(request):
            raise PermissionDenied
        count = sum(actor.revoke_suggestion_link(request.user) for actor in queryset)
        self.message_user(
            request,
            ngettext(
                "The link of %(count)d actor was revoked.",
                "The links of %(count)d actors were revoked.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("overview/", view(self.overview_view), name="network_actor_overview"),
            path(
                "overview.<str:kind>",
                view(self.overview_export),
                name="network_actor_overview_export",
            ),
            *super().get_urls(),
        ]

    def overview_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Network of the neighbourhoods"),
            "overview": services.network_overview(request.user),
        }
        return TemplateResponse(request, "admin/network/overview.html", context)

    def overview_export(self, request, kind):
        if not self.has_view_permission(request):
            raise PermissionDenied
        overview = services.network_overview(request.user)
        if kind == "csv":
            response = HttpResponse(
                services.export_csv(overview), content_type="text/csv; charset=utf-8"
            )
        elif kind == "xlsx":
            response = HttpResponse(
                services.export_xlsx(overview),
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
        else:
            return HttpResponse(status=404)
        response["Content-Disposition"] = f'attachment; filename="netzwerk.{kind}"'
        return response


@admin.register(Idea)
class IdeaAdmin(CentreScopedAdminMixin, HistoryAdmin, TabbedTranslationAdmin):
    centre_path = IDEA_CENTRE_PATH
    list_display = ["title", "quarter", "status", "is_shown", "language", "created_at"]
    list_filter = ["status", "is_shown", "quarter", "language"]
    list_select_related = ["quarter"]
    search_fields = ["title", "text"]
    date_hierarchy = "created_at"
    readonly_fields = ["language", "created_at", "updated_at"]
    actions = ["show", "hide", "mark_looking", "mark_realised"]
    fieldsets = [
        (None, {"fields": ["quarter", "title", "text", "language", "created_at"]}),
        (_("Answer of the team"), {"fields": ["status", "reason", "answer", "is_shown"]}),
        (_("For the team only"), {"fields": ["contact", "updated_at"]}),
    ]

    def _apply(self, request, queryset, change, message):
        if not self.has_change_permission(request):
            raise PermissionDenied
        count = 0
        for idea in queryset:
            try:
                count += change(idea)
            except ValidationError as error:
                self.message_user(request, f"{idea}: {error.messages[0]}", messages.WARNING)
        self.message_user(request, message(count) % {"count": count}, messages.SUCCESS)

    @admin.action(description=_("Show the selected ideas on the portal"))
    def show(self, request, queryset):
        self._apply(
            request,
            queryset,
            lambda idea: idea.show(request.user),
            lambda n: ngettext("%(count)d idea is now shown.", "%(count)d ideas are now shown.", n),
        )

    @admin.action(description=_("Hide the selected ideas from the portal"))
    def hide(self, request, queryset):
        self._apply(
            request,
            queryset,
            lambda idea: idea.hide(request.user),
            lambda n: ngettext(
                "%(count)d idea is now hidden.", "%(count)d ideas are now hidden.", n
            ),
        )

    @admin.action(description=_("Mark the selected ideas as being looked at"))
    def mark_looking(self, request, queryset):
        self._apply(
            request,
            queryset,
            lambda idea: idea.move_to(IdeaStatus.LOOKING, request.user),
            lambda n: ngettext(
                "%(count)d idea is now being looked at.",
                "%(count)d ideas are now being looked at.",
                n,
            ),
        )

    @admin.action(description=_("Mark the selected ideas as realised"))
    def mark_realised(self, request, queryset):
        self._apply(
            request,
            queryset,
            lambda idea: idea.move_to(IdeaStatus.REALISED, request.user),
            lambda n: ngettext(
                "%(count)d idea is marked as realised.",
                "%(count)d ideas are marked as realised.",
                n,
            ),
        )
