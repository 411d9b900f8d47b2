"""The report's local data (issue 9, items 5, 6 and 9): one population rule, rate checks as
warnings for the business unit only, geographies beyond councils with their source, and a
table that reads like the published ones in HTML, PDF and DOCX."""

import pytest
from django.urls import reverse

from core.models import Area, AreaPopulation
from core.services import system_actor
from performance import catalogue
from performance import services as performance_services
from performance.models import Benchmark, Indicator
from reports import selectors
from reports.tests.helpers import make_report
from reports.tests.test_report_contents import texts

AREA = "E06009991"  # Alphaton, with a population for 2023 only (the world fixture)


def _send(partnership, rows):
    """Rows saved as a business unit would: warnings confirmed."""
    actor = system_actor()
    rows = [{"indicator_code": c, "area_code": a, "period": p, "value": v} for c, a, p, v in rows]
    try:
        performance_services.data_return_submit(actor=actor, rows=rows, method="upload",
                                                partnership=partnership)
    except performance_services.WarningsNeedConfirmation as pending:
        held = performance_services.data_return_hold(
            actor=actor, partnership=partnership, rows=pending.rows, warnings=pending.warnings,
            method="upload", filename="test.csv")
        performance_services.data_return_confirm(actor=actor, data_return=held)


@pytest.fixture
def year_2020(world):
    """A 2020-21 report of Alphaton, with the year before, and a police figure for the
    whole partnership."""
    performance_services.catalogue_import(actor=system_actor(), rows=catalogue.rows())
    tees = Area.objects.create(partnership=world.partnership, ons_code="ALPHA",
                               name="Alpha partnership", kind=Area.Kind.PARTNERSHIP)
    Benchmark.objects.create(indicator=Indicator.objects.get(code="RE_REFERRALS_PCT"),
                             kind=Benchmark.Kind.ENGLAND, period="2020-21", value="22.7",
                             source="DfE")
    _send(world.partnership, [
        ("CP_PLANS", AREA, "2019-20", "4400"), ("CP_PLANS", AREA, "2020-21", "4612"),
        ("CP_RATE", AREA, "2019-20", "1100"), ("CP_RATE", AREA, "2020-21", "1300"),
        ("RE_REFERRALS_PCT", AREA, "2019-20", "35.2"),
        ("RE_REFERRALS_PCT", AREA, "2020-21", "37.9"),
        ("MISSING_EPISODES", "ALPHA", "2020-21", "1204"),
    ])
    return {"report": make_report(world.partnership, year_start=2020), "tees": tees}


def test_without_an_estimate_of_the_year_or_before_no_later_one_is_used(world, year_2020):
    a = selectors.assemble(year_2020["report"], charts=False)
    alphaton = next(r for r in a.areas if r.name == "Alphaton")
    assert alphaton.population is None
    assert alphaton.text == ("Alphaton: no child population recorded for mid-2020 or an "
                             "earlier year")
    # The 2023 population is not the 2020-21 rate's: no rate check is made against it.
    assert a.rate_checks == []


def test_the_nearest_earlier_estimate_is_used_and_named_everywhere(world, year_2020):
    AreaPopulation.objects.create(area=Area.objects.get(ons_code=AREA), year=2019,
                                  children=38000)
    a = selectors.assemble(year_2020["report"], charts=False)
    alphaton = next(r for r in a.areas if r.name == "Alphaton")
    assert alphaton.text == ("Alphaton: 38,000 children aged 0 to 17 (mid-2019 estimate, the "
                             "newest before 2020)")
    # 4,612 among 38,000 is 1,213.7 per 10,000, not the published 1,300.
    assert len(a.rate_checks) == 1
    assert "mid-2019 estimate" in a.rate_checks[0]
    assert "computed, it is 1213.7" in a.rate_checks[0]
    for fmt, content in texts(a).items():
        assert "38,000 children aged 0 to 17 (mid-2019 estimate, the newest before 2020)" \
            in content, fmt
        assert "computed, it is" not in content and "Check:" not in content, fmt


def test_a_rate_check_is_a_warning_on_the_report_page_only(world, year_2020, login):
    AreaPopulation.objects.create(area=Area.objects.get(ons_code=AREA), year=2020,
                                  children=38000)
    report = year_2020["report"]
    client = login(world.users["business_unit"])
    page = client.get(reverse("reports:report_detail",
                              kwargs={"slug": "alpha", "pk": report.pk})).content.decode()
    assert "Figures to check" in page and "computed, it is 1213.7" in page
    html = client.get(reverse("reports:report_download", kwargs={
        "slug": "alpha", "pk": report.pk, "fmt": "html"})).content.decode()
    assert "1,300" in html and "computed, it is" not in html


def test_the_local_data_reads_like_a_published_table_in_every_format(world, year_2020):
    a = selectors.assemble(year_2020["report"], charts=False)
    rows = {(f.area, f.indicator): f for f in a.figures}
    plans = rows[("Alphaton", "Children subject to a child protection plan")]
    assert (plans.previous, plans.value, plans.change) == ("4,400", "4,612", "up 4.8%")
    referrals = rows[("Alphaton", "Re-referrals")]
    assert (referrals.previous, referrals.value) == ("35.2%", "37.9%")
    assert referrals.change == "up 2.7 percentage points"
    assert referrals.comparison == "England 22.7%"
    assert plans.comparison == ""
    for fmt, content in texts(a).items():
        assert "2019-20" in content and "Benchmark or rank" in content, fmt
        for text in ("4,400", "4,612", "35.2%", "37.9%", "England 22.7%"):
            assert text in content, (fmt, text)


def test_a_figure_for_the_whole_partnership_sits_in_the_data_with_its_source(world,
                                                                            year_2020):
    a = selectors.assemble(year_2020["report"], charts=False)
    missing = next(f for f in a.figures if f.indicator == "Missing episodes")
    assert missing.area == "Alpha partnership (whole partnership)"
    assert (missing.value, missing.previous, missing.source) == ("1,204", "not recorded",
                                                                 "Cleveland Police")
    # Without a population of its own it is not listed among the council areas' populations.
    assert [r.name for r in a.areas] == ["Alphaton"]
    for fmt, content in texts(a).items():
        assert "Alpha partnership (whole partnership)" in content, fmt
        assert "Source: Cleveland Police" in content, fmt


def test_a_rank_among_more_areas_than_the_partnerships_own_is_printed(world, year_2020):
    for code, value in (("E06008881", "30"), ("E06008882", "40")):
        Area.objects.create(partnership=world.other, ons_code=code, name=f"Beta {code}")
        _send(world.other, [("RE_REFERRALS_PCT", code, "2020-21", value)])
    a = selectors.assemble(year_2020["report"], charts=False)
    referrals = next(f for f in a.figures if f.indicator == "Re-referrals")
    # Lower is better: only 30 is better than 37.9.
    assert referrals.comparison == "England 22.7%; ranked 2 of 3 areas"
    for fmt, content in texts(a).items():
        assert "ranked 2 of 3 areas" in content, fmt
