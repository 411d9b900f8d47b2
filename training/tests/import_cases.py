"""The e-learning completions import for the property test of imports
(core/tests/imports.py)."""

import re
import string

from django.core.exceptions import ValidationError
from hypothesis import strategies as st

from core.models import AuditEvent
from core.tests.imports import ImportCase, junk, not_in
from training import services
from training.models import ELearningCompletion

COURSES = ["Neglect awareness", "Domestic abuse awareness"]
ORGANISATIONS = ["Alphaton Council", "Alpha Police", "Alpha Academy"]  # the world's partners
MONTHS = ["2024-01", "03/2024"]
WORDS = string.ascii_letters + " "


def _courses(world):
    from training.tests.factories import make_course

    for title in COURSES:
        make_course(world.partnership, title=title, delivery="e_learning")


def _completion_rows(world):
    """A vendor's report: each course, partner and month once; it imports cleanly."""
    return [{"course": course, "organisation": organisation, "month": month,
             "completions": str(10 * n)}
            for n, (course, organisation, month) in enumerate(
                (c, o, m) for c in COURSES for o in ORGANISATIONS for m in MONTHS)]


def _rows_named(rejected: ValidationError) -> set[int]:
    # The import names rows counting the header as row 1 ("Row 3: ..." is the second below
    # it); the property test counts from the first row below the header.
    return {int(m.group(1)) - 1 for message in rejected.messages
            if (m := re.match(r"Row (\d+):", message))}


CASES = [
    ImportCase(
        name="e-learning completions",
        setup=_courses,
        good_rows=_completion_rows,
        bad_values={
            "course": st.one_of(junk(), not_in(COURSES, alphabet=WORDS)),
            "organisation": st.one_of(junk(), not_in(ORGANISATIONS, alphabet=WORDS)),
            "month": st.one_of(junk(), st.sampled_from(
                ["2099-01", "2024-13", "13/2024", "May", "yesterday", "2024"])),
            "completions": st.one_of(junk(), st.sampled_from(["-1", "ten", "1.5", "NaN"]),
                                     st.integers(max_value=-1).map(str)),
        },
        run=lambda world, rows: services.completions_import(
            actor=world.users["business_unit"], partnership=world.partnership, rows=rows),
        models=[ELearningCompletion, AuditEvent],
        rejects=(ValidationError,),
        rows_named=_rows_named,
    ),
]
