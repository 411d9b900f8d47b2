"""core.tabular.whole_number: the one parser of counts in imports (training's e-learning
completions and business's communication reach)."""

import pytest

from core.tabular import MAX_WHOLE, whole_number


@pytest.mark.parametrize("value, expected", [
    ("0", 0), ("42", 42), (" 1,200 ", 1200), ("10.0", 10), (7, 7), (3.0, 3),
    (str(MAX_WHOLE), MAX_WHOLE),
])
def test_a_count_is_read(value, expected):
    assert whole_number(value) == expected


@pytest.mark.parametrize("value", [
    "", "-4", "ten", "1.5", "1e3", "NaN", "²", "٣", "1,2", "1.0.0", "+5", "0x10",
    str(MAX_WHOLE + 1), True, -3, 2.5, float("nan"), float("inf"), [1], {"n": 1}, None,
])
def test_anything_else_is_not_a_count(value):
    assert whole_number(value) is None
