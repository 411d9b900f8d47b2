"""The training API: the programme and places to read; completions imported all or none."""

import pytest

from api.tests.helpers import api_client
from core.models import Role
from training.models import ELearningCompletion

from .factories import make_booking, make_course, make_people, make_session

pytestmark = pytest.mark.django_db


def test_sessions_are_read_with_their_places(world):
    course = make_course(world.partnership, title="Domestic abuse")
    session = make_session(course, capacity=3)
    for person in make_people(2):
        make_booking(session, person, world.partnership)
    make_session(make_course(world.other, title="Beta only"))
    client = api_client(world.users[Role.PRACTITIONER])
    courses = client.get("/api/v1/training/courses/").json()
    assert [c["title"] for c in courses] == ["Domestic abuse"]
    [row] = client.get("/api/v1/training/sessions/").json()
    assert (row["id"], row["capacity"], row["booked"], row["places_left"]) == (
        session.pk, 3, 2, 1)


def test_completions_import_all_or_nothing(world):
    make_course(world.partnership, title="Awareness", delivery="e_learning")
    client = api_client(world.users[Role.BUSINESS_UNIT])
    rows = [{"course": "Awareness", "organisation": "Alpha Police", "month": "2024-05",
             "completions": 40},
            {"course": "Unknown", "organisation": "Alpha Police", "month": "2024-05",
             "completions": 4}]
    response = client.post("/api/v1/training/completions/", {"rows": rows}, format="json")
    assert response.status_code == 400
    assert response.json() == {"errors": [{
        "row": 2, "field": "course", "message": "The course 'Unknown' is not in the programme."}]}
    assert not ELearningCompletion.objects.exists()
    response = client.post("/api/v1/training/completions/", {"rows": rows[:1]}, format="json")
    assert response.status_code == 201 and response.json() == {"rows": 1}


def test_an_agency_sends_only_its_own_organisations_completions(world):
    make_course(world.partnership, title="Awareness", delivery="e_learning")
    client = api_client(world.users[Role.AGENCY_LEAD])
    row = {"course": "Awareness", "month": "2024-05", "completions": 9}
    response = client.post("/api/v1/training/completions/",
                           {"rows": [{**row, "organisation": "Alpha Police"}]}, format="json")
    assert response.status_code == 400
    assert "is not one you send for" in response.json()["errors"][0]["message"]
    response = client.post("/api/v1/training/completions/",
                           {"rows": [{**row, "organisation": "Alpha Academy"}]}, format="json")
    assert response.status_code == 201


def test_a_practitioner_may_not_import(world):
    client = api_client(world.users[Role.PRACTITIONER])
    response = client.post("/api/v1/training/completions/", {"rows": []}, format="json")
    assert response.status_code == 403


def test_each_role_reads_the_programme_and_only_bu_and_agency_leads_import(world):
    from core.tests.walk import ALL_ROLES

    for role in sorted(ALL_ROLES):
        client = api_client(world.users[role])
        assert client.get("/api/v1/training/sessions/").status_code == 200, role
        status = client.post("/api/v1/training/completions/", {"rows": []},
                             format="json").status_code
        assert status == (400 if role in {"business_unit", "agency_lead"} else 403), role


def test_anonymous_is_refused_and_the_schema_documents_the_paths(client):
    from rest_framework.test import APIClient

    assert APIClient().get("/api/v1/training/courses/").status_code == 401
    schema = client.get("/api/schema/").content
    assert b"/api/v1/training/sessions/" in schema and b"/api/v1/training/completions/" in schema


@pytest.mark.parametrize("value", ["²", "1.0.0", "10.05", "1.5", -1, 2.5, True, [1], {"n": 1},
                                   None, "", "NaN", "99999999999"])
def test_completions_that_are_not_a_whole_number_are_named_not_saved(world, value):
    make_course(world.partnership, title="Awareness", delivery="e_learning")
    client = api_client(world.users[Role.BUSINESS_UNIT])
    rows = [{"course": "Awareness", "organisation": "Alpha Police", "month": "2024-05",
             "completions": 3},
            {"course": "Awareness", "organisation": "Alpha Academy", "month": "2024-05",
             "completions": value}]
    response = client.post("/api/v1/training/completions/", {"rows": rows}, format="json")
    assert response.status_code == 400
    assert response.json() == {"errors": [{
        "row": 2, "field": "completions",
        "message": f"The completions {value!r} are not a whole number of 0 or more."}]}
    assert not ELearningCompletion.objects.exists()


@pytest.mark.parametrize("value, saved", [(7, 7), ("7", 7), ("1,200", 1200), (12.0, 12),
                                          ("12.0", 12), (" 0 ", 0)])
def test_a_whole_number_of_completions_is_saved(world, value, saved):
    make_course(world.partnership, title="Awareness", delivery="e_learning")
    client = api_client(world.users[Role.BUSINESS_UNIT])
    row = {"course": "Awareness", "organisation": "Alpha Police", "month": "2024-05",
           "completions": value}
    response = client.post("/api/v1/training/completions/", {"rows": [row]}, format="json")
    assert response.status_code == 201
    assert ELearningCompletion.objects.get().completions == saved


def test_a_body_that_is_not_rows_is_answered_in_the_same_shape(world):
    client = api_client(world.users[Role.BUSINESS_UNIT])
    response = client.post("/api/v1/training/completions/", {"rows": "all"}, format="json")
    assert response.status_code == 400
    [problem] = response.json()["errors"]
    assert (problem["row"], problem["field"]) == (0, "rows")
    response = client.post("/api/v1/training/completions/", {"rows": []}, format="json")
    assert response.json() == {"errors": [{
        "row": 1, "message": "There are no rows of completions below the header."}]}
