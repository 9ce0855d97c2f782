"""Live and draft apart: changes to live content by staff who may not publish wait for review.

The workflow is three functions — `submit`, `approve`, `return_revision` — and every path goes
through them: the admin's change form, its delete view and delete action, and restoring a version
from the history. A revision stores the live values at the time (`base`) and the proposed ones
(`data`): every concrete field (so every language version of a text), many-to-many values and the
rows of the inlines (time slots, cancellations, sites, documents, contacts).
"""

import json
from datetime import timedelta

from django.conf import settings
from django.core import serializers
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from portal.models import PublicationStatus, Publishable
from staff.models import Revision, RevisionAction, RevisionState


def may_publish(user):
    return Publishable.may_publish(user)


def is_live(obj):
    """Whether residents can see this object now (as stored, not as an instance may claim)."""
    if obj.pk is None:
        return False
    if (
        isinstance(obj, Publishable)
        and obj.live_publication_status() != PublicationStatus.PUBLISHED
    ):
        return False
    centre = _parent_centre(obj)
    if isinstance(centre, Publishable) and centre.pk is not None:
        return centre.live_publication_status() == PublicationStatus.PUBLISHED
    return True


def _parent_centre(obj):
    if "centre" not in {field.name for field in obj._meta.get_fields()}:
        return None
    field = obj._meta.get_field("centre")
    if not field.is_relation or getattr(obj, field.attname, None) is None:
        return None
    return getattr(obj, "centre", None)


def needs_review(user, obj):
    """A change to `obj` by `user` waits for the editorial office instead of going live."""
    return not may_publish(user) and is_live(obj)


def addition_needs_review(user, obj):
    """A new entry without a publication status of its own (a site, a contact, a legal page)
    would be live at once on a published centre: by someone who may not publish, it waits."""
    if may_publish(user) or isinstance(obj, Publishable):
        return False
    centre = _parent_centre(obj)
    if isinstance(centre, Publishable) and centre.pk is not None:
        return centre.live_publication_status() == PublicationStatus.PUBLISHED
    return True


# --- Snapshots ------------------------------------------------------------------------------


def _commit_files(obj):
    """An upload in a waiting change is stored now (under a random name), not on approval."""
    for field in obj._meta.concrete_fields:
        if isinstance(field, models.FileField):
            file = getattr(obj, field.attname)
            if file and not getattr(file, "_committed", True):
                file.save(file.name, file.file, save=False)


def _row(obj):
    _commit_files(obj)
    serialised = json.loads(serializers.serialize("json", [obj]))[0]
    fields = {
        # Browsers send line breaks as CR LF: no difference for anyone reading the text.
        name: value.replace("\r\n", "\n") if isinstance(value, str) else value
        for name, value in serialised["fields"].items()
        if name not in _mirrored_fields(type(obj))
    }
    return {"pk": serialised["pk"], "fields": fields}


def _mirrored_fields(model):
    """modeltranslation's original columns: they only mirror the German version (`title_de`)."""
    from modeltranslation.translator import NotRegistered, translator

    try:
        return set(translator.get_options_for_model(model).fields)
    except NotRegistered:
        return set()


def _inline_key(model, fk_name):
    return f"{model._meta.label_lower}:{fk_name}"


def _inline_rows(obj, key):
    from django.apps import apps

    label, fk_name = key.split(":")
    model = apps.get_model(label)
    return [_row(row) for row in model._default_manager.filter(**{fk_name: obj.pk})]


def live_snapshot(obj, inline_keys=()):
    stored = type(obj)._default_manager.get(pk=obj.pk)
    return {
        "fields": _row(stored)["fields"],
        "inlines": {key: _inline_rows(stored, key) for key in inline_keys},
    }


def proposed_snapshot(obj, form=None, formsets=()):
    """The values of an admin form and its inline formsets, without saving anything."""
    fields = _row(obj)["fields"]
    if form is not None:
        for field in obj._meta.many_to_many:
            if field.name in form.cleaned_data:
                fields[field.name] = sorted(o.pk for o in form.cleaned_data[field.name])
    inlines = {}
    for formset in formsets:
        fk = getattr(formset, "fk", None)
        if fk is None:
            continue
        rows = []
        for inline_form in formset.forms:
            if not hasattr(inline_form, "cleaned_data") or formset._should_delete_form(inline_form):
                continue
            if inline_form.instance.pk is None and not inline_form.has_changed():
                continue
            instance = inline_form.instance
            setattr(instance, fk.attname, obj.pk)
            rows.append(_row(instance))
        inlines[_inline_key(formset.model, fk.name)] = rows
    return {"fields": fields, "inlines": inlines}


