"""The national rank of each figure (performance.selectors._ranks, one query written out for
speed) equals counting by hand: areas with a value, how many higher, how many lower."""

import random

import pytest

from core.models import AreaPopulation
from core.services import system_actor
from core.tests.factories import AreaFactory
from performance import selectors, services

from .conftest import row


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_ranks_equal_counting_by_hand(world, indicators, seed):
    rng = random.Random(seed)
    areas = [world.objects["area"]] + [
        AreaFactory(partnership=rng.choice([world.partnership, world.other]))
        for _ in range(7)]
    for area in areas:
        AreaPopulation.objects.get_or_create(area=area, year=2023, defaults={"children": 40000})
    codes = ["LAC", "REFERRALS", "CP_PLANS", "RE_REFERRALS_PCT"]
    values: dict = {}
    for partnership in (world.partnership, world.other):
        rows = []
        for area in (a for a in areas if a.partnership_id == partnership.pk):
            for code in codes:
                for period in ("2022-23", "2023-24"):
                    if rng.random() < 0.8:
                        value = rng.choice([10, 20, 20, 30, 45])  # ties on purpose
                        values[(code, area.pk, period)] = value
                        rows.append(row(code, value, period, area=area.ons_code))
        if rows:
            services.data_return_submit(actor=system_actor(), rows=rows, method="upload",
                                        partnership=partnership, confirm_warnings=True)
    for area in areas:
        got = selectors._ranks("2023-24", area)
        want = {}
        for code in codes:
            own = values.get((code, area.pk, "2023-24"))
            if own is None:
                continue
            others = [v for (c, _, p), v in values.items() if c == code and p == "2023-24"]
            want[indicators[code].pk] = (len(others), sum(v > own for v in others),
                                         sum(v < own for v in others))
        assert got == want
