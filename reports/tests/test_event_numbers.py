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
