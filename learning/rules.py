"""Who may see and update actions in the combined action plan.

Readers see all of their partnership's actions. An owner, the lead of the owning agency and
the members of the group whose meeting set the action see it. The business unit, the owner,
the owning agency's lead and the chair of the setting group may update it and add evidence.
Only the business unit signs it off or sends it back.

Findings and recommendations follow their source: a case review's are need-to-know (the
review's panel and the business unit) until the review is published.
"""

import rules

from core import policy
from core import rules as core_rules
from core.models import Role

from . import need_to_know


def _meeting_group_id(action):
    meeting = getattr(action.source, "meeting", None) if action.source_id else None
    return meeting.group_id if meeting is not None else None


@rules.predicate
def reads_action(user, action):
    if action is None:
        return False
    scope = policy.scope_of(user)
    if scope.has_any(policy.READER_ROLES, action.partnership_id):
        return True
    if scope.person_id and action.owner_person_id == scope.person_id:
        return True
    if action.owner_organisation_id in scope.org_ids_led(action.partnership_id):
        return True
    return _meeting_group_id(action) in scope.member_groups


@rules.predicate
def updates_action(user, action):
    if action is None:
        return False
    scope = policy.scope_of(user)
    if scope.has(Role.BUSINESS_UNIT, action.partnership_id):
        return True
    if scope.person_id and action.owner_person_id == scope.person_id:
        return True
    if action.owner_organisation_id in scope.org_ids_led(action.partnership_id):
        return True
    return _meeting_group_id(action) in scope.chair_groups


@rules.predicate
def signs_off_action(user, action):
    return action is not None and policy.is_business_unit(user, action.partnership_id)


# Everyone who works in the partnership; the list shows only the actions they may see.
may_list_actions = core_rules.works_in_partnership


def _source_partnership_ids(source) -> set[int]:
    cached = getattr(source, "_partnership_ids", None)
    if cached is None:
        cached = source._partnership_ids = {p.pk for p in source.partnerships.all()}
    return cached


@rules.predicate
def reads_source(user, source):
    """Findings and recommendations of a source: everyone who works in one of its
    partnerships, except that a case review's are need-to-know until it is published. The
    rule itself is need_to_know.source_access, which lists and exports ask for many rows."""
    if source is None:
        return False
    return source.pk in need_to_know.source_access(user, [source]).readable


@rules.predicate
def manages_findings(user, source):
    """The business unit records findings, recommendations and their actions (of a case
    review, only if it may read the review)."""
    if source is None:
        return False
    if not any(policy.is_business_unit(user, p) for p in _source_partnership_ids(source)):
        return False
    return reads_source(user, source)


@rules.predicate
def sets_actions(user, source):
    """Who may add an action set by `source`: a meeting's actions are added by whoever runs
    the meeting; any other source's by those who manage its findings."""
    if source is None:
        return False
    meeting = getattr(source, "meeting", None)
    if meeting is not None:
        return user.has_perm("governance.run_meeting", meeting.group)
    return manages_findings(user, source)


@rules.predicate
def reads_finding(user, finding):
    return finding is not None and reads_source(user, finding.source)


@rules.predicate
def reads_recommendation(user, recommendation):
    return recommendation is not None and reads_source(user, recommendation.finding.source)


@rules.predicate
def responds_to_challenge(user, obj):
    """The business unit, or an agency lead: `obj` is an event (any agency they lead) or an
    (event, organisation) pair (that agency)."""
    event, organisation = obj if isinstance(obj, tuple) else (obj, None)
    if event is None:
        return False
    scope = policy.scope_of(user)
    if scope.has(Role.BUSINESS_UNIT, event.partnership_id):
        return True
    led = scope.org_ids_led(event.partnership_id)
    return bool(led) if organisation is None else organisation.pk in led


@rules.predicate
def reads_challenge_event(user, event):
    return event is not None and core_rules.works_in_partnership(user, event.partnership)


@rules.predicate
def reads_inquiry(user, inquiry):
    return inquiry is not None and core_rules.works_in_partnership(user, inquiry.partnership)


rules.add_perm("learning.list_actions", may_list_actions)
rules.add_perm("learning.list_inquiries", core_rules.works_in_partnership)
rules.add_perm("learning.view_inquiry", reads_inquiry)
rules.add_perm("learning.manage_inquiries", core_rules.business_unit_of_partnership)
rules.add_perm("learning.list_dissemination", core_rules.works_in_partnership)
rules.add_perm("learning.list_improvement_plans", core_rules.works_in_partnership)
rules.add_perm("learning.manage_improvement_plans", core_rules.business_unit_of_partnership)
rules.add_perm("learning.manage_dissemination", core_rules.business_unit_of_partnership)
rules.add_perm("learning.list_challenge_events", core_rules.works_in_partnership)
rules.add_perm("learning.view_challenge_event", reads_challenge_event)
rules.add_perm("learning.manage_challenge_events", core_rules.business_unit_of_partnership)
rules.add_perm("learning.respond_to_challenge", responds_to_challenge)
rules.add_perm("learning.view_plan", may_list_actions)
# Practitioners hold actions too: they see their own (the list is scoped to the reader).
rules.add_perm("learning.list_my_actions", core_rules.any_role_in_partnership)
rules.add_perm("learning.view_thematic_analysis", core_rules.reader_of_partnership)
rules.add_perm("learning.view_source", reads_source)
# The owning record's service has asked for its own permission (learning.sources).
rules.add_perm("learning.create_source", core_rules.works_in_partnership)
rules.add_perm("learning.manage_findings", manages_findings)
rules.add_perm("learning.set_action", sets_actions)
rules.add_perm("learning.view_finding", reads_finding)
rules.add_perm("learning.view_recommendation", reads_recommendation)
rules.add_perm("learning.add_evidence", updates_action)
rules.add_perm("learning.view_action", reads_action)
rules.add_perm("learning.change_action", updates_action)
rules.add_perm("learning.sign_off_action", signs_off_action)
