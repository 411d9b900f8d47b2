from django.urls import reverse

from core.models import Role
from governance import selectors
from governance.models import Group, Meeting
from governance.tests.helpers import make_meeting


def test_the_business_unit_runs_every_group_and_a_chair_only_their_own(world):
    bu, chair = world.users[Role.BUSINESS_UNIT], world.users[Role.GROUP_CHAIR]
    assert set(selectors.groups_run_by(bu, world.partnership)) == {
        world.groups["executive"], world.groups["subgroup"]}
    assert list(selectors.groups_run_by(chair, world.partnership)) == [world.groups["subgroup"]]
    assert not selectors.groups_run_by(world.users[Role.PARTNER_DELEGATE], world.partnership)


def test_a_tees_wide_group_is_seen_from_each_partnership_it_serves(world):
    tees = Group.objects.create(name="Tees Child Death Overview Panel", kind=Group.Kind.TEES_WIDE)
    tees.partnerships.set([world.partnership, world.other])
    outsider = world.users["outsider"]  # beta's business unit
    assert tees in selectors.groups_visible_to(outsider, world.other)
    assert tees in selectors.groups_run_by(outsider, world.other)
    assert world.groups["executive"] not in selectors.groups_visible_to(outsider, world.other)


def test_the_next_planned_meeting_ignores_past_held_and_cancelled_ones(world):
    group = world.groups["executive"]
    make_meeting(group, days=-3)
    make_meeting(group, days=4, status=Meeting.Status.CANCELLED)
    nearest = make_meeting(group, days=9)
    make_meeting(group, days=30)
    assert selectors.next_planned_meeting(group) == nearest
    quiet = Group.objects.create(name="Quiet group", kind=Group.Kind.SUB_GROUP)
    make_meeting(quiet, days=2, status=Meeting.Status.HELD)
    assert selectors.next_planned_meeting(quiet) is None


def test_a_chair_cannot_change_a_meeting_of_a_group_they_do_not_chair(world, login):
    meeting = make_meeting(world.groups["executive"], days=5)
    client = login(world.users[Role.GROUP_CHAIR])
    edit = reverse("governance:meeting_edit", kwargs={"slug": "alpha", "pk": meeting.pk})
    assert client.get(edit).status_code == 403
    assert client.post(edit, {"title": "Hijacked", "status": "cancelled",
                              "version": meeting.version}).status_code == 403
    meeting.refresh_from_db()
    assert (meeting.title, meeting.status) == ("Alpha Executive", "planned")
