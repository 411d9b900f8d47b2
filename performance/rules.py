"""Who may see and send performance figures.

Any role but practitioner sees scorecards and indicators; the business unit and agency leads
send data returns (an agency lead only the indicators its organisation is the source of);
the business unit manages its partnership's local indicators and targets and puts exceptions
on the Engine Room's agenda. National indicators are changed only by the national catalogue
administrator (docs/decisions/0009-national-indicator-catalogue.md).
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
rules.add_perm("performance.settle_return", settles_held_return)


def partnerships_where(user, perm: str, partnerships) -> set[int]:
    """The ids of the partnerships (from those given) where the user holds `perm`."""
    return {p.pk for p in partnerships if user.has_perm(perm, p)}


@rules.predicate
def may_change_indicator(user, indicator):
    """A national indicator: the national catalogue administrator (a superuser, or a user
    given the `performance.change_national_indicator` permission). A local one: the business
    unit of its partnership."""
    if indicator is None:
        return False
    if indicator.partnership_id is None:
        return user.has_perm("performance.change_national_indicator")
    return policy.is_business_unit(user, indicator.partnership_id)


rules.add_perm("performance.change_indicator", may_change_indicator)
