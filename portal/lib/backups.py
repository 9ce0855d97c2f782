"""Backup and restore of the database and the media files into one folder.

PostgreSQL goes through pg_dump/pg_restore (custom format); SQLite through its online backup API,
so a running portal can be backed up without stopping it.
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
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


def backup(target):
    target = Path(target)
    target.mkdir(parents=True, exist_ok=True)
    files = [_backup_database(target), _backup_media(target)]
    manifest = {
        "vendor": connection.vendor,
        "files": {path.name: _checksum(path) for path in files},
    }
    (target / MANIFEST).write_text(json.dumps(manifest, indent=2))
    return target


def restore(source):
    source = Path(source)
    manifest = json.loads((source / MANIFEST).read_text())
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
