"""Deadline rules and the one function that turns them into a Deadline."""

import datetime

import pytest

from core.calendar import DUE_SOON
from core.deadlines import Status, compute_deadline
from core.models import DeadlineRule
from reviews.models import Event
from reviews.selectors import rules_for

D = datetime.date


def rule(count, unit="working_days", direction="after", minimum_period=False):
    return DeadlineRule(key="test", name="Test rule", legal_basis="Test", count=count,
                        unit=unit, direction=direction, start_event=Event.LA_AWARE,
                        met_event=Event.PANEL_NOTIFIED, applies_to="serious_incident",
                        minimum_period=minimum_period)


FIFTEEN = rule(15)  # from Mon 20 Dec 2021 the due date is Thu 13 Jan 2022
START = D(2021, 12, 20)


@pytest.mark.parametrize(
    ("today", "met", "status"),
    [
        (D(2021, 12, 21), None, Status.ON_TRACK),
        (D(2022, 1, 5), None, Status.ON_TRACK),  # 6 working days left
        (D(2022, 1, 6), None, Status.DUE_SOON),  # 5 working days left
        (D(2022, 1, 13), None, Status.DUE_SOON),  # due today
        (D(2022, 1, 14), None, Status.OVERDUE),
        (D(2022, 3, 1), D(2022, 1, 13), Status.MET),  # on the due date
        (D(2022, 3, 1), D(2021, 12, 22), Status.MET),
        (D(2022, 3, 1), D(2022, 1, 14), Status.MET_LATE),
    ],
)
def test_statuses(today, met, status):
    deadline = compute_deadline(FIFTEEN, start=START, met=met, today=today)
    assert deadline.due == D(2022, 1, 13)
    assert deadline.status == status
    assert deadline.label == Status.LABELS[status]


def test_due_soon_window_is_in_working_days():
    assert (DUE_SOON.count, DUE_SOON.unit) == (5, "working_days")
    # Over Christmas 2021 eight calendar days hold only four working days.
    deadline = compute_deadline(rule(5), start=D(2021, 12, 22), today=D(2021, 12, 22))
    assert deadline.due == D(2021, 12, 31)
    assert deadline.status == Status.DUE_SOON


def test_working_days_before_an_event():
    final_report = rule(7, direction="before")
    assert final_report.due_date(D(2023, 1, 10)) == D(2022, 12, 29)
    sent = compute_deadline(final_report, start=D(2023, 1, 10), met=D(2022, 12, 30),
                            today=D(2023, 1, 10))
    assert sent.status == Status.MET_LATE


def test_months_and_calendar_days():
    assert rule(6, unit="months").due_date(D(2021, 8, 31)) == D(2022, 2, 28)
    assert rule(10, unit="calendar_days").due_date(D(2021, 12, 24)) == D(2022, 1, 3)


def test_minimum_period_on_the_public_site():
    kept = rule(12, unit="months", minimum_period=True)
    published = D(2023, 3, 1)
    assert compute_deadline(kept, start=published, today=D(2023, 6, 1)).status == Status.ON_TRACK
    assert compute_deadline(kept, start=published, today=D(2024, 3, 1)).status == Status.MET
    early = compute_deadline(kept, start=published, met=D(2023, 12, 1), today=D(2024, 1, 1))
    assert early.status == Status.ENDED_EARLY


@pytest.mark.django_db
def test_defaults_are_seeded_by_the_migration():
    rules = {r.key: r for r in DeadlineRule.objects.filter(partnership=None)}
    assert (rules["notify-panel"].count, rules["notify-panel"].unit) == (5, "working_days")
    assert (rules["rapid-review"].count, rules["rapid-review"].unit) == (15, "working_days")
    assert (rules["lcspr-published"].count, rules["lcspr-published"].unit) == (6, "months")
    assert (rules["final-report-sent"].count, rules["final-report-sent"].direction) == (
        7, "before")
    assert rules["public-site"].minimum_period and rules["public-site"].count == 12
    assert all(r.legal_basis and r.source_note for r in rules.values())
    for seeded in rules.values():
        seeded.full_clean()


def test_a_partnership_edit_overrides_the_default_for_that_partnership_only(world):
    default = DeadlineRule.objects.get(key="rapid-review", partnership=None)
    DeadlineRule.objects.create(**{
        f.name: getattr(default, f.name) for f in DeadlineRule._meta.concrete_fields
        if f.name not in {"id", "partnership", "created_at", "updated_at", "count"}
    }, partnership=world.partnership, count=10)
    alpha = {r.key: r for r in rules_for(world.partnership)}
    beta = {r.key: r for r in rules_for(world.other)}
    assert alpha["rapid-review"].count == 10
    assert beta["rapid-review"].count == 15
    assert len(alpha) == len(beta) == 5


def test_a_rule_must_use_events_its_record_has():
    from django.core.exceptions import ValidationError

    bad = rule(5)
    bad.met_event = Event.PUBLISHED
    with pytest.raises(ValidationError) as error:
        bad.clean()
    assert "has no date" in str(error.value)
    same = rule(5)
    same.met_event = Event.LA_AWARE
    with pytest.raises(ValidationError, match="must differ"):
        same.clean()


@pytest.mark.django_db
def test_rules_read_as_sentences():
    described = {r.key: r.describe for r in DeadlineRule.objects.filter(partnership=None)}
    assert described["notify-panel"] == "5 working days after the local authority became aware"
    assert described["final-report-sent"] == "7 working days before publication"
    assert described["lcspr-published"] == "6 months after the decision to hold a local review"
