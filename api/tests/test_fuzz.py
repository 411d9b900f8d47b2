"""Every API operation fuzzed from the OpenAPI schema, as every kind of caller.

schemathesis generates requests that fit the schema and requests that break it; each is sent
with a valid token of a role that may write, a valid token of a role that may only read, a
token of a role refused everything, a token of another partnership, a revoked token, a
made-up token and none. Whatever arrives, the API must not answer with a server error, and
its answer (status, content type and body) must be the one the schema documents."""

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from schemathesis.specs.openapi.checks import positive_data_acceptance

from api.models import ApiToken
from api.services import api_token_create
from core.services import system_actor
from performance import catalogue
from performance import services as performance_services

from .fuzzing import app, openapi_document

schema = schemathesis.openapi.from_dict(openapi_document())
schema.app = app  # every request, probes too, goes to Django in-process
CALLERS = ["business_unit", "agency_lead", "scrutineer", "practitioner", "outsider",
           "revoked", "made_up", "none"]
NO_VALID_TOKEN = {"revoked", "made_up", "none"}
# The only operations a practitioner may call: the training programme they book themselves
# on (training.view_programme is any role in the partnership, training/rules.py).
PRACTITIONER_READS = {("GET", "/api/v1/training/courses/"),
                      ("GET", "/api/v1/training/sessions/")}
# Bounded so the fuzz run adds well under a minute to the suite; HUB_FUZZ_EXAMPLES=500 for a
# deeper run by hand.
EXAMPLES = int(os.environ.get("HUB_FUZZ_EXAMPLES", "40"))


@pytest.fixture(scope="module", autouse=True)
def _summary():
    """Print how many requests were sent and how they were answered (seen with -s)."""
    app.answers.clear()
    yield
    print(f"\nAPI fuzz: {sum(app.answers.values())} requests, answers by status: "
          f"{dict(sorted(app.answers.items()))}")


@pytest.fixture
def tokens(world):
    """A header per kind of caller, with the catalogue and a figure in the database."""
    performance_services.catalogue_import(actor=system_actor(), rows=catalogue.rows())
    performance_services.data_return_submit(
        actor=system_actor(), method="form", partnership=world.partnership,
        rows=[{"indicator_code": "LAC", "area_code": "E06009991", "period": "2023-24",
               "value": 300}])
    headers = {}
    for who in CALLERS[:5]:
        partnership = world.other if who == "outsider" else world.partnership
        _, key = api_token_create(actor=system_actor(), user=world.users[who],
                                  partnership=partnership, system_name="Fuzzer")
        headers[who] = {"Authorization": f"Token {key}"}
    token, key = api_token_create(actor=system_actor(), user=world.users["business_unit"],
                                  partnership=world.partnership, system_name="Old system")
    ApiToken.objects.filter(pk=token.pk).update(revoked_at=token.created_at)
    headers["revoked"] = {"Authorization": f"Token {key}"}
    headers["made_up"] = {"Authorization": "Token hub_not-a-token-anyone-was-given"}
    headers["none"] = {}
    return headers


@schema.given(caller=st.sampled_from(CALLERS))
@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None,
          suppress_health_check=list(HealthCheck))
def test_api_fuzz(case, caller, tokens):
    # Data that fits the schema may still break a rule only the service knows (an unknown
    # indicator code, a period in the future): a 400 with the errors is the right answer, so
    # the check that schema-valid data is always accepted does not apply to this API.
    response = case.call_and_validate(app=app, headers=tokens[caller],
                                      excluded_checks=[positive_data_acceptance])
    # Whatever was sent: without a live token, 401; a practitioner, never a 2xx outside the
    # training programme.
    if caller in NO_VALID_TOKEN:
        assert response.status_code == 401, f"{caller}: {response.status_code}"
    if caller == "practitioner" and (case.method.upper(), case.path) not in PRACTITIONER_READS:
        assert not 200 <= response.status_code < 300, f"{caller}: {response.status_code}"
