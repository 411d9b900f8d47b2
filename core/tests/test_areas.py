"""Areas of any kind and their yearly child populations, kept by the business unit (issue
9, items 5 and 6): validation, the one population rule, audit."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from core import services
from core.models import Area, AreaPopulation, AuditEvent
from core.selectors import population_estimate
from core.services import system_actor


def _url(name, **kwargs):
    return reverse(f"core:{name}", kwargs={"slug": "alpha", **kwargs})


def test_the_business_unit_adds_a_police_force_area_and_it_is_audited(world, login):
    client = login(world.users["business_unit"])
    response = client.post(_url("area_create"), {"name": "Alpha police area",
                                                  "ons_code": "e23009991",
                                                  "kind": "police_force"})
    assert response.status_code == 302
    area = Area.objects.get(ons_code="E23009991")
    assert (area.partnership, area.kind) == (world.partnership, Area.Kind.POLICE_FORCE)
    assert AuditEvent.objects.filter(action="create", model="core.Area",
                                     object_id=str(area.pk)).exists()
    page = client.get(_url("area_list")).content.decode()
    assert "Police force area" in page


@pytest.mark.parametrize("code, message", [
    ("E06 0001", "Enter the code as 2 to 9 letters and digits"),
    ("E06009991", "Area with this Code already exists."),
])
def test_a_bad_or_taken_area_code_is_refused_and_nothing_saved(world, login, code, message):
    client = login(world.users["business_unit"])
    before = Area.objects.count()
    response = client.post(_url("area_create"), {"name": "Another", "ons_code": code,
                                                  "kind": "council"})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Area.objects.count() == before


def test_an_area_is_corrected_through_its_edit_page(world, login):
    client = login(world.users["business_unit"])
    area = world.objects["area"]
    response = client.post(_url("area_edit", pk=area.pk), {
        "name": "Alphaton Borough", "ons_code": "E06009991", "kind": "council"})
    assert response.status_code == 302
    area.refresh_from_db()
    assert area.name == "Alphaton Borough"


def test_another_partnerships_area_cannot_be_edited_through_this_one(world, login):
    other = Area.objects.create(ons_code="E06008881", name="Betaton", partnership=world.other)
    client = login(world.users["business_unit"])
    response = client.post(_url("area_edit", pk=other.pk), {
        "name": "Taken", "ons_code": "E06008881", "kind": "council"})
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.name == "Betaton"


def test_a_yearly_population_is_added_and_listed(world, login):
    client = login(world.users["business_unit"])
    response = client.post(_url("population_create"), {
        "area": world.objects["area"].pk, "year": 2020, "children": "38500",
        "source": "ONS mid-2020 estimates"})
    assert response.status_code == 302
    assert AreaPopulation.objects.get(area=world.objects["area"], year=2020).children == 38500
    page = client.get(_url("population_list")).content.decode()
    assert "38,500" in page and "mid-2020" in page


@pytest.mark.parametrize("field, value, message", [
    ("children", "0", "The number of children must be more than 0."),
    ("children", "-40", "The number of children must be more than 0."),
    ("children", "many", "Enter the number of children as a whole number."),
    ("year", "1980", "The year must be from 1991 to"),
    ("year", str(timezone.localdate().year + 1), "The year must be from 1991 to"),
    ("year", "2023", "Alphaton already has a population for 2023; correct that one instead."),
])
def test_a_bad_population_gets_a_clear_message_and_saves_nothing(world, login, field, value,
                                                                 message):
    client = login(world.users["business_unit"])
    data = {"area": world.objects["area"].pk, "year": 2021, "children": "38000", field: value}
    before = list(AreaPopulation.objects.values_list("pk", "year", "children"))
    response = client.post(_url("population_create"), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert list(AreaPopulation.objects.values_list("pk", "year", "children")) == before


@pytest.mark.parametrize("children", [0, -1])
def test_the_services_refuse_a_population_of_0_or_less_whoever_calls_them(world, children):
    with pytest.raises(ValidationError, match="more than 0"):
        services.population_create(actor=system_actor(), area=world.objects["area"],
                                   data={"year": 2021, "children": children})
    population = AreaPopulation.objects.get(area=world.objects["area"], year=2023)
    with pytest.raises(ValidationError, match="more than 0"):
        services.population_update(actor=system_actor(), population=population,
                                   data={"children": children})
    population.refresh_from_db()
    assert population.children == 40000
    assert not AreaPopulation.objects.filter(year=2021).exists()


def test_a_population_is_corrected_and_a_bad_correction_saves_nothing(world, login):
    client = login(world.users["business_unit"])
    population = AreaPopulation.objects.get(area=world.objects["area"], year=2023)
    url = _url("population_edit", pk=population.pk)
    assert 'value="40000"' in client.get(url).content.decode()
    response = client.post(url, {"area": world.objects["area"].pk, "year": 2023,
                                 "children": "0"})
    assert "The number of children must be more than 0." in response.content.decode()
    population.refresh_from_db()
    assert population.children == 40000
    response = client.post(url, {"area": world.objects["area"].pk, "year": 2023,
                                 "children": "40250"})
    assert response.status_code == 302
    population.refresh_from_db()
    assert population.children == 40250
    assert AuditEvent.objects.filter(action="change", model="core.AreaPopulation").exists()


def test_only_the_business_unit_changes_populations(world, login):
    client = login(world.users["group_member"])
    population = AreaPopulation.objects.get(area=world.objects["area"], year=2023)
    response = client.post(_url("population_edit", pk=population.pk), {
        "area": world.objects["area"].pk, "year": 2023, "children": "1"})
    assert response.status_code == 403
    population.refresh_from_db()
    assert population.children == 40000
    page = client.get(_url("population_list")).content.decode()
    assert "Add a child population" not in page and "Correct" not in page


def test_the_population_of_a_figure_is_its_own_years_else_the_nearest_earlier_never_later():
    populations = {1: [(2018, 100), (2019, 110), (2022, 150)]}
    assert population_estimate(populations, 1, 2019).children == 110
    assert population_estimate(populations, 1, 2019).label == "mid-2019 estimate"
    found = population_estimate(populations, 1, 2021)
    assert (found.year, found.children) == (2019, 110)
    assert found.label == "mid-2019 estimate, the newest before 2021"
    assert population_estimate(populations, 1, 2017) is None
    assert population_estimate(populations, 2, 2020) is None
