"""Every API operation, as every role, a token of another partnership and no token: each
gets the answer its case declares, and an answer that refuses writes nothing."""

import pytest
from django.apps import apps

from .fuzzing import openapi_document
from .helpers import api_client
from .walk import CALLERS, all_cases

CASES = all_cases()
# Rows a refused request may still add: the audit trail (refusals are recorded) and the
# token's last use.
BOOKKEEPING = {"core.auditevent", "api.apitoken"}
PROJECT_APPS = {"core", "governance", "finance", "reviews", "learning", "assurance", "training",
                "business", "performance", "reports", "api", "public"}


def _row_counts() -> dict[str, int]:
    return {model._meta.label_lower: model.objects.count()
            for model in apps.get_models()
            if model._meta.app_label in PROJECT_APPS
            and model._meta.label_lower not in BOOKKEEPING}


def test_every_api_operation_has_an_authorisation_case():
    documented = {(method.upper(), path)
                  for path, item in openapi_document()["paths"].items() for method in item}
    missing = documented - {case.operation for case in CASES}
    assert not missing, f"API operations with no case in an api_cases.py: {sorted(missing)}"


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.method.upper()} {c.path} {c.note}")
def test_each_caller_gets_the_declared_answer(case, world):
    if case.setup:
        case.setup(world)
    for who in CALLERS:
        partnership = world.other if who == "outsider" else world.partnership
        client = api_client(None if who == "anonymous" else world.users[who], partnership)
        before = _row_counts()
        if case.data is None:
            response = getattr(client, case.method)(case.url(world))
        else:
            response = getattr(client, case.method)(case.url(world), case.data(world),
                                                    format="json")
        expected = case.expected(who)
        assert response.status_code == expected, (
            f"{case.method.upper()} {case.url(world)} as {who}: got {response.status_code} "
            f"{response.content[:300]!r}, expected {expected}")
        if response.status_code >= 400:
            assert _row_counts() == before, f"{case.operation} as {who} was refused but wrote"
