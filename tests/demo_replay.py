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


def _remapped_columns(fields):
    """(index, model) of the columns holding ids of content types or permissions."""
    return [(index, field.related_model) for index, field in enumerate(fields) if _remapped(field)]


def _read(model, keys):
    """The table's rows, ids of content types and permissions as natural keys."""
    fields = list(model._meta.concrete_fields)
    if model is Permission:
        # Their names are translated when they are made, in the language of that moment: a test
        # database migrated in English and flushed in German holds the same permissions.
        fields = [field for field in fields if field.name != "name"]
    rows = model._base_manager.order_by("pk").values_list(*[field.attname for field in fields])
    remapped = _remapped_columns(fields)
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


class _Table:
    """One table as a load left it, prepared for writing back: on PostgreSQL the rows as
    `COPY` text straight from the server, elsewhere (and wherever ids of content types or
    permissions must be mapped anew) the values as the database takes them. Preparing them
    once instead of at every replay makes a replay a few statements (it took 1.3 s of CPU)."""

    def __init__(self, model, fields, rows):
        self.table = connection.ops.quote_name(model._meta.db_table)
        self.columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
        self.remapped = _remapped_columns(fields)
        self.copy = None
        self.rows = []
        if connection.vendor == "postgresql" and not self.remapped:
            with (
                connection.cursor() as cursor,
                cursor.cursor.copy(
                    f"COPY (SELECT {self.columns} FROM {self.table}) TO STDOUT"  # noqa: S608 (model names)
                ) as copy,
            ):
                self.copy = b"".join(bytes(block) for block in copy)
        else:
            self.rows = [
                [
                    value if _remapped(field) else field.get_db_prep_save(value, connection)
                    for field, value in zip(fields, row, strict=True)
                ]
                for row in rows
            ]
        self.placeholders = "(" + ", ".join(["%s"] * len(fields)) + ")"

    def write(self, cursor, keys):
        if self.copy is not None:
            with cursor.cursor.copy(f"COPY {self.table} ({self.columns}) FROM STDIN") as copy:
                copy.write(self.copy)
            return
        rows = self.rows
        if self.remapped:
            rows = [list(row) for row in rows]
            for row in rows:
                for index, target in self.remapped:
                    row[index] = keys.to_id(target, row[index])
        cursor.executemany(
            f"INSERT INTO {self.table} ({self.columns}) VALUES {self.placeholders}",  # noqa: S608 (model names)
            rows,
        )


class _Recording:
    def __init__(self, lines, tables, files):
        self.lines = lines
        # {model: _Table}; content types and permissions are never written back.
        self.tables = {
            model: _Table(model, fields, rows)
            for model, (fields, rows) in tables.items()
            if model not in _REMAPPED
        }
        self.files = files  # {relative path: bytes}

    def replay(self):
        keys = _Keys()
        with transaction.atomic(), connection.cursor() as cursor:
            for table in self.tables.values():
                cursor.execute(f"DELETE FROM {table.table}")  # noqa: S608 (model names)
            for table in self.tables.values():
                if table.copy or table.rows:
                    table.write(cursor, keys)
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
