"""The recycle bin: deleted entries kept by the history, restored by the editorial office."""

from datetime import timedelta

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext

from staff.history import m2m_values_before_deletion
from staff.permissions import may_publish

LIMIT = 200


def recyclable_models(admin_site):
    """Content types whose admin runs the editorial workflow and whose history is kept."""
    from staff.editorial import EditorialAdminMixin

    return [
        model
        for model, model_admin in admin_site._registry.items()
        if isinstance(model_admin, EditorialAdminMixin) and hasattr(model, "history")
    ]


def deleted_records(model):
    """The last version of every deleted entry that has not come back."""
    history = model.history
    live = model._default_manager.values("pk")
    records = (
        history.filter(history_type="-")
        .exclude(id__in=live)
        .select_related("history_user")
        .order_by("-history_date")
    )
    seen, found = set(), []
    for record in records[:LIMIT]:
        if record.id not in seen:
            seen.add(record.id)
            found.append(record)
    return found


def restore(model, history_id, user):
    """Bring a deleted entry back with the rows deleted together with it (time slots,
    cancellations) and its many-to-many values (target groups, languages)."""
    from django.conf import settings

    record = model.history.filter(history_id=history_id, history_type="-").first()
    if record is None or model._default_manager.filter(pk=record.id).exists():
        raise Http404
    obj = record.instance
    with translation.override(settings.LANGUAGE_CODE):
        reason = gettext("Restored from the recycle bin (deleted on %(date)s)") % {
            "date": formats.localize(timezone.localtime(record.history_date))
        }
    with transaction.atomic():
        obj._history_user = user
        obj._change_reason = reason
        obj.save(force_insert=True)
        for name, pks in m2m_values_before_deletion(model, record).items():
            field = model._meta.get_field(name)
            existing = field.related_model._default_manager.filter(pk__in=pks)
            getattr(obj, name).set(existing)
        for relation in model._meta.related_objects:
            related = relation.related_model
            if not relation.one_to_many or not hasattr(related, "history"):
                continue
            window = record.history_date - timedelta(minutes=1)
            rows = related.history.filter(
                history_type="-",
                history_date__gte=window,
                history_date__lte=record.history_date + timedelta(minutes=1),
                **{relation.field.attname: record.id},
            ).exclude(id__in=related._default_manager.values("pk"))
            for row in rows:
                child = row.instance
                child._history_user = user
                child._change_reason = reason
                child.save(force_insert=True)
    return obj


class RestoreForm(forms.Form):
    """Only the button: the entry is named in the address."""


def recycle_bin_view(admin_site):
    def view(request):
        if not may_publish(request.user):
            raise PermissionDenied
        sections = []
        for model in recyclable_models(admin_site):
            records = deleted_records(model)
            if records:
                sections.append(
                    {
                        "label": model._meta.verbose_name_plural,
                        "opts": model._meta,
                        "records": records,
                    }
                )
        context = {
            **admin_site.each_context(request),
            "title": gettext("Recycle bin"),
            "sections": sections,
            "form": RestoreForm(),
        }
        return TemplateResponse(request, "admin/recycle_bin.html", context)

    return view


def restore_view(admin_site):
    def view(request, app_label, model_name, history_id):
        if not may_publish(request.user) or request.method != "POST":
            raise PermissionDenied
        models = {(m._meta.app_label, m._meta.model_name): m for m in recyclable_models(admin_site)}
        model = models.get((app_label, model_name))
        if model is None or not RestoreForm(request.POST).is_valid():
            raise Http404
        try:
            obj = restore(model, history_id, request.user)
        except IntegrityError:
            messages.error(
                request,
                gettext(
                    "This entry cannot come back: another entry now has the same name or "
                    "address. Rename that one first."
                ),
            )
            return HttpResponseRedirect(reverse("admin:recycle_bin"))
        messages.success(
            request,
            gettext("“%(entry)s” is back. Check it and publish it again if needed.")
            % {"entry": obj},
        )
        return HttpResponseRedirect(
            reverse(f"admin:{app_label}_{model_name}_change", args=[obj.pk])
        )

    return view
