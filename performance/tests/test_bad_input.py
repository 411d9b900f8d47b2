"""Impossible input is refused with a clear message, never a server error: values that do not
fit, periods that are not real or not yet begun, oversized requests, endless problem lists."""

import datetime
import io

import pytest
from django.test import override_settings
from django.urls import reverse
from openpyxl import Workbook

from api.tests.helpers import api_client as api
from performance import analysis, services
from performance.models import DataReturn, IndicatorValue

from .conftest import row

RANGE = ("The value must be a number between -9,999,999,999.9999 and 9,999,999,999.9999; "
         "“1e9999999” is not.")
BAD_PERIODS = ["2999-00", "0001-02", "1900-01"]




def url(world, name):
    return reverse(f"performance:{name}", kwargs={"slug": world.partnership.slug})


def csv_upload(lines, name="return.csv"):
    f = io.BytesIO(("indicator_code,area_code,period,value\n" + "\n".join(lines)).encode())
    f.name = name
    return f


def xlsx_upload(rows):
    book = Workbook()
    sheet = book.active
    sheet.append(["indicator_code", "area_code", "period", "value"])
    for r in rows:
        sheet.append(r)
    data = io.BytesIO()
    book.save(data)
    data.seek(0)
    data.name = "return.xlsx"
    return data


def next_month() -> str:
    today = datetime.date.today()
    first = (today.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    return f"{first.year}-{first.month:02d}"


def nothing_saved():
    return (not IndicatorValue.objects.exists()
            and not DataReturn.objects.filter(status=DataReturn.Status.SAVED).exists())


# ---- values that do not fit ----

def test_an_overflowing_value_through_the_api_is_refused(world, indicators):
    client = api(world.users["business_unit"])
    response = client.post("/api/v1/data-returns/", {"rows": [row("LAC", "1e9999999")]},
                           format="json")
    assert response.status_code == 400
    assert response.json()["errors"] == [{"row": 1, "field": "value", "message": RANGE}]
    # As a bare JSON number it reads as infinity: refused the same way.
    body = b'{"rows": [{"indicator_code": "LAC", "area_code": "E06009991", ' \
           b'"period": "2023-24", "value": 1e9999999}]}'
    response = client.post("/api/v1/data-returns/", body, content_type="application/json")
    assert response.status_code == 400
    assert "must be a number between" in response.json()["errors"][0]["message"]
    assert nothing_saved()


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_an_overflowing_value_in_an_upload_is_refused(world, indicators, login, kind):
    client = login(world.users["business_unit"])
    upload = (csv_upload(["LAC,E06009991,2023-24,1e9999999"]) if kind == "csv"
              else xlsx_upload([["LAC", "E06009991", "2023-24", "1e9999999"]]))
    response = client.post(url(world, "upload"), {"file": upload})
    assert response.status_code == 200
    assert RANGE in response.content.decode()
    assert nothing_saved()


def test_an_overflowing_value_in_the_form_is_refused(world, indicators, login):
    client = login(world.users["business_unit"])
    response = client.post(url(world, "value_form"), {
        "indicator": "LAC", "area": "E06009991", "period": "2023-24", "value": "1e9999999"})
    assert response.status_code == 200
    assert RANGE in response.content.decode()
    assert nothing_saved()


def test_the_largest_value_that_fits_is_kept():
    assert analysis.figure_value("9999999999.9999") == analysis.VALUE_MAX
    for raw in ["10000000000", "-1e10", "NaN", "Infinity", float("inf")]:
        with pytest.raises(ValueError, match="must be a number between"):
            analysis.figure_value(raw)


# ---- periods ----

@pytest.mark.parametrize("period", BAD_PERIODS)
def test_a_bad_period_through_the_api_is_refused(world, indicators, period):
    response = api(world.users["business_unit"]).post(
        "/api/v1/data-returns/", {"rows": [row("LAC", 300, period)]}, format="json")
    assert response.status_code == 400
    error = response.json()["errors"][0]
    assert error["field"] == "period" and period in error["message"]
    assert nothing_saved()


@pytest.mark.parametrize("period", BAD_PERIODS)
def test_a_bad_period_in_an_upload_is_refused(world, indicators, login, period):
    client = login(world.users["business_unit"])
    response = client.post(url(world, "upload"),
                           {"file": csv_upload([f"LAC,E06009991,{period},300"])})
    text = response.content.decode()
    assert "Nothing was saved" in text and f"“{period}”" in text
    assert nothing_saved()


@pytest.mark.parametrize("period", BAD_PERIODS)
def test_a_bad_period_in_the_form_is_refused(world, indicators, login, period):
    client = login(world.users["business_unit"])
    response = client.post(url(world, "value_form"), {
        "indicator": "LAC", "area": "E06009991", "period": period, "value": "300"})
    assert f"“{period}”" in response.content.decode()
    assert nothing_saved()


def test_a_period_in_the_future_is_refused_everywhere(world, indicators, login):
    future = next_month()
    response = api(world.users["business_unit"]).post(
        "/api/v1/data-returns/", {"rows": [row("LAC", 300, future)]}, format="json")
    assert response.status_code == 400
    assert "is in the future" in response.json()["errors"][0]["message"]
    client = login(world.users["business_unit"])
    text = client.post(url(world, "value_form"), {
        "indicator": "LAC", "area": "E06009991", "period": future, "value": "300"}
    ).content.decode()
    assert "is in the future" in text
    text = client.post(url(world, "upload"),
                       {"file": csv_upload([f"LAC,E06009991,{future},300"])}).content.decode()
    assert "is in the future" in text
    assert nothing_saved()


def test_a_bad_period_never_becomes_the_latest(world, indicators):
    with pytest.raises(services.DataReturnRejected):
        services.data_return_submit(actor=world.users["business_unit"],
                                    rows=[row("LAC", 300, "2999-00")], method="form",
                                    partnership=world.partnership)
    assert not IndicatorValue.objects.filter(period="2999-00").exists()


# ---- requests and problem lists that are too large ----

@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=2000)
def test_an_oversized_api_request_gets_a_json_error(world, indicators):
    rows = [row("LAC", 300, "2023-24", note="x" * 100)] * 40
    response = api(world.users["business_unit"]).post("/api/v1/data-returns/", {"rows": rows},
                                                      format="json")
    assert response.status_code == 413
    assert response["Content-Type"].startswith("application/json")
    assert "The request is too large" in response.json()["detail"]
    assert nothing_saved()


