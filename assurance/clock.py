"""Time limits of assurance returns, kept as core deadline rules (decision 0017): one kind
per kind of cycle, from the day the cycle opens to the day a return is submitted. A cycle
opened without a due date takes it from the partnership's rule in force (decision 0021)."""

from __future__ import annotations

import datetime

from core.deadlines import DeadlineKind, status_of

from .models import Kind

OPENED, SUBMITTED = "cycle_opened", "return_submitted"


def kind_key(cycle_kind: str) -> str:
    return f"{cycle_kind}_return"


DEADLINE_KINDS = [
    DeadlineKind(key=kind_key(k.value), label=f"{k.label} return", perm="assurance.manage",
                 events={OPENED: "Cycle opened", SUBMITTED: "Return submitted"},
                 phrases={OPENED: "the cycle opens"})
    for k in Kind
]


def due_date_for(partnership, cycle_kind: str, opens_on: datetime.date):
    """The due date the partnership's rule gives a cycle of this kind, or None (no rule)."""
    from core.selectors import rules_in_force

    rule = rules_in_force(partnership, [kind_key(cycle_kind)]).order_by("key").first()
    return rule.due_date(opens_on) if rule is not None else None


def return_status(ret, today: datetime.date) -> str:
    """On track, due soon, overdue, met or met late: the one clock's status of a return."""
    met = ret.submitted_at.date() if ret.submitted_at else None
    return status_of(ret.cycle.due_on, met, today)
