"""The editorial workflow in the admin: changes to live content by quarter managers wait.

`EditorialAdminMixin` goes before `HistoryAdmin` (staff/history_admin.py) in a model admin's
bases. It routes the change form, the history restore, the delete view and the delete action
through `staff.revisions` when the user may not publish and the entry is live; it refuses saves
based on an outdated version; and it keeps empty saves out of the history.
"""

import copy

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext, ngettext

from staff import revisions
from staff.history import m2m_values
from staff.models import RevisionAction

VERSION_FIELD = "_editorial_version"


def inline_relations(model_admin):
    """[(model, foreign key)] of the admin's inlines whose rows keep a history."""
    from django.forms.models import _get_foreign_key

    found = []
    for inline in model_admin.inlines:
        if hasattr(inline.model, "history"):
            fk = _get_foreign_key(model_admin.model, inline.model, fk_name=inline.fk_name)
            found.append((inline.model, fk))
    return found


def _latest_history_id(model, **lookup):
    return (
        model.history.filter(**lookup)
        .order_by("-history_id")
        .values_list("history_id", flat=True)
        .first()
    )


def version_token(obj, relations=()):
    """What identifies the stored version of `obj`: its latest history row (or its time stamp),
    then the latest history row of each inline's rows ("12.40.0"), so that a time slot or a
    cancellation changed in another tab counts as a new version too. Many-to-many changes make
    a history row of `obj` itself."""
    if obj is None or obj.pk is None:
        return ""
    if hasattr(type(obj), "history"):
        parts = [_latest_history_id(type(obj), id=obj.pk) or 0]
        parts += [_latest_history_id(model, **{fk.attname: obj.pk}) or 0 for model, fk in relations]
        return ".".join(str(part) for part in parts)
    stamp = (
        type(obj)._default_manager.filter(pk=obj.pk).values_list("updated_at", flat=True).first()
        if hasattr(obj, "updated_at")
        else None
    )
    return stamp.isoformat() if stamp else ""


def _parse_token(sent, relations):
    parts = sent.split(".")
    if not all(part.isdigit() for part in parts) or len(parts) != len(relations) + 1:
        return None
    return [int(part) for part in parts]


def conflict_message(obj, sent, relations=()):
    """Who changed what since the form was opened, for the error above the form."""
    model = type(obj)
    seen = _parse_token(sent, relations) if hasattr(model, "history") else None
    if seen is None:
        return gettext(
            "Someone else saved this entry while you were editing it. Your input is still in "
            "the form: compare it with the current version and save again."
        )
    records = list(
        model.history.filter(id=obj.pk, history_id__gte=seen[0])
        .select_related("history_user")
        .order_by("history_id")
    )
    labels, people, moments = [], [], []
    for older, newer in zip(records, records[1:], strict=False):
        people.append(str(newer.history_user or gettext("someone")))
        moments.append(newer.history_date)
        for change in newer.diff_against(older).changes:
            label = str(model._meta.get_field(change.field).verbose_name)
            if label not in labels:
                labels.append(label)
    for (related, fk), last_seen in zip(relations, seen[1:], strict=True):
        rows = list(
            related.history.filter(**{fk.attname: obj.pk}, history_id__gt=last_seen)
            .select_related("history_user")
            .order_by("history_id")
        )
        for row in rows:
            people.append(str(row.history_user or gettext("someone")))
            moments.append(row.history_date)
        if rows:
            label = _inline_change_label(related, rows)
            if label not in labels:
                labels.append(label)
    when = formats.localize(timezone.localtime(max(moments))) if moments else ""
    return gettext(
        "%(people)s saved this entry at %(when)s while you were editing it and changed: "
        "%(fields)s. Nothing was saved from your side, and your input is still in the form: "
        "compare it with the current version and save again."
    ) % {
        "people": ", ".join(dict.fromkeys(people)) or gettext("someone"),
        "when": when,
        "fields": ", ".join(labels) or "–",
    }


def _inline_change_label(related, rows):
    """ "Ausfälle (1 geändert, 1 gelöscht)": which inline rows someone else touched."""
    kinds = {"+": set(), "~": set(), "-": set()}
    for row in rows:
        kinds[row.history_type].add(row.id)
    counts = [
        text % {"count": len(kinds[key])}
        for key, text in (
            ("+", gettext("%(count)d added")),
            ("~", gettext("%(count)d changed")),
            ("-", gettext("%(count)d deleted")),
        )
        if kinds[key]
    ]
    return f"{related._meta.verbose_name_plural} ({', '.join(counts)})"


class VersionCheckForm(forms.BaseForm):
    """Refuses a save based on an outdated version of the entry or of its inline rows."""

    inline_relations = ()

    def clean(self):
        cleaned = super().clean()
        sent = self.data.get(VERSION_FIELD, "")
        if sent and self.instance.pk is not None:
            current = version_token(self.instance, self.inline_relations)
            if current and sent != current:
                raise forms.ValidationError(
                    conflict_message(self.instance, sent, self.inline_relations)
                )
        return cleaned


