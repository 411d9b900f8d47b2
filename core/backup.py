"""Backup and restore of the whole platform: every table and every stored file.

A backup is a folder: `database.hubjsonl` (Django's serialisation of every row, one a line),
`files/` (every file in the default storage, by its storage name) and `manifest.json` (the
applied migrations, and a SHA-256 checksum of every table and every file). A restore puts it
all back into an empty database and storage and checks every checksum before it commits:
a restore that is not identical is rolled back. Works on SQLite and PostgreSQL and with any
storage backend (disk, S3, Azure), because it reads and writes through Django."""

from __future__ import annotations

import datetime
import hashlib
import json
import logging
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder

log = logging.getLogger("hub.backup")

FORMAT = 1
DATA = "database.hubjsonl"  # JSON Lines, see core.backup_format
FILES = "files"
MANIFEST = "manifest.json"
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore that cannot go ahead; the message says why and what to do."""


def table_checksums() -> dict[str, dict]:
    """Rows and a SHA-256 of every table (each model's, and each many-to-many table), the
    rows in primary-key order with every column (a many-to-many table's: its pairs)."""
    sums = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.proxy or not model._meta.managed:
            continue
        columns = [f.attname for f in model._meta.concrete_fields]
        order = ["pk"]
        if model._meta.auto_created:
            # A many-to-many table: its rows are the pairs; its own ids are not kept by the
            # serialisation (nor used by anything), so they are not compared.
            columns = order = [f.attname for f in model._meta.concrete_fields
                               if not f.primary_key]
        digest, rows = hashlib.sha256(), 0
        for row in model._base_manager.order_by(*order).values_list(*columns).iterator(2000):
            digest.update(json.dumps(row, default=str, sort_keys=True).encode())
            digest.update(b"\n")
            rows += 1
        sums[model._meta.db_table] = {"rows": rows, "sha256": digest.hexdigest()}
    return sums


def stored_files(folder: str = "") -> list[str]:
    """Every file name in the default storage, walking its folders."""
    if folder and not default_storage.exists(folder):
        return []
    folders, names = default_storage.listdir(folder)
    found = [f"{folder}/{n}" if folder else n for n in names]
    for sub in folders:
        found += stored_files(f"{folder}/{sub}" if folder else sub)
    return sorted(found)


def _sha256_of(handle) -> str:
    digest = hashlib.sha256()
    for chunk in iter(lambda: handle.read(CHUNK), b""):
        digest.update(chunk)
    return digest.hexdigest()


def file_checksums() -> dict[str, str]:
    sums = {}
    for name in stored_files():
        with default_storage.open(name, "rb") as handle:
            sums[name] = _sha256_of(handle)
    return sums


def applied_migrations() -> list[list[str]]:
    return sorted([app, name] for app, name in MigrationRecorder(connection).applied_migrations())


@dataclass
class Summary:
    tables: int
    rows: int
    files: int


def backup(target: Path) -> Summary:
    """Write a backup of the database and the stored files into `target` (new or empty)."""
    target = Path(target)
    if target.exists() and any(target.iterdir()):
        raise BackupError(f"{target} is not empty: give a new or empty folder, so no "
                          "earlier backup is overwritten.")
    (target / FILES).mkdir(parents=True, exist_ok=True)
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if connection.vendor == "postgresql" and outermost:
            # One snapshot: rows written while the backup runs are all in it or all out.
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        tables = table_checksums()
        call_command("dumpdata", "--all", format="hubjsonl", output=str(target / DATA),
                     verbosity=0)
        files = {}
        for name in stored_files():
            path = target / FILES / name
            path.parent.mkdir(parents=True, exist_ok=True)
            with default_storage.open(name, "rb") as source, open(path, "wb") as copy:
                for chunk in iter(lambda: source.read(CHUNK), b""):  # noqa: B023
                    copy.write(chunk)
            with open(path, "rb") as copy:
                files[name] = _sha256_of(copy)
        manifest = {
            "format": FORMAT,
            "created_at": datetime.datetime.now(datetime.UTC).isoformat(),
            "database_vendor": connection.vendor,
            "migrations": applied_migrations(),
            "tables": tables,
            "files": files,
        }
    (target / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True))
    summary = Summary(len(tables), sum(t["rows"] for t in tables.values()), len(files))
    log.info("backup written", extra={"tables": summary.tables, "rows": summary.rows,
                                      "files": summary.files})
    return summary


def empty_database() -> None:
    """Delete every row of every table (Django's flush), keeping the schema and migrations."""
    if connection.vendor == "postgresql":
        # TRUNCATE refuses tables with foreign-key checks still pending in this transaction.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def _has_records() -> bool:
    from .models import Partnership, User

    return Partnership.objects.exists() or User.objects.exists()


def read_manifest(source: Path) -> dict:
    try:
        manifest = json.loads((Path(source) / MANIFEST).read_text())
    except FileNotFoundError:
        raise BackupError(f"{source} has no {MANIFEST}: it is not a backup made by "
                          "`manage.py backup`.") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"This backup's format ({manifest.get('format')}) is not the one "
                          f"this version reads ({FORMAT}).")
    return manifest


def restore(source: Path, *, replace: bool = False) -> Summary:
    """Restore a backup into this database and storage, then prove it identical: every
    table's and every file's checksum must match the manifest, or nothing is kept."""
    source = Path(source)
    manifest = read_manifest(source)
    if manifest["migrations"] != applied_migrations():
        raise BackupError("The database's migrations differ from the backup's: run "
                          "`manage.py migrate` with the code version that made the backup, "
                          "then restore.")
    if not replace and (_has_records() or stored_files()):
        raise BackupError("The database or the file storage already holds records: restore "
                          "into an empty one, or pass --replace to delete what is there.")
    for name, expected in manifest["files"].items():
        with open(source / FILES / name, "rb") as copy:
            if _sha256_of(copy) != expected:
                raise BackupError(f"The backup's file {name} does not match its checksum: "
                                  "the backup is damaged; nothing was restored.")

    written: list[str] = []
    try:
        with transaction.atomic():
            empty_database()
            call_command("loaddata", str(source / DATA), verbosity=0)
            tables = table_checksums()
            wrong = sorted(t for t, s in manifest["tables"].items() if tables.get(t) != s)
            if wrong:
                raise BackupError(f"After restoring, {len(wrong)} table(s) differ from the "
                                  f"backup ({', '.join(wrong[:5])}); nothing was restored.")
            for name in stored_files():
                if name not in manifest["files"]:
                    default_storage.delete(name)
            for name in manifest["files"]:
                if default_storage.exists(name):
                    default_storage.delete(name)
                with open(source / FILES / name, "rb") as copy:
                    saved = default_storage.save(name, File(copy))
                written.append(saved)
                if saved != name:
                    raise BackupError(f"The storage renamed {name} to {saved}.")
            if file_checksums() != manifest["files"]:
                raise BackupError("After restoring, the stored files differ from the "
                                  "backup; nothing was restored.")
    except BaseException:
        if not replace:  # the storage was empty: leave it so
            for name in written:
                default_storage.delete(name)
        raise
    summary = Summary(len(tables), sum(t["rows"] for t in tables.values()),
                      len(manifest["files"]))
    log.info("backup restored", extra={"tables": summary.tables, "rows": summary.rows,
                                       "files": summary.files})
    return summary
