from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
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
from survey.forms import CopyWaveForm
from survey.models import (
    Answer,
    Channel,
    Choice,
    Excerpt,
    ExportLog,
    MatrixRow,
    Question,
    Response,
    ResponseChange,
    Survey,
    TextCategory,
)


def _fields(names):
    return tuple(name.removesuffix("_id") for name in names)


class LockedStructureInline:
    """An opened survey's questions, options and items: texts editable, structure read only,
    nothing added or removed."""

    def _locked(self, obj):
        if obj is None:
            return False
        survey = obj if isinstance(obj, Survey) else obj.survey
        return survey.structure_locked

    def get_readonly_fields(self, request, obj=None):
        readonly = tuple(super().get_readonly_fields(request, obj))
        if self._locked(obj):
            readonly += tuple(
                name for name in _fields(self.model.STRUCTURE_FIELDS) if name in self.fields
            )
        return readonly

    def has_add_permission(self, request, obj=None):
        return not self._locked(obj) and super().has_add_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self._locked(obj) and super().has_delete_permission(request, obj)


class QuestionInline(LockedStructureInline, TranslationTabularInline):
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
    # Switching the current survey is one action (services.make_current), never a checkbox.
    readonly_fields = ("is_current",)
    actions = ["make_current_action", "copy_wave_action"]

    def has_delete_permission(self, request, obj=None):
        # Residents' answers go only through the retention purge or the logged deletion of one
        # paper form, never with their survey; the bulk delete action is refused the same way.
        if obj is not None and obj.responses.exists():
            return False
        return super().has_delete_permission(request, obj)

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset.filter(responses__isnull=True))

    @admin.action(description=_("Make this the current survey"), permissions=["change"])
    def make_current_action(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, gettext("Please select exactly one survey."), messages.ERROR)
            return
        survey = queryset.get()
        try:
            services.make_current(survey)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return
        self.message_user(
            request,
            gettext("“{title}” is now the current survey.").format(title=survey.title),
            messages.SUCCESS,
        )

    @admin.action(description=_("Copy as the next wave"), permissions=["add"])
    def copy_wave_action(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, gettext("Please select exactly one survey."), messages.ERROR)
            return None
        return redirect("admin:survey_survey_copy", queryset.get().pk)

    def get_urls(self):
        return [
            path(
                "<int:pk>/copy/",
                self.admin_site.admin_view(self.copy_view),
                name="survey_survey_copy",
            ),
            *super().get_urls(),
        ]

    def copy_view(self, request, pk):
        survey = get_object_or_404(Survey, pk=pk)
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = CopyWaveForm(request.POST or None, initial=self._next_wave_initial(survey))
        if request.method == "POST" and form.is_valid():
            copy = services.copy_as_next_wave(survey, user=request.user, **form.cleaned_data)
            self.message_user(
                request,
                gettext(
                    "“{title}” has been created as a draft. Check the dates and texts, try it "
                    "in the preview, then publish it."
                ).format(title=copy.title),
                messages.SUCCESS,
            )
            return redirect("admin:survey_survey_change", copy.pk)
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Copy “{title}” as the next wave").format(title=survey.title),
            "survey": survey,
            "form": form,
            "opts": self.model._meta,
            "questions": survey.questions.count(),
            "choices": Choice.objects.filter(question__survey=survey).count(),
        }
        return TemplateResponse(request, "admin/survey/copy_wave.html", context)

    @staticmethod
    def _next_wave_initial(survey):
        from django.utils import timezone

        year = max(survey.year + 1, timezone.localdate().year)
        shift = year - survey.year

        def moved(moment):
            moment = timezone.localtime(moment)
            try:
                return moment.replace(year=moment.year + shift)
            except ValueError:  # 29 February
                return moment.replace(year=moment.year + shift, day=28)

        return {
            "year": year,
            "opens_at": moved(survey.opens_at),
            "closes_at": moved(survey.closes_at),
        }

    @admin.display(description=_("Tools"))
    def tools(self, obj):
        links = [
            (reverse("survey:preview", kwargs={"slug": obj.slug}), _("Preview and test")),
            (reverse("admin:survey_survey_copy", args=[obj.pk]), _("Copy as the next wave")),
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


class ChoiceInline(LockedStructureInline, TranslationTabularInline):
    model = Choice
    fields = ("position", "code", "label", "is_other")
    extra = 0


class MatrixRowInline(LockedStructureInline, TranslationTabularInline):
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

    def get_readonly_fields(self, request, obj=None):
        readonly = tuple(super().get_readonly_fields(request, obj))
        if obj is not None and obj.survey.structure_locked:
            readonly += _fields(Question.STRUCTURE_FIELDS)
        return readonly

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.survey.structure_locked:
            return False
        return super().has_delete_permission(request, obj)


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


@admin.register(TextCategory)
class TextCategoryAdmin(admin.ModelAdmin):
    list_display = ("question", "code", "name")
    list_filter = ("question__survey",)
    search_fields = ("name", "question__code")


@admin.register(ExportLog)
class ExportLogAdmin(admin.ModelAdmin):
    list_display = ("at", "user", "survey", "kind", "options")
    list_filter = ("kind", "survey")
    readonly_fields = ("at", "user", "survey", "kind", "options")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