class HistoricalManyToManyForm(forms.BaseForm):
    """An old version shown for restoring: its many-to-many values as they were then, not the
    current ones (the historical instance would read the live links)."""

    history_record = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, pks in m2m_values(self.history_record).items():
            if name in self.fields:
                self.initial[name] = pks


class EditorialAdminMixin:
    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        record = getattr(request, "_editorial_history_record", None)
        if record is not None:
            return type(form.__name__, (HistoricalManyToManyForm, form), {"history_record": record})
        return type(
            form.__name__, (VersionCheckForm, form), {"inline_relations": inline_relations(self)}
        )

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if "data" in kwargs and obj is not None and obj.pk is not None:
            kwargs["data"] = rows_deleted_meanwhile_as_new(kwargs["data"], prefix, inline, obj)
        return kwargs

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        # After a refused save the form carries the current version: saving again is a choice
        # made after reading what changed.
        context[VERSION_FIELD.lstrip("_")] = version_token(obj, inline_relations(self))
        if obj is not None and obj.pk is not None and request.method == "GET":
            for revision in revisions.pending_for(obj).select_related("submitted_by"):
                messages.info(
                    request,
                    gettext(
                        "A change by %(name)s from %(date)s waits for review by the editorial "
                        "office (%(request)s). This form shows the published version."
                    )
                    % {
                        "name": revision.submitted_by or gettext("someone"),
                        "date": formats.localize(timezone.localtime(revision.created_at)),
                        "request": revision.get_action_display(),
                    },
                )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_model(self, request, obj, form, change):
        restore = getattr(request, "_editorial_restore", None)
        reason = restore_reason(restore) if restore is not None else ""
        rows = revisions.inline_rows_as_of(self, obj, restore) if restore is not None else {}
        if change and revisions.needs_review(request.user, obj):
            # Nothing reaches the live entry: not the fields, not the many-to-many values.
            form.save_m2m = lambda: None
            request._editorial_pending = obj
            if restore is not None:
                request._editorial_revision = revisions.submit(
                    obj,
                    request.user,
                    action=RevisionAction.RESTORE,
                    form=form,
                    reason=reason,
                    inline_rows=rows,
                )
            return
        if not change and revisions.addition_needs_review(request.user, obj):
            form.save_m2m = lambda: None
            request._editorial_pending = obj
            request._editorial_adding = True
            return
        if change and not form.has_changed() and restore is None:
            obj.skip_history_when_saving = True
        if reason:
            obj._change_reason = reason
        try:
            super().save_model(request, obj, form, change)
        finally:
            if hasattr(obj, "skip_history_when_saving"):
                del obj.skip_history_when_saving
        if rows:
            revisions.restore_inline_rows(obj, rows, request.user, reason)

    def save_related(self, request, form, formsets, change):
        obj = getattr(request, "_editorial_pending", None)
        if obj is None:
            return super().save_related(request, form, formsets, change)
        action = RevisionAction.ADD if getattr(request, "_editorial_adding", False) else None
        request._editorial_revision = revisions.submit(
            obj, request.user, action=action or RevisionAction.CHANGE, form=form, formsets=formsets
        )

    def log_addition(self, request, obj, message):
        if getattr(request, "_editorial_adding", False):
            return None  # nothing was added yet
        return super().log_addition(request, obj, message)

    def response_add(self, request, obj, post_url_continue=None):
        if not getattr(request, "_editorial_adding", False):
            return super().response_add(request, obj, post_url_continue)
        self.message_user(
            request,
            gettext(
                "The new entry waits for review by the editorial office; it goes online when "
                "they approve it."
            ),
            messages.SUCCESS,
        )
        opts = self.opts
        return HttpResponseRedirect(
            reverse(
                f"admin:{opts.app_label}_{opts.model_name}_changelist",
                current_app=self.admin_site.name,
            )
        )

    def construct_change_message(self, request, form, formsets, add=False):
        if getattr(request, "_editorial_pending", None) is not None:
            return gettext("Change submitted for review; the published version stays online.")
        return super().construct_change_message(request, form, formsets, add)

    def response_change(self, request, obj):
        if getattr(request, "_editorial_pending", None) is None:
            return super().response_change(request, obj)
        if getattr(request, "_editorial_revision", None) is None:
            self.message_user(request, gettext("Nothing was changed."), messages.INFO)
        else:
            self.message_user(
                request,
                gettext(
                    "Your change waits for review by the editorial office. Until then the "
                    "published version stays online."
                ),
                messages.SUCCESS,
            )
        return HttpResponseRedirect(
            reverse(
                f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change",
                args=[obj.pk],
                current_app=self.admin_site.name,
            )
        )

    # --- deleting ---------------------------------------------------------------------------

    def delete_model(self, request, obj):
        if revisions.needs_review(request.user, obj):
            request._editorial_revision = revisions.submit(
                obj, request.user, action=RevisionAction.DELETE
            )
            return
        obj._history_user = request.user
        super().delete_model(request, obj)

    def log_deletions(self, request, queryset):
        kept = [obj for obj in queryset if not revisions.needs_review(request.user, obj)]
        if not kept:
            return None
        return super().log_deletions(request, kept)

    def response_delete(self, request, obj_display, obj_id):
        if getattr(request, "_editorial_revision", None) is None:
            return super().response_delete(request, obj_display, obj_id)
        self.message_user(
            request,
            gettext(
                "“%(entry)s” is published: your request to delete it waits for the editorial "
                "office."
            )
            % {"entry": obj_display},
            messages.SUCCESS,
        )
        opts = self.opts
        return HttpResponseRedirect(
            reverse(
                f"admin:{opts.app_label}_{opts.model_name}_changelist",
                current_app=self.admin_site.name,
            )
        )

    def delete_queryset(self, request, queryset):
        requested = [obj for obj in queryset if revisions.needs_review(request.user, obj)]
        for obj in requested:
            revisions.submit(obj, request.user, action=RevisionAction.DELETE)
        rest = queryset.exclude(pk__in=[obj.pk for obj in requested])
        for obj in rest:
            obj._history_user = request.user
            obj.delete()
        if requested:
            self.message_user(
                request,
                ngettext(
                    "%(count)d entry is published: the request to delete it waits for the "
                    "editorial office.",
                    "%(count)d entries are published: the requests to delete them wait for the "
                    "editorial office.",
                    len(requested),
                )
                % {"count": len(requested)},
                messages.WARNING,
            )

    # --- history ----------------------------------------------------------------------------

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if not str(version_id).isdigit():
            raise Http404
        history = self.model.history.filter(history_id=version_id).first()
        if history is not None and str(history.id) != str(object_id):
            raise Http404
        request._editorial_history_record = history
        if request.method == "POST":
            request._editorial_restore = history
        # simple_history reads the prepopulated fields from the attribute, not per user: a
        # quarter manager, for whom the slug is read-only, would get a KeyError.
        admin = copy.copy(self)
        admin.prepopulated_fields = self.get_prepopulated_fields(request)
        history_view = super(EditorialAdminMixin, admin).history_form_view
        return history_view(request, object_id, version_id, extra_context)