def _deserialise(model, pk, fields):
    payload = json.dumps([{"model": model._meta.label_lower, "pk": pk, "fields": fields}])
    return next(serializers.deserialize("json", payload, ignorenonexistent=True))


def _changed_names(model, proposed, base):
    names = []
    known = {field.name for field in model._meta.get_fields()}
    for name, value in proposed.items():
        if name not in known:
            continue
        field = model._meta.get_field(name)
        if field.editable and not field.primary_key and not _same(base.get(name), value):
            names.append(name)
    return names


def _same(a, b):
    """An empty translation is empty whether stored as NULL or as an empty text."""
    return (None if a == "" else a) == (None if b == "" else b)


# --- Readable differences -------------------------------------------------------------------


def display_value(model, name, value):
    """A field's value as an editor reads it: labels of choices, names of related entries."""
    field = model._meta.get_field(name)
    if value in (None, "", []):
        return "–"
    if field.many_to_many:
        related = field.related_model._default_manager.filter(pk__in=value)
        return ", ".join(sorted(str(item) for item in related)) or "–"
    if field.is_relation:
        item = field.related_model._default_manager.filter(pk=value).first()
        return str(item) if item is not None else "–"
    if field.choices:
        return str(dict(field.flatchoices).get(field.to_python(value), value))
    if isinstance(field, models.BooleanField):
        return gettext("yes") if value else gettext("no")
    python = field.to_python(value)
    if isinstance(python, timezone.datetime) and timezone.is_aware(python):
        python = timezone.localtime(python)
    if hasattr(python, "isoformat"):
        return formats.localize(python)
    return str(python)


def _label(model, name):
    return str(model._meta.get_field(name).verbose_name)


def field_changes(model, proposed, base, live=None):
    """[{label, before, after}] for every field the submitter changed."""
    live = base if live is None else live
    return [
        {
            "label": _label(model, name),
            "before": display_value(model, name, live.get(name)),
            "after": display_value(model, name, proposed.get(name)),
        }
        for name in _changed_names(model, proposed, base)
    ]


def _row_repr(model, row):
    try:
        return str(_deserialise(model, row["pk"], row["fields"]).object)
    except Exception:
        return str(row["pk"])


def difference(revision):
    """What the editorial office sees: changed fields and inline rows, before and after."""
    from django.apps import apps

    model = revision.model
    live_obj = revision.live_object() if revision.state == RevisionState.PENDING else None
    live = live_snapshot(live_obj, revision.data.get("inlines", {}).keys()) if live_obj else {}
    if revision.action == RevisionAction.DELETE:
        return {"fields": [], "inlines": [], "deleted": True}
    result = {
        "fields": field_changes(
            model,
            revision.data.get("fields", {}),
            revision.base.get("fields", {}),
            live.get("fields"),
        ),
        "inlines": [],
        "deleted": False,
    }
    for key, rows in revision.data.get("inlines", {}).items():
        inline_model = apps.get_model(key.split(":")[0])
        base_rows = {row["pk"]: row for row in revision.base.get("inlines", {}).get(key, [])}
        proposed_pks = {row["pk"] for row in rows if row["pk"] is not None}
        entries = []
        for row in rows:
            before = base_rows.get(row["pk"])
            if before is None:
                changes = field_changes(inline_model, row["fields"], {})
                entries.append(
                    {"kind": _("added"), "name": _row_repr(inline_model, row), "changes": changes}
                )
            elif before["fields"] != row["fields"]:
                changes = field_changes(inline_model, row["fields"], before["fields"])
                if changes:
                    entries.append(
                        {
                            "kind": _("changed"),
                            "name": _row_repr(inline_model, before),
                            "changes": changes,
                        }
                    )
        for pk, before in base_rows.items():
            if pk not in proposed_pks:
                entries.append(
                    {"kind": _("removed"), "name": _row_repr(inline_model, before), "changes": []}
                )
        if entries:
            result["inlines"].append(
                {"label": str(inline_model._meta.verbose_name_plural), "rows": entries}
            )
    return result


# --- The workflow ---------------------------------------------------------------------------


def save_with_history(obj, user, reason=""):
    """Save so that the history row names who did it and why."""
    if isinstance(obj, Publishable):
        obj.save_as(user, reason=reason)
        return
    obj._history_user = user
    if reason:
        obj._change_reason = reason
    obj.save()


