"""Reads the learning app offers other apps' pages: a governance group's action log."""

from core.models import Role
from governance.tests.helpers import make_action, make_meeting
from learning.selectors import group_action_log


def test_the_group_action_log_is_scoped_to_what_the_user_may_see(world):
    group = world.groups["subgroup"]
    earlier = make_meeting(group, days=-30)
    make_action(earlier, world.partnership, title="Police action",
                owner_organisation=world.orgs["police"])
    lead = world.users[Role.AGENCY_LEAD]  # leads the school: sees the school's actions only
    assert [a.title for a in group_action_log(lead, world.partnership, group)] == [
        "Refresh the neglect toolkit"]
    everything = group_action_log(world.users[Role.SCRUTINEER], world.partnership,
                                            group)
    assert {a.title for a in everything} == {"Police action", "Refresh the neglect toolkit"}
    carried = group_action_log(world.users[Role.SCRUTINEER], world.partnership, group,
                                         before=world.objects["meeting"].starts_at)
    assert [a.title for a in carried] == ["Police action"]