def rows_deleted_meanwhile_as_new(data, prefix, inline, obj):
    """Rows of an inline that someone deleted while this form was open come back as new rows
    (unless marked for deletion here too): the form shows them, and saving again means "my
    version" — instead of an error about a row that no longer exists."""
    from django.forms.models import _get_foreign_key

    try:
        initial = int(data.get(f"{prefix}-INITIAL_FORMS", 0))
        total = int(data.get(f"{prefix}-TOTAL_FORMS", 0))
    except ValueError:
        return data
    pk_name = inline.model._meta.pk.name
    fk = _get_foreign_key(type(obj), inline.model, fk_name=inline.fk_name)
    posted = [data.get(f"{prefix}-{index}-{pk_name}", "") for index in range(initial)]
    existing = {
        str(pk)
        for pk in inline.model._default_manager.filter(
            **{fk.attname: obj.pk, "pk__in": [pk for pk in posted if pk.isdigit()]}
        ).values_list("pk", flat=True)
    }
    gone = [index for index, pk in enumerate(posted) if pk and pk not in existing]
    if not gone:
        return data
    kept = [index for index in range(initial) if index not in gone]
    revived = [index for index in gone if not data.get(f"{prefix}-{index}-DELETE")]
    order = kept + revived + list(range(initial, total))
    rows = {}
    for key in list(data.keys()):
        head, _dash, rest = key.partition(f"{prefix}-")
        number, _dash, field = rest.partition("-")
        if head == "" and number.isdigit() and field:
            rows.setdefault(int(number), {})[field] = data.getlist(key)
            del data[key]
    for new_index, old_index in enumerate(order):
        for field, values in rows.get(old_index, {}).items():
            if old_index in revived and field == pk_name:
                values = [""]
            data.setlist(f"{prefix}-{new_index}-{field}", values)
    data[f"{prefix}-INITIAL_FORMS"] = str(len(kept))
    data[f"{prefix}-TOTAL_FORMS"] = str(len(order))
    return data


def restore_reason(history_record):
    if history_record is None:
        return ""
    # The history is read by everyone in the office: its notes are in German.
    with translation.override(settings.LANGUAGE_CODE):
        when = formats.localize(timezone.localtime(history_record.history_date))
        return gettext("Restored from the version of %(date)s") % {"date": when}
