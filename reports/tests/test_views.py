import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.models import AuditEvent, Role
from core.services import system_actor
from finance.tests.factories import budget
from reports import services
from reports.models import ChecklistItem, NarrativeBlock, YearlyReport, guidance_for
from reports.tests.helpers import make_report


def _url(name, report, **kw):
    return reverse(name, kwargs={"slug": report.partnership.slug, "pk": report.pk, **kw})


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_report_list_runs_the_same_number_of_queries_for_few_and_many_reports(world, login):
    client = login(world.users[Role.BUSINESS_UNIT])
    url = reverse("reports:report_list", kwargs={"slug": "alpha"})
    YearlyReport.objects.bulk_create(
        [YearlyReport(partnership=world.partnership, year_start=y) for y in range(2019, 2022)])
    few = _queries(client, url)
    YearlyReport.objects.bulk_create(
        [YearlyReport(partnership=world.partnership, year_start=y) for y in range(1980, 2019)])
    assert _queries(client, url) == few


def test_the_report_page_shows_the_checklist_with_links_to_fix_each_gap(world, login):
    report = make_report(world.partnership)
    client = login(world.users[Role.BUSINESS_UNIT])
    page = client.get(_url("reports:report_detail", report)).content.decode()
    # Every item of the guidance in force is missing for an empty year (apps add items).
    items = ChecklistItem.objects.filter(guidance=guidance_for(report)).count()
    assert items >= 9 and f"{items} of {items} items are missing." in page
    assert _url("reports:finance", report) in page
    assert _url("reports:block_edit", report, kind="scrutiny") in page


def test_starting_a_report_twice_for_a_year_is_refused_with_a_message(world, login):
    client = login(world.users[Role.BUSINESS_UNIT])
    url = reverse("reports:report_create", kwargs={"slug": "alpha"})
    assert client.post(url, {"year": "2023-24"}).status_code == 302
    response = client.post(url, {"year": "2023-24"})
    assert "There is already a report for that year." in response.content.decode()
    response = client.post(url, {"year": "2023"})
    assert "is not a reporting year" in response.content.decode()


def test_editing_text_keeps_the_users_input_when_someone_else_saved_first(world, login):
    report = make_report(world.partnership)
    services.block_save(actor=system_actor(), report=report, kind="foreword", data={"body": "One."},
                        expected_version=0)
    services.block_save(actor=system_actor(), report=report, kind="foreword", data={"body": "Two."},
                        expected_version=1)
    client = login(world.users[Role.BUSINESS_UNIT])
    response = client.post(_url("reports:block_edit", report, kind="foreword"),
                           {"title": "Foreword", "body": "My words.", "version": 1})
    assert response.status_code == 200
    assert "Someone else changed this record" in response.content.decode()
    assert "My words." in response.content.decode()
    assert "Two." in NarrativeBlock.objects.get().body


def test_a_delegate_approves_the_version_on_the_page(world, login):
    report = make_report(world.partnership)
    block = services.block_save(actor=system_actor(), report=report, kind="foreword",
                                data={"body": "Text."}, expected_version=0)
    client = login(world.users[Role.PARTNER_DELEGATE])
    response = client.post(_url("reports:block_approve", report, block=block.pk),
                           {"version": block.version}, follow=True)
    assert "Foreword is approved." in response.content.decode()
    block.refresh_from_db()
    assert block.is_approved


@pytest.mark.parametrize("fmt,kind", [("docx", "officedocument"), ("html", "text/html")])
def test_downloads_are_audited(world, login, fmt, kind):
    report = make_report(world.partnership)
    client = login(world.users[Role.SCRUTINEER])
    response = client.get(_url("reports:report_download", report, fmt=fmt))
    assert kind in response["Content-Type"]
    assert AuditEvent.objects.filter(action="export", model="reports.YearlyReport").count() == 1
    assert client.get(_url("reports:report_download", report, fmt="exe")).status_code == 404


def test_the_reports_finance_link_opens_the_budget_of_its_year(world, login):
    report = make_report(world.partnership)
    client = login(world.users[Role.BUSINESS_UNIT])
    url = _url("reports:finance", report)
    response = client.get(url)
    assert response.url == reverse("finance:year_create", args=["alpha"]) + "?year=2023"
    assert 'value="2023"' in client.get(response.url).content.decode()
    record = budget(world.partnership, 2023)
    assert client.get(url).url == reverse("finance:year_detail", args=["alpha", record.pk])


def test_permission_on_a_block_is_asked_of_its_reports_partnership(world, login):
    # Blocks in both partnerships, so no block's id happens to equal its partnership's id.
    beta_block = services.block_save(actor=system_actor(), report=make_report(world.other),
                                     kind="foreword", data={"body": "Beta."},
                                     expected_version=0)
    report = make_report(world.partnership)
    block = services.block_save(actor=system_actor(), report=report, kind="foreword",
                                data={"body": "Alpha."}, expected_version=0)
    assert block.partnership == world.partnership and beta_block.partnership == world.other
    client = login(world.users[Role.BUSINESS_UNIT])
    assert client.get(_url("reports:block_edit", report, kind="foreword")).status_code == 200
    assert not world.users["outsider"].has_perm("reports.write_block", block)


def test_a_text_post_without_a_version_or_with_0_leaves_the_newer_save(world, login):
    report = make_report(world.partnership)
    client = login(world.users[Role.BUSINESS_UNIT])
    url = _url("reports:block_edit", report, kind="foreword")
    form = {"title": "Foreword", "author": "Independent Chair"}
    assert client.post(url, {**form, "body": "First.", "version": 0}).status_code == 302
    assert client.post(url, {**form, "body": "Newer.", "version": 1}).status_code == 302
    for extra, message in (({}, "This page is out of date"),
                           ({"version": "0"}, "Someone else changed this record")):
        response = client.post(url, {**form, "body": "Older.", **extra})
        assert response.status_code == 200 and message in response.content.decode()
        block = NarrativeBlock.objects.get(report=report, kind="foreword")
        assert ("Newer." in block.body, block.version) == (True, 2)
