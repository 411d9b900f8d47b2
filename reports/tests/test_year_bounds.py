"""Every count in the report is bounded by the reporting year (1 April to 31 March), states
its rule beside the figure, and is tested at both ends of the year."""

import datetime

import pytest
from django.utils import timezone

from governance.models import Meeting
from learning.models import Action, Source
from learning.tests.factories import make_source
from reports import selectors
from reports.tests.helpers import make_report
from reports.tests.test_report_contents import texts
from reviews.models import PracticeReview
from reviews.tests.factories import make_incident, make_practice_review, make_rapid_review

D = datetime.date
BEFORE, FIRST, LAST, AFTER = D(2020, 3, 31), D(2020, 4, 1), D(2021, 3, 31), D(2021, 4, 1)
EDGES = [(BEFORE, 0), (FIRST, 1), (LAST, 1), (AFTER, 0)]
_n = iter(range(10_000))


def _rapid(world, on, **data):
    incident = make_incident(world.partnership, reference=f"Child {next(_n)}", la_aware_on=on)
    return make_rapid_review(incident, partners_aware_on=on, **data)


def _review(world, decided_on=FIRST, **dates):
    review = make_practice_review(world.partnership, pseudonym=f"Review {next(_n)}",
                                  decided_on=decided_on)
    PracticeReview.objects.filter(pk=review.pk).update(**dates)
    return review


def _action(world, *, due, completed_on=None, kind=Source.Kind.PRACTICE_REVIEW):
    source = make_source(world.partnership, kind=kind, title=f"Source {next(_n)}")
    done = completed_on is not None
    return Action.objects.create(
        partnership=world.partnership, source=source, title="Fictional action", due_date=due,
        completed_on=completed_on,
        status=Action.Status.COMPLETED if done else Action.Status.IN_PROGRESS)


def _meeting(world, on):
    start = timezone.make_aware(datetime.datetime(on.year, on.month, on.day, 10))
    Meeting.objects.create(group=world.groups["executive"], title="Executive", starts_at=start,
                           ends_at=start + datetime.timedelta(hours=2),
                           status=Meeting.Status.HELD)


# key -> (make a record dated `on`, [(date, expected count)])
CASES = {
    "rapid_reviews": (lambda w, on: _rapid(w, on), EDGES),
    "local_reviews_decided": (lambda w, on: _rapid(w, on, local_review=True, decided_on=on),
                              EDGES),
    "practice_reviews_started": (lambda w, on: _review(w, decided_on=on), EDGES),
    # Started on 1 April; signed off on the date: by 31 March counts, 1 April does not.
    "practice_reviews_completed": (lambda w, on: _review(w, signed_off_on=on),
                                   [(FIRST, 1), (LAST, 1), (AFTER, 0)]),
    "practice_reviews_published": (
        lambda w, on: _review(w, decided_on=D(2019, 5, 1), signed_off_on=D(2019, 12, 1),
                              published_on=on), EDGES),
    "briefings": (lambda w, on: _review(w, decided_on=D(2019, 5, 1),
                                        signed_off_on=D(2019, 12, 1), published_on=on,
                                        briefing_url="https://example.org/briefing"), EDGES),
    # Due on the date and still open: an action due after the year is not the year's.
    "review_actions": (lambda w, on: _action(w, due=on),
                       [(FIRST, 1), (LAST, 1), (AFTER, 0)]),
    "review_actions_done": (lambda w, on: _action(w, due=D(2019, 6, 1), completed_on=on),
                            EDGES),
    "actions_completed": (lambda w, on: _action(w, due=on, completed_on=on,
                                                kind=Source.Kind.AUDIT), EDGES),
    "actions_overdue": (lambda w, on: _action(w, due=on, kind=Source.Kind.AUDIT), EDGES),
    "meetings_held": (_meeting, EDGES),
}


@pytest.mark.parametrize("key,on,expected",
                         [(key, on, n) for key, (_, edges) in CASES.items()
                          for on, n in edges])
def test_each_count_is_bounded_by_the_reporting_year(world, key, on, expected):
    report = make_report(world.partnership, 2020)
    CASES[key][0](world, on)
    figures = {h.key: h.value for h in selectors.assemble(
        report, charts=False, today=D(2021, 9, 1)).headlines}
    assert figures[key] == expected


@pytest.mark.parametrize("completed_on,counted", [
    (BEFORE, False), (FIRST, True), (LAST, True), (AFTER, True)])
def test_a_review_action_from_an_earlier_year_counts_while_it_was_open(world, completed_on,
                                                                      counted):
    """Due in 2019: in the plan if still open on 1 April 2020, whenever it was finished."""
    report = make_report(world.partnership, 2020)
    _action(world, due=D(2019, 6, 1), completed_on=completed_on)
    reviews = selectors.assemble(report, charts=False).reviews
    assert reviews.review_actions == int(counted)


def test_actions_due_years_later_neither_count_nor_meet_the_checklist(world):
    report = make_report(world.partnership, 2020)
    _action(world, due=D(2024, 6, 1))
    _action(world, due=D(2025, 6, 1), completed_on=D(2025, 5, 1))
    a = selectors.assemble(report, charts=False)
    assert (a.reviews.review_actions, a.reviews.review_actions_done) == (0, 0)
    assert not next(c for c in a.checklist if c.item.test == "reviews").met


def test_each_figure_states_its_rule_beside_it_in_every_format(world):
    report = make_report(world.partnership, 2020)
    a = selectors.assemble(report, charts=False, today=D(2021, 9, 1))
    assert all(h.rule for h in a.headlines)
    rule = ("Actions from case reviews due by 31 March 2021 and still open on 1 April 2020, "
            "or finished from 1 April 2020 to 31 March 2021")
    assert a.headline("review_actions").rule == rule
    for fmt, content in texts(a).items():
        assert rule in content, fmt
        assert ("Rapid reviews of incidents the partners became aware of from 1 April 2020 "
                "to 31 March 2021") in content, fmt
