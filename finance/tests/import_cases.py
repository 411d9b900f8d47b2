"""The budget import for the property test of imports (core/tests/imports.py)."""

import string

from hypothesis import strategies as st

from core.models import AuditEvent
from core.tabular import RowsRejected
from core.tests.imports import ImportCase, junk, not_in
from finance import services
from finance.models import FinanceLine, FinanceYear

K, C = FinanceLine.Kind, FinanceLine.Category
PARTNERS = ["Alphaton Council", "Alpha Police", "Alpha Academy"]  # the world's partners
WORDS = string.ascii_letters  # no spaces, hyphens or underscores: never a label in disguise


def _year(world):
    from finance.tests.factories import make_year

    make_year(world.partnership, lines=False)


def _budget_rows(world):
    """A year's lines of every kind; together they import cleanly."""
    rows = [{"kind": "contribution", "partner": name, "amount": f"{(n + 1) * 10000}",
             "received": "5000", "received_on": "31/05/2023"}
            for n, name in enumerate(PARTNERS)]
    rows += [{"kind": "Other income", "line": "Training fees", "amount": "£1,250.50"},
             {"kind": "expenditure", "category": "staffing", "line": "Business manager",
              "amount": "42000"},
             {"kind": "Expenditure", "category": "Multi-agency training and events",
              "line": "Conference", "amount": "3000"},
             {"kind": "in kind", "line": "Venue for the conference",
              "partner": "Alpha Academy"},
             {"kind": "in_kind", "line": "Minute taking", "amount": "800"}]
    return rows


def _run(world, rows):
    record = FinanceYear.objects.get(partnership=world.partnership, year_start=2023)
    return services.budget_import(actor=world.users["business_unit"], record=record, rows=rows)


# A value that no line of any kind accepts (a blank category, partner, amount... is right
# for some kinds, so blanks are bad only where every kind needs the column).
NOT_A_NUMBER = st.sampled_from(["NaN", "Infinity", "1e9999999", "ten", "1.2.3", "12.345",
                                "-5", "--5", "1234567890123", "²"])
CASES = [
    ImportCase(
        name="budget",
        setup=_year,
        good_rows=_budget_rows,
        bad_values={
            "kind": st.one_of(junk(), not_in(K.values + K.labels + ["in kind", "other income"],
                                             alphabet=WORDS)),
            "category": st.one_of(
                st.sampled_from(["NaN", "1e9999999", "spending"]),
                st.lists(st.integers(), min_size=1, max_size=2),
                not_in(C.values + C.labels, alphabet=WORDS)),
            "line": st.text(alphabet=WORDS, min_size=201, max_size=240),
            "partner": st.one_of(st.sampled_from(["NaN", "Beta Council"]),
                                 not_in(PARTNERS, alphabet=WORDS + " ")),
            "amount": st.one_of(NOT_A_NUMBER, st.integers(max_value=-1).map(str),
                                st.lists(st.integers(), max_size=2)),
            "received": st.one_of(NOT_A_NUMBER, st.integers(max_value=-1).map(str)),
            "received_on": st.one_of(
                st.sampled_from(["31/02/2024", "2024-13-01", "yesterday", "NaN", "1e9999999",
                                 "05/31/2024"]),
                st.lists(st.integers(), min_size=1, max_size=2)),
        },
        run=_run,
        models=[FinanceLine, AuditEvent],
        rejects=(RowsRejected,),
    ),
]
