"""Who may see and run groups and meetings.

Partnership readers (business unit, partner delegates, scrutineer) see every group of their
partnership; chairs and members see their own groups. The business unit runs every group's
meetings; a group's chair runs that group's meetings.
"""

import rules

from core import policy
from core.models import Role


def _group_partnership_ids(group) -> set[int]:
    # Prefetched by the views that ask; one query otherwise.
    return {p.pk for p in group.partnerships.all()}


@rules.predicate
def reads_group(user, group):
    if group is None:
        return False
    scope = policy.scope_of(user)
    if group.pk in scope.member_groups:
        return True
    return any(scope.has_any(policy.READER_ROLES, p) for p in _group_partnership_ids(group))


@rules.predicate
def runs_group(user, group):
    if group is None:
        return False
    scope = policy.scope_of(user)
    if group.pk in scope.chair_groups:
        return True
    return any(scope.has(Role.BUSINESS_UNIT, p) for p in _group_partnership_ids(group))


@rules.predicate
def may_list_groups(user, partnership):
    """Readers, and anyone who sits on a group of this partnership."""
    if partnership is None:
        return False
    scope = policy.scope_of(user)
    return scope.has_any(policy.READER_ROLES | {Role.GROUP_CHAIR, Role.GROUP_MEMBER}, partnership.pk)


@rules.predicate
def may_create_meetings(user, partnership):
    """Business unit, or a chair (for their own groups: the form offers only those)."""
    if partnership is None:
        return False
    scope = policy.scope_of(user)
    return scope.has_any({Role.BUSINESS_UNIT, Role.GROUP_CHAIR}, partnership.pk)


@rules.predicate
def manages_groups(user, partnership):
    """The business unit records the partnership's groups and who chairs them."""
    return partnership is not None and policy.is_business_unit(user, partnership)


rules.add_perm("governance.list_groups", may_list_groups)
rules.add_perm("governance.manage_groups", manages_groups)
rules.add_perm("governance.add_meeting", may_create_meetings)
rules.add_perm("governance.view_group", reads_group)
rules.add_perm("governance.run_group", runs_group)
# Meeting-level permissions are asked with the meeting's group as the object.
rules.add_perm("governance.view_meeting", reads_group)
rules.add_perm("governance.run_meeting", runs_group)


# Who sees the governance section sees the register (the published ones are public anyway).
rules.add_perm("governance.view_procedures", may_list_groups)
# The business unit keeps the register (and the procedure-review rule).
rules.add_perm("governance.manage_procedures", manages_groups)
