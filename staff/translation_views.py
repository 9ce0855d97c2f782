"""Staff pages about translations: the status per language (inside the admin, behind its login)."""

from collections import defaultdict

from django.contrib import admin
from django.db import models
from django.http import Http404
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from staff import translation_status as ts


def _admin_for(model, request):
    model_admin = admin.site._registry.get(model)
    if model_admin is not None and model_admin.has_change_permission(request):
        return model_admin
    return None


def _parent_link(model, request):
    """For content edited inline (slots, cancellations, sites): the foreign key to its page."""
    for field in model._meta.concrete_fields:
        if isinstance(field, models.ForeignKey):
            parent_admin = _admin_for(field.related_model, request)
            if parent_admin is not None and request.user.has_perm(
                f"{model._meta.app_label}.change_{model._meta.model_name}"
            ):
                return field, parent_admin
    return None, None


def editable_content(request):
    """[(model, queryset, edit_url(pk_or_parent) -> url)] of the content this user may edit."""
    result = []
    for model in ts.tracked_models():
        model_admin = _admin_for(model, request)
        if model_admin is not None:
            queryset = model_admin.get_queryset(request)
            result.append((model, queryset, None))
            continue
        field, parent_admin = _parent_link(model, request)
        if field is not None:
            parents = parent_admin.get_queryset(request).values("pk")
            queryset = model._default_manager.filter(**{f"{field.name}__in": parents})
            result.append((model, queryset, field))
    return result


def change_url(model, pk, language=None):
    opts = model._meta
    try:
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[pk])
    except NoReverseMatch:
        return ""
    return f"{url}#translate-{language}" if language else url


def status_report(request, language):
    """Counts per content type and field kind, and every item with something to do."""
    counts = []
    todo = []
    totals = defaultdict(int)
    for model, queryset, parent_field in editable_content(request):
        per_object = ts.statuses(queryset, language)
        by_kind = defaultdict(lambda: defaultdict(int))
        open_items = {}
        for pk, fields in per_object.items():
            for field, status in fields.items():
                kind = ts.field_kind(model, field)
                by_kind[kind][status] += 1
                totals[status] += 1
                if status != ts.CURRENT:
                    open_items.setdefault(pk, []).append((field, status))
        for kind, label in ts.FIELD_KINDS.items():
            if kind in by_kind:
                counts.append(
                    {
                        "model": model._meta.verbose_name_plural,
                        "kind": label,
                        "missing": by_kind[kind][ts.MISSING],
                        "outdated": by_kind[kind][ts.OUTDATED],
                        "current": by_kind[kind][ts.CURRENT],
                    }
                )
        if not open_items:
            continue
        objects = model._default_manager.in_bulk(list(open_items))
        for pk, fields in sorted(open_items.items()):
            obj = objects.get(pk)
            if obj is None:
                continue
            if parent_field is None:
                url = change_url(model, pk, language)
            else:
                url = change_url(
                    parent_field.related_model, getattr(obj, parent_field.attname), language
                )
            todo.append(
                {
                    "model": model._meta.verbose_name,
                    "object": obj,
                    "url": url,
                    "fields": [
                        (
                            model._meta.get_field(field).verbose_name,
                            status,
                            ts.STATUS_LABELS[status],
                        )
                        for field, status in fields
                    ],
                }
            )
    return counts, todo, totals


def translation_status(request, language):
    if language not in ts.target_languages():
        raise Http404
    counts, todo, totals = status_report(request, language)
    context = {
        **admin.site.each_context(request),
        "title": _title(language),
        "language": language,
        "language_name": ts.language_name(language),
        "languages": [(code, ts.language_name(code)) for code in ts.target_languages()],
        "counts": counts,
        "todo": todo,
        "totals": {
            "missing": totals[ts.MISSING],
            "outdated": totals[ts.OUTDATED],
            "current": totals[ts.CURRENT],
        },
    }
    return render(request, "admin/translation_status.html", context)


def _title(language):
    from django.utils.translation import gettext

    return gettext("Translations: %(language)s") % {"language": ts.language_name(language)}


def translation_export(request, language):
    from django.http import HttpResponse

    from staff.translation_exchange import export_po

    if language not in ts.target_languages():
        raise Http404
    po = export_po(request, language)
    response = HttpResponse(str(po), content_type="text/x-gettext-translation; charset=utf-8")
    day = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="quartiersportal-{language}-{day}.po"'
    return response


def translation_import(request):
    from django.contrib import messages
    from django.shortcuts import redirect
    from django.utils.translation import gettext, ngettext

    from staff.forms import TranslationImportConfirmForm, TranslationImportForm
    from staff.translation_exchange import apply_import, plan_import

    context = {**admin.site.each_context(request), "title": gettext("Import translations")}
    if request.method == "POST" and "payload" in request.POST:
        confirm = TranslationImportConfirmForm(request.POST)
        if confirm.is_valid():
            data = confirm.cleaned_data["payload"]
            changes, _skipped = plan_import(request, data["po"], data["language"])
            count = apply_import(request.user, changes, data["language"])
            messages.success(
                request,
                ngettext(
                    "%(count)d translation was imported.",
                    "%(count)d translations were imported.",
                    count,
                )
                % {"count": count},
            )
            return redirect("admin:translation-status", data["language"])
        form = TranslationImportForm()
        context["confirm_errors"] = confirm.errors.get("payload")
    elif request.method == "POST":
        form = TranslationImportForm(request.POST, request.FILES)
        if form.is_valid():
            language = form.cleaned_data["language"]
            changes, skipped = plan_import(request, form.cleaned_data["po"], language)
            context |= {
                "preview": True,
                "language_name": ts.language_name(language),
                "changes": [c for c in changes if not c.confirms_only],
                "confirmed": [c for c in changes if c.confirms_only],
                "skipped": skipped,
                "confirm_form": TranslationImportConfirmForm(
                    initial={"payload": form.cleaned_data["payload"]}
                ),
            }
    else:
        form = TranslationImportForm(initial={"language": request.GET.get("language")})
    context["form"] = form
    return render(request, "admin/translation_import.html", context)
