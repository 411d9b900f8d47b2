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


rules.add_perm("performance.view_scorecard", works_in_partnership)
rules.add_perm("performance.submit_return", submits_returns)
rules.add_perm("performance.manage_catalogue", business_unit_of_partnership)
rules.add_perm("performance.propose_exception", business_unit_of_partnership)


def partnerships_where(user, perm: str, partnerships) -> set[int]:
    """The ids of the partnerships (from those given) where the user holds `perm`."""
    return {p.pk for p in partnerships if user.has_perm(perm, p)}
