"""The assurance API: an organisation's system reads its open returns and sends answers,
all or nothing, with the same policy as the web; documented in the OpenAPI schema."""

import pytest
import yaml

from api.tests.helpers import api_client as api
from assurance.models import Answer, Return
from assurance.tests.helpers import cycle, full_answers

pytestmark = pytest.mark.django_db


def test_the_school_reads_its_open_return_and_submits_it(world):
    c = cycle(world)
    client = api(world.users["agency_lead"])
    listed = client.get("/api/v1/assurance/returns/").json()
    assert [r["organisation"] for r in listed] == ["Alpha Academy"]  # its own only
    ret = listed[0]
    assert ret["cycle"] == c.title and ret["questions"][0]["code"] == "s11-1"
    assert ret["questions"][0]["scale"][0] == "Not met"

    url = f"/api/v1/assurance/returns/{ret['id']}/answers/"
    bad = client.post(url, {"version": ret["version"], "answers": {"s11-1": 5, "s11-2": 3}},
                      format="json")
    assert bad.status_code == 400
    assert "must be on its scale" in bad.json()["errors"]["q_s11-1"][0]
    assert not Answer.objects.filter(ret_id=ret["id"]).exists()  # all or nothing

    stored = Return.objects.get(pk=ret["id"])
    answers = full_answers(stored)
    sent = client.post(url, {"version": ret["version"], "answers": answers, "submit": True},
                       format="json")
    assert sent.status_code == 200, sent.json()
    assert sent.json()["status"] == "submitted" and sent.json()["answers"]["s11-1"] == 3
    stale = client.post(url, {"version": ret["version"], "answers": {"s11-1": 2}},
                        format="json")
    assert stale.status_code == 403  # submitted: no longer open to the school
    assert client.get("/api/v1/assurance/returns/").json() == []


def test_another_organisations_return_is_not_found_and_a_stale_version_conflicts(world):
    c = cycle(world)
    council = Return.objects.get(cycle=c, organisation=world.orgs["council"])
    client = api(world.users["agency_lead"])
    response = client.post(f"/api/v1/assurance/returns/{council.pk}/answers/",
                           {"version": 1, "answers": {"s11-1": 3}}, format="json")
    assert response.status_code == 404
    school = Return.objects.get(cycle=c, organisation=world.orgs["school"])
    url = f"/api/v1/assurance/returns/{school.pk}/answers/"
    assert client.post(url, {"version": 1, "answers": {"s11-1": 3}},
                       format="json").status_code == 200
    conflict = client.post(url, {"version": 1, "answers": {"s11-1": 4}}, format="json")
    assert conflict.status_code == 409
    assert api(world.users["practitioner"]).get("/api/v1/assurance/returns/").status_code == 403
    assert api().get("/api/v1/assurance/returns/").status_code == 401


def test_the_schema_documents_the_assurance_endpoints(client):
    schema = yaml.safe_load(client.get("/api/schema/").content)
    assert "/api/v1/assurance/returns/" in schema["paths"]
    post = schema["paths"]["/api/v1/assurance/returns/{id}/answers/"]["post"]
    assert set(post["responses"]) >= {"200", "400", "409"}
    assert "answers" in schema["components"]["schemas"]["Answers"]["properties"]
