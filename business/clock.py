"""The national agenda's time limit (decisions 0017 and 0036): the response to a national
letter, review or guidance is due a set time after it was issued, under the partnership's
deadline rule of kind `national_response` (a core.DeadlineRule; the default in migration
0002), unless the letter itself sets a date. Dates are computed when read, so a change to
the rule moves every open item's due date, overdue flag and reminder at once."""

from __future__ import annotations

from django.db.models import Case, DateField, F, Q, Value, When

from core.deadlines import DeadlineKind
from core.selectors import rules_in_force

KIND = "national_response"
RULE_KEY = "national-response"

DEADLINE_KINDS = [
    DeadlineKind(
        key=KIND, label="Response to a national item", perm="business.manage_business",
        events={"issued": "National item issued", "responded": "Partnership responded"},
        phrases={"issued": "the item was issued"}),
]


def rule_for(partnership):
    """The partnership's rule in force for national responses (its own, else the default),
    or None."""
    return rules_in_force(partnership, [KIND]).order_by("key").first()


def due_expression(rule, issued_dates) -> Case:
    """The response date as a database expression: the letter's date where the letter sets
    one, else the rule's date for the day it was issued (one WHEN per distinct issue date,
    computed with the rule's own arithmetic: working days, calendar days or months)."""
    from .models import NationalItem

    rule_based = Q(due_basis=NationalItem.DueBasis.RULE)
    whens = [When(rule_based & Q(issued_on=day), then=Value(rule.due_date(day)))
             for day in sorted(set(issued_dates))] if rule is not None else []
    return Case(When(due_basis=NationalItem.DueBasis.LETTER, then=F("letter_due")), *whens,
                default=Value(None), output_field=DateField())

