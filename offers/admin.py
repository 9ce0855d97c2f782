from urllib.parse import urlencode

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import widgets as admin_widgets
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.forms import inlineformset_factory
from django.http import HttpResponseNotAllowed, JsonResponse
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from offers.models import (
    Cancellation,
    Category,
    ClosurePeriod,
    Offer,
    OfferLanguage,
    Schedule,
    TargetGroup,
)
from staff.changelist import CheapChangeListMixin
from staff.editorial import EditorialAdminMixin
from staff.history_admin import HistoryAdmin
from staff.permissions import (
    OFFER_CENTRE_PATH,
    CentreScopedAdminMixin,
    PublishingAdminMixin,
    TranslationStatusFilter,
    may_publish,
)
from staff.rich_text import RichTextAdminMixin
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
    # Hours and minutes, as residents read them: the German format's seconds (09:00:00) were noise.
    formfield_overrides = {
        models.TimeField: {"widget": admin_widgets.AdminTimeWidget(format="%H:%M")},
    }
    fields = [
        "recurrence",
        "weekdays",
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


class PreviewPeriodForm(forms.Form):
    """The offer's fields that change its dates, for the live preview."""

    valid_from = forms.DateField(required=False)
    valid_until = forms.DateField(required=False)
    on_public_holidays = forms.BooleanField(required=False)


SlotPreviewFormSet = inlineformset_factory(
    Offer,
    Schedule,
    fields=["recurrence", "weekdays", "week_of_month", "interval", "date"]
    + ["start_time", "end_time"],
    extra=0,
)
CancellationPreviewFormSet = inlineformset_factory(
    Offer, Cancellation, fields=["date", "end_date", "reason_de"], extra=0
)


class DatesPreview:
    """Reads the posted admin form of an offer into unsaved objects: the offer's period, the
    time slots and cancelled dates not marked for deletion. Rows with errors are left out and
    named in `problems`; the form's own validation on saving says what is wrong."""

    def __init__(self, data, offer):
        self.problems = []
        period = PreviewPeriodForm(data)
        period.is_valid()  # a date that cannot be read counts as empty here
        self.offer = Offer(**{name: period.cleaned_data.get(name) for name in period.fields})
        slots = SlotPreviewFormSet(data, instance=offer, prefix="schedules")
        cancellations = CancellationPreviewFormSet(data, instance=offer, prefix="cancellations")
        self.broken = not (
            slots.management_form.is_valid() and cancellations.management_form.is_valid()
        )
        if self.broken:
            return
        self.slots = [form.instance for form in self._rows(slots, _("time slot"))]
        for slot in self.slots:
            slot.sync_weekdays()
        self.cancelled = {
            day: form.instance
            for form in self._rows(cancellations, _("cancelled date"))
            for day in form.instance.days()
        }

    def _rows(self, formset, kind):
        for number, form in enumerate(formset.forms, start=1):
            if not form.has_changed() and form.instance.pk is None:
                continue
            valid = form.is_valid()
            if formset.can_delete and formset._should_delete_form(form):
                continue
            if valid:
                yield form
            else:
                self.problems.append(
                    _("%(kind)s %(number)d is not complete or contradicts itself.")
                    % {"kind": kind, "number": number}
                )


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
    CheapChangeListMixin,
    RichTextAdminMixin,
    CentreScopedAdminMixin,
    PublishingAdminMixin,
    EditorialAdminMixin,
    HistoryAdmin,
    TabbedTranslationAdmin,
):
    # A resident's suggestion may name only a neighbourhood: its centre then decides.
    centre_path = OFFER_CENTRE_PATH
    rich_text_fields = ["description"]
    list_display = [
        "title",
        "centre",
        "quarter",
        "category",
        "publication_label",
        "state",
        "last_checked",
        "suggested_by",
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
    list_select_related = ["centre", "quarter", "category", "actor"]
    # Fifty rows are a screen and a half; Django's hundred made the city's list of 2,000
    # activities a third slower to open for nobody's benefit (filters and search narrow it).
    list_per_page = 50
    list_only = [
        *("title", "centre__name", "quarter__name", "category__name", "last_checked"),
        *("publication_status", "publish_from", "publish_until", "state"),
        *("is_proposal", "actor__name"),
    ]
    search_fields = ["title", "summary", "proposer_name"]
    prepopulated_fields = {"slug": ["title_de"]}
    autocomplete_fields = []
    filter_horizontal = ["target_groups", "languages"]
    inlines = [ScheduleInline, CancellationInline]

    @admin.display(description=_("suggestion"), ordering="is_proposal")
    def suggested_by(self, offer):
        """Whose suggestion waits here: an actor's contact person or a resident."""
        if not offer.is_proposal:
            return "—"
        if offer.actor_id:
            return _("suggested by %(actor)s") % {"actor": offer.actor}
        return _("suggested by a resident")

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

    class Media:
        js = ["offers/upcoming-dates.js"]

    @admin.display(description=_("next ten dates"))
    def upcoming_dates(self, obj):
        """What residents will see, computed from the saved time slots and cancelled dates;
        while editing, the script asks preview_dates_view for the dates of the unsaved form."""
        from offers.schedule import upcoming_dates_html

        url = reverse(f"{self.admin_site.name}:offers_offer_preview_dates")
        if obj is not None and obj.pk:
            url += "?" + urlencode({"offer": obj.pk})
        return upcoming_dates_html(obj, url)

    def get_urls(self):
        own = [
            path(
                "preview-dates/",
                self.admin_site.admin_view(self.preview_dates_view),
                name="offers_offer_preview_dates",
            )
        ]
        return own + super().get_urls()

    def preview_dates_view(self, request):
        """The next ten dates of the form as it is being edited (POST of the whole form),
        nothing saved: JSON {"dates": [{"text", "cancelled"}], "message", "problems"}."""
        from offers.schedule import next_dates, no_dates_message, upcoming_rows

        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        object_id = request.GET.get("offer", "")
        if object_id:
            offer = self.get_object(request, object_id) if object_id.isdigit() else None
            if offer is None or not self.has_change_permission(request, offer):
                return JsonResponse({"message": _("Activity not found.")}, status=404)
        else:
            if not self.has_add_permission(request):
                raise PermissionDenied
            offer = Offer()
        preview = DatesPreview(request.POST, offer)
        if preview.broken:
            return JsonResponse({"message": _("The form could not be read.")}, status=400)
        found = next_dates(preview.offer, slots=preview.slots, cancelled=preview.cancelled)
        rows = upcoming_rows(found)
        return JsonResponse(
            {
                "dates": [{"text": text, "cancelled": bool(css)} for css, text in rows],
                "message": "" if rows else str(no_dates_message()),
                "problems": preview.problems,
            }
        )

    def save_model(self, request, obj, form, change):
        if not change and obj.publication_status == "published" and not obj.last_checked:
            obj.last_checked = timezone.localdate()  # published at once: checked today
        super().save_model(request, obj, form, change)
        if obj.valid_until and obj.valid_until < timezone.localdate():
            self.message_user(
                request,
                _(
                    "“Valid until” (%(date)s) is in the past: residents no longer see this "
                    "activity. Change the date if it still takes place."
                )
                % {"date": formats.localize(obj.valid_until)},
                messages.WARNING,
            )

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
