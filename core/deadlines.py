"""The statutory clock (decision 0017): one deadline-rule model (core.models.DeadlineRule)
for every kind of record that has time limits, and one function that turns a rule and two
dates into a Deadline.

Which records have time limits, and which dated events each holds, is declared by the app that
owns them: its AppConfig names a list of `DeadlineKind`s in `deadline_kinds` (dotted paths),
e.g. `deadline_kinds = ["reviews.clock.DEADLINE_KINDS"]`. Core reads them; it never imports the
app. A new capability (a Section 11 cycle, a training evaluation, a procedure review) adds a
kind and its default rules in a data migration; it gets the list page, the edit page, the
service and the clock with no code of its own.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from functools import cache

from django.apps import apps
from django.utils import timezone
from django.utils.module_loading import import_string

from . import calendar


@dataclass(frozen=True)
class DeadlineKind:
    """A kind of record with time limits, e.g. "rapid_review"."""

    key: str
    label: str  # "Rapid review"
    # Who may change this kind's rules; asked with the partnership.
    perm: str
    # The record's dated events: value -> label ("Rapid review sent to the Panel").
    events: dict[str, str]
    # How each event reads after "5 working days after ...": value -> phrase.
    phrases: dict[str, str] = field(default_factory=dict)

    def phrase(self, event: str) -> str:
        return self.phrases.get(event) or self.events.get(event, event).lower()


@cache
def deadline_kinds() -> dict[str, DeadlineKind]:
    """Every app's kinds, by key, in app order."""
    kinds: dict[str, DeadlineKind] = {}
    for config in apps.get_app_configs():
        for path in getattr(config, "deadline_kinds", []):
            for kind in import_string(path):
                kinds[kind.key] = kind
    return kinds


def kind_of(key: str) -> DeadlineKind | None:
    return deadline_kinds().get(key)


def kinds_managed_by(user, partnership) -> list[DeadlineKind]:
    """The kinds whose rules `user` may change in `partnership`."""
    return [k for k in deadline_kinds().values() if user.has_perm(k.perm, partnership)]


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
    rule: object  # core.models.DeadlineRule (not imported: models import this module)
    start: datetime.date
    due: datetime.date
    met: datetime.date | None
    status: str

    @property
    def label(self) -> str:
        return Status.LABELS[self.status]

    @property
    def name(self) -> str:
        return self.rule.name  # type: ignore[attr-defined]

    @property
    def needs_attention(self) -> bool:
        return self.status in (Status.OVERDUE, Status.DUE_SOON)


def compute_deadline(rule, *, start: datetime.date, met: datetime.date | None = None,
                     today: datetime.date | None = None, back_entered: bool = False) -> Deadline:
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


def deadlines_from(rules, kind: str, dates: dict, *, today: datetime.date | None = None,
                   back_entered: bool = False) -> list[Deadline]:
    """The deadlines of one record of `kind` whose dated events are `dates` (event ->
    date or None). An event missing from `dates` (not merely None) is one the record does not
    track, so rules that need it do not apply; a rule whose start event has not happened has
    no deadline yet."""
    result = []
    for rule in rules:
        if rule.applies_to != kind or rule.met_event not in dates:
            continue
        start = dates.get(rule.start_event)
        if start is None:
            continue
        result.append(compute_deadline(rule, start=start, met=dates.get(rule.met_event),
                                       today=today, back_entered=back_entered))
    return result


def status_of(due: datetime.date, met: datetime.date | None, today: datetime.date, *,
              minimum_period: bool = False, back_entered: bool = False) -> str:
    """The status of something due on `due` and done (or, for a minimum period, ended) on
    `met`. Deadlines and milestones share it. For a record entered after the event, a step
    with no date is "not recorded", whatever today is."""
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
