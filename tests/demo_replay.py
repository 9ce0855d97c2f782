"""The demo content, loaded for real once per test process and replayed after that.

`load_demo` takes seconds (600 survey responses go through the questionnaire form and the store
service), and some forty tests start from it. The first load from a given database state runs
for real; a later load from the same state writes the rows and files that load produced
straight back, in a fraction of a second. Which state a load starts from is decided by
content, not by a flag: every table is read and hashed, content types and permissions by their
natural keys (a flushed database recreates them under new ids). Anything else differs — a
test made a row first, another day, another language — and the load runs for real.

tests/foundation/test_demo_replay.py shows that a replay leaves exactly what a real load does.
"""

import hashlib
from contextlib import contextmanager
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.core.management.color import no_style
from django.db import connection, transaction
from django.utils import timezone, translation

from portal.cache import invalidate_pages

_REMAPPED = (ContentType, Permission)


def _tables():
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy and not model._meta.swapped
    ]


class _Keys:
    """Natural keys of content types and permissions, both ways."""

    def __init__(self):
        self.content_types = {ct.pk: (ct.app_label, ct.model) for ct in ContentType.objects.all()}
        self.permissions = {
            pk: (self.content_types.get(content_type), codename)
            for pk, content_type, codename in Permission.objects.values_list(
                "pk", "content_type", "codename"
            )
        }
        self.content_type_ids = {key: pk for pk, key in self.content_types.items()}
        self.permission_ids = {key: pk for pk, key in self.permissions.items()}

    def to_key(self, model, value):
        if value is None:
            return None
        return (self.content_types if model is ContentType else self.permissions).get(value)

    def to_id(self, model, key):
        if key is None:
            return None
        return (self.content_type_ids if model is ContentType else self.permission_ids)[key]


def _remapped(field):
    return field.is_relation and field.concrete and field.related_model in _REMAPPED


def _read(model, keys):
    """The table's rows, ids of content types and permissions as natural keys."""
    fields = list(model._meta.concrete_fields)
    rows = model._base_manager.order_by("pk").values_list(*[field.attname for field in fields])
    remapped = [
        (index, field.related_model) for index, field in enumerate(fields) if _remapped(field)
    ]
    if model in _REMAPPED:
        # Their own ids differ after a flush; what they are is their natural key.
        remapped.append((fields.index(model._meta.pk), model))
    result = []
    for row in rows:
        row = list(row)
        for index, target in remapped:
            row[index] = keys.to_key(target, row[index])
        result.append(tuple(row))
    if model in _REMAPPED:
        result.sort(key=repr)
    return fields, result


def _digest(rows):
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def _state():
    keys = _Keys()
    return {model: _read(model, keys) for model in _tables()}


def _media_files():
    root = Path(settings.MEDIA_ROOT)
    if not root.exists():
        return {}
    return {
        path.relative_to(root).as_posix(): path.stat().st_mtime_ns
        for path in root.rglob("*")
        if path.is_file()
    }


class _Recording:
    def __init__(self, lines, tables, files):
        self.lines = lines
        self.tables = tables  # {model: (fields, rows)}
        self.files = files  # {relative path: bytes}

    def replay(self):
        keys = _Keys()
        quote = connection.ops.quote_name
        with transaction.atomic(), connection.cursor() as cursor:
            for model in self.tables:
                cursor.execute(f"DELETE FROM {quote(model._meta.db_table)}")  # noqa: S608 (model names)
            for model, (fields, rows) in self.tables.items():
                if model in _REMAPPED or not rows:
                    continue
                columns = ", ".join(quote(field.column) for field in fields)
                one = "(" + ", ".join(["%s"] * len(fields)) + ")"
                per_statement = max(1, 900 // len(fields))
                for start in range(0, len(rows), per_statement):
                    chunk = rows[start : start + per_statement]
                    params = []
                    for row in chunk:
                        for field, value in zip(fields, row, strict=True):
                            if _remapped(field):
                                value = keys.to_id(field.related_model, value)
                            params.append(field.get_db_prep_save(value, connection))
                    values = ", ".join([one] * len(chunk))
                    insert = (
                        f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES {values}"  # noqa: S608,E501 (model names)
                    )
                    cursor.execute(insert, params)
            for sql in connection.ops.sequence_reset_sql(no_style(), list(self.tables)):
                cursor.execute(sql)
        root = Path(settings.MEDIA_ROOT)
        for name, content in self.files.items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
        # A real load's saves bump the content version (signals); rows written back send none.
        for alias in settings.CACHES:
            caches[alias].clear()
        invalidate_pages()
        return self.lines


_recordings = {}


def _recording_key(state):
    tables = tuple(
        sorted((model._meta.db_table, _digest(rows)) for model, (_fields, rows) in state.items())
    )
    return (timezone.localdate(), translation.get_language(), tables)


def load_or_replay(load):
    """`load` (the demo modules' real load), or the replay of an earlier one from this state."""
    before = _state()
    key = _recording_key(before)
    if key in _recordings:
        return _recordings[key].replay()
    files_before = _media_files()
    lines = load()
    after = _state()
    changed = {
        model: after[model]
        for model in after
        if model not in _REMAPPED and _digest(after[model][1]) != _digest(before[model][1])
    }
    if any(_digest(after[model][1]) != _digest(before[model][1]) for model in _REMAPPED):
        return lines  # the load made content types or permissions: not replayable
    root = Path(settings.MEDIA_ROOT)
    files = {
        name: (root / name).read_bytes()
        for name, stamp in _media_files().items()
        if files_before.get(name) != stamp
    }
    _recordings[key] = _Recording(lines, changed, files)
    return lines


@contextmanager
def replaying_demo_loads():
    from demo.management.commands.load_demo import Command

    real_load = Command.load
    Command.load = lambda command: load_or_replay(lambda: real_load(command))
    try:
        yield
    finally:
        Command.load = real_load
