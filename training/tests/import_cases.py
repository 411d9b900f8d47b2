"""The e-learning completions import for the property test of imports
(core/tests/imports.py)."""

import re
import string

from hypothesis import strategies as st

from core.models import AuditEvent
from core.tabular import RowsRejected
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
            # Not a whole number of 0 or more, including digits str.isdigit takes ("²"),
            # versions, fractions and JSON's wrong types (a true, a fraction, a list).
            "completions": st.one_of(
                junk(), st.sampled_from(["-1", "ten", "1.5", "NaN", "²", "1.0.0", "10.05",
                                         "1,2", "99999999999", "0x10", "1e3", "+5"]),
                st.sampled_from([True, 2.5, -3, [1]]),
                st.integers(max_value=-1).map(str),
                st.floats(allow_nan=True, allow_infinity=True).filter(
                    lambda f: not (f == f and f not in (float("inf"), float("-inf"))
                                   and f.is_integer() and f >= 0)),
                st.text(alphabet="0123456789²³¹٣.,-", min_size=1, max_size=8).filter(
                    lambda s: not re.fullmatch(r"(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.0+)?",
                                               s))),
        },
        run=lambda world, rows: services.completions_import(
            actor=world.users["business_unit"], partnership=world.partnership, rows=rows),
        models=[ELearningCompletion, AuditEvent],
        rejects=(RowsRejected,),
    ),
]
