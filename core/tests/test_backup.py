"""Backup and restore: a round trip into an empty database and storage gives identical
records and files, proven by a checksum of every table and every file."""

import io
import json

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command

from core import backup
from core.models import AuditEvent, Partnership
from learning.models import Evidence
from reports.tests.helpers import world_block


def _records(world):
    """Rows of many kinds (and many-to-many rows) and files in folders."""
    world_block(world)
    Evidence.objects.create(action=world.objects["action"], description="Audit results",
                            file=ContentFile(b"%PDF-1.7 fictional evidence", name="audit.pdf"))
    default_storage.save("briefings/2024/seven-minute.pdf", ContentFile(b"%PDF-1.7 briefing"))


def _empty_everything():
    backup.empty_database()
    for name in backup.stored_files():
        default_storage.delete(name)


def test_a_round_trip_into_an_empty_database_is_identical(world, tmp_path):
    _records(world)
    tables, files = backup.table_checksums(), backup.file_checksums()
    assert len(files) == 2 and tables["core_partnership"]["rows"] == 2
    assert tables["learning_source_partnerships"]["rows"] > 0  # m2m tables are covered
    out = io.StringIO()
    call_command("backup", str(tmp_path / "b"), stdout=out)
    assert "files to" in out.getvalue()

    _empty_everything()
    assert not Partnership.objects.exists() and backup.stored_files() == []
    assert backup.table_checksums() != tables

    call_command("restore", str(tmp_path / "b"), stdout=out)
    assert "every checksum matches" in out.getvalue()
    assert backup.table_checksums() == tables
    assert backup.file_checksums() == files
    evidence = Evidence.objects.get(description="Audit results")
    with evidence.file.open("rb") as kept:
        assert kept.read() == b"%PDF-1.7 fictional evidence"


def test_a_backup_never_overwrites_and_a_restore_never_mixes(world, tmp_path):
    _records(world)
    call_command("backup", str(tmp_path / "b"), stdout=io.StringIO())
    with pytest.raises(CommandError, match="is not empty"):
        call_command("backup", str(tmp_path / "b"), stdout=io.StringIO())
    # Restoring over live records is refused unless asked for, and then replaces them.
    with pytest.raises(CommandError, match="already holds records"):
        call_command("restore", str(tmp_path / "b"), stdout=io.StringIO())
    tables = backup.table_checksums()
    default_storage.save("later/extra.pdf", ContentFile(b"made after the backup"))
    AuditEvent.objects.create(action="view", object_repr="after the backup")
    call_command("restore", str(tmp_path / "b"), replace=True, stdout=io.StringIO())
    assert backup.table_checksums() == tables
    assert "later/extra.pdf" not in backup.stored_files()


def test_a_damaged_backup_restores_nothing(world, tmp_path):
    _records(world)
    call_command("backup", str(tmp_path / "b"), stdout=io.StringIO())
    _empty_everything()
    damaged = tmp_path / "b" / "files" / "briefings" / "2024" / "seven-minute.pdf"
    damaged.write_bytes(b"changed")
    with pytest.raises(CommandError, match="does not match its checksum"):
        call_command("restore", str(tmp_path / "b"), stdout=io.StringIO())
    assert not Partnership.objects.exists() and backup.stored_files() == []

    # A row changed in the dump: the tables' checksums catch it and nothing is kept.
    damaged.write_bytes(b"%PDF-1.7 briefing")
    data = tmp_path / "b" / "database.hubjsonl"
    rows = [json.loads(line) for line in data.read_text().splitlines()]
    for row in rows:
        if row["model"] == "core.partnership":
            row["fields"]["summary"] = "tampered"
    data.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    with pytest.raises(CommandError, match="table\\(s\\) differ"):
        call_command("restore", str(tmp_path / "b"), stdout=io.StringIO())
    assert not Partnership.objects.exists() and backup.stored_files() == []


def test_a_folder_that_is_not_a_backup_is_named(db, tmp_path):
    with pytest.raises(CommandError, match="not a backup made by"):
        call_command("restore", str(tmp_path), stdout=io.StringIO())
