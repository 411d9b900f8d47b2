"""Importing ONS mid-year estimates of children (issue 9, item 5): all or nothing, problems
named by row and capped like a data return upload; and figures for geographies beyond
councils through the form, the upload and the API (item 6)."""

import io

from django.urls import reverse
from openpyxl import Workbook
from rest_framework.test import APIClient

from core import populations
from core.models import Area, AreaPopulation
from core.services import system_actor
from performance import services
from performance.models import IndicatorValue

from .conftest import row


def _url(name):
    return reverse(f"performance:{name}", kwargs={"slug": "alpha"})


def _csv(lines, name="estimates.csv"):
    f = io.BytesIO("\n".join(lines).encode())
    f.name = name
    return f


def _populations():
    return sorted(AreaPopulation.objects.values_list("area__ons_code", "year", "children"))


def test_a_csv_of_estimates_is_saved_and_a_year_held_is_corrected(world, login):
    client = login(world.users["business_unit"])
    response = client.post(_url("population_import"), {
        "file": _csv(["area_code,year,children", "E06009991,2021,39000",
                      "E06009991,2023,\"40,200\""]),
        "source": "ONS mid-year estimates"}, follow=True)
    assert "2 child populations saved from estimates.csv." in response.content.decode()
    assert _populations() == [("E06009991", 2021, 39000), ("E06009991", 2023, 40200)]
    assert AreaPopulation.objects.get(year=2021).source == "ONS mid-year estimates"


def test_an_xlsx_with_the_ons_column_names_is_read(world, login):
    book = Workbook()
    book.active.append(["Area code", "Year", "Population aged 0-17"])
    book.active.append(["E06009991", 2019, 37000])
    data = io.BytesIO()
    book.save(data)
    data.seek(0)
    data.name = "mye.xlsx"
    client = login(world.users["business_unit"])
    client.post(_url("population_import"), {"file": data})
    assert ("E06009991", 2019, 37000) in _populations()


def test_one_bad_row_saves_nothing_and_each_problem_is_named_by_row(world, login):
    client = login(world.users["business_unit"])
    before = _populations()
    response = client.post(_url("population_import"), {"file": _csv([
        "area_code,year,children", "E06009991,2020,38000", "E06009991,2021,0",
        "E06009991,2022,-5", "E99999999,2022,100", "E06009991,1985,100",
        "E06009991,2020,38100"])})
    text = response.content.decode()
    assert response.status_code == 200
    assert "Nothing was saved: 6 rows processed, 5 with problems" in text
    assert text.count("The number of children must be more than 0.") == 2
    assert "“E99999999” is not an area of this partnership" in text
    assert "The year must be from 1991 to" in text
    assert "Alphaton 2020 is also in row 1." in text
    assert _populations() == before


def test_a_file_without_the_columns_says_which_are_missing(world, login):
    client = login(world.users["business_unit"])
    response = client.post(_url("population_import"), {"file": _csv(["code,count",
                                                                     "E06009991,3"])})
    assert "missing: year" in response.content.decode()
    assert "children (or population aged 0-17" in response.content.decode()


def test_thousands_of_bad_rows_list_the_first_and_count_the_rest(world):
    rows = [{"area_code": "E06009991", "year": "2020", "children": "0"}] * 1200
    try:
        populations.population_import(actor=system_actor(), partnership=world.partnership,
                                   rows=rows)
    except services.DataReturnRejected as rejected:
        assert len(rejected.errors) == services.MAX_LISTED_PROBLEMS
        assert rejected.more_message == "and 200 more"
    else:
        raise AssertionError("the rows were not refused")
    assert not AreaPopulation.objects.filter(year=2020).exists()


def test_only_the_business_unit_imports(world, login):
    client = login(world.users["agency_lead"])
    response = client.post(_url("population_import"), {"file": _csv([
        "area_code,year,children", "E06009991,2021,1"])})
    assert response.status_code == 403
    assert not AreaPopulation.objects.filter(year=2021).exists()


# ---- figures for a geography that is not a council's ----

def _partnership_area(world):
    return Area.objects.create(partnership=world.partnership, ons_code="ALPHA",
                               name="Alpha partnership", kind=Area.Kind.PARTNERSHIP)


def test_the_single_value_form_takes_the_whole_partnership(world, indicators, login):
    _partnership_area(world)
    client = login(world.users["business_unit"])
    form = client.get(_url("value_form")).content.decode()
    assert "Alpha partnership, whole partnership (ALPHA)" in form
    response = client.post(_url("value_form"), {"indicator": "MISSING_EPISODES",
                                                "area": "ALPHA", "period": "2023-24",
                                                "value": "352"})
    assert response.status_code == 302
    assert IndicatorValue.objects.get(area__ons_code="ALPHA").value == 352


def test_the_upload_and_the_api_take_a_police_force_area(world, indicators, login):
    Area.objects.create(partnership=world.partnership, ons_code="E23009991",
                        name="Alpha police area", kind=Area.Kind.POLICE_FORCE)
    services.data_return_submit(actor=world.users["business_unit"],
                                rows=[row("MISSING_EPISODES", "120", "2022-23",
                                          area="E23009991")],
                                method="upload", partnership=world.partnership)
    client = APIClient()
    client.force_authenticate(world.users["business_unit"])
    response = client.post("/api/v1/data-returns/", {"rows": [
        row("MISSING_EPISODES", "130", "2023-24", area="E23009991")]}, format="json")
    assert response.status_code == 201, response.json()
    # The API's newest figure is the one the scorecard shows (one selector).
    newest = client.get("/api/v1/indicators/MISSING_EPISODES/values/",
                        {"area": "E23009991"}).json()
    assert (newest["period"], newest["value"]) == ("2023-24", 130)
    client = login(world.users["business_unit"])
    scorecard = client.get(_url("scorecard"), {"area": "E23009991"}).content.decode()
    assert "Alpha police area (police force area)" in scorecard and "Missing episodes" in scorecard
    assert IndicatorValue.objects.filter(area__ons_code="E23009991").count() == 2
