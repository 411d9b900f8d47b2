import pytest
from django.urls import reverse

from core.tests.walk import ALL_ROLES, all_cases, named_urls, response_text

CASES = all_cases()
WHO = sorted(ALL_ROLES) + ["outsider", "anonymous"]


def test_every_named_url_has_a_permission_case():
    covered = {case.name for case in CASES}
    missing = named_urls() - covered
    assert not missing, f"URLs with no permission case in a url_cases.py: {sorted(missing)}"


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_each_role_is_allowed_or_refused_as_declared(case, world, client, login):
    url = reverse(case.name, kwargs=case.kwargs(world))
    secrets = case.secrets(world) if case.secrets else []
    for who in WHO:
        client.logout()
        if who != "anonymous":
            login(world.users[who])
        data = case.data(world) if case.data else None
        response = getattr(client, case.method)(url, data) if data is not None else getattr(
            client, case.method)(url)
        if case.public:
            expected = case.ok_status
        elif who == "anonymous":
            expected = (302,)
        elif who in case.allowed:
            expected = case.ok_status
        else:
            expected = case.refused_status
        assert response.status_code in expected, (
            f"{case.name} as {who}: got {response.status_code}, expected {expected}"
        )
        if who == "anonymous" and not case.public and case.name not in {"api-schema"}:
            assert "/account/login/" in response["Location"]
        if secrets and response.status_code == 200:
            shown = [t for t in secrets if t in response_text(response)]
            if who in case.secrets_for:
                assert shown, f"{case.name} as {who}: none of {secrets} shown"
            else:
                assert not shown, f"{case.name} as {who} shows need-to-know text {shown}"
