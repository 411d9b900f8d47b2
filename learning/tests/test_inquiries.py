"""KLOE deep dives and active learning sets: commissioned, reported, and a learning source."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.models import Role
from learning import services
from learning.models import Inquiry, Source

from .factories import inquiry


def url(name, **kwargs):
    return reverse(name, kwargs={"slug": "alpha", **kwargs})


def test_commissioning_a_deep_dive_creates_its_learning_source(world, login):
    client = login(world.users[Role.BUSINESS_UNIT])
    response = client.post(url("learning:inquiry_create"), {
        "kind": "active_learning", "title": "Neglect active learning set",
        "question": "Do practitioners recognise cumulative harm?",
        "commissioned_by": world.groups["subgroup"].pk,
        "commissioned_on": timezone.localdate().isoformat(),
        "critical_friend": world.people[Role.SCRUTINEER].pk, "practitioners": "18",
        "agencies": [world.orgs["council"].pk, world.orgs["police"].pk],
        "status": "commissioned"})
    assert response.status_code == 302
    created = Inquiry.objects.get()
    assert created.source.kind == Source.Kind.ACTIVE_LEARNING
    assert created.agencies.count() == 2
    page = client.get(url("learning:inquiry_detail", pk=created.pk)).content.decode()
    assert "Neglect active learning set" in page
    assert url("learning:source_detail", pk=created.source_id) in page


def test_a_deep_dive_reports_only_with_a_date_and_a_summary(world):
    kloe = inquiry(world)
    bu = world.users[Role.BUSINESS_UNIT]
    with pytest.raises(ValidationError) as error:
        services.inquiry_update(actor=bu, inquiry=kloe, data={"status": "reported"},
                                expected_version=kloe.version)
    assert set(error.value.message_dict) == {"reported_on", "report_summary"}
    with pytest.raises(ValidationError, match="NHS number"):
        services.inquiry_update(actor=bu, inquiry=kloe, expected_version=kloe.version,
                                data={"report_summary": "Child 943 476 5919"})
    with pytest.raises(PermissionDenied):
        services.inquiry_update(actor=world.users[Role.GROUP_CHAIR], inquiry=kloe,
                                data={"title": "x"}, expected_version=kloe.version)
    services.inquiry_update(
        actor=bu, inquiry=kloe, expected_version=kloe.version,
        data={"status": "reported", "reported_on": timezone.localdate(),
              "report_summary": "Placement planning needs a checklist",
              "title": "Children placed at a distance (KLOE 1)"},
        agencies=[world.orgs["council"]])
    kloe.refresh_from_db()
    assert kloe.status == "reported" and kloe.source.title == kloe.title


def test_commissioning_refuses_another_partnerships_group(world):
    with pytest.raises(ValidationError) as error:
        services.inquiry_create(actor=world.users[Role.BUSINESS_UNIT],
                                partnership=world.partnership,
                                data={"kind": "kloe", "title": "T",
                                      "commissioned_by": world.groups["beta"],
                                      "status": "commissioned"})
    assert "commissioned_by" in error.value.message_dict
    assert not Inquiry.objects.exists()


def test_the_deep_dive_list_runs_fixed_queries(world, login):
    inquiry(world)
    client = login(world.users[Role.GROUP_MEMBER])

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url("learning:inquiry_list")).status_code == 200
        return len(ctx.captured_queries)

    few = count()
    for i in range(10):
        services.inquiry_create(actor=world.users[Role.BUSINESS_UNIT],
                                partnership=world.partnership,
                                data={"kind": "kloe", "title": f"KLOE {i}",
                                      "commissioned_by": world.groups["executive"],
                                      "commissioned_on": timezone.localdate()
                                      - datetime.timedelta(days=i),
                                      "critical_friend": world.people[Role.SCRUTINEER],
                                      "status": "under_way"})
    assert count() == few
