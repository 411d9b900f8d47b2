"""Personal data guard: free text outside restricted records must not identify a child.

Flags an NHS number (10 digits whose last is a valid modulus 11 check digit, optionally
written 3-3-4) and a date of birth written next to a name. Ten digits with a wrong check
digit are not an NHS number, so they pass (a phone number, a case reference).
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError

NHS_CANDIDATE = re.compile(r"(?<!\d)(\d{3})[ -]?(\d{3})[ -]?(\d{4})(?!\d)")
DATE = r"(\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{1,2}(?:st|nd|rd|th)? (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]* \d{4})"
DOB_WORDS = re.compile(rf"\b(?:dob|d\.o\.b\.?|date of birth|born(?: on)?)\s*:?\s*{DATE}", re.I)
# "Firstname Surname (12/03/2015)" or "Firstname Surname, 12/03/2015"
NAME_THEN_DATE = re.compile(rf"\b[A-Z][a-z]+ [A-Z][a-z]+\s*[,(]\s*{DATE}", re.I * 0)


def nhs_check_digit_valid(digits: str) -> bool:
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


def find_personal_data(text: str) -> list[str]:
    """Reasons the text looks like it identifies a child; empty when it does not."""
    reasons = []
    for match in NHS_CANDIDATE.finditer(text or ""):
        if nhs_check_digit_valid("".join(match.groups())):
            reasons.append(
                f"“{match.group(0)}” looks like an NHS number. Remove it: records outside a "
                "restricted case review must not identify a child."
            )
    if DOB_WORDS.search(text or "") or NAME_THEN_DATE.search(text or ""):
        reasons.append(
            "The text gives a date of birth next to a name. Remove it and use the child's "
            "pseudonym (for example “Child T”) instead."
        )
    return reasons


def personal_data_errors(**texts: str | None) -> dict[str, list[str]]:
    """The reasons for each named text that looks like it identifies a child; the one check
    services run on free text outside restricted records."""
    return {name: reasons for name, text in texts.items()
            if (reasons := find_personal_data(text or ""))}


def validate_no_personal_data(text: str | None = None, /, **texts: str | None) -> None:
    """Refuse the whole write if any text identifies a child: one text gives a plain error,
    named texts (`summary=...`) an error naming each field, so nothing is saved."""
    if text is not None:
        if reasons := find_personal_data(text):
            raise ValidationError(reasons)
    if errors := personal_data_errors(**texts):
        raise ValidationError(errors)