def _bad_rows(count):
    return [row("NOT_A_CODE", 1, "2023-24") for _ in range(count)]


def test_five_thousand_bad_rows_list_a_thousand_and_count_the_rest(world, indicators):
    with pytest.raises(services.DataReturnRejected) as rejected:
        services.data_return_submit(actor=world.users["business_unit"], rows=_bad_rows(5000),
                                    method="upload", partnership=world.partnership)
    assert len(rejected.value.errors) == 1000 and rejected.value.total == 5000
    assert rejected.value.more_message == "and 4,000 more"

    response = api(world.users["business_unit"]).post(
        "/api/v1/data-returns/", {"rows": _bad_rows(5000)}, format="json")
    body = response.json()
    assert response.status_code == 400
    assert len(body["errors"]) == 1000 and body["more_errors"] == 4000
    assert "and 4,000 more" in body["message"]


def test_the_upload_page_lists_a_thousand_problems_and_counts_the_rest(
        world, indicators, login, settings, django_capture_on_commit_callbacks):
    client = login(world.users["business_unit"])
    lines = ["NOT_A_CODE,E06009991,2023-24,1"] * 5000
    settings.HUB_BACKGROUND_IMPORT_ROWS = 5000  # checked while the sender waits
    text = client.post(url(world, "upload"), {"file": csv_upload(lines)}).content.decode()
    assert "5000 rows processed, 5000 with problems" in text
    assert text.count("There is no indicator with the code") == 1000
    assert "and 4,000 more problems" in text
    # In the background (decision 0038) the job's page lists and counts them the same way.
    settings.HUB_BACKGROUND_IMPORT_ROWS = 2000
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(world, "upload"), {"file": csv_upload(lines)})
    text = client.get(response["Location"]).content.decode()
    assert "5000 rows processed, 5000 with problems" in text
    assert text.count("There is no indicator with the code") == 1000
    assert "and 4,000 more problems" in text
