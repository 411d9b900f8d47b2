"""Who may see and send performance figures.

Any role but practitioner sees scorecards and indicators; the business unit and agency leads
send data returns; the business unit manages the catalogue and puts exceptions on the
Engine Room's agenda.
"""

import rules

from core import policy
from core.models import Role
from core.rules import business_unit_of_partnership, works_in_partnership

SUBMITTER_ROLES = {Role.BUSINESS_UNIT, Role.AGENCY_LEAD}


@rules.predicate
def submits_returns(user, partnership):
    return partnership is not None and policy.scope_of(user).has_any(
        SUBMITTER_ROLES, getattr(partnership, "pk", partnership))


@rules.predicate
def edits_shared_catalogue(user, indicator):
    """The indicator catalogue is shared by every partnership, so an indicator (or a new one,
    None) is edited by the business unit of any partnership."""
    return bool(policy.scope_of(user).partnerships_with({Role.BUSINESS_UNIT}))


@rules.predicate
def settles_held_return(user, data_return):
    """A return held for its warnings is confirmed or discarded by its sender (while they may
    still send returns) or by the partnership's business unit."""
    if data_return is None:
        return False
    if policy.is_business_unit(user, data_return.partnership_id):
        return True
    return (data_return.submitted_by_id == user.pk
            and submits_returns(user, data_return.partnership_id))


rules.add_perm("performance.view_scorecard", works_in_partnership)
rules.add_perm("performance.submit_return", submits_returns)
rules.add_perm("performance.manage_catalogue", business_unit_of_partnership)
rules.add_perm("performance.propose_exception", business_unit_of_partnership)
rules.add_perm("performance.edit_indicator", edits_shared_catalogue)
rules.add_perm("performance.settle_return", settles_held_return)


def partnerships_where(user, perm: str, partnerships) -> set[int]:
    """The ids of the partnerships (from those given) where the user holds `perm`."""
    return {p.pk for p in partnerships if user.has_perm(perm, p)}
