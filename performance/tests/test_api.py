"""The API: token authentication, all-or-nothing returns with errors by row, and values
with their changes in per cent or percentage points."""

from decimal import Decimal

import pytest
from django.core.management import call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from api.models import ApiToken
from api.services import hash_token
from api.tests.helpers import api_client as api
from core.services import system_actor
from core.tests.walk import ALL_ROLES, WORKERS
from performance import services
from performance.models import IndicatorValue

from .conftest import row
from .test_services import thousand_rows

SUBMITTERS = {"business_unit", "agency_lead"}




def test_create_api_token_prints_a_token_once_and_keeps_only_its_hash(world, capsys):
    call_command("create_api_token", "agencylead", "--partnership", "alpha",
                 "--system", "Alpha Academy MIS")
    key = capsys.readouterr().out.strip()
    token = ApiToken.objects.get(user=world.users["agency_lead"])
    assert token.token_hash == hash_token(key) and key not in token.token_hash
    assert token.system_name == "Alpha Academy MIS" and token.partnership == world.partnership


def test_a_thousand_rows_with_one_bad_save_nothing_and_name_the_row(world, indicators):
    rows = thousand_rows()
    rows[41]["indicator_code"] = "NOT_A_CODE"
    response = api(world.users["business_unit"]).post("/api/v1/data-returns/", {"rows": rows},
                                                      format="json")
    assert response.status_code == 400
    assert response.json() == {"errors": [{
        "row": 42, "field": "indicator_code",
        "message": "There is no indicator with the code “NOT_A_CODE”."}]}
    assert IndicatorValue.objects.count() == 0


