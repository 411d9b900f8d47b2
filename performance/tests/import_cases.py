"""The performance imports for the property test of imports (core/tests/imports.py)."""

from hypothesis import strategies as st

from core import populations
from core.models import AreaPopulation
from core.services import system_actor
from core.tests.imports import ImportCase, junk, not_in
from performance import catalogue, services
from performance.models import DataReturn, Indicator, IndicatorValue

AREA = "E06009991"  # the world's area of partnership alpha
YEARS = [f"{y}-{str(y + 1)[2:]}" for y in range(2012, 2024)]


def _catalogue(world):
    services.catalogue_import(actor=system_actor(), rows=catalogue.rows())


def _return_rows(world):
    # Counts of children looked after, one a year: plausible, so no warnings either.
    return [{"indicator_code": "LAC", "area_code": AREA, "period": year, "value": str(250 + i)}
            for i, year in enumerate(YEARS)]


def _catalogue_rows(world):
    rows = [{"code": f"LOCAL_{n}", "name": f"Local measure {n}", "section": "healthy_lives",
             "topic": "mental_health", "unit": "count", "polarity": "lower"} for n in range(8)]
    return rows


def _population_rows(world):
    return [{"area_code": AREA, "year": str(year), "children": str(38000 + year)}
            for year in range(2001, 2013)]


CODES = [i[0] for i in catalogue.INDICATORS]

CASES = [
    ImportCase(
        name="data return",
        setup=_catalogue,
        good_rows=_return_rows,
        bad_values={
            # A NUL character must be named by its row, not reach PostgreSQL (found by the fuzz).
            "indicator_code": st.one_of(junk(), not_in(CODES), st.just("LAC\x00")),
            "area_code": st.one_of(junk(), not_in([AREA]), st.just(f"{AREA}\x00")),
            "period": st.one_of(junk(), st.sampled_from(["2099-00", "2012-14", "Q3", "2999-01",
                                                         "2030-31"])),
            "value": st.one_of(junk(), st.sampled_from(["-1", "ten", "1.2.3", "12%%"])),
            # The service strips a note, so trailing spaces must not bring it back under 500.
            "note": st.text(min_size=501, max_size=600).filter(lambda s: len(s.strip()) > 500),
        },
        run=lambda world, rows: services.data_return_submit(
            actor=world.users["business_unit"], rows=rows, method="api",
            partnership=world.partnership, partnership_ids={world.partnership.pk}),
        models=[DataReturn, IndicatorValue],
    ),
    ImportCase(
        name="indicator catalogue",
        setup=_catalogue,
        good_rows=_catalogue_rows,
        bad_values={
            "code": st.one_of(st.sampled_from(["", "  "]), st.text(min_size=41, max_size=50)
                              .filter(lambda s: len(s.strip()) > 40)),
            "name": st.sampled_from(["", "   "]),
            "unit": not_in([c for c, _ in Indicator.Unit.choices]
                           + [label for _, label in Indicator.Unit.choices]),
            "section": not_in([c for c, _ in Indicator.Section.choices]
                              + [label for _, label in Indicator.Section.choices]),
            "count_indicator": not_in(CODES + [f"LOCAL_{n}" for n in range(8)]),
        },
        run=lambda world, rows: services.catalogue_import(
            actor=world.users["business_unit"], rows=rows, partnership=world.partnership),
        models=[Indicator],
    ),
    ImportCase(
        name="child populations",
        good_rows=_population_rows,
        bad_values={
            "area_code": st.one_of(st.just(""), not_in([AREA])),
            "year": st.one_of(st.sampled_from(["", "1800", "3000", "twenty"]),
                              st.text(max_size=5).filter(lambda s: not s.strip().isdigit())),
            "children": st.one_of(st.sampled_from(["", "0", "-5", "many", "1.5"]),
                                  st.integers(max_value=0).map(str)),
        },
        run=lambda world, rows: populations.population_import(
            actor=world.users["business_unit"], partnership=world.partnership, rows=rows),
        models=[AreaPopulation],
    ),
]
