"""Every refusal is audited, whatever refused it: one row per refused request, naming the
user, the path and the partnership (core.middleware.RefusalAuditMiddleware)."""

from django.urls import reverse
from rest_framework.test import APIClient

from core.models import AuditEvent, Role
from learning.tests.factories import restricted_finding
from reviews.tests.factories import panel_incident

REFUSED = AuditEvent.Action.REFUSED


def test_a_refusal_across_partnerships_is_audited(world, login):
    """Alpha's pages as beta's business unit (no role in alpha): 403, and alpha's audit
    trail shows who tried which page."""
    client = login(world.users["outsider"])
    url = reverse("learning:plan", kwargs={"slug": "alpha"})
    assert client.get(url).status_code == 403
    event = AuditEvent.objects.get(action=REFUSED)
    assert event.actor == world.users["outsider"]
    assert event.path == url and event.partnership == world.partnership


def test_a_refused_action_is_audited_once_naming_the_action(world, login):
    client = login(world.users[Role.PRACTITIONER])  # neither owner nor reader
    action = world.objects["action"]
    url = reverse("learning:action_edit", kwargs={"slug": "alpha", "pk": action.pk})
    assert client.get(url).status_code == 403
    event = AuditEvent.objects.get(action=REFUSED)
    assert (event.model, event.object_id) == ("learning.Action", str(action.pk))
    assert event.actor == world.users[Role.PRACTITIONER]


def test_a_restricted_record_tried_under_another_partnerships_slug_is_audited(world, login):
    """Beta's business unit opens alpha's incident and alpha's restricted source under
    beta's slug: not found, and alpha's audit trail names the record."""
    incident = panel_incident(world)
    source = restricted_finding(world).source
    client = login(world.users["outsider"])
    for name, pk, model in (("reviews:incident_detail", incident.pk, "reviews.SeriousIncident"),
                            ("learning:source_detail", source.pk, "learning.Source")):
        url = reverse(name, kwargs={"slug": "beta", "pk": pk})
        assert client.get(url).status_code == 404
        event = AuditEvent.objects.get(action=REFUSED, model=model)
        assert event.object_id == str(pk) and event.path == url
        assert event.actor == world.users["outsider"]
        assert event.partnership == world.partnership


def test_a_missing_restricted_record_is_audited_by_id(world, login):
    client = login(world.users[Role.SCRUTINEER])
    url = reverse("reviews:incident_detail", kwargs={"slug": "alpha", "pk": 987654})
    assert client.get(url).status_code == 404
    event = AuditEvent.objects.get(action=REFUSED)
    assert event.model == "reviews.SeriousIncident" and "987654" in event.object_repr


def test_an_api_refusal_is_audited(world):
    client = APIClient()
    client.force_authenticate(world.users[Role.PRACTITIONER])
    assert client.get("/api/v1/indicators/").status_code == 403
    event = AuditEvent.objects.get(action=REFUSED)
    assert event.actor == world.users[Role.PRACTITIONER]
    assert event.path == "/api/v1/indicators/"


def test_anonymous_visitors_and_public_pages_write_no_refusal(world, client):
    assert client.get(reverse("learning:plan", kwargs={"slug": "alpha"})).status_code == 302
    assert client.get("/public/no-such-partnership/").status_code == 404
    assert client.get("/p/alpha/learning/sources/987654/").status_code == 302
    assert not AuditEvent.objects.filter(action=REFUSED).exists()
