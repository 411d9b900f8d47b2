"""API tokens (decision 0008): hashed, expiring, revocable, for one system in one
partnership, audited when created, revoked and used."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from api import services
from api.models import ApiToken
from core.models import AuditEvent, Role, RoleAssignment
from core.services import system_actor
from core.tests.factories import AreaFactory
from performance import services as performance_services
from performance.tests.conftest import indicators, row  # noqa: F401  (fixture)

INDICATORS = "/api/v1/indicators/"


def make(world, who="agency_lead", partnership=None, **kwargs):
    return services.api_token_create(
        actor=world.users[Role.BUSINESS_UNIT] if partnership is None else system_actor(),
        user=world.users[who], partnership=partnership or world.partnership,
        system_name=kwargs.pop("system_name", "Alpha Academy MIS"), **kwargs)


def client_with(key):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def test_the_database_never_holds_the_plain_token(world):
    token, key = make(world)
    assert key.startswith("hub_") and len(key) > 40
    stored = ApiToken.objects.filter(pk=token.pk).values().get()
    assert not any(key in str(value) for value in stored.values())
    assert stored["token_hash"] == services.hash_token(key)
    assert not any(key in str(e.changes) + e.object_repr for e in AuditEvent.objects.all())
    assert client_with(key).get(INDICATORS).status_code == 200


def test_creation_revocation_and_use_are_audited_and_use_is_throttled(world):
    token, key = make(world)
    client = client_with(key)
    for _ in range(3):
        assert client.get(INDICATORS).status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None
    events = AuditEvent.objects.filter(model="api.ApiToken", object_id=str(token.pk))
    assert list(events.order_by("at", "id").values_list("action", flat=True)) == [
        AuditEvent.Action.CREATE, AuditEvent.Action.USED]  # three calls, one row an hour
    used = events.get(action=AuditEvent.Action.USED)
    assert used.actor == world.users["agency_lead"] and used.partnership == world.partnership
    assert used.changes == {"system": "Alpha Academy MIS"}
    # An hour later the next use is audited again.
    ApiToken.objects.filter(pk=token.pk).update(
        last_use_audited_at=timezone.now() - datetime.timedelta(hours=1, minutes=1))
    client.get(INDICATORS)
    assert events.filter(action=AuditEvent.Action.USED).count() == 2

    services.api_token_revoke(actor=world.users[Role.BUSINESS_UNIT], token=token)
    revoked = events.get(action=AuditEvent.Action.CHANGE)
    assert revoked.changes == {"status": {"from": "Active", "to": "Revoked"}}
    assert revoked.actor == world.users[Role.BUSINESS_UNIT]


def test_a_revoked_token_is_refused(world):
    token, key = make(world)
    services.api_token_revoke(actor=world.users[Role.BUSINESS_UNIT], token=token)
    response = client_with(key).get(INDICATORS)
    assert response.status_code == 401
    assert response.json()["detail"] == "This token has been revoked."


def test_an_expired_token_is_refused(world):
    token, key = make(world, days=1)
    ApiToken.objects.filter(pk=token.pk).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1))
    response = client_with(key).get(INDICATORS)
    assert response.status_code == 401
    assert response.json()["detail"] == "This token has expired."


def test_an_unknown_token_is_refused(world):
    assert client_with("hub_not-a-token").get(INDICATORS).status_code == 401


def test_a_token_is_refused_for_another_partnership(world, indicators):  # noqa: F811
    """The business unit of Alpha and Beta: its Alpha token reads and sends nothing of Beta."""
    bu = world.users[Role.BUSINESS_UNIT]
    RoleAssignment.objects.create(person=world.people[Role.BUSINESS_UNIT], role=Role.BUSINESS_UNIT,
                                  partnership=world.other)
    AreaFactory(partnership=world.other, ons_code="E06009992", name="Betaville")
    performance_services.data_return_submit(
        actor=system_actor(), rows=[row("LAC", 300, area="E06009992")], method="form",
        partnership=world.other)
    _, alpha_key = make(world, who=Role.BUSINESS_UNIT, partnership=world.partnership)
    _, beta_key = make(world, who=Role.BUSINESS_UNIT, partnership=world.other)
    beta_value = f"{INDICATORS}LAC/values/"
    assert client_with(beta_key).get(beta_value, {"area": "E06009992"}).status_code == 200
    assert client_with(alpha_key).get(beta_value, {"area": "E06009992"}).status_code == 403
    sent = client_with(alpha_key).post("/api/v1/data-returns/",
                                       {"rows": [row("LAC", 301, area="E06009992")]},
                                       format="json")
    assert sent.status_code == 400
    # The same person signed in (no token) still has both partnerships.
    session = APIClient()
    session.force_authenticate(bu)
    assert session.get(beta_value, {"area": "E06009992"}).status_code == 200


def test_a_token_never_gives_more_than_its_role_in_its_partnership(world, indicators):  # noqa: F811
    _, key = make(world, who=Role.GROUP_MEMBER)
    new = {"code": "CAMHS_WAIT", "name": "Waiting for CAMHS", "section": "healthy_lives",
           "topic": "mental_health", "unit": "average", "polarity": "lower"}
    assert client_with(key).post(INDICATORS, new, format="json").status_code == 403
    # A role taken away stops the token at once.
    RoleAssignment.objects.filter(person__user=world.users[Role.GROUP_MEMBER]).delete()
    assert client_with(key).get(INDICATORS).status_code == 401


def test_only_the_business_unit_of_the_partnership_creates_and_revokes(world):
    for who in ("agency_lead", "scrutineer", "outsider"):
        with pytest.raises(PermissionDenied):
            services.api_token_create(actor=world.users[who], user=world.users["agency_lead"],
                                      partnership=world.partnership, system_name="MIS")
    token, _ = make(world)
    with pytest.raises(PermissionDenied):
        services.api_token_revoke(actor=world.users["outsider"], token=token)
    with pytest.raises(ValidationError):  # not for someone without a role in the partnership
        services.api_token_create(actor=world.users[Role.BUSINESS_UNIT],
                                  user=world.users["outsider"], partnership=world.partnership,
                                  system_name="MIS")
    with pytest.raises(ValidationError):  # never for an administrator
        services.api_token_create(actor=system_actor(), user=system_actor(),
                                  partnership=world.partnership, system_name="MIS")
    assert ApiToken.objects.count() == 1


def test_the_business_unit_lists_creates_and_revokes_tokens_on_its_pages(world, login):
    mine, key = make(world)
    beta_token, _ = services.api_token_create(
        actor=system_actor(), user=world.users["outsider"], partnership=world.other,
        system_name="Beta system")
    client = login(world.users[Role.BUSINESS_UNIT])
    listed = client.get(reverse("api_tokens:token_list", kwargs={"slug": "alpha"}))
    assert b"Alpha Academy MIS" in listed.content and b"Beta system" not in listed.content
    assert key.encode() not in listed.content
    assert client.get(reverse("api_tokens:token_revoke",
                              kwargs={"slug": "alpha", "pk": beta_token.pk})).status_code == 404

    created = client.post(reverse("api_tokens:token_create", kwargs={"slug": "alpha"}),
                          {"user": world.users["scrutineer"].pk, "system_name": "Council BI",
                           "days": 30})
    assert created.status_code == 200
    new_key = created.context["key"]
    assert ApiToken.objects.get(system_name="Council BI").token_hash == \
        services.hash_token(new_key)

    response = client.post(reverse("api_tokens:token_revoke",
                                   kwargs={"slug": "alpha", "pk": mine.pk}))
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.revoked_at is not None and mine.revoked_by == world.users[Role.BUSINESS_UNIT]
    assert client_with(key).get(INDICATORS).status_code == 401
    assert client_with(new_key).get(INDICATORS).status_code == 200


def test_the_schema_names_the_token_scheme(client, db):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    scheme = schema["components"]["securitySchemes"]["apiToken"]
    assert scheme["type"] == "apiKey" and scheme["name"] == "Authorization"
    assert "one partnership" in scheme["description"]
    assert {"apiToken": []} in schema["paths"]["/api/v1/data-returns/"]["post"]["security"]
