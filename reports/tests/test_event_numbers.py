"""Events carry their attendees and facilitators; the report prints them and the total."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from core.models import AuditEvent, Role
from reports import selectors
from reports.models import ActivityItem
from reports.tests.helpers import add_activity, make_report
from reports.tests.test_report_contents import texts

D = datetime.date


def test_an_events_attendees_facilitators_and_total_are_printed_in_every_format(world):
    report = make_report(world.partnership)
    event = add_activity(world.partnership, kind=ActivityItem.Kind.EVENT,
                         title="Fictional exploitation conference", attendees=1200,
                         facilitators=6)
    assert event.people_total == 1206
    add_activity(world.partnership, kind=ActivityItem.Kind.COMMUNICATION,
                 title="Fictional newsletter", reach=450, happened_on=D(2023, 11, 2))
    found = texts(selectors.assemble(report, charts=False))
    for fmt, content in found.items():
        assert "Attendees: 1,200; facilitators: 6; 1,206 people in all." in content, fmt
        assert "People reached: 450." in content, fmt


def test_a_missing_number_is_shown_as_not_recorded_not_as_zero(world):
    report = make_report(world.partnership)
    add_activity(world.partnership, kind=ActivityItem.Kind.EVENT, attendees=40)
    row = selectors.assemble(report, charts=False).months[6].items[0]
    assert row.numbers == "Attendees: 40; facilitators: not recorded; 40 people in all."


def test_the_add_form_takes_attendees_and_facilitators(world, login):
    report = make_report(world.partnership)
    response = login(world.users[Role.BUSINESS_UNIT]).post(
        reverse("reports:activity_add", args=["alpha", report.pk]),
        {"happened_on": "2023-11-15", "kind": "event", "title": "Fictional learning event",
         "safeguarding_impact": "Practitioners know the escalation policy.",
         "attendees": "85", "facilitators": "4"})
    assert response.status_code == 302
    item = ActivityItem.objects.get(title="Fictional learning event")
    assert (item.attendees, item.facilitators, item.people_total) == (85, 4, 89)


@pytest.mark.parametrize("field,value,message", [
    ("attendees", "-3", "Enter a whole number of attendees, 0 or more"),
    ("facilitators", "-1", "Enter a whole number of facilitators, 0 or more"),
    ("attendees", "lots", "Enter a whole number of attendees, 0 or more"),
])
def test_bad_numbers_get_a_clear_message_and_save_nothing(world, login, field, value,
                                                          message):
    report = make_report(world.partnership)
    data = {"happened_on": "2023-11-15", "kind": "event", "title": "Fictional learning event",
            "safeguarding_impact": "Practitioners know the escalation policy.", field: value}
    response = login(world.users[Role.BUSINESS_UNIT]).post(
        reverse("reports:activity_add", args=["alpha", report.pk]), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ActivityItem.objects.filter(title="Fictional learning event").exists()


def test_the_service_refuses_negative_numbers_whoever_calls_it(world):
    with pytest.raises(ValidationError) as error:
        add_activity(world.partnership, kind=ActivityItem.Kind.EVENT, attendees=-5)
    assert error.value.message_dict == {
        "attendees": ["Enter a whole number of attendees, 0 or more."]}
    assert not ActivityItem.objects.exists()
    assert not AuditEvent.objects.filter(model="reports.ActivityItem").exists()


def test_the_edit_form_takes_the_numbers_and_refuses_negative_ones(world, login):
    report = make_report(world.partnership)
    item = add_activity(world.partnership, kind=ActivityItem.Kind.EVENT, attendees=30)
    url = reverse("reports:activity_edit", args=["alpha", report.pk, item.pk])
    client = login(world.users[Role.BUSINESS_UNIT])
    assert 'name="attendees" value="30"' in client.get(url).content.decode()
    data = {"happened_on": "2023-10-05", "kind": "event", "title": item.title,
            "safeguarding_impact": item.safeguarding_impact, "attendees": "30",
            "facilitators": "-2", "version": item.version}
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Enter a whole number of facilitators, 0 or more" in response.content.decode()
    item.refresh_from_db()
    assert (item.version, item.facilitators) == (1, None)
    response = client.post(url, {**data, "facilitators": "3"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.attendees, item.facilitators, item.people_total) == (30, 3, 33)