def test_a_good_return_is_saved(world, indicators):
    response = api(world.users["business_unit"]).post(
        "/api/v1/data-returns/", {"rows": [row("LAC", 300), row("CP_PLANS", 120)]},
        format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["rows"] == 2
    assert IndicatorValue.objects.get(indicator__code="LAC").data_return.method == "api"


def test_warnings_need_confirm_warnings(world, indicators):
    client = api(world.users["business_unit"])
    rows = [row("CP_PLANS", 200), row("CP_RATE", 91.4)]
    response = client.post("/api/v1/data-returns/", {"rows": rows}, format="json")
    assert response.status_code == 400
    assert response.json()["warnings"][0]["row"] == 2
    assert IndicatorValue.objects.count() == 0
    response = client.post("/api/v1/data-returns/", {"rows": rows, "confirm_warnings": True},
                           format="json")
    assert response.status_code == 201


def test_values_give_points_for_percentages_and_per_cent_for_counts(world, indicators):
    services.data_return_submit(actor=world.users["business_unit"], rows=[
        row("RE_REFERRALS_PCT", "7.7", "2022-23 Q3"), row("RE_REFERRALS_PCT", "12", "2023-24 Q2"),
        row("RE_REFERRALS_PCT", "14", "2023-24 Q3"),
        row("REFERRALS", 1263, "2022-23 Q3"), row("REFERRALS", 1600, "2023-24 Q2"),
        row("REFERRALS", 1512, "2023-24 Q3"),
    ], method="form", partnership=world.partnership)
    client = api(world.users["scrutineer"])
    pct = client.get("/api/v1/indicators/RE_REFERRALS_PCT/values/",
                     {"area": "E06009991", "period": "2023-24 Q3"}).json()
    assert pct["value"] == 14 and pct["unit"] == "percentage"
    assert pct["change_previous_period"] == {"kind": "percentage_points", "value": 2.0,
                                             "direction": "up", "improved": False}
    assert pct["change_previous_year"] == {"kind": "percentage_points", "value": 6.3,
                                           "direction": "up", "improved": False}
    count = client.get("/api/v1/indicators/REFERRALS/values/",
                       {"area": "E06009991", "period": "2023-24 Q3"}).json()
    assert count["change_previous_period"] == {"kind": "percent", "value": -5.5,
                                               "direction": "down", "improved": None}
    assert count["change_previous_year"] == {"kind": "percent", "value": 19.7,
                                             "direction": "up", "improved": None}
    assert count["rag"] is None and count["spc_signal"] is False
    first = client.get("/api/v1/indicators/REFERRALS/values/",
                       {"area": "E06009991", "period": "2022-23 Q3"}).json()
    assert first["change_previous_period"] is None and first["change_previous_year"] is None
    newest = client.get("/api/v1/indicators/REFERRALS/values/", {"area": "E06009991"}).json()
    assert newest["period"] == "2023-24 Q3"


values = st.decimals(min_value=Decimal("0"), max_value=Decimal("100"), places=1)


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(before=values, after=values, percentage=st.booleans())
def test_property_api_change_kind_value_direction(world, indicators, before, after, percentage):
    IndicatorValue.objects.all().delete()
    code = "RE_REFERRALS_PCT" if percentage else "CP_RATE"  # both lower is better
    services.data_return_submit(actor=system_actor(), rows=[
        row(code, str(before), "2022-23"), row(code, str(after), "2023-24")], method="form",
        partnership=world.partnership)
    change = api(world.users["business_unit"]).get(
        f"/api/v1/indicators/{code}/values/",
        {"area": "E06009991", "period": "2023-24"}).json()["change_previous_year"]
    direction = "up" if after > before else "down" if after < before else "same"
    assert change["direction"] == direction
    assert change["improved"] == (direction == "down")
    if percentage:
        assert change["kind"] == "percentage_points"
        assert Decimal(str(change["value"])) == after - before
    else:
        assert change["kind"] == "percent"
        if before:
            expected = (100 * (after - before) / before).quantize(Decimal("0.1"),
                                                                  rounding="ROUND_HALF_UP")
            assert Decimal(str(change["value"])) == expected
        else:
            assert change["value"] in (None, 0.0)


def test_indicators_list_and_create(world, indicators):
    client = api(world.users["group_member"])
    listed = client.get("/api/v1/indicators/").json()
    assert {"code": "CP_RATE", "unit": "rate_10k", "polarity": "lower"}.items() <= next(
        i for i in listed if i["code"] == "CP_RATE").items()
    new = {"code": "CAMHS_WAIT", "name": "Waiting for CAMHS", "section": "healthy_lives",
           "topic": "mental_health", "unit": "average", "polarity": "lower"}
    assert client.post("/api/v1/indicators/", new, format="json").status_code == 403
    response = api(world.users["business_unit"]).post("/api/v1/indicators/", new, format="json")
    assert response.status_code == 201, response.json()


WHO = sorted(ALL_ROLES) + ["outsider"]


@pytest.mark.parametrize("who", WHO)
def test_every_role_is_allowed_or_refused(world, indicators, who):
    services.data_return_submit(actor=system_actor(), rows=[row("LAC", 300)], method="form",
                                partnership=world.partnership)
    client = api(world.users[who])
    reads = client.get("/api/v1/indicators/").status_code
    value = client.get("/api/v1/indicators/LAC/values/", {"area": "E06009991"}).status_code
    sends = client.post("/api/v1/data-returns/", {"rows": [row("LAC", 301)]},
                        format="json").status_code
    readers = WORKERS | {"outsider"}  # the outsider is business unit of another partnership
    assert reads == (200 if who in readers else 403)
    assert value == (200 if who in WORKERS else 403)
    if who == "business_unit":
        assert sends == 201
    elif who == "agency_lead":
        assert sends == 400  # may send, but the school is not the source of LAC
    elif who == "outsider":
        assert sends == 400  # may send, but not for this partnership's area
    else:
        assert sends == 403


def test_anonymous_is_refused():
    client = api()
    assert client.get("/api/v1/indicators/").status_code == 401
    assert client.post("/api/v1/data-returns/", {"rows": []}, format="json").status_code == 401


def test_schema_documents_the_api(client, db):
    response = client.get("/api/schema/")
    assert response.status_code == 200
    assert b"/api/v1/data-returns/" in response.content
