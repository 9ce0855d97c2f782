"""Backup and restore of the database and the media files into one folder.

PostgreSQL goes through pg_dump/pg_restore (custom format); SQLite through its online backup API,
so a running portal can be backed up without stopping it.

A backup holds password hashes, TOTP seeds, sessions and survey answers: the folder is created
with mode 0700 and every file in it with 0600, owned by the user who runs the command (the
service user). A restore refuses a backup that anyone else could have changed.
"""

import hashlib
import json
import os
import shutil
import sqlite3
import stat
import subprocess
import tarfile
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.db import connection

MANIFEST = "manifest.json"


def _checksum(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _pg_environment():
    db = connection.settings_dict
    env = dict(os.environ)
    env.update(
        PGHOST=str(db.get("HOST") or "127.0.0.1"),
        PGPORT=str(db.get("PORT") or "5432"),
        PGUSER=str(db.get("USER") or ""),
        PGDATABASE=str(db["NAME"]),
    )
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return env


FOLDER_MODE = 0o700
FILE_MODE = 0o600


@contextmanager
def _private_files():
    """Everything created inside (also by pg_dump) is readable by its owner only."""
    previous = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(previous)


def backup(target):
    target = Path(target)
    with _private_files():
        target.mkdir(parents=True, exist_ok=True, mode=FOLDER_MODE)
        target.chmod(FOLDER_MODE)
        files = [_backup_database(target), _backup_media(target)]
        manifest = {
            "vendor": connection.vendor,
            "files": {path.name: _checksum(path) for path in files},
        }
        (target / MANIFEST).write_text(json.dumps(manifest, indent=2))
        for path in [*files, target / MANIFEST]:
            path.chmod(FILE_MODE)
    return target


def _refuse_if_others_could_write(source, names):
    """A backup that another user could have changed might restore anything: refuse it."""
    me = os.geteuid()
    for path in [source, *(source / name for name in names)]:
        info = path.stat()
        if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
            raise ValueError(
                f"{path} can be written by other users (mode {stat.filemode(info.st_mode)}); "
                f"restore refuses it. Check the backup, then: chmod go-w {path}"
            )
        if info.st_uid not in {me, 0}:
            raise ValueError(
                f"{path} belongs to another user (uid {info.st_uid}); restore refuses it"
            )


def restore(source):
    source = Path(source)
    _refuse_if_others_could_write(source, [MANIFEST])
    manifest = json.loads((source / MANIFEST).read_text())
    _refuse_if_others_could_write(source, manifest["files"])
    if manifest["vendor"] != connection.vendor:
        raise ValueError(f"backup is of {manifest['vendor']}, database is {connection.vendor}")
    for name, expected in manifest["files"].items():
        if _checksum(source / name) != expected:
            raise ValueError(f"{name} does not match its checksum; the backup is damaged")
    _restore_database(source)
    _restore_media(source)


def _pg_tool(name):
    path = shutil.which(name)
    if path is None:
        raise OSError(f"{name} is not installed (PostgreSQL client tools are needed)")
    return path


def _backup_database(target):
    if connection.vendor == "postgresql":
        path = target / "database.pgdump"
        subprocess.run(  # noqa: S603 - fixed arguments, no user input
            [_pg_tool("pg_dump"), "--format=custom", "--no-owner", f"--file={path}"],
            env=_pg_environment(),
            check=True,
        )
        return path
    path = target / "database.sqlite3"
    connection.ensure_connection()
    with sqlite3.connect(path) as destination:
        connection.connection.backup(destination)
    destination.close()
    return path


def _restore_database(source):
    if connection.vendor == "postgresql":
        connection.close()
        subprocess.run(  # noqa: S603 - fixed arguments, no user input
            [
                _pg_tool("pg_restore"),
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                f"--dbname={connection.settings_dict['NAME']}",
                str(source / "database.pgdump"),
            ],
            env=_pg_environment(),
            check=True,
        )
        # A dump holds no planner statistics: until autovacuum (if it runs at all) comes round,
        # the survey dashboard's aggregate would join every answer to every response row by row.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        return
    connection.ensure_connection()
    with sqlite3.connect(source / "database.sqlite3") as backup_db:
        backup_db.backup(connection.connection)
    backup_db.close()


def _backup_media(target):
    path = target / "media.tar.gz"
    media_root = Path(settings.MEDIA_ROOT)
    with tarfile.open(path, "w:gz") as archive:
        if media_root.exists():
            archive.add(media_root, arcname=".")
    return path


def _restore_media(source):
    media_root = Path(settings.MEDIA_ROOT)
    if media_root.exists():
        shutil.rmtree(media_root)
    media_root.mkdir(parents=True)
    with tarfile.open(source / "media.tar.gz", "r:gz") as archive:
        archive.extractall(media_root, filter="data")
