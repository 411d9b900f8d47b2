"""Return deadlines come from the one deadline-rule model; reminders go to the leads of
organisations whose returns are due soon or overdue, once each."""

import datetime

import pytest

from assurance import services
from assurance.clock import kind_key
from assurance.models import Return
from assurance.tests.helpers import cycle, submit, tool
from core import reminders
from core.models import DeadlineRule
from core.services import system_actor

pytestmark = pytest.mark.django_db


def test_a_cycle_without_a_due_date_takes_it_from_the_partnerships_rule(world):
    opens = datetime.date(2025, 1, 6)
    c = services.cycle_open(actor=system_actor(), partnership=world.partnership,
                            partnerships=[], organisations=[world.orgs["council"]],
                            data={"kind": "section_11", "title": "S11", "opens_on": opens,
                                  "due_on": None, "question_set": tool(world)})
    assert c.due_on == datetime.date(2025, 4, 6)  # three months, the default rule
    DeadlineRule.objects.create(key="section-11-return", partnership=world.partnership,
                                name="Ours", legal_basis="Local", count=6, unit="months",
                                applies_to=kind_key("section_11"), start_event="cycle_opened",
                                met_event="return_submitted")
    c2 = services.cycle_open(actor=system_actor(), partnership=world.partnership,
                             partnerships=[], organisations=[world.orgs["council"]],
                             data={"kind": "section_11", "title": "S11 b", "opens_on": opens,
                                   "due_on": None, "question_set": tool(world)})
    assert c2.due_on == datetime.date(2025, 7, 6)


def test_the_school_lead_is_reminded_of_its_overdue_return_once(world, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    world.people["agency_lead"].email = "lead@example.org"
    world.people["agency_lead"].save()
    c = cycle(world, due_in=1)
    c.due_on = datetime.date.today() - datetime.timedelta(days=3)
    c.save()
    submit(Return.objects.get(cycle=c, organisation=world.orgs["council"]))
    items = [r for r in reminders.collect(datetime.date.today())
             if "Section 11 2024" in r.text]
    assert [(r.email, r.text.split(" is ")[0]) for r in items] == [
        ("lead@example.org", "Alpha Academy: Section 11 2024")]
    assert "overdue since" in items[0].text
