"""The statutory clock: one function turns a rule and two dates into a Deadline."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

from core import calendar

from .models import DeadlineRule


class Status:
    ON_TRACK = "on_track"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    MET = "met"
    MET_LATE = "met_late"
    ENDED_EARLY = "ended_early"  # a minimum period (e.g. time on the public site) cut short
    # History entered after the event: an open deadline is a gap in the record, not an alarm.
    NOT_RECORDED = "not_recorded"

    LABELS = {
        ON_TRACK: "On track",
        DUE_SOON: "Due soon",
        OVERDUE: "Overdue",
        MET: "Met",
        MET_LATE: "Met late",
        ENDED_EARLY: "Ended early",
        NOT_RECORDED: "Not recorded",
    }
    OPEN = {ON_TRACK, DUE_SOON, OVERDUE}


@dataclass(frozen=True)
class Deadline:
    rule: DeadlineRule
    start: datetime.date
    due: datetime.date
    met: datetime.date | None
    status: str

    @property
    def label(self) -> str:
        return Status.LABELS[self.status]

    @property
    def name(self) -> str:
        return self.rule.name

    @property
    def needs_attention(self) -> bool:
        return self.status in (Status.OVERDUE, Status.DUE_SOON)


def compute_deadline(
    rule: DeadlineRule,
    *,
    start: datetime.date,
    met: datetime.date | None = None,
    today: datetime.date | None = None,
    back_entered: bool = False,
) -> Deadline:
    """The due date and status of `rule` for a record whose start event was on `start`.

    `met` is the date of the event that meets the rule (None while it has not happened).
    For a minimum-period rule, `met` is the date the period ended. A `back_entered` record
    (recorded after the event) is never overdue or due soon.
    """
    today = today or timezone.localdate()
    due = rule.due_date(start)
    status = status_of(due, met, today, minimum_period=rule.minimum_period,
                       back_entered=back_entered)
    return Deadline(rule=rule, start=start, due=due, met=met, status=status)


def status_of(due: datetime.date, met: datetime.date | None, today: datetime.date, *,
              minimum_period: bool = False, back_entered: bool = False) -> str:
    """The status of something due on `due` and done (or, for a minimum period, ended) on
    `met`. Deadlines and practice review milestones share it. For a record entered after the
    event, a step with no date is "not recorded", whatever today is."""
    if minimum_period:
        if met is not None:
            return Status.ENDED_EARLY if met < due else Status.MET
        return Status.MET if today >= due else Status.ON_TRACK
    if met is not None:
        return Status.MET if met <= due else Status.MET_LATE
    if back_entered:
        return Status.NOT_RECORDED
    if today > due:
        return Status.OVERDUE
    if calendar.DUE_SOON.contains(due, today):
        return Status.DUE_SOON
    return Status.ON_TRACK


def deadlines_for(record, rules, today: datetime.date | None = None) -> list[Deadline]:
    """The deadlines of one incident, rapid review or practice review whose start event has
    happened.

    `rules` is the partnership's rule set (selectors.rules_for); `record.event_dates()`
    gives the dates each rule runs from and is met by. An event missing from its keys (not
    merely None) is one the record does not track, so rules that need it do not apply: a
    historic serious case review has no decision or final-report clock.
    """
    kind = {"SeriousIncident": DeadlineRule.AppliesTo.SERIOUS_INCIDENT,
            "RapidReview": DeadlineRule.AppliesTo.RAPID_REVIEW,
            "PracticeReview": DeadlineRule.AppliesTo.PRACTICE_REVIEW}[type(record).__name__]
    dates = record.event_dates()
    result = []
    for rule in rules:
        if rule.applies_to != kind or rule.met_event not in dates:
            continue
        start = dates.get(rule.start_event)
        if start is None:
            continue
        result.append(compute_deadline(rule, start=start, met=dates.get(rule.met_event),
                                       today=today, back_entered=record.recorded_after))
    return result


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
