import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from core.pii import find_personal_data, nhs_check_digit_valid, validate_no_personal_data


def with_check_digit(nine: str) -> str | None:
    total = sum(int(d) * w for d, w in zip(nine, range(10, 1, -1), strict=True))
    check = (11 - total % 11) % 11
    return None if check == 10 else nine + str(check)


def test_a_valid_nhs_number_is_refused_and_a_wrong_check_digit_is_not():
    assert nhs_check_digit_valid("9434765919")
    with pytest.raises(ValidationError, match="looks like an NHS number"):
        validate_no_personal_data("Health visitor to check 943 476 5919 records")
    validate_no_personal_data("Health visitor to check 943 476 5918 records")


def test_date_of_birth_next_to_a_name_is_refused():
    assert find_personal_data("Seen with Jamie Smith (04/05/2019) at the clinic")
    assert find_personal_data("DOB: 4 May 2019")
    assert not find_personal_data("Review the neglect toolkit by 04/05/2027")


@given(st.text(alphabet="0123456789", min_size=9, max_size=9))
def test_every_number_with_its_check_digit_is_caught_and_one_digit_off_is_not(nine):
    number = with_check_digit(nine)
    if number is None:
        return
    assert find_personal_data(f"ref {number} end")
    wrong = number[:9] + str((int(number[9]) + 1) % 10)
    assert not nhs_check_digit_valid(wrong)


def test_named_texts_are_refused_naming_each_field():
    with pytest.raises(ValidationError) as refused:
        validate_no_personal_data(title="Fine", summary="Check 943 476 5919 first")
    assert set(refused.value.message_dict) == {"summary"}
    validate_no_personal_data(title="Fine", summary=None)
