"""A large data return is imported in the background (decision 0038): the file is stored, a
job page shows progress then the outcome, still all or nothing with problems by row, and the
task run twice imports once."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core import jobs
from core.models import AuditEvent, ImportJob
from performance import tasks
from performance.models import DataReturn, IndicatorValue

from .conftest import row
from .test_services import thousand_rows
from .test_views import csv_file, url


@pytest.fixture
def small_threshold(settings):
    settings.HUB_BACKGROUND_IMPORT_ROWS = 100


def job_url(world, job):
    return reverse("core:import_job", kwargs={"slug": world.partnership.slug, "pk": job.pk})


def _upload(client, world, rows, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(url(world, "upload"), {"file": csv_file(rows)})


def test_a_large_return_is_stored_imported_by_the_task_and_its_page_shows_the_outcome(
        world, indicators, login, small_threshold, django_capture_on_commit_callbacks):
    sender = world.users["business_unit"]
    client = login(sender)
    response = _upload(client, world, thousand_rows(), django_capture_on_commit_callbacks)
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == job_url(world, job)
    assert (job.status, job.checked_rows, job.total_rows) == ("saved", 1000, 1000)
    assert job.created_by == sender and job.upload.read().startswith(b"indicator_code,")
    assert IndicatorValue.objects.count() == 1000
    assert DataReturn.objects.get().filename == "return.csv"
    assert AuditEvent.objects.filter(model="core.ImportJob", action="create").count() == 1
    page = client.get(response["Location"])
    text = page.content.decode()
    assert "Refresh" not in page  # finished: the page stops loading itself
    assert "1000 of 1000 (100%)" in text and "1000 rows processed and saved" in text
    assert url(world, "data_return_list") in text


def test_a_small_return_is_still_saved_while_the_sender_waits(world, indicators, login,
                                                              small_threshold):
    client = login(world.users["business_unit"])
    response = client.post(url(world, "upload"), {"file": csv_file(thousand_rows()[:100])})
    assert response["Location"] == url(world, "data_return_list")
    assert not ImportJob.objects.exists() and IndicatorValue.objects.count() == 100


def test_one_bad_row_saves_nothing_and_the_job_page_names_the_row(
        world, indicators, login, small_threshold, django_capture_on_commit_callbacks):
    client = login(world.users["business_unit"])
    rows = thousand_rows()
    rows[736]["value"] = "twelve"
    response = _upload(client, world, rows, django_capture_on_commit_callbacks)
    job = ImportJob.objects.get()
    assert job.status == "rejected" and IndicatorValue.objects.count() == 0
    assert job.problems == [{"row": 737, "field": "value",
                             "message": "The value must be a number; “twelve” is not."}]
    text = client.get(response["Location"]).content.decode()
    assert "Nothing was saved: 1000 rows processed, 1 with problems" in text
    assert '<td class="govuk-table__cell hub-num">737</td>' in text


def test_warnings_hold_the_return_and_the_page_links_to_the_confirmation(
        world, indicators, login, settings, django_capture_on_commit_callbacks):
    settings.HUB_BACKGROUND_IMPORT_ROWS = 1
    client = login(world.users["business_unit"])
    response = _upload(client, world, [row("CP_PLANS", 200), row("CP_RATE", "91.4")],
                       django_capture_on_commit_callbacks)
    job = ImportJob.objects.get()
    held = DataReturn.objects.get(status="pending")
    assert job.status == "held" and IndicatorValue.objects.count() == 0
    assert job.result_url == url(world, "data_return_confirm", pk=held.pk)
    assert job.result_url in client.get(response["Location"]).content.decode()


def _queued_job(world, rows):
    lines = "indicator_code,area_code,period,value\n" + "\n".join(
        f"{r['indicator_code']},{r['area_code']},{r['period']},{r['value']}" for r in rows)
    return jobs.import_job_start(
        actor=world.users["business_unit"], partnership=world.partnership,
        permission="performance.submit_return", kind=tasks.KIND,
        upload=SimpleUploadedFile("big.csv", lines.encode()), total_rows=len(rows))


def test_the_task_run_twice_imports_once(world, indicators):
    job = _queued_job(world, thousand_rows())
    assert tasks.import_data_return(job.pk) == "saved"
    assert tasks.import_data_return(job.pk) is None  # delivered again: already claimed
    assert DataReturn.objects.count() == 1 and IndicatorValue.objects.count() == 1000
    # A run that finds the job already taken by another worker does nothing either.
    other = _queued_job(world, thousand_rows()[:10])
    ImportJob.objects.filter(pk=other.pk).update(status="running")
    assert tasks.import_data_return(other.pk) is None
    assert DataReturn.objects.count() == 1


def test_progress_is_written_while_rows_are_checked_and_the_page_refreshes(
        world, indicators, login, monkeypatch):
    job = _queued_job(world, thousand_rows())
    client = login(world.users["business_unit"])
    page = client.get(job_url(world, job))
    assert page["Refresh"] == "3" and "0 of 1000 (0%)" in page.content.decode()
    assert "Refresh this page" in page.content.decode()
    seen = []
    real = jobs.report_progress

    def spy(job, checked):
        real(job, checked)
        seen.append(ImportJob.objects.get(pk=job.pk).checked_rows)  # stored at once
    monkeypatch.setattr(jobs, "report_progress", spy)
    tasks.import_data_return(job.pk)
    assert seen == [500, 1000, 1000]


def test_the_job_page_is_for_its_sender_and_the_business_unit_only(world, indicators, login):
    job = _queued_job(world, thousand_rows()[:5])
    assert login(world.users["business_unit"]).get(job_url(world, job)).status_code == 200
    for name in ("group_member", "agency_lead", "outsider"):
        assert login(world.users[name]).get(job_url(world, job)).status_code in (403, 404), name
    beta = reverse("core:import_job", kwargs={"slug": "beta", "pk": job.pk})
    assert login(world.users["outsider"]).get(beta).status_code == 404
