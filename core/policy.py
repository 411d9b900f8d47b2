"""Role look-ups: the one place that turns role assignments into scopes.

Each app names its permissions as django-rules predicates in its rules.py, built on these
look-ups; views, templates and the API ask `user.has_perm(name, obj)`. Nothing else reads
RoleAssignment to decide access.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied

from .models import TWO_FACTOR_ROLES, Role, RoleAssignment

# Roles that may read everything (outside restricted records) in their partnership.
READER_ROLES = frozenset({Role.BUSINESS_UNIT, Role.PARTNER_DELEGATE, Role.SCRUTINEER})
# The people who run the partnership's business: every role but practitioner.
WORKING_ROLES = frozenset(set(Role) - {Role.PRACTITIONER})


@dataclass
class Scope:
    """What one user's role assignments add up to. Built once per request (one query)."""

    person_id: int | None = None
    roles: set[tuple[str, int]] = field(default_factory=set)  # (role, partnership_id)
    chair_groups: set[int] = field(default_factory=set)
    member_groups: set[int] = field(default_factory=set)  # includes chaired groups
    lead_orgs: set[tuple[int, int]] = field(default_factory=set)  # (partnership_id, org_id)

    def has(self, role: str, partnership_id: int | None) -> bool:
        return (role, partnership_id) in self.roles

    def has_any(self, roles, partnership_id: int | None) -> bool:
        return any((r, partnership_id) in self.roles for r in roles)

    def partnership_ids(self) -> set[int]:
        return {p for _, p in self.roles}

    def partnerships_with(self, roles) -> set[int]:
        return {p for r, p in self.roles if r in roles}

    def org_ids_led(self, partnership_id: int | None = None) -> set[int]:
        return {o for p, o in self.lead_orgs if partnership_id is None or p == partnership_id}


def scope_of(user) -> Scope:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Scope()
    cached = getattr(user, "_hub_scope", None)
    if cached is not None:
        return cached
    scope = _build_scope(user)
    user._hub_scope = scope
    return scope


def limit_scope_to(user, partnership) -> Scope:
    """Narrow `user` (this object, for this request) to its roles in one partnership: an API
    token acts in the partnership it was issued for and no other (decision 0008)."""
    scope = _build_scope(user, getattr(partnership, "pk", partnership))
    user._hub_scope = scope
    return scope


def _build_scope(user, partnership_id: int | None = None) -> Scope:
    scope = Scope()
    assignments = RoleAssignment.objects.filter(person__user=user)
    if partnership_id is not None:
        assignments = assignments.filter(partnership_id=partnership_id)
    rows = assignments.values_list(
        "person_id", "role", "partnership_id", "group_id", "organisation_id"
    )
    for person_id, role, pid, group_id, org_id in rows:
        scope.person_id = person_id
        scope.roles.add((role, pid))
        if role == Role.GROUP_CHAIR and group_id:
            scope.chair_groups.add(group_id)
            scope.member_groups.add(group_id)
        elif role == Role.GROUP_MEMBER and group_id:
            scope.member_groups.add(group_id)
        elif role == Role.AGENCY_LEAD and org_id:
            scope.lead_orgs.add((pid, org_id))
    if scope.person_id is None:
        person = getattr(user, "person", None) if hasattr(user, "person") else None
        scope.person_id = person.pk if person else None
    return scope


def forget_scope(user) -> None:
    """Call after changing someone's roles within a request (tests, role admin)."""
    if hasattr(user, "_hub_scope"):
        del user._hub_scope


def requires_two_factor(user) -> bool:
    scope = scope_of(user)
    return user.is_superuser or any(r in TWO_FACTOR_ROLES for r, _ in scope.roles)


def is_reader(user, partnership) -> bool:
    return scope_of(user).has_any(READER_ROLES, getattr(partnership, "pk", partnership))


def is_business_unit(user, partnership) -> bool:
    return scope_of(user).has(Role.BUSINESS_UNIT, getattr(partnership, "pk", partnership))


def has_any_role(user, partnership) -> bool:
    return getattr(partnership, "pk", partnership) in scope_of(user).partnership_ids()


def agency_leads() -> dict[tuple[int, int | None], list]:
    """Who answers for an organisation's actions: (partnership_id, org_id) -> agency lead
    people with an e-mail address. One query; used to remind when no person owns an action."""
    leads: dict[tuple[int, int | None], list] = {}
    for ra in RoleAssignment.objects.filter(
        role=Role.AGENCY_LEAD, organisation__isnull=False, person__email__gt=""
    ).select_related("person"):
        leads.setdefault((ra.partnership_id, ra.organisation_id), []).append(ra.person)
    return leads


def require(actor, perm: str, obj=None, message: str = "Your role does not allow this.") -> None:
    """The one check every service makes before it writes: no actor, or an actor whose
    role does not allow `perm` on `obj`, is refused. Commands and the demo loader act as
    `core.services.system_actor()`, never as None."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        raise PermissionDenied(message)
    if not actor.has_perm(perm, obj):
        raise PermissionDenied(message)
