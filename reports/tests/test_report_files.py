"""The working report's PDF and Word files: rendered once per change, kept in storage,
served from there (reports.files); the Celery task is safe to run twice."""

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from core.models import AuditEvent, Role
from core.services import system_actor
from reports import files, render, services, tasks
from reports.models import NarrativeBlock
from reports.tests.helpers import make_report


@pytest.fixture
def renders(monkeypatch):
    """Counts the Word renderings (the PDF's path is the same and much slower)."""
    calls = []
    real = render.render_docx

    def counted(assembly):
        calls.append(assembly.report.pk)
        return real(assembly)

    monkeypatch.setattr(render, "render_docx", counted)
    return calls


def _download(client, report, fmt="docx"):
    return client.get(reverse("reports:report_download", kwargs={
        "slug": report.partnership.slug, "pk": report.pk, "fmt": fmt}))


def _kept(report):
    folder = f"{files.FOLDER}/{report.pk}"
    return sorted(default_storage.listdir(folder)[1]) if default_storage.exists(folder) else []


def test_the_file_is_rendered_once_and_then_served_from_storage(world, login, renders):
    report = make_report(world.partnership)
    client = login(world.users[Role.SCRUTINEER])
    first = b"".join(_download(client, report).streaming_content)
    second = _download(client, report)
    assert b"".join(second.streaming_content) == first
    assert "officedocument" in second["Content-Type"]
    assert renders == [report.pk]
    assert len(_kept(report)) == 1
    # Every download is still an audited export.
    assert AuditEvent.objects.filter(action="export", model="reports.YearlyReport").count() == 2


def test_a_change_to_the_report_renders_again_and_drops_the_old_file(world, login, renders):
    report = make_report(world.partnership)
    client = login(world.users[Role.SCRUTINEER])
    _download(client, report)
    before = _kept(report)
    services.block_save(actor=system_actor(), report=report, kind=NarrativeBlock.Kind.FOREWORD,
                        data={"body": "A fictional foreword, new today."}, expected_version=0)
    body = b"".join(_download(client, report).streaming_content)
    assert len(renders) == 2
    after = _kept(report)
    assert len(after) == 1 and after != before
    with default_storage.open(f"{files.FOLDER}/{report.pk}/{after[0]}") as kept:
        assert kept.read() == body


def test_the_task_run_twice_renders_and_writes_once(world, renders):
    report = make_report(world.partnership)
    name = tasks.render_report_file(report.pk, "docx")
    stamp = default_storage.get_modified_time(name)
    assert tasks.render_report_file(report.pk, "docx") == name
    assert renders == [report.pk]
    assert default_storage.get_modified_time(name) == stamp
    assert _kept(report) == [name.rsplit("/", 1)[1]]
    assert tasks.render_report_file(10**9, "docx") is None  # a report removed since queued


def test_the_pdf_and_word_files_are_kept_side_by_side(world):
    report = make_report(world.partnership)
    pdf = tasks.render_report_file(report.pk, "pdf")
    docx = tasks.render_report_file(report.pk, "docx")
    assert pdf.endswith(".pdf") and docx.endswith(".docx")
    assert pdf.rsplit(".", 1)[0] == docx.rsplit(".", 1)[0]  # one fingerprint, one change
    with default_storage.open(pdf) as kept:
        assert kept.read(5) == b"%PDF-"
    with pytest.raises(ValueError, match="Only pdf and docx"):
        files.render_and_store(report, "html")


def test_the_same_records_give_the_same_fingerprint(world):
    report = make_report(world.partnership)
    assert files.fingerprint(report) == files.fingerprint(report)


def test_with_a_worker_the_page_says_the_file_is_being_prepared(world, login, monkeypatch,
                                                               renders):
    report = make_report(world.partnership)
    queued = []
    monkeypatch.setattr(tasks.render_report_file, "delay", lambda *a: queued.append(a))
    client = login(world.users[Role.SCRUTINEER])
    response = _download(client, report)
    assert response.status_code == 202
    assert "The Word file is being prepared" in response.content.decode()
    assert queued == [(report.pk, "docx")] and renders == []
    assert not AuditEvent.objects.filter(action="export").exists()  # nothing handed out yet
