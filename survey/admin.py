from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from staff.history_admin import HistoryAdmin
from staff.permissions import CentreScopedAdminMixin, centre_ids
from staff.translation_admin import (
    TabbedTranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)
from survey import services
from survey.models import (
    Answer,
    Channel,
    Choice,
    Excerpt,
    MatrixRow,
    Question,
    Response,
    ResponseChange,
    Survey,
)


class QuestionInline(TranslationTabularInline):
    model = Question
    fields = ("position", "code", "kind", "text", "required", "show_if_choice")
    extra = 0
    show_change_link = True
    autocomplete_fields = ("show_if_choice",)


@admin.register(Survey)
class SurveyAdmin(HistoryAdmin, TabbedTranslationAdmin):
    list_display = (
        "title",
        "opens_at",
        "closes_at",
        "status",
        "is_current",
        "results_published",
        "tools",
    )
    list_filter = ("status", "is_current")
    prepopulated_fields = {"slug": ("title_de",)}
    inlines = [QuestionInline]

    @admin.display(description=_("Tools"))
    def tools(self, obj):
        links = [
            (reverse("survey:dashboard", kwargs={"slug": obj.slug}), _("Results dashboard")),
            (
                reverse("survey:paper-entry", kwargs={"slug": obj.slug}),
                _("Enter paper questionnaires"),
            ),
            (
                reverse("survey:export", kwargs={"slug": obj.slug, "kind": "xlsx"}),
                _("Export (XLSX)"),
            ),
            (reverse("survey:paper", kwargs={"slug": obj.slug}), _("Paper questionnaire")),
            (
                reverse("survey:translation-status", kwargs={"slug": obj.slug}),
                _("Missing translations"),
            ),
        ]
        return format_html(
            " · ".join(['<a href="{}">{}</a>'] * len(links)),
            *[part for link in links for part in link],
        )


class ChoiceInline(TranslationTabularInline):
    model = Choice
    fields = ("position", "code", "label", "is_other")
    extra = 0


class MatrixRowInline(TranslationTabularInline):
    model = MatrixRow
    fields = ("position", "code", "label")
    extra = 0


class ExcerptInline(TranslationStackedInline):
    model = Excerpt
    extra = 0


@admin.register(Question)
class QuestionAdmin(HistoryAdmin, TabbedTranslationAdmin):
    list_display = ("code", "text", "kind", "required", "survey")
    list_filter = ("survey", "kind")
    search_fields = ("code", "text")
    inlines = [ChoiceInline, MatrixRowInline, ExcerptInline]
    autocomplete_fields = ("show_if_choice",)


@admin.register(Choice)
class ChoiceAdmin(HistoryAdmin, TabbedTranslationAdmin):
    search_fields = ("label", "question__code")
    list_display = ("__str__", "is_other")

    def has_module_permission(self, request):
        return False  # edited inline with its question; registered for the autocomplete


class AnswerInline(admin.TabularInline):
    model = Answer
    extra = 0
    readonly_fields = (
        "question",
        "choice",
        "row",
        "quarter",
        "value",
        "dont_know",
        "missing",
        "text",
    )
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Response)
class ResponseAdmin(CentreScopedAdminMixin, HistoryAdmin):
    # A quarter manager sees the paper questionnaires that staff of their centres entered.
    centre_path = "entered_by__staff_profile__centres"

    list_display = ("pk", "survey", "submitted_on", "language", "channel", "source", "batch")
    list_filter = ("survey", "channel", "language")
    # Read only: corrections go through the correction screen, which logs old and new values.
    readonly_fields = (
        "survey",
        "language",
        "channel",
        "submitted_on",
        "entered_by",
        "entered_at",
        "source",
        "batch",
        "serial",
    )
    inlines = [AnswerInline]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if centre_ids(request.user) is not None:
            queryset = queryset.filter(channel=Channel.PAPER)
        return queryset

    def has_add_permission(self, request):
        return False  # paper responses go through the entry screen

    # Deleting here goes through the same workflow as the delete screen: logged with every answer.
    def delete_model(self, request, obj):
        services.delete_response(obj, user=request.user, reason=gettext("Deleted in the admin"))

    def delete_queryset(self, request, queryset):
        for response in queryset:
            self.delete_model(request, response)


@admin.register(ResponseChange)
class ResponseChangeAdmin(admin.ModelAdmin):
    list_display = ("at", "response_id_ref", "action", "user", "survey", "reason")
    readonly_fields = ("response_id_ref", "survey", "user", "action", "at", "reason", "changes")
    list_filter = ("action", "survey")

    def has_delete_permission(self, request, obj=None):
        return False  # the log is kept; only the retention purge removes it

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
