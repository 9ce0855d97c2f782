from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from offers.models import (
    Cancellation,
    Category,
    ClosurePeriod,
    Offer,
    OfferLanguage,
    Schedule,
    TargetGroup,
)
from staff.permissions import (
    OFFER_CENTRE_PATH,
    CentreScopedAdminMixin,
    PublishingAdminMixin,
    TranslationStatusFilter,
    may_publish,
)
from staff.translation_admin import TabbedTranslationAdmin, TranslationTabularInline


@admin.register(Category)
class CategoryAdmin(TabbedTranslationAdmin):
    list_display = ["name", "slug", "sort_order"]
    list_editable = ["sort_order"]
    prepopulated_fields = {"slug": ["name_de"]}


@admin.register(TargetGroup)
class TargetGroupAdmin(TabbedTranslationAdmin):
    list_display = ["name", "slug", "sort_order"]
    list_editable = ["sort_order"]
    prepopulated_fields = {"slug": ["name_de"]}


@admin.register(OfferLanguage)
class OfferLanguageAdmin(TabbedTranslationAdmin):
    list_display = ["name", "code", "sort_order"]
    list_editable = ["sort_order"]


@admin.register(ClosurePeriod)
class ClosurePeriodAdmin(CentreScopedAdminMixin, TabbedTranslationAdmin):
    list_display = ["name", "kind", "first_day", "last_day", "centre"]
    list_filter = ["kind", "centre"]
    date_hierarchy = "first_day"
    fields = ["kind", "name", "first_day", "last_day", "centre", "source"]


class ScheduleInline(TranslationTabularInline):
    model = Schedule
    extra = 0
    fields = [
        "recurrence",
        "weekday",
        "week_of_month",
        "interval",
        "date",
        "start_time",
        "end_time",
        "note",
    ]


class CancellationInline(TranslationTabularInline):
    model = Cancellation
    extra = 0
    fields = ["date", "end_date", "reason"]


class LastCheckedFilter(admin.SimpleListFilter):
    title = _("last checked")
    parameter_name = "checked"

    def lookups(self, request, model_admin):
        return [("stale", _("more than 6 months ago or never"))]

    def queryset(self, request, queryset):
        if self.value() == "stale":
            return queryset.stale()
        return queryset


@admin.register(Offer)
class OfferAdmin(
    CentreScopedAdminMixin, PublishingAdminMixin, SimpleHistoryAdmin, TabbedTranslationAdmin
):
    # A resident's suggestion may name only a neighbourhood: its centre then decides.
    centre_path = OFFER_CENTRE_PATH
    list_display = [
        "title",
        "centre",
        "quarter",
        "category",
        "publication_status",
        "state",
        "last_checked",
        "is_proposal",
    ]
    list_filter = [
        "publication_status",
        "state",
        "is_proposal",
        LastCheckedFilter,
        TranslationStatusFilter,
        "centre",
        "quarter",
        "category",
        "target_groups",
    ]
    list_select_related = ["centre", "quarter", "category"]
    search_fields = ["title", "summary", "proposer_name"]
    prepopulated_fields = {"slug": ["title_de"]}
    autocomplete_fields = []
    filter_horizontal = ["target_groups", "languages"]
    inlines = [ScheduleInline, CancellationInline]
    actions = ["duplicate", "submit_for_review", "publish", "pause", "resume", "mark_checked"]
    readonly_fields = ["uid", "created_at", "updated_at", "upcoming_dates"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "description", "category"]}),
        (
            _("For whom"),
            {"fields": ["target_groups", "min_age", "max_age", "languages"]},
        ),
        (
            _("Cost and registration"),
            {
                "fields": [
                    "cost_type",
                    "cost_amount",
                    "cost_note",
                    "registration_required",
                    "registration_note",
                ]
            },
        ),
        (
            _("Where"),
            {
                "fields": [
                    "centre",
                    "actor",
                    "quarter",
                    "site",
                    "venue_name",
                    "street",
                    "postcode",
                    "city",
                    "contact",
                ]
            },
        ),
        (_("Upcoming dates"), {"fields": ["upcoming_dates"]}),
        (_("Image"), {"fields": ["image", "image_alt"]}),
        (
            _("Status"),
            {
                "fields": [
                    "publication_status",
                    "publish_from",
                    "publish_until",
                    "state",
                    "valid_from",
                    "valid_until",
                    "on_public_holidays",
                    "not_in_school_holidays",
                    "last_checked",
                ]
            },
        ),
        (
            _("Suggested by a resident"),
            {
                "classes": ["collapse"],
                "fields": [
                    "is_proposal",
                    "proposer_name",
                    "proposer_contact",
                    "proposal_details",
                    "uid",
                    "created_at",
                    "updated_at",
                ],
            },
        ),
    ]

    @admin.display(description=_("next ten dates"))
    def upcoming_dates(self, obj):
        """What residents will see, computed from the saved time slots and cancelled dates."""
        from offers.schedule import upcoming_dates_html

        return upcoming_dates_html(obj)

    @admin.action(description=_("Duplicate the selected activities (as drafts)"))
    def duplicate(self, request, queryset):
        count = 0
        for offer in queryset.prefetch_related(
            "schedules", "cancellations", "target_groups", "languages"
        ):
            with transaction.atomic():
                offer.duplicate()
            count += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d activity was duplicated as a draft.",
                "%(count)d activities were duplicated as drafts.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Publish the selected activities"))
    def publish(self, request, queryset):
        """Saves one by one, so the history records who published what."""
        if not may_publish(request.user):
            raise PermissionDenied
        count = sum(offer.publish(request.user) for offer in queryset)
        self.message_user(
            request,
            ngettext(
                "%(count)d activity was published.", "%(count)d activities were published.", count
            )
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Pause the selected activities"))
    def pause(self, request, queryset):
        count = sum(offer.pause(request.user) for offer in queryset)
        self.message_user(
            request,
            ngettext("%(count)d activity was paused.", "%(count)d activities were paused.", count)
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Resume the selected paused activities"))
    def resume(self, request, queryset):
        count = sum(offer.resume(request.user) for offer in queryset)
        self.message_user(
            request,
            ngettext("%(count)d activity was resumed.", "%(count)d activities were resumed.", count)
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Mark the selected activities as checked today"))
    def mark_checked(self, request, queryset):
        today = timezone.localdate()
        count = sum(offer.mark_checked(request.user, today) for offer in queryset)
        self.message_user(
            request,
            ngettext(
                "%(count)d activity was marked as checked.",
                "%(count)d activities were marked as checked.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )
