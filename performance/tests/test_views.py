"""The pages: upload with errors by row, confirmation, scorecard, indicator chart,
exceptions to the Engine Room, and fixed query counts."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import Workbook

from core.models import Area, AreaPopulation
from core.services import system_actor
from governance.models import AgendaItem
from performance import services
from performance.models import DataReturn, IndicatorValue, Target

from .conftest import row
from .test_services import _engine_room, thousand_rows


def url(world, name, **kwargs):
    return reverse(f"performance:{name}", kwargs={"slug": world.partnership.slug, **kwargs})


def csv_file(rows, name="return.csv"):
    lines = ["indicator_code,area_code,period,value,note"]
    lines += [f"{r['indicator_code']},{r['area_code']},{r['period']},{r['value']},"
              for r in rows]
    f = io.BytesIO("\n".join(lines).encode())
    f.name = name
    return f


def test_upload_with_one_bad_row_among_a_thousand_saves_nothing(world, indicators, login):
    client = login(world.users["business_unit"])
    rows = thousand_rows()
    rows[499]["value"] = "-4"
    response = client.post(url(world, "upload"), {"file": csv_file(rows)})
    assert response.status_code == 200
    text = response.content.decode()
    assert "Nothing was saved: 1000 rows processed, 1 with problems" in text
    assert "<td class=\"govuk-table__cell hub-num\">500</td>" in text
    assert "A count cannot be negative." in text
    assert IndicatorValue.objects.count() == 0


def test_upload_xlsx_saves_and_reports_rows_processed(world, indicators, login):
    client = login(world.users["business_unit"])
    book = Workbook()
    sheet = book.active
    sheet.append(["indicator_code", "area_code", "period", "value"])
    sheet.append(["LAC", "E06009991", "2023-24", 300])
    sheet.append(["RE_REFERRALS_PCT", "E06009991", "2023-24", 12.5])
    data = io.BytesIO()
    book.save(data)
    data.seek(0)
    data.name = "return.xlsx"
    response = client.post(url(world, "upload"), {"file": data}, follow=True)
    assert "2 rows processed and saved from return.xlsx" in response.content.decode()
    assert IndicatorValue.objects.count() == 2


def test_upload_with_warnings_is_held_until_confirmed(world, indicators, login):
    client = login(world.users["business_unit"])
    rows = [row("CP_PLANS", 200), row("CP_RATE", "91.4")]
    response = client.post(url(world, "upload"), {"file": csv_file(rows)})
    held = DataReturn.objects.get(status="pending")
    assert response.status_code == 302
    assert response["Location"] == url(world, "data_return_confirm", pk=held.pk)
    page = client.get(response["Location"]).content.decode()
    assert "Confirm and save" in page and "50.0 per 10,000" in page
    assert IndicatorValue.objects.count() == 0
    client.post(url(world, "data_return_confirm", pk=held.pk))
    assert IndicatorValue.objects.count() == 2


def test_value_form_shows_errors_and_saves(world, indicators, login):
    client = login(world.users["business_unit"])
    data = {"indicator": "RE_REFERRALS_PCT", "area": "E06009991", "period": "2023-24",
            "value": "140"}
    response = client.post(url(world, "value_form"), data)
    assert "between 0 and 100" in response.content.decode()
    data["value"] = "14"
    response = client.post(url(world, "value_form"), data)
    assert response.status_code == 302
    assert IndicatorValue.objects.get().value == 14


def test_scorecard_shows_changes_and_rag(world, indicators, login):
    user = world.users["business_unit"]
    Target.objects.create(partnership=world.partnership, indicator=indicators["RE_REFERRALS_PCT"],
                          value=20, tolerance=3)
    services.data_return_submit(actor=user, rows=[
        row("RE_REFERRALS_PCT", "14", "2022-23"), row("RE_REFERRALS_PCT", "23.2", "2023-24"),
        row("CP_PLANS", 200, "2022-23"), row("CP_PLANS", 245, "2023-24"),
    ], method="form", partnership=world.partnership)
    client = login(world.users["scrutineer"])
    page = client.get(url(world, "scorecard"), {"area": "E06009991", "period": "2023-24"})
    text = page.content.decode()
    assert "up 9.2 percentage points (not better)" in text
    assert "up 22.5%" in text
    assert "govuk-tag--red" in text
    assert "would be on a child protection plan" in text  # 245 of 40,000: 0.6 in 100


def _spread(world, indicators, n_areas):
    """n areas in the partnership, each with a few values."""
    user = world.users["business_unit"]
    rows = []
    for i in range(n_areas):
        area = Area.objects.create(ons_code=f"E0800{i:04d}", name=f"Area {i}",
                                   partnership=world.partnership)
        AreaPopulation.objects.create(area=area, year=2023, children=30000)
        for code in ("CP_PLANS", "LAC", "RE_REFERRALS_PCT"):
            for period in ("2022-23", "2023-24"):
                rows.append(row(code, 10 + i % 80, period, area=area.ons_code))
    services.data_return_submit(actor=user, rows=rows, method="upload",
                                partnership=world.partnership)


def _queries(client, path, params=None):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path, params or {})
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("name", ["scorecard", "exceptions", "indicator_list",
                                  "data_return_list"])
def test_pages_run_the_same_queries_for_4_and_150_areas(world, indicators, login, name):
    client = login(world.users["business_unit"])
    _spread(world, indicators, 4)
    few = _queries(client, url(world, name), {"area": "E08000000"})
    assert Area.objects.filter(partnership=world.partnership).count() == 5
    _extra(world, 146)
    many = _queries(client, url(world, name), {"area": "E08000000"})
    assert few == many


def _extra(world, n):
    user = world.users["business_unit"]
    rows = []
    for i in range(n):
        area = Area.objects.create(ons_code=f"E0900{i:04d}", name=f"More {i}",
                                   partnership=world.partnership)
        for code in ("CP_PLANS", "LAC", "RE_REFERRALS_PCT"):
            for period in ("2022-23", "2023-24"):
                rows.append(row(code, 5 + i % 90, period, area=area.ons_code))
    services.data_return_submit(actor=user, rows=rows, method="upload",
                                partnership=world.partnership)


def test_indicator_page_has_a_chart_and_the_same_data_as_a_table(world, indicators, login):
    services.data_return_submit(actor=world.users["business_unit"], rows=[
        row("LAC", 300, "2022-23"), row("LAC", 320, "2023-24")], method="form",
        partnership=world.partnership)
    client = login(world.users["group_member"])
    text = client.get(url(world, "indicator_detail", code="LAC")).content.decode()
    chart = url(world, "indicator_chart", code="LAC") + "?type=year"
    assert f'<img src="{chart}"' in text
    assert 'alt="Line chart of Children looked after' in text
    assert "by period and area: the data of the chart" in text
    assert ">320<" in text
    drawn = client.get(chart)
    assert drawn["Content-Type"] == "image/svg+xml"
    assert drawn.content.startswith(b"<svg") and b"Children looked after" in drawn.content


def test_an_indicator_with_no_figures_has_no_chart(world, indicators, login):
    client = login(world.users["group_member"])
    assert "<img" not in client.get(url(world, "indicator_detail", code="LAC")).content.decode()
    assert client.get(url(world, "indicator_chart", code="LAC")).status_code == 404


def test_exception_becomes_an_agenda_item_through_the_page(world, indicators, login):
    meeting = _engine_room(world)
    Target.objects.create(partnership=world.partnership, indicator=indicators["RE_REFERRALS_PCT"],
                          value=20, tolerance=3)
    services.data_return_submit(actor=world.users["business_unit"],
                                rows=[row("RE_REFERRALS_PCT", "30")], method="form",
                                partnership=world.partnership)
    client = login(world.users["business_unit"])
    page = client.get(url(world, "exceptions")).content.decode()
    assert "Add to Engine Room agenda" in page
    response = client.post(url(world, "exception_to_agenda"),
                           {"key": "RE_REFERRALS_PCT|E06009991|2023-24"}, follow=True)
    assert "Added to the agenda of" in response.content.decode()
    assert AgendaItem.objects.get().meeting == meeting


def test_catalogue_download_round_trips_through_import(world, indicators, login):
    client = login(world.users["business_unit"])
    response = client.get(url(world, "indicator_list"), {"export": "csv"})
    body = b"".join(response.streaming_content) if response.streaming else response.content
    f = io.BytesIO(body)
    f.name = "catalogue.csv"
    response = client.post(url(world, "catalogue_import"), {"file": f}, follow=True)
    text = response.content.decode()
    assert f"{len(indicators)} rows processed, 0 added, 0 changed" in text


def test_scorecard_shows_a_new_return_at_once(world, indicators, login):
    user = world.users["business_unit"]
    services.data_return_submit(actor=user, rows=[row("LAC", 300)], method="form",
                                partnership=world.partnership)
    client = login(world.users["scrutineer"])
    assert ">300<" in client.get(url(world, "scorecard")).content.decode()
    services.data_return_submit(actor=user, rows=[row("LAC", 333)], method="form",
                                partnership=world.partnership)
    text = client.get(url(world, "scorecard")).content.decode()
    assert ">333<" in text and ">300<" not in text


def test_business_unit_adds_and_changes_an_indicator(world, indicators, login):
    client = login(world.users["business_unit"])
    data = {"code": "CAMHS_WAIT", "name": "Waiting for CAMHS", "definition": "Weeks waited.",
            "section": "healthy_lives", "topic": "mental_health", "unit": "average",
            "polarity": "lower", "source_organisation": "ICB", "frequency": "quarterly",
            "count_indicator": "", "village_label": ""}
    response = client.post(url(world, "indicator_create"), data)
    assert response.status_code == 302
    from performance.models import Indicator

    indicator = Indicator.objects.get(code="CAMHS_WAIT")
    stale = {**data, "name": "Renamed", "version": indicator.version}
    client.post(url(world, "indicator_edit", code="CAMHS_WAIT"), {**data, "name": "First",
                                                                  "version": indicator.version})
    response = client.post(url(world, "indicator_edit", code="CAMHS_WAIT"), stale)
    assert "Someone else changed this record" in response.content.decode()
    assert Indicator.objects.get(code="CAMHS_WAIT").name == "First"


def test_catalogue_import_lists_problems_by_row(world, indicators, login):
    client = login(world.users["business_unit"])
    f = io.BytesIO(b"code,name,unit,section,topic\nA1,One,count,safe,child_protection\n"
                   b"A2,Two,miles,safe,child_protection\n")
    f.name = "catalogue.csv"
    text = client.post(url(world, "catalogue_import"), {"file": f}).content.decode()
    assert "Nothing was saved: 2 rows processed, 1 with problems" in text
    assert "“miles” is not a unit" in text
    from performance.models import Indicator

    assert not Indicator.objects.filter(code="A1").exists()


def test_business_unit_sets_a_target_and_the_status_follows(world, indicators, login):
    services.data_return_submit(actor=system_actor(), rows=[row("RE_REFERRALS_PCT", "23.2")],
                                method="form", partnership=world.partnership)
    client = login(world.users["business_unit"])
    target_url = url(world, "target", code="RE_REFERRALS_PCT")
    assert client.post(target_url, {"value": "20", "tolerance": "-1"}).status_code == 200
    assert client.post(target_url, {"value": "20", "tolerance": "3"}).status_code == 302
    assert "govuk-tag--red" in client.get(url(world, "scorecard")).content.decode()
    client.post(target_url, {"value": "25", "tolerance": "3"})
    assert "govuk-tag--green" in client.get(url(world, "scorecard")).content.decode()
    refused = client.post(url(world, "target", code="REFERRALS"), {"value": "1", "tolerance": "0"})
    assert "no better direction" in refused.content.decode()


def test_a_red_exception_says_red_once(world, indicators, login):
    _engine_room(world)
    Target.objects.create(partnership=world.partnership, indicator=indicators["RE_REFERRALS_PCT"],
                          value=20, tolerance=3)
    services.data_return_submit(actor=world.users["business_unit"],
                                rows=[row("RE_REFERRALS_PCT", "30")], method="form",
                                partnership=world.partnership)
    page = login(world.users["business_unit"]).get(url(world, "exceptions")).content.decode()
    assert "Red</strong> against the target of 20" in page
    assert "</strong> red against" not in page  # the tag already says it
