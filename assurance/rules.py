"""Who may do what in quality assurance.

The business unit runs it: tools, cycles, moderation, challenge. The readers of a partnership
(business unit, partner delegates, the scrutineer) read every return of a cycle serving it.
An agency lead (a school's lead included: a school is an organisation) sees and edits only
their own organisation's returns, and only while a return is a draft.
"""

import rules

from core import policy
from core.models import Role
from core.rules import business_unit_of_partnership, reader_of_partnership, works_in_partnership


def _cycle_partnership_ids(cycle) -> set[int]:
    cached = getattr(cycle, "_partnership_ids", None)
    if cached is None:
        cached = {p.pk for p in cycle.partnerships.all()}
        cycle._partnership_ids = cached
    return cached


def _reads_cycle(user, cycle) -> bool:
    scope = policy.scope_of(user)
    return any(scope.has_any(policy.READER_ROLES, pid) for pid in _cycle_partnership_ids(cycle))


def leads_organisation(user, organisation_id, cycle) -> bool:
    """An agency lead of the organisation in any partnership the cycle serves."""
    scope = policy.scope_of(user)
    return any((pid, organisation_id) in scope.lead_orgs for pid in _cycle_partnership_ids(cycle))


@rules.predicate
def reads_return(user, ret):
    if ret is None:
        return False
    if ret.respondent != "organisation":
        # An anonymous survey response, or the partnership's own self-assessment: readers
        # only (an agency lead never sees who in their organisation answered what).
        return _reads_cycle(user, ret.cycle)
    return _reads_cycle(user, ret.cycle) or leads_organisation(user, ret.organisation_id,
                                                                ret.cycle)


@rules.predicate
def edits_return(user, ret):
    """The organisation's lead (or the business unit running the cycle) while it is a draft
    of an open cycle."""
    if ret is None or ret.status != ret.Status.DRAFT or ret.cycle.status != "open":
        return False
    if ret.respondent == "individual":
        return False
    return (policy.is_business_unit(user, ret.cycle.lead_partnership_id)
            or leads_organisation(user, ret.organisation_id, ret.cycle))


@rules.predicate
def moderates_return(user, ret):
    return ret is not None and ret.respondent != "individual" and policy.is_business_unit(user, ret.cycle.lead_partnership_id)


@rules.predicate
def runs_cycle(user, cycle):
    return cycle is not None and policy.is_business_unit(user, cycle.lead_partnership_id)


@rules.predicate
def reads_cycle(user, cycle):
    return cycle is not None and _reads_cycle(user, cycle)


@rules.predicate
def answers_for_an_organisation(user, partnership):
    return partnership is not None and bool(policy.scope_of(user).org_ids_led(partnership.pk))


@rules.predicate
def may_answer(user, partnership):
    return partnership is not None and policy.scope_of(user).has_any(
        {Role.BUSINESS_UNIT, Role.AGENCY_LEAD}, partnership.pk)


# The cycles list: everyone who runs the partnership's business (an agency lead sees only
# their own returns in it).
rules.add_perm("assurance.view", works_in_partnership)
rules.add_perm("assurance.read_all", reader_of_partnership)
rules.add_perm("assurance.manage", business_unit_of_partnership)
rules.add_perm("assurance.answer", may_answer)
rules.add_perm("assurance.view_return", reads_return)
rules.add_perm("assurance.edit_return", edits_return)
rules.add_perm("assurance.moderate_return", moderates_return)
rules.add_perm("assurance.run_cycle", runs_cycle)
rules.add_perm("assurance.read_cycle", reads_cycle)
rules.add_perm("assurance.has_returns", answers_for_an_organisation)
