"""Random bad rows never cause a partial write, and the problems name the rows, for every
import an app lists in its tests/import_cases.py (see core/tests/imports.py)."""

import importlib

import pytest
from django.apps import apps
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .imports import snapshot


def _cases():
    cases = []
    for config in apps.get_app_configs():
        try:
            module = importlib.import_module(f"{config.name}.tests.import_cases")
        except ModuleNotFoundError:
            continue
        cases.extend(module.CASES)
    return cases


CASES = _cases()


def test_the_imports_are_listed():
    names = {case.name for case in CASES}
    assert {"data return", "indicator catalogue", "child populations", "budget",
            "communication", "e-learning completions", "school register"} <= names


@st.composite
def spoiled(draw, good, bad_values):
    """Some of the good rows, in any order, with one or more spoiled by a bad value."""
    picked = draw(st.lists(st.sampled_from(range(len(good))), min_size=1,
                           max_size=min(len(good), 8), unique=True))
    rows = [dict(good[i]) for i in picked]
    spoil = draw(st.lists(st.sampled_from(range(len(rows))), min_size=1, unique=True))
    for index in spoil:
        column = draw(st.sampled_from(sorted(bad_values)))
        rows[index][column] = draw(bad_values[column])
    return rows, {index + 1 for index in spoil}


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_bad_rows_save_nothing_and_are_named(case, world):
    if case.setup:
        case.setup(world)
    good = case.good_rows(world)
    before = snapshot(case.models)
    tried = {"imports": 0, "bad rows": 0}

    @settings(max_examples=40, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(data=spoiled(good, case.bad_values))
    def check(data):
        rows, bad = data
        tried["imports"] += 1
        tried["bad rows"] += len(bad)
        with pytest.raises(case.rejects) as rejected:
            case.run(world, rows)
        assert snapshot(case.models) == before, f"{case.name}: a refused import wrote"
        assert case.rows_named(rejected.value) == bad, (
            f"{case.name}: problems name rows {sorted(case.rows_named(rejected.value))}, "
            f"the bad rows are {sorted(bad)}")

    check()
    print(f"\n{case.name}: {tried['imports']} imports refused, {tried['bad rows']} bad rows "
          "named, 0 rows written")  # the figures, seen with -s
    # The good rows themselves import: the property is about the bad ones.
    case.run(world, good)
    assert snapshot(case.models) != before
