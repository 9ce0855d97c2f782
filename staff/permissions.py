"""Roles and row-level permissions for staff.

Three groups hold the model permissions (see ROLE_PERMISSIONS, created by `manage.py setup_roles`);
on top of them, quarter managers are limited to the centres in their staff profile. Superusers and
the editorial office (Redaktion) see everything.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from portal.models import PublicationStatus, Publishable

EDITORS = "Redaktion"
QUARTER_MANAGERS = "Quartiersmanagement"
EVALUATION = "Auswertung"

_CRUD = ("add", "change", "delete", "view")


def _all(app, *models):
    return [f"{app}.{action}_{model}" for model in models for action in _CRUD]


ROLE_PERMISSIONS = {
    EDITORS: [
        *_all("centers", "centre", "quarter", "site", "document", "stagechange", "processfacts"),
        # The street directory behind "which neighbourhood do I live in?" is the office's.
        *_all("centers", "streetsection"),
        *_all("contacts", "contactperson", "office"),
        *_all("offers", "offer", "schedule", "cancellation", "category", "targetgroup"),
        *_all("offers", "offerlanguage", "closureperiod"),
        *_all("network", "actor", "idea"),
        *_all("survey", "survey", "question", "choice", "matrixrow", "excerpt"),
        "survey.view_response",
        "survey.change_response",
        "survey.delete_response",
        "survey.view_answer",
        "survey.view_responsechange",
        "survey.enter_paper_responses",
        # Set-up and aggregates: the raw exports and the free texts are the evaluation team's.
        *_all("portal", "sitepage"),
        *_all("search", "synonym"),
        "staff.publish_content",
    ],
    QUARTER_MANAGERS: [
        "centers.view_centre",
        "centers.change_centre",
        "centers.view_quarter",
        "centers.view_stagechange",
        *_all("centers", "site", "document"),
        *_all("contacts", "contactperson"),
        *_all("offers", "offer", "schedule", "cancellation"),
        # Closures of their own centre (the school holidays are the editorial office's).
        *_all("offers", "closureperiod"),
        "offers.view_category",
        "offers.view_targetgroup",
        "offers.view_offerlanguage",
        # The quarter's network: they review registrations and answer residents' ideas.
        "network.view_actor",
        "network.add_actor",
        "network.change_actor",
        "network.view_idea",
        "network.change_idea",
        "network.delete_idea",
        "search.view_synonym",
        "survey.view_survey",
        "survey.view_response",
        "survey.view_answer",
        "survey.enter_paper_responses",
    ],
    EVALUATION: [
        "survey.view_survey",
        "survey.view_question",
        "survey.view_choice",
        "survey.view_excerpt",
        "survey.view_response",
        "survey.view_answer",
        "survey.export_responses",
        "survey.view_free_texts",
        "survey.code_free_texts",
        *_all("survey", "textcategory"),
        "survey.view_texttag",
        "survey.view_exportlog",
    ],
}


def _group_names(user):
    if not hasattr(user, "_portal_groups"):
        user._portal_groups = set(user.groups.values_list("name", flat=True))
    return user._portal_groups


def centre_ids(user):
    """The centres a user is limited to, or None when they may see every centre."""
    if user.is_superuser or EDITORS in _group_names(user):
        return None
    if QUARTER_MANAGERS not in _group_names(user):
        return None
    if not hasattr(user, "_portal_centres"):
        user._portal_centres = set(
            user.staff_profile.centres.values_list("pk", flat=True)
            if hasattr(user, "staff_profile")
            else []
        )
    return user._portal_centres


def may_publish(user):
    return Publishable.may_publish(user)


def scope_condition(paths, ids):
    """Rows whose first non-empty centre path points to one of `ids` ("" is the centre itself)."""
    condition = Q()
    empty = Q()
    for path in paths:
        field = f"{path}__in" if path else "pk__in"
        condition |= empty & Q(**{field: ids})
        empty &= Q(**{f"{path}__isnull": True})
    return condition


def scope_queryset(user, queryset, centre_path):
    ids = centre_ids(user)
    if ids is None:
        return queryset
    paths = (centre_path,) if isinstance(centre_path, str) else tuple(centre_path)
    inner = queryset.model._default_manager.filter(scope_condition(paths, ids)).values("pk")
    return queryset.filter(pk__in=inner)


# A resident's suggestion may name only a neighbourhood: then that neighbourhood's centre decides.
OFFER_CENTRE_PATH = ("centre", "quarter__centre")

# Foreign keys whose choices a quarter manager sees only for their own centres.
SCOPED_CHOICES = {
    "centre": "",
    "quarter": "centre",
    "site": "centre",
    "contact": "centre",
    "actor": "quarters__centre",
}


class CentreScopedAdminMixin:
    """Limits a model admin to the user's centres: lists, forms, choices, history.

    `centre_path` leads from the model to its centre ("centre", "quarter__centre", "" for the
    centre itself); a tuple means "the first path that is filled in decides".
    Another centre's object answers 404, as if it did not exist.
    """

    centre_path = "centre"

    def get_queryset(self, request):
        return scope_queryset(request.user, super().get_queryset(request), self.centre_path)

    def _get_obj_does_not_exist_redirect(self, request, opts, object_id):
        raise Http404

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        ids = centre_ids(request.user)
        if ids is not None and db_field.name in SCOPED_CHOICES and field is not None:
            field.queryset = scope_queryset(
                request.user, field.queryset, SCOPED_CHOICES[db_field.name]
            )
            if db_field.name == "centre":
                field.required = True
                field.empty_label = None
        return field

    def history_view(self, request, object_id, extra_context=None):
        self._require_in_scope(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self._require_in_scope(request, object_id)
        return super().history_form_view(request, object_id, version_id, extra_context)

    def _require_in_scope(self, request, object_id):
        from django.contrib.admin.utils import unquote

        if self.get_object(request, unquote(object_id)) is None:
            raise Http404


class PublicationGuard(forms.BaseForm):
    """Only the editorial office publishes; quarter managers may ask for a review."""

    may_publish = True

    def clean_publication_status(self):
        value = self.cleaned_data.get("publication_status")
        # The live row decides, not the instance: restoring an old version must not publish.
        was = self.instance.live_publication_status()
        if not self.may_publish and value == PublicationStatus.PUBLISHED and was != value:
            raise forms.ValidationError(
                _(
                    "Only the editorial office can publish. Choose “In review” to ask them "
                    "to check and publish it."
                )
            )
        return value


def guarded(form_class, user):
    return type(
        form_class.__name__, (PublicationGuard, form_class), {"may_publish": may_publish(user)}
    )


class PublishingAdminMixin:
    """Publication workflow in the admin: status filter, review and publish actions."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        return guarded(super().get_form(request, obj, change=change, **kwargs), request.user)

    def get_actions(self, request):
        actions = super().get_actions(request)
        for name in ("submit_for_review", "publish_selected"):
            if name == "publish_selected" and "publish" in actions:
                continue
            if name not in actions:
                func = getattr(type(self), name)
                actions[name] = (func, name, func.short_description)
        if not may_publish(request.user):
            actions.pop("publish_selected", None)
            actions.pop("publish", None)
        return actions

    @admin.action(description=_("Submit the selected entries for review"))
    def submit_for_review(self, request, queryset):
        if not self.has_change_permission(request):
            raise PermissionDenied
        count = sum(obj.submit_for_review(request.user) for obj in queryset)
        self.message_user(
            request,
            ngettext(
                "%(count)d entry is waiting for review by the editorial office.",
                "%(count)d entries are waiting for review by the editorial office.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Publish the selected entries"))
    def publish_selected(self, request, queryset):
        if not may_publish(request.user):
            raise PermissionDenied
        count = sum(obj.publish(request.user) for obj in queryset)
        self.message_user(
            request,
            ngettext(
                "%(count)d entry was published.",
                "%(count)d entries were published.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )


class PublishingInlineMixin:
    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form = guarded(formset.form, request.user)
        return formset


class TranslationStatusFilter(admin.SimpleListFilter):
    """Entries with a translation missing or outdated in one language (or missing in any)."""

    title = _("translations")
    parameter_name = "translations"

    def lookups(self, request, model_admin):
        from staff.translation_status import language_name, target_languages

        choices = [("missing", _("missing in at least one language"))]
        for code in target_languages():
            name = language_name(code)
            choices.append((f"missing-{code}", _("missing in %(language)s") % {"language": name}))
            choices.append((f"outdated-{code}", _("outdated in %(language)s") % {"language": name}))
        return choices

    def queryset(self, request, queryset):
        from staff import translation_status

        value = self.value()
        if not value:
            return queryset
        if value == "missing":
            return translation_status.missing_anywhere(queryset)
        status, _sep, language = value.partition("-")
        if status not in ("missing", "outdated") or language not in (
            translation_status.target_languages()
        ):
            return queryset
        return translation_status.with_status(queryset, language, status)


def model_admin_fields(model):
    """Every translatable field of `model`: titles, texts, alt texts, notes alike."""
    from staff.translation_status import translated_fields

    return translated_fields(model)


def previews(request, perm):
    """Whether the request comes from staff who may see what is not public yet under `perm`
    (drafts, scheduled content): their detail pages are previews, never kept or cached."""
    from staff.decorators import staff_verified

    user = request.user
    return staff_verified(user) and user.has_perm(perm)


def visible_to(request, queryset, perm, centre_path):
    """What a detail page may show: published content, plus drafts for staff who may edit them.

    Returns the queryset and whether the request is a staff preview (then the response must be
    marked as a preview and never cached).
    """
    user = request.user
    if previews(request, perm):
        if centre_ids(user) is None:
            return queryset, True
        own = scope_queryset(user, queryset, centre_path).values("pk")
        public = queryset.published().values("pk")
        return queryset.filter(Q(pk__in=own) | Q(pk__in=public)), True
    return queryset.published(), False


def preview_response(response):
    """A staff preview is private: no shared cache may keep it."""
    from django.utils.cache import add_never_cache_headers, patch_cache_control

    add_never_cache_headers(response)
    patch_cache_control(response, private=True)
    return response
