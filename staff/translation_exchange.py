"""Exchange with translators: what is missing or outdated in one language as a PO file, and back.

Each entry names its text by context `app.model:pk:field`; msgid is the German source at export
time, msgstr the translation (empty when missing, the current one when outdated). An import
applies only entries whose German source is still the same, for content the importing user may
edit; it changes translation fields and nothing else, so it never publishes anything, and it marks
the imported translations up to date.
"""

from dataclasses import dataclass

import polib
from django.apps import apps
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from staff import translation_status as ts
from staff.translation_views import editable_content

CONTEXT_SEPARATOR = ":"


def _context(model, pk, field):
    return CONTEXT_SEPARATOR.join([model._meta.label_lower, str(pk), field])


def export_po(request, language):
    po = polib.POFile(wrapwidth=79)
    po.metadata = {
        "Project-Id-Version": "Quartiersportal Heilbronn content",
        "Language": language,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "POT-Creation-Date": timezone.now().strftime("%Y-%m-%d %H:%M%z"),
        "X-Source-Language": ts.SOURCE_LANGUAGE,
    }
    for model, queryset, _parent in editable_content(request):
        open_items = {
            pk: {field: status for field, status in fields.items() if status != ts.CURRENT}
            for pk, fields in ts.statuses(queryset, language).items()
        }
        open_items = {pk: fields for pk, fields in open_items.items() if fields}
        if not open_items:
            continue
        for pk, obj in sorted(model._default_manager.in_bulk(list(open_items)).items()):
            for field, status in open_items[pk].items():
                label = model._meta.get_field(field).verbose_name
                note = f"{model._meta.verbose_name}: {obj} – {label}"
                if status == ts.OUTDATED:
                    note += " – " + _("outdated: the German text has changed")
                po.append(
                    polib.POEntry(
                        msgctxt=_context(model, pk, field),
                        msgid=getattr(obj, f"{field}_{ts.SOURCE_LANGUAGE}"),
                        msgstr=getattr(obj, f"{field}_{language}") or "",
                        comment=note,
                    )
                )
    return po


@dataclass
class Change:
    obj: object
    field: str
    label: str
    old: str
    new: str

    @property
    def field_label(self):
        return type(self.obj)._meta.get_field(self.field).verbose_name

    @property
    def confirms_only(self):
        return self.old == self.new


@dataclass
class Skipped:
    context: str
    reason: str


def read_po(text):
    """A parsed PO file, or ValueError with a message for the editor."""
    # polib reads a file when handed an existing path: a leading newline keeps it text only.
    try:
        return polib.pofile("\n" + text)
    except (OSError, ValueError, UnicodeError) as error:
        raise ValueError(_("This is not a readable PO file.")) from error


def plan_import(request, po, language):
    """What an import of `po` would change: ([Change], [Skipped])."""
    allowed = {model: queryset for model, queryset, _parent in editable_content(request)}
    changes, skipped = [], []
    for entry in po:
        if entry.obsolete or not entry.msgctxt:
            continue
        context = entry.msgctxt
        target = _target(context, allowed)
        if target is None:
            skipped.append(Skipped(context, _("unknown text or not yours to edit")))
            continue
        obj, field = target
        if "fuzzy" in entry.flags:
            skipped.append(Skipped(context, _("marked as needing review (fuzzy)")))
            continue
        if not entry.msgstr.strip():
            skipped.append(Skipped(context, _("not translated")))
            continue
        if entry.msgid != (getattr(obj, f"{field}_{ts.SOURCE_LANGUAGE}") or ""):
            skipped.append(Skipped(context, _("the German text has changed since the export")))
            continue
        old = getattr(obj, f"{field}_{language}") or ""
        max_length = type(obj)._meta.get_field(f"{field}_{language}").max_length
        if max_length and len(entry.msgstr) > max_length:
            skipped.append(
                Skipped(context, _("longer than %(count)d characters") % {"count": max_length})
            )
            continue
        label = f"{type(obj)._meta.verbose_name}: {obj}"
        changes.append(Change(obj, field, label, old, entry.msgstr))
    return changes, skipped


def _target(context, allowed):
    try:
        label, pk, field = context.split(CONTEXT_SEPARATOR)
        model = apps.get_model(label)
        pk = int(pk)
    except (ValueError, LookupError):
        return None
    if model not in allowed or field not in ts.translated_fields(model):
        return None
    obj = allowed[model].filter(pk=pk).first()
    return (obj, field) if obj is not None else None


@transaction.atomic
def apply_import(user, changes, language):
    """Writes the translations, one save per object, and marks them up to date."""
    by_object = {}
    for change in changes:
        key = (type(change.obj), change.obj.pk)
        by_object.setdefault(key, []).append(change)
    for (model, pk), object_changes in by_object.items():
        obj = model._default_manager.select_for_update().get(pk=pk)
        edited = False
        for change in object_changes:
            if not change.confirms_only:
                setattr(obj, f"{change.field}_{language}", change.new)
                edited = True
        if edited:
            if hasattr(obj, "save_as"):
                obj.save_as(user, reason=_("Translations imported"))
            else:
                obj._history_user = user
                obj.save()
        for change in object_changes:
            ts.confirm(obj, change.field, language)
    return len(changes)