def submit(
    obj,
    user,
    *,
    action=RevisionAction.CHANGE,
    form=None,
    formsets=(),
    reason="",
    inline_rows=None,
):
    """Keep a proposed change (or a deletion request) for review; the live version stays online.

    A second change by the same person to the same entry replaces their first one.
    """
    from django.contrib.contenttypes.models import ContentType

    from staff.notifications import notify_submitted

    if action == RevisionAction.DELETE:
        data = {}
        base = live_snapshot(obj)
    elif action == RevisionAction.ADD:
        data = proposed_snapshot(obj, form, formsets)
        base = {"fields": {}, "inlines": {key: [] for key in data["inlines"]}}
    else:
        data = proposed_snapshot(obj, form, formsets)
        for key, rows in (inline_rows or {}).items():
            data["inlines"][key] = [_row(row) for row in rows]
        base = live_snapshot(obj, data["inlines"].keys())
        if reason:
            data["reason"] = reason
        status = data["fields"].get("publication_status")
        if (
            action == RevisionAction.CHANGE
            and base["fields"].get("publication_status") == PublicationStatus.PUBLISHED
            and status not in (None, PublicationStatus.PUBLISHED)
        ):
            action = RevisionAction.UNPUBLISH
        if not _has_changes(type(obj), data, base):
            return None
    content_type = ContentType.objects.get_for_model(type(obj))
    adding = action == RevisionAction.ADD
    with transaction.atomic():
        if not adding:
            Revision.objects.filter(
                content_type=content_type,
                object_id=str(obj.pk),
                submitted_by=user,
                state=RevisionState.PENDING,
            ).update(state=RevisionState.WITHDRAWN)
        revision = Revision.objects.create(
            content_type=content_type,
            object_id="" if adding else str(obj.pk),
            object_repr=str(obj if adding else type(obj)._default_manager.get(pk=obj.pk))[:200],
            action=action,
            data=data,
            base=base,
            submitted_by=user,
        )
        transaction.on_commit(lambda: notify_submitted(revision))
    return revision


def _has_changes(model, data, base):
    if _changed_names(model, data["fields"], base["fields"]):
        return True
    for key, rows in data["inlines"].items():
        from django.apps import apps

        inline_model = apps.get_model(key.split(":")[0])
        before = {row["pk"]: row for row in base["inlines"].get(key, [])}
        if {row["pk"] for row in rows} != set(before):
            return True
        for row in rows:
            if _changed_names(inline_model, row["fields"], before[row["pk"]]["fields"]):
                return True
    return False


def _require_publisher(user):
    if not may_publish(user):
        raise PermissionDenied(gettext("Only the editorial office can publish."))


def approve(revision, user):
    """Put the waiting change live (or carry out the deletion). Returns whether it did."""
    from staff.notifications import notify_decided

    _require_publisher(user)
    if revision.state != RevisionState.PENDING:
        return False
    obj = revision.live_object()
    if obj is None and revision.action != RevisionAction.ADD:
        raise ValidationError(gettext("This entry no longer exists."))
    with transaction.atomic():
        if revision.action == RevisionAction.ADD:
            obj = _create(revision, user)
            revision.object_id = str(obj.pk)
        elif revision.action == RevisionAction.DELETE:
            obj._history_user = user
            obj.delete()
        else:
            _apply(obj, revision, user)
        revision.state = RevisionState.APPROVED
        revision.decided_by = user
        revision.decided_at = timezone.now()
        revision.save()
        transaction.on_commit(lambda: notify_decided(revision))
    return True


def return_revision(revision, user, comment):
    """Send the change back to its author with a comment; nothing goes live."""
    from staff.notifications import notify_decided

    _require_publisher(user)
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError(gettext("Please say what should be changed."))
    if revision.state != RevisionState.PENDING:
        return False
    revision.state = RevisionState.RETURNED
    revision.comment = comment
    revision.decided_by = user
    revision.decided_at = timezone.now()
    revision.save()
    transaction.on_commit(lambda: notify_decided(revision))
    return True


def _create(revision, user):
    model = revision.model
    incoming = _deserialise(model, None, revision.data.get("fields", {}))
    obj = incoming.object
    obj.pk = None
    with translation.override(settings.LANGUAGE_CODE):
        reason = gettext("New entry by %(name)s, approved") % {
            "name": _person(revision.submitted_by)
        }
    save_with_history(obj, user, reason)
    for name, pks in incoming.m2m_data.items():
        getattr(obj, name).set(pks)
    for key, rows in revision.data.get("inlines", {}).items():
        _apply_inline(obj, key, rows, [], user)
    return obj


def _apply(obj, revision, user):
    model = type(obj)
    proposed = revision.data.get("fields", {})
    base = revision.base.get("fields", {})
    changed = _changed_names(model, proposed, base)
    incoming = _deserialise(model, obj.pk, proposed)
    later = {}
    for name in changed:
        field = model._meta.get_field(name)
        if field.many_to_many:
            later[name] = incoming.m2m_data.get(name, [])
        else:
            setattr(obj, field.attname, getattr(incoming.object, field.attname))
    with translation.override(settings.LANGUAGE_CODE):
        reason = revision.data.get("reason") or gettext("Change by %(name)s, approved") % {
            "name": _person(revision.submitted_by)
        }
    save_with_history(obj, user, reason)
    for name, pks in later.items():
        getattr(obj, name).set(pks)
    for key, rows in revision.data.get("inlines", {}).items():
        _apply_inline(obj, key, rows, revision.base.get("inlines", {}).get(key, []), user)


