"""The national catalogue, partnerships' local indicators and who may send which figure
(decision 0009)."""

import io

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from api.tests.helpers import api_client as api
from conftest import make_person_with_role
from core.models import AuditEvent, Role
from core.policy import forget_scope
from core.tests.factories import AreaFactory
from performance import services
from performance.models import Indicator, IndicatorValue

from .conftest import row


def url(partnership, name, **kwargs):
    return reverse(f"performance:{name}", kwargs={"slug": partnership.slug, **kwargs})


def edit_data(indicator, **changes):
    data = {"code": indicator.code, "name": indicator.name, "definition": indicator.definition,
            "section": indicator.section, "topic": indicator.topic, "unit": indicator.unit,
            "polarity": indicator.polarity, "source_organisation": indicator.source_organisation,
            "source_kind": indicator.source_kind, "frequency": indicator.frequency,
            "count_indicator": "", "village_label": indicator.village_label,
            "version": indicator.version}
    return {**data, **changes}


@pytest.fixture
def beta_local(world, indicators):
    """A local indicator of the other partnership ('beta'), with a value for its area."""
    AreaFactory(partnership=world.other, ons_code="E06009992", name="Betaton")
    indicator = services.indicator_create(
        actor=world.users["outsider"], partnership=world.other,
        data={"code": "BETA_ONLY", "name": "Beta's own count", "section": "safe",
              "topic": "child_protection", "unit": "count", "source_organisation": "Beta Council"})
    services.data_return_submit(actor=world.users["outsider"], rows=[
        row("BETA_ONLY", 12, area="E06009992")], method="form", partnership=world.other,
        partnership_ids={world.other.pk})
    return indicator


# ---- national definitions ----

def test_a_business_unit_cannot_change_a_national_indicator(world, indicators, login):
    national = indicators["CP_PLANS"]
    user = world.users["business_unit"]
    with pytest.raises(PermissionDenied, match="national catalogue administrator"):
        services.indicator_update(actor=user, indicator=national, data={"name": "Renamed"},
                                  expected_version=national.version)
    client = login(user)
    response = client.post(url(world.partnership, "indicator_edit", code="CP_PLANS"),
                           edit_data(national, name="Renamed"))
    assert response.status_code == 403
    page = client.get(url(world.partnership, "indicator_detail", code="CP_PLANS"))
    assert "Change the definition" not in page.content.decode()
    rows = [{"code": "CP_PLANS", "name": "Renamed", "unit": "count", "section": "safe",
             "topic": "child_protection"}]
    with pytest.raises(services.DataReturnRejected) as rejected:
        services.catalogue_import(actor=user, rows=rows, partnership=world.partnership)
    assert [(p.row, p.field) for p in rejected.value.errors] == [(1, "code")]
    assert "CP_PLANS is a national indicator" in rejected.value.errors[0].message
    assert Indicator.objects.get(code="CP_PLANS").name == national.name


def test_the_national_catalogue_administrator_changes_a_national_indicator(world, indicators):
    admin = world.users["scrutineer"]
    admin.user_permissions.add(Permission.objects.get(codename="change_national_indicator"))
    admin = type(admin).objects.get(pk=admin.pk)  # fresh permission cache
    national = indicators["CP_PLANS"]
    services.indicator_update(actor=admin, indicator=national, data={"name": "Renamed"},
                              expected_version=national.version)
    assert Indicator.objects.get(code="CP_PLANS").name == "Renamed"


def test_a_local_indicator_is_the_business_units_and_audited_with_its_partnership(
        world, indicators, login):
    client = login(world.users["business_unit"])
    data = {"code": "ALPHA_WAIT", "name": "Waiting for a review", "section": "safe",
            "topic": "child_protection", "unit": "count", "polarity": "lower",
            "frequency": "quarterly"}
    assert client.post(url(world.partnership, "indicator_create"), data).status_code == 302
    local = Indicator.objects.get(code="ALPHA_WAIT")
    assert local.partnership == world.partnership
    response = client.post(url(world.partnership, "indicator_edit", code="ALPHA_WAIT"),
                           edit_data(local, name="Waiting for a local review"))
    assert response.status_code == 302
    change = AuditEvent.objects.filter(model="performance.Indicator", object_id=str(local.pk),
                                       action=AuditEvent.Action.CHANGE).get()
    assert change.partnership == world.partnership
    assert AuditEvent.objects.filter(model="performance.Indicator", object_id=str(local.pk),
                                     action=AuditEvent.Action.CREATE,
                                     partnership=world.partnership).exists()


def test_a_business_units_import_adds_local_indicators_and_reimports_the_national_ones(
        world, indicators):
    rows = [{"code": "CP_PLANS", "name": indicators["CP_PLANS"].name,
             "definition": indicators["CP_PLANS"].definition, "unit": "count",
             "section": "safe", "topic": "child_protection", "polarity": "neither",
             "source_organisation": indicators["CP_PLANS"].source_organisation,
             "source_kind": "local_authority", "frequency": "quarterly",
             "village_label": indicators["CP_PLANS"].village_label},
            {"code": "ALPHA_NEW", "name": "Alpha's own", "unit": "count", "section": "safe",
             "topic": "child_protection"}]
    result = services.catalogue_import(actor=world.users["business_unit"], rows=rows,
                                       partnership=world.partnership)
    assert result == {"created": 1, "updated": 0, "rows": 2}
    assert Indicator.objects.get(code="ALPHA_NEW").partnership == world.partnership
    assert Indicator.objects.get(code="CP_PLANS").partnership is None


