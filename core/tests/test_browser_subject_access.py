"""Browser: the business unit finds a person and downloads their subject access export;
the page and a background import's page pass axe."""

import json

import pytest
from django.core.files.base import ContentFile

from conftest import assert_accessible
from core.models import ImportJob, Role

pytestmark = pytest.mark.browser


def test_business_unit_finds_a_person_and_downloads_the_export(world, page, browser_login):
    member = world.people[Role.GROUP_MEMBER]
    browser_login(world.users[Role.BUSINESS_UNIT])
    page.goto(f"/p/{world.partnership.slug}/subject-access/")
    assert page.get_by_role("heading", level=1).inner_text() == "Subject access requests"
    assert_accessible(page)
    page.get_by_label("Name or e-mail address").fill(member.name)
    page.get_by_role("button", name="Search").click()
    link = page.get_by_role("link", name=f"Download everything held about {member.name}")
    assert_accessible(page)
    with page.expect_download() as download:
        link.click()
    data = json.loads(open(download.value.path(), encoding="utf-8").read())
    assert data["sections"]["core.Person"][0]["name"] == member.name
    assert not page.console_errors, page.console_errors


def test_a_background_imports_page_passes_axe(world, page, browser_login):
    bu = world.users[Role.BUSINESS_UNIT]
    job = ImportJob(partnership=world.partnership, created_by=bu, kind="performance.data_return",
                    filename="return.csv", total_rows=3000, checked_rows=1500,
                    status=ImportJob.Status.RUNNING)
    job.upload.save("return.csv", ContentFile(b"indicator_code\n"), save=True)
    browser_login(bu)
    page.goto(f"/p/{world.partnership.slug}/imports/{job.pk}/")
    assert "1500 of 3000 (50%)" in page.content()
    assert_accessible(page)
    job.status = ImportJob.Status.REJECTED
    job.problems = [{"row": 12, "field": "value", "message": "Enter the value."}]
    job.outcome = "Nothing was saved: 3000 rows processed, 1 with problems, listed below."
    job.save()
    page.goto(f"/p/{world.partnership.slug}/imports/{job.pk}/")
    assert "Enter the value." in page.content()
    assert_accessible(page)
