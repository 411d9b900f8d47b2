"""Browser: with a worker rendering the PDF, the download says it is being prepared and the
page passes axe-core; once the file is stored, the same link downloads it."""

import pytest

from conftest import assert_accessible
from core.models import Role
from reports import tasks
from reports.tests.helpers import make_report

pytestmark = pytest.mark.browser


def test_the_preparing_page_is_accessible_and_the_link_then_downloads(world, page,
                                                                     browser_login,
                                                                     monkeypatch):
    report = make_report(world.partnership, 2023)
    queued = []
    monkeypatch.setattr(tasks.render_report_file, "delay", lambda *a: queued.append(a))
    browser_login(world.users[Role.SCRUTINEER])
    url = f"/p/alpha/reports/{report.pk}/download/docx/"
    response = page.goto(url)
    assert response.status == 202 and queued == [(report.pk, "docx")]
    assert page.get_by_role("heading", level=1).inner_text() == \
        "The Word file is being prepared"
    assert_accessible(page)
    tasks.render_report_file(report.pk, "docx")  # the worker finishes
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the Word file").click()
    assert download.value.suggested_filename == "alpha-yearly-report-2023-24.docx"
