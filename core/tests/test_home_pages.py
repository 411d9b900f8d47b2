"""Each role's home page: what it shows, and what it does not."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from core.calendar import DUE_SOON
from core.home import PREVIOUS_LOGIN_KEY
from core.models import AuditEvent, Role
from core.services import audit_record
from governance.models import Procedure
from learning.models import Action

PANELS = {
    "briefings": "Learning briefings",
    "procedures": "Procedures</h2>",
    "deadlines": "Statutory deadlines needing attention",
    "meetings": "My next meetings",
    "group_actions": "Open actions of the groups you chair",
    "returns": "Data returns due",
    "new": "New since you last looked",
}


def _home(login, world, role):
    return login(world.users[role]).get(
        reverse("core:partnership_home", kwargs={"slug": "alpha"})).content.decode()


def _shown(page):
    return {name for name, text in PANELS.items() if text in page}


def test_the_practitioners_home_shows_briefings_and_procedures_only(world, login):
    procedure = Procedure.objects.create(title="Neglect strategy and toolkit",
                                         url="https://procedures.example/neglect")
    procedure.partnerships.add(world.partnership)
    page = _home(login, world, Role.PRACTITIONER)
    assert _shown(page) == {"briefings", "procedures"}
    assert "Neglect strategy and toolkit" in page and "https://procedures.example/neglect" in page
    assert reverse("public:procedures", kwargs={"slug": "alpha"}) in page
    assert "My actions" not in page and "Refresh the neglect toolkit" not in page


def test_the_agency_leads_home_shows_their_organisations_actions_and_returns(world, login):
    page = _home(login, world, Role.AGENCY_LEAD)
    assert _shown(page) == {"returns"}
    # The world's action is owned by the agency lead's organisation (Alpha Academy).
    assert "Actions for Alpha Academy, and mine" in page
    assert "Refresh the neglect toolkit" in page
    my_actions = reverse("learning:my_actions", kwargs={"slug": "alpha"})
    assert f'{my_actions}?due=week' in page and f'{my_actions}?due=soon' in page
    assert "Due soon (next 5 working days): 1" in page
    assert "Beta action" not in page


def test_the_chairs_home_shows_their_groups_next_meeting_and_open_actions(world, login):
    page = _home(login, world, Role.GROUP_CHAIR)
    assert _shown(page) == {"meetings", "group_actions"}
    assert "Quality and Performance sub-group" in page
    assert "Quality and Performance: 1 open" in page
    group = world.groups["subgroup"]
    action_list = reverse("learning:action_list", kwargs={"slug": "alpha"})
    assert f"{action_list}?group={group.pk}&amp;due=week" in page
    assert "Beta Executive" not in page


def test_the_scrutineers_home_shows_what_is_new_since_their_last_sign_in(world, login):
    client = login(world.users[Role.SCRUTINEER])
    session = client.session
    session[PREVIOUS_LOGIN_KEY] = (timezone.now() - datetime.timedelta(days=2)).isoformat()
    session.save()
    old = audit_record(actor=None, action=AuditEvent.Action.CREATE,
                       obj=world.objects["action"], partnership=world.partnership)
    AuditEvent.objects.filter(pk=old.pk).update(at=timezone.now() - datetime.timedelta(days=5))
    for _ in range(2):
        audit_record(actor=None, action=AuditEvent.Action.CREATE, obj=world.objects["meeting"],
                     partnership=world.partnership)
    audit_record(actor=None, action=AuditEvent.Action.CREATE, obj=world.objects["beta_meeting"],
                 partnership=world.other)
    page = client.get(reverse("core:partnership_home", kwargs={"slug": "alpha"})).content.decode()
    assert _shown(page) == {"new"}
    assert "My actions" not in page
    assert "2 meetings" in page
    assert "action" not in page.split("New since you last looked")[1].split("</ul>")[0]


def test_signing_in_keeps_when_the_person_signed_in_before(world, client):
    user = world.users[Role.GROUP_MEMBER]
    client.force_login(user)
    assert client.session[PREVIOUS_LOGIN_KEY] == ""
    first = AuditEvent.objects.filter(actor=user, action=AuditEvent.Action.LOGIN).first().at
    client.logout()
    client.force_login(user)
    assert client.session[PREVIOUS_LOGIN_KEY] == first.isoformat()


@pytest.mark.parametrize("due, expected", [("week", {"Due today"}),
                                           ("soon", {"Due today", "Last day due soon"})])
def test_due_this_week_and_due_soon_are_one_click(world, login, due, expected):
    today = timezone.localdate()
    edge = DUE_SOON.last_day(today)  # a week or more away, so never "this week"
    lead = world.people[Role.AGENCY_LEAD]
    for title, day in [("Due today", today), ("Last day due soon", edge),
                       ("Just after", edge + datetime.timedelta(days=1))]:
        Action.objects.create(partnership=world.partnership, source=world.objects["meeting"].source,
                              title=title, owner_organisation=world.orgs["school"],
                              owner_person=lead, due_date=day)
    page = login(world.users[Role.AGENCY_LEAD]).get(
        reverse("learning:my_actions", kwargs={"slug": "alpha"}), {"due": due}).content.decode()
    shown = {t for t in ("Due today", "Last day due soon", "Just after") if t in page}
    assert shown == expected
