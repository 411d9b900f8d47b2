"""Property tests of imports: random bad rows never cause a partial write (decision 0030).

Every import (a data return, a register, a budget, completions, populations...) is all or
nothing with its problems listed by row. `core/tests/test_import_properties.py` checks that
with hypothesis for every `ImportCase` an app lists in `<app>/tests/import_cases.py`:

    from core.tests.imports import ImportCase, junk, not_in

    CASES = [ImportCase(
        name="school register",
        good_rows=lambda world: [{"urn": "100001", "name": "Alpha Primary"}, ...],
        bad_values={"urn": not_in({"100001", ...}), "name": st.just("")},
        run=lambda world, rows: services.register_import(
            actor=world.users["business_unit"], partnership=world.partnership, rows=rows),
        models=[School],
    )]

For each example hypothesis picks some of the good rows (which together must import
cleanly), spoils one or more of them by putting a bad value in a column (a value `bad_values`
says that column must refuse) and runs the import. It must raise `rejects` (by default the
hub's DataReturnRejected), leave every row of `models` exactly as it was (compared by value,
so a half-done update is caught too, not only a changed count), and name exactly the spoiled
rows (numbered from 1, as the services number them) in its problems.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from hypothesis import strategies as st

# Values no column of any import accepts as a number, a date, a code or a name of something
# held: empty, blank, absurd, wrong types (an API sends JSON, so lists and objects too).
JUNK = st.one_of(
    st.just(""), st.just("   "), st.none(), st.just("NaN"), st.just("1e9999999"),
    st.lists(st.integers(), max_size=2), st.dictionaries(st.text(max_size=3), st.integers(),
                                                         max_size=1),
)


def junk() -> st.SearchStrategy:
    return JUNK


def not_in(held, *, alphabet=None) -> st.SearchStrategy:
    """Text that is none of `held` (compared stripped and upper-cased, as codes are)."""
    taken = {str(h).strip().upper() for h in held}
    text = st.text(alphabet=alphabet, min_size=1, max_size=20) if alphabet else st.text(
        min_size=1, max_size=20)
    return text.filter(lambda s: s.strip() and s.strip().upper() not in taken)


def problem_rows(rejected) -> set[int]:
    """The rows a rejection names: the hub's DataReturnRejected lists RowProblems."""
    return {problem.row for problem in rejected.errors}


@dataclass
class ImportCase:
    name: str
    good_rows: Callable  # world -> list of rows that import cleanly together
    bad_values: dict  # column -> strategy of values the column must refuse
    run: Callable  # (world, rows) -> the import's result; raises when it refuses
    models: list  # models the import writes: none may change when it refuses
    setup: Callable | None = None  # world -> None: records the good rows rely on
    rejects: tuple = field(default_factory=lambda: _rejected())
    rows_named: Callable = problem_rows  # the rejection -> the set of row numbers it names


def _rejected() -> tuple:
    from performance.services import DataReturnRejected

    return (DataReturnRejected,)


def snapshot(models) -> dict:
    """Every row of every model, by value."""
    return {model._meta.label: sorted(map(repr, model.objects.values_list()))
            for model in models}