def _apply_inline(obj, key, rows, base_rows, user):
    from django.apps import apps

    label, fk_name = key.split(":")
    model = apps.get_model(label)
    fk = model._meta.get_field(fk_name)
    before = {row["pk"]: row for row in base_rows}
    kept = {row["pk"] for row in rows if row["pk"] is not None}
    for pk in set(before) - kept:
        for gone in model._default_manager.filter(pk=pk, **{fk.attname: obj.pk}):
            gone._history_user = user
            gone.delete()
    for row in rows:
        previous = before.get(row["pk"])
        if previous is not None and previous["fields"] == row["fields"]:
            continue
        incoming = _deserialise(model, row["pk"], row["fields"]).object
        stored = (
            model._default_manager.filter(pk=row["pk"]).first() if row["pk"] is not None else None
        )
        if stored is None:
            incoming.pk = None
            setattr(incoming, fk.attname, obj.pk)
            save_with_history(incoming, user)
            continue
        for name in _changed_names(model, row["fields"], previous["fields"] if previous else {}):
            field = model._meta.get_field(name)
            if not field.many_to_many:
                setattr(stored, field.attname, getattr(incoming, field.attname))
        save_with_history(stored, user)


def _person(user):
    if user is None:
        return gettext("someone")
    return user.get_full_name() or user.get_username()


def pending_for(obj):
    from django.contrib.contenttypes.models import ContentType

    return Revision.objects.filter(
        content_type=ContentType.objects.get_for_model(type(obj)),
        object_id=str(obj.pk),
        state=RevisionState.PENDING,
    )


# --- Restoring a version with its inline rows -----------------------------------------------


# The admin saves an entry first and its inline rows just after, in the same request.
SAME_SAVE = timedelta(seconds=5)


def version_end(record, relations=()):
    """The moment up to which inline rows belong to the version `record` of an entry: the
    version's own time, extended over the inline rows the same person saved with it (the admin
    writes them just after the entry), never past the entry's next version."""
    until = record.history_date
    if record.history_user_id is None:
        return until
    later = (
        type(record)
        .objects.filter(id=record.id, history_id__gt=record.history_id)
        .order_by("history_id")
        .values_list("history_date", flat=True)
        .first()
    )
    limit = record.history_date + SAME_SAVE
    if later is not None:
        limit = min(limit, later - timedelta(microseconds=1))
    for related, fk in relations:
        last = (
            related.history.filter(
                **{fk.attname: record.id},
                history_user_id=record.history_user_id,
                history_date__gte=record.history_date,
                history_date__lte=limit,
            )
            .order_by("-history_date")
            .values_list("history_date", flat=True)
            .first()
        )
        if last is not None and last > until:
            until = last
    return until


def inline_rows_as_of(model_admin, obj, record):
    """{inline key: [rows as they were in version `record`]} for the admin's inlines that keep
    a history."""
    from django.forms.models import _get_foreign_key

    relations = [
        (inline.model, _get_foreign_key(type(obj), inline.model, fk_name=inline.fk_name))
        for inline in model_admin.inlines
        if hasattr(inline.model, "history")
    ]
    when = version_end(record, relations)
    found = {}
    for related, fk in relations:
        rows = related.history.as_of(when).filter(**{fk.attname: obj.pk})
        found[_inline_key(related, fk.name)] = list(rows)
    return found


def restore_inline_rows(obj, inline_rows, user, reason=""):
    """Make the inline rows what they were; someone who may not publish publishes nothing."""
    from django.apps import apps

    for key, rows in inline_rows.items():
        label, fk_name = key.split(":")
        model = apps.get_model(label)
        fk = model._meta.get_field(fk_name)
        wanted = {row.pk for row in rows}
        for gone in model._default_manager.filter(**{fk.attname: obj.pk}).exclude(pk__in=wanted):
            gone._history_user = user
            gone.delete()
        for row in rows:
            if isinstance(row, Publishable) and not may_publish(user):
                live = row.live_publication_status()
                if (
                    row.publication_status == PublicationStatus.PUBLISHED
                    and live != row.publication_status
                ):
                    row.publication_status = live or PublicationStatus.DRAFT
            setattr(row, fk.attname, obj.pk)
            save_with_history(row, user, reason)
