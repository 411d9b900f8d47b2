"""The review clock: the time limits of serious incidents, rapid reviews and practice
reviews, on the one statutory clock (core.deadlines, decision 0017)."""

from __future__ import annotations

import datetime

from core.deadlines import Deadline, DeadlineKind, deadlines_from

from .models import EVENT_PHRASES, Event

SERIOUS_INCIDENT = "serious_incident"
RAPID_REVIEW = "rapid_review"
PRACTICE_REVIEW = "practice_review"


def _kind(key, label, events):
    return DeadlineKind(key=key, label=label, perm="reviews.manage_deadline_rules",
                        events={e.value: e.label for e in events},
                        phrases={e.value: EVENT_PHRASES[e] for e in events})


# The kinds of review record with time limits and the dated events each holds, so a rule
# cannot wait on a date that its record never has. Read by core (ReviewsConfig.deadline_kinds).
DEADLINE_KINDS = [
    _kind(SERIOUS_INCIDENT, "Serious incident", [Event.LA_AWARE, Event.PANEL_NOTIFIED]),
    _kind(RAPID_REVIEW, "Rapid review", [Event.PARTNERS_AWARE, Event.RAPID_REVIEW_SENT,
                                         Event.REVIEW_DECIDED]),
    _kind(PRACTICE_REVIEW, "Local child safeguarding practice review",
          [Event.REVIEW_DECIDED, Event.PUBLISHED, Event.FINAL_REPORT_SENT, Event.REMOVED]),
]
RECORD_KINDS = {"SeriousIncident": SERIOUS_INCIDENT, "RapidReview": RAPID_REVIEW,
                "PracticeReview": PRACTICE_REVIEW}


def deadlines_for(record, rules, today: datetime.date | None = None) -> list[Deadline]:
    """The deadlines of one incident, rapid review or practice review whose start event has
    happened.

    `rules` is the partnership's rule set (selectors.rules_for); `record.event_dates()`
    gives the dates each rule runs from and is met by. An event missing from its keys (not
    merely None) is one the record does not track, so rules that need it do not apply: a
    historic serious case review has no decision or final-report clock.
    """
    return deadlines_from(rules, RECORD_KINDS[type(record).__name__], record.event_dates(),
                          today=today, back_entered=record.recorded_after)


# The rule that keeps a published review on the public site (a local rule, kept as data).
PUBLIC_SITE_RULE = "public-site"


def withdrawal_date(review, rules) -> datetime.date | None:
    """The day a published review leaves the public site: the end of the public-site rule's
    period, or the day it was taken down if that came first. None until it is published."""
    if review.published_on is None:
        return None
    rule = next((r for r in rules if r.key == PUBLIC_SITE_RULE), None)
    end = rule.due_date(review.published_on) if rule is not None else None
    if review.removed_on and (end is None or review.removed_on < end):
        return review.removed_on
    return end