# ---- local indicators are seen only by their partnership ----

def test_a_local_indicator_is_invisible_to_the_other_partnership(world, beta_local, login):
    alpha_user = world.users["business_unit"]
    client = login(alpha_user)
    listed = client.get(url(world.partnership, "indicator_list")).content.decode()
    assert "BETA_ONLY" not in listed and "CP_PLANS" in listed
    export = client.get(url(world.partnership, "indicator_list") + "?export=csv")
    assert b"BETA_ONLY" not in export.content and b"CP_PLANS" in export.content
    assert client.get(url(world.partnership, "indicator_detail",
                          code="BETA_ONLY")).status_code == 404
    assert client.get(url(world.partnership, "target", code="BETA_ONLY")).status_code == 404
    scorecard = client.get(url(world.partnership, "scorecard")).content.decode()
    assert "Beta&#x27;s own count" not in scorecard and "Beta's own count" not in scorecard

    codes = {i["code"] for i in api(alpha_user).get("/api/v1/indicators/").json()}
    assert "BETA_ONLY" not in codes and "CP_PLANS" in codes
    assert api(alpha_user).get("/api/v1/indicators/BETA_ONLY/values/",
                               {"area": "E06009991"}).status_code == 404
    sent = api(alpha_user).post("/api/v1/data-returns/",
                                {"rows": [row("BETA_ONLY", 3)]}, format="json")
    assert sent.status_code == 400
    assert sent.json()["errors"][0]["message"] == "There is no indicator with the code “BETA_ONLY”."

    # Its own partnership sees it everywhere.
    beta = world.users["outsider"]
    assert "BETA_ONLY" in {i["code"] for i in api(beta).get("/api/v1/indicators/").json()}
    assert api(beta).get("/api/v1/indicators/BETA_ONLY/values/",
                         {"area": "E06009992"}).json()["value"] == 12
    beta_client = login(beta)
    assert "BETA_ONLY" in beta_client.get(url(world.other, "indicator_list")).content.decode()


# ---- who sends which figure ----

def _council_lead(world):
    user, _ = make_person_with_role(Role.AGENCY_LEAD, world.partnership, username="councillead",
                                    organisation=world.orgs["council"])
    forget_scope(user)
    return user


def test_an_agency_leads_return_with_another_organisations_indicator_is_refused_by_row(
        world, indicators):
    lead = _council_lead(world)
    response = api(lead).post("/api/v1/data-returns/", {"rows": [
        row("LAC", 300), row("MISSING_EPISODES", 40)]}, format="json")
    assert response.status_code == 400
    assert response.json() == {"errors": [{
        "row": 2, "field": "indicator_code",
        "message": "Alphaton Council is not the source of MISSING_EPISODES (Missing episodes); "
                   "its figures come from Cleveland Police. Only the business unit may send "
                   "this row."}]}
    assert IndicatorValue.objects.count() == 0
    # Its own organisation's figures go through.
    assert api(lead).post("/api/v1/data-returns/", {"rows": [row("LAC", 300)]},
                          format="json").status_code == 201


def test_an_agency_leads_upload_is_refused_by_row_too(world, indicators, login):
    client = login(world.users["agency_lead"])  # leads the school: the source of nothing here
    f = io.BytesIO(b"indicator_code,area_code,period,value\nLAC,E06009991,2023-24,300\n")
    f.name = "return.csv"
    text = client.post(url(world.partnership, "upload"), {"file": f}).content.decode()
    assert "Alpha Academy is not the source of LAC" in text
    assert IndicatorValue.objects.count() == 0


def test_the_business_unit_may_send_any_organisations_indicator(world, indicators):
    response = api(world.users["business_unit"]).post("/api/v1/data-returns/", {"rows": [
        row("LAC", 300), row("MISSING_EPISODES", 40),
        row("CHILD_POVERTY_PCT", "31.5")]}, format="json")
    assert response.status_code == 201, response.json()
    assert IndicatorValue.objects.count() == 3


def test_a_nul_character_in_a_row_is_named_and_nothing_is_saved(world):
    """PostgreSQL cannot store a NUL: the import names the row instead of failing."""
    from core.services import system_actor
    from core.tabular import RowsRejected

    before = Indicator.objects.count()
    rows = [{"code": "GOOD_ONE", "name": "Good", "unit": "count"},
            {"code": "BAD\x00CODE", "name": "Bad", "unit": "count"}]
    with pytest.raises(RowsRejected) as rejected:
        services.catalogue_import(actor=system_actor(), rows=rows, partnership=world.partnership)
    nul = [(p.row, p.field) for p in rejected.value.errors if "NUL character" in p.message]
    assert nul == [(2, "code")]
    assert Indicator.objects.count() == before
