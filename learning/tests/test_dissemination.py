"""Dissemination products and their reach."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.models import Role
from learning import services
from learning.models import DisseminationProduct

from .factories import briefing, theme


def url(name, **kwargs):
    return reverse(name, kwargs={"slug": "alpha", **kwargs})


def test_reach_is_added_up_from_the_filtered_products(world, login):
    briefing(world)
    services.dissemination_add(
        actor=world.users[Role.BUSINESS_UNIT], partnership=world.partnership,
        data={"kind": "learning_event", "title": "Neglect learning event",
              "issued_on": timezone.localdate() - datetime.timedelta(days=3), "attended": 85},
        themes=[theme("Neglect")])
    client = login(world.users[Role.GROUP_CHAIR])
    response = client.get(url("learning:dissemination_list"))
    assert response.context["reach"] == {"products": 2, "attended": 85, "sent_to": 120}
    response = client.get(url("learning:dissemination_list"), {"kind": "learning_event"})
    assert response.context["reach"] == {"products": 1, "attended": 85, "sent_to": 0}
    csv = client.get(url("learning:dissemination_list"), {"export": "csv"}).content.decode()
    assert "Neglect seven-minute briefing,Seven-minute briefing" in csv


def test_a_learning_event_that_has_happened_needs_its_attendance(world):
    with pytest.raises(ValidationError) as error:
        services.dissemination_add(
            actor=world.users[Role.BUSINESS_UNIT], partnership=world.partnership,
            data={"kind": "learning_event", "title": "Event", "issued_on": timezone.localdate(),
                  "url": "not a link"})
    assert set(error.value.message_dict) == {"attended", "url"}
    assert not DisseminationProduct.objects.exists()


def test_the_business_unit_records_and_changes_a_product_through_the_pages(world, login):
    product = briefing(world)
    client = login(world.users[Role.BUSINESS_UNIT])
    response = client.post(url("learning:dissemination_edit", pk=product.pk), {
        "kind": "seven_minute_briefing", "title": "Neglect seven-minute briefing",
        "issued_on": product.issued_on.isoformat(), "sent_to": "250",
        "themes": [theme("Neglect").pk], "version": product.version})
    assert response.status_code == 302
    product.refresh_from_db()
    assert product.sent_to == 250 and product.version == 2


def test_the_dissemination_list_runs_fixed_queries(world, login):
    briefing(world)
    client = login(world.users[Role.BUSINESS_UNIT])

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url("learning:dissemination_list")).status_code == 200
        return len(ctx.captured_queries)

    few = count()
    for i in range(20):
        services.dissemination_add(
            actor=world.users[Role.BUSINESS_UNIT], partnership=world.partnership,
            data={"kind": "newsletter", "title": f"Item {i}", "issued_on": timezone.localdate(),
                  "sent_to": i}, themes=[theme("Neglect"), theme("Escalation")])
    assert count() == few
