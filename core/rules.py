import rules

from . import policy
from .deadlines import kinds_managed_by
from .models import Role


@rules.predicate
def any_role_in_partnership(user, partnership):
    return partnership is not None and policy.has_any_role(user, partnership)


@rules.predicate
def reader_of_partnership(user, partnership):
    return partnership is not None and policy.is_reader(user, partnership)


@rules.predicate
def business_unit_of_partnership(user, partnership):
    return partnership is not None and policy.is_business_unit(user, partnership)


@rules.predicate
def works_in_partnership(user, partnership):
    """Any role but practitioner: the people who run the partnership's business."""
    if partnership is None:
        return False
    scope = policy.scope_of(user)
    return scope.has_any(policy.WORKING_ROLES, partnership.pk)


@rules.predicate
def scrutineer_of_partnership(user, partnership):
    return partnership is not None and policy.scope_of(user).has(Role.SCRUTINEER, partnership.pk)


@rules.predicate
def practitioner_in_partnership(user, partnership):
    return partnership is not None and policy.scope_of(user).has(Role.PRACTITIONER,
                                                                 partnership.pk)


@rules.predicate
def manages_deadline_rules(user, partnership):
    """May change the time limits of at least one kind of record (each kind names its own
    permission, core.deadlines)."""
    return partnership is not None and bool(kinds_managed_by(user, partnership))


@rules.predicate
def answers_for_every_partnership_of(user, person):
    """A person's subject access export is answered by a partnership's business unit only when
    every partnership that knows the person (by a role, or through their organisation) is one
    it serves: an export holds the records of each, so nobody sees another partnership's
    records through it. Anyone else is answered by the platform's administrators."""
    from .models import Person

    if not isinstance(person, Person):
        return False
    # Through .all(), so a page listing people reads them from its prefetch.
    partnerships = {r.partnership_id for r in person.roles.all()}
    if person.organisation_id:
        partnerships |= {p.pk for p in person.organisation.partnerships.all()}
    scope = policy.scope_of(user)
    return bool(partnerships) and all(scope.has(Role.BUSINESS_UNIT, p) for p in partnerships)


rules.add_perm("core.view_partnership", any_role_in_partnership)
rules.add_perm("core.view_directory", works_in_partnership)
rules.add_perm("core.view_audit", business_unit_of_partnership)
rules.add_perm("core.manage_partnership", business_unit_of_partnership)
rules.add_perm("core.view_areas", works_in_partnership)
# Home panels for one role: what is new since the last sign-in; briefings and procedures.
rules.add_perm("core.view_whats_new", scrutineer_of_partnership)
rules.add_perm("core.view_practice_resources", practitioner_in_partnership)
rules.add_perm("core.manage_deadline_rules", manages_deadline_rules)
# Retention purges and subject-access exports reach across every partnership: the platform's
# administrators only (and the system actor of commands and scheduled tasks).
rules.add_perm("core.govern_information", rules.is_superuser | answers_for_every_partnership_of)
# The subject-access page of a partnership (decision 0039): its business unit.
rules.add_perm("core.answer_subject_access", business_unit_of_partnership)


@rules.predicate
def started_the_import(user, job):
    return job is not None and job.created_by_id is not None and job.created_by_id == user.pk


@rules.predicate
def business_unit_of_the_import(user, job):
    return job is not None and policy.is_business_unit(user, job.partnership)


# A background import's progress and outcome: who sent it, and the partnership's business unit.
rules.add_perm("core.view_import_job", started_the_import | business_unit_of_the_import)
