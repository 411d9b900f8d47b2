"""The exceptions page and the scorecard read the newest figure of an indicator in an area
from one selector (issue 9, item 12): they cannot disagree."""

from decimal import Decimal

from django.urls import reverse

from performance import selectors, services
from performance.models import Target

from .conftest import row

QUARTERS = [("2020-21 Q1", "21.0"), ("2020-21 Q2", "21.5"), ("2020-21 Q3", "22.0"),
            ("2020-21 Q4", "21.4"), ("2021-22 Q1", "21.8"), ("2021-22 Q2", "21.9")]


def _demo_like(world, indicators, newest="21.9"):
    """As the demo's Stockton: a published yearly figure of 2020-21 (23.2, red against 20 ±
    3) and quarters that go on to 2021-22 Q2 (amber)."""
    Target.objects.create(partnership=world.partnership, indicator=indicators["RE_REFERRALS_PCT"],
                          value=20, tolerance=3)
    rows = [row("RE_REFERRALS_PCT", "23.2", "2020-21")]
    rows += [row("RE_REFERRALS_PCT", value, period) for period, value in QUARTERS[:-1]]
    rows += [row("RE_REFERRALS_PCT", newest, QUARTERS[-1][0]), row("LAC", "300", "2019-20")]
    services.data_return_submit(actor=world.users["business_unit"], rows=rows, method="upload",
                                partnership=world.partnership)


def _card(world):
    return selectors.scorecard(partnership=world.partnership, area=world.objects["area"])


def test_an_older_red_yearly_figure_is_not_proposed_when_the_newest_is_amber(world, indicators):
    _demo_like(world, indicators)
    card = _card(world)
    assert card.period == "2021-22 Q2"
    shown = next(f for f in card.figures if f.indicator.code == "RE_REFERRALS_PCT")
    assert (shown.value, shown.rag) == (Decimal("21.9"), "amber")
    proposals = selectors.exception_proposals(partnership=world.partnership)
    assert not [p for p in proposals if p.indicator.code == "RE_REFERRALS_PCT"]


def test_a_red_newest_figure_is_proposed_exactly_as_the_scorecard_shows_it(world, indicators):
    _demo_like(world, indicators, newest="30")
    card = _card(world)
    shown = {(f.indicator.code, f.period): f for f in card.figures + card.older}
    proposals = selectors.exception_proposals(partnership=world.partnership)
    proposed = next(p for p in proposals if p.indicator.code == "RE_REFERRALS_PCT")
    assert (proposed.period, proposed.value, proposed.rag) == ("2021-22 Q2", Decimal(30), "red")
    same = shown[("RE_REFERRALS_PCT", "2021-22 Q2")]
    assert (same.value, same.rag, same.reasons) == (proposed.value, proposed.rag,
                                                      proposed.reasons)


def test_every_proposal_is_the_figure_the_scorecard_shows_for_its_indicator(world, indicators):
    _demo_like(world, indicators, newest="30")
    card = _card(world)
    newest = {f.indicator.code: f for f in card.figures + card.older}
    for p in selectors.exception_proposals(partnership=world.partnership):
        assert newest[p.indicator.code].period == p.period
        assert newest[p.indicator.code].value == p.value


def test_an_indicator_without_a_figure_in_the_newest_period_shows_its_own_newest(world,
                                                                                 indicators):
    _demo_like(world, indicators)
    card = _card(world)
    assert [(f.indicator.code, f.period) for f in card.older] == [("LAC", "2019-20")]
    assert "LAC" not in {f.indicator.code for f in card.figures}


def test_the_two_pages_agree_on_the_demo_like_case(world, indicators, login):
    _demo_like(world, indicators)
    client = login(world.users["business_unit"])
    slug = world.partnership.slug
    scorecard = client.get(reverse("performance:scorecard", kwargs={"slug": slug})).content.decode()
    exceptions = client.get(reverse("performance:exceptions",
                                    kwargs={"slug": slug})).content.decode()
    assert "21.9" in scorecard and "Amber" in scorecard
    assert "23.2" not in exceptions and "2020-21" not in exceptions
