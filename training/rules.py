"""Who may see and run the training programme.

Everyone with a role in a partnership sees its programme and books themselves on it. The
business unit runs the programme (courses, sessions, attendance, events, imports); an agency
lead books staff of their own organisation (team booking); the people who run the
partnership's business read the figures. A learner evaluates their own booking.
"""

import rules

from core import policy
from core.models import Role
from core.rules import any_role_in_partnership, business_unit_of_partnership, works_in_partnership


@rules.predicate
def books_for_a_team(user, partnership):
    if partnership is None:
        return False
    return policy.scope_of(user).has_any({Role.BUSINESS_UNIT, Role.AGENCY_LEAD}, partnership.pk)


@rules.predicate
def reads_registers(user, partnership):
    """Registers name the learners: the business unit and partnership readers."""
    return partnership is not None and policy.is_reader(user, partnership)


@rules.predicate
def own_booking(user, booking):
    if booking is None:
        return False
    scope = policy.scope_of(user)
    return scope.person_id is not None and booking.person_id == scope.person_id


@rules.predicate
def runs_bookings_partnership(user, booking):
    return booking is not None and policy.is_business_unit(user, booking.partnership_id)


rules.add_perm("training.view_programme", any_role_in_partnership)
rules.add_perm("training.book", any_role_in_partnership)
rules.add_perm("training.book_team", books_for_a_team)
rules.add_perm("training.manage_programme", business_unit_of_partnership)
rules.add_perm("training.view_register", reads_registers)
rules.add_perm("training.import_completions", books_for_a_team)
rules.add_perm("training.view_figures", works_in_partnership)
# Asked with a booking: the learner, or the business unit of the booking's partnership.
rules.add_perm("training.change_booking", own_booking | runs_bookings_partnership)
rules.add_perm("training.evaluate", own_booking)
