"""Registration point of the index: each app says how its content becomes search entries.

`register(Model, kind, build, ...)` in an app's `ready()`; saves, deletes and many-to-many changes
then keep the index current in the same transaction (so a rolled-back save leaves no entry), and
`rebuild()` (the `rebuild_search_index` command) writes it from scratch.
"""

import threading
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import translation

from portal.lib.html import plain_text
from search import text
from search.models import Entry, Word


@dataclass
class Indexer:
    model: type
    kind: str
    build: object  # build(obj, language) -> dict of Entry fields, or None when not public
    load: object = None  # load(queryset) -> queryset with what build() reads
    follows: dict = field(default_factory=dict)

    def queryset(self, queryset=None):
        queryset = self.model._default_manager.all() if queryset is None else queryset
        return self.load(queryset) if self.load else queryset


_INDEXERS = {}
_state = threading.local()


def register(model, kind, build, *, load=None, follows=None, m2m=()):
    """`follows` maps a model label to a function giving the objects to index again when a row
    of that model is saved (an actor's offers when the actor is renamed); `m2m` names the
    many-to-many fields whose changes matter (an actor's neighbourhoods)."""
    indexer = Indexer(model, kind, build, load, follows or {})
    _INDEXERS[model] = indexer
    uid = f"search-{model._meta.label_lower}"
    post_save.connect(_saved, sender=model, dispatch_uid=uid, weak=False)
    post_delete.connect(_deleted, sender=model, dispatch_uid=uid, weak=False)
    for name in m2m:
        through = model._meta.get_field(name).remote_field.through
        m2m_changed.connect(_m2m, sender=through, dispatch_uid=f"{uid}-{name}", weak=False)
    for label, related in indexer.follows.items():
        apps.lazy_model_operation(
            lambda other, related=related, model=model: post_save.connect(
                lambda sender, instance, created=False, raw=False, **kwargs: (
                    None if created or raw else _follow(model, related(instance))
                ),
                sender=other,
                dispatch_uid=f"{uid}-follows-{other._meta.label_lower}",
                weak=False,
            ),
            tuple(label.split(".")),
        )


def indexers():
    return list(_INDEXERS.values())


@contextmanager
def paused():
    """Many saves at once (loading the demo): index nothing now, call rebuild() afterwards."""
    _state.paused = getattr(_state, "paused", 0) + 1
    try:
        yield
    finally:
        _state.paused -= 1


def _active():
    return not getattr(_state, "paused", 0)


def _saved(sender, instance, raw=False, **kwargs):
    if raw or not _active():
        return
    index_objects(sender, [instance.pk])


def _deleted(sender, instance, **kwargs):
    if _active():
        _entries_of(sender, [instance.pk]).delete()


def _m2m(sender, instance, action, reverse, model, pk_set, **kwargs):
    if not action.startswith("post_") or not _active():
        return
    if not reverse and type(instance) in _INDEXERS:
        index_objects(type(instance), [instance.pk])
    elif reverse and model in _INDEXERS and pk_set:
        index_objects(model, list(pk_set))


def _follow(model, objects):
    """Only rows that existed before (register()'s receiver skips a created one: nothing refers
    to it yet; creating a neighbourhood asked four tables for nothing)."""
    if not _active():
        return
    pks = list(objects.values_list("pk", flat=True))
    if pks:
        index_objects(model, pks)


def _entries_of(model, pks):
    content_type = ContentType.objects.get_for_model(model)
    return Entry.objects.filter(content_type=content_type, object_id__in=pks)


def index_objects(model, pks):
    """Writes the entries of these objects (and removes those no longer public)."""
    indexer = _INDEXERS[model]
    objects = list(indexer.queryset(model._default_manager.filter(pk__in=pks)))
    _entries_of(model, pks).delete()
    _write(indexer, objects)


def rebuild():
    Entry.objects.all().delete()
    Word.objects.all().delete()
    count = 0
    for indexer in indexers():
        objects = list(indexer.queryset())
        count += _write(indexer, objects)
    return count


def _write(indexer, objects):
    content_type = ContentType.objects.get_for_model(indexer.model)
    entries, vocabulary = [], {}
    for obj in objects:
        for language, _name in settings.LANGUAGES:
            with translation.override(language):
                data = indexer.build(obj, language)
            if data is None:
                break  # not public: no entry in any language
            body = data.pop("body")
            for word in text.original_words(data["title"] + " " + body):
                vocabulary.setdefault(text.fold(word), word)
            quarters = data.pop("quarters", [])
            entries.append(
                Entry(
                    content_type=content_type,
                    object_id=obj.pk,
                    language=language,
                    kind=indexer.kind,
                    title=data["title"][:300],
                    snippet=(data.get("snippet") or "")[:400],
                    url=data["url"][:300],
                    quarter_ids=" " + " ".join(str(q.pk) for q in quarters) + " ",
                    quarter_names=", ".join(sorted({q.name for q in quarters}))[:300],
                    title_key=text.key(data["title"])[:400],
                    body_key=text.key(data["title"] + " " + body),
                    visible_from=data.get("visible_from"),
                    visible_until=data.get("visible_until"),
                )
            )
    Entry.objects.bulk_create(entries, batch_size=500)
    Word.objects.bulk_create(
        [
            Word(key=key, display=display[:100], length=len(key))
            for key, display in vocabulary.items()
            if 2 < len(key) <= 100
        ],
        batch_size=500,
        ignore_conflicts=True,
    )
    return len(entries)


def translated(obj, name, language):
    """The value in the page's language, German where there is no translation."""
    return getattr(obj, f"{name}_{language}", "") or getattr(obj, f"{name}_de", "") or ""


def texts(obj, language, *names):
    """The German value of each field and, in another language, its translation too; rich text
    without its markup (a search for "strong" must not find every bold word)."""
    values = []
    for name in names:
        values.append(getattr(obj, f"{name}_de", None) or getattr(obj, name, "") or "")
        if language != "de":
            values.append(getattr(obj, f"{name}_{language}", None) or "")
    return " ".join(plain_text(str(value)) for value in values if value)
