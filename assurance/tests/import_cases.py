"""The school register import for the property test of imports (core/tests/imports.py)."""

import string

from hypothesis import strategies as st

from assurance import services
from assurance.models import School
from core.models import Area, AuditEvent, Organisation
from core.tabular import RowsRejected
from core.tests.imports import ImportCase, not_in

LETTERS = string.ascii_letters
BLANK_OR_ABSURD = st.one_of(st.sampled_from(["", "   ", "NaN", "1e9999999", "[1]", "{}"]),
                            st.sampled_from([["111692"], {"urn": "111692"}, [], {}]))
PHASES = (School.Phase.values + School.Phase.labels + list(services.PHASE_WORDS)
          + [v.replace("_", "") for v in School.Phase.values])


def second_area(world):
    area, _ = Area.objects.get_or_create(
        ons_code="E06009992",
        defaults={"name": "Betaby", "kind": Area.Kind.COUNCIL, "partnership": world.partnership})
    return area


def register_rows(world):
    """Six fictional schools in two council areas; together they import cleanly."""
    return [
        {"urn": "900001", "name": "Seaview Primary (test)", "phase": "primary",
         "area": "Alphaton", "dsl_email": "dsl@seaview.sch.uk"},
        {"urn": "900002", "name": "Hillcrest Academy (test)", "phase": "Secondary",
         "area": "E06009991", "dsl_email": "safeguarding@hillcrest.sch.uk"},
        {"urn": "900003", "name": "Riverside Special (test)", "phase": "special",
         "area": "Betaby", "dsl_email": "DSL@Riverside.sch.uk"},
        {"urn": "900004", "name": "Moorland College (test)", "phase": "FE college",
         "area": "betaby", "dsl_email": "dsl@moorland.ac.uk"},
        {"urn": "900005", "name": "Oakfield Independent (test)", "phase": "independent",
         "area": "E06009992", "dsl_email": "dsl@oakfield.org.uk"},
        {"urn": 900006, "name": "Brookside Nursery (test)", "phase": "nursery",
         "area": " Alphaton ", "dsl_email": "head@brookside.sch.uk"},
    ]


CASES = [
    ImportCase(
        name="school register",
        setup=second_area,
        good_rows=register_rows,
        bad_values={
            "urn": st.one_of(BLANK_OR_ABSURD, st.sampled_from(
                ["12345", "1234567", "012345", "ABCDEF", "90000a", "٩٠٠٠٠١", "900 001",
                 "900001.5", "-90000"]),
                st.integers(min_value=0, max_value=99_999).map(str)),
            "name": st.one_of(st.sampled_from(["", "   ", ["A school"], {"name": "A"}]),
                              st.text(alphabet=LETTERS + " ", min_size=201, max_size=230)
                              .filter(lambda s: len(s.strip()) > 200)),
            "phase": st.one_of(BLANK_OR_ABSURD, not_in(PHASES, alphabet=LETTERS)),
            "area": st.one_of(BLANK_OR_ABSURD, not_in(
                ["Alphaton", "E06009991", "Betaby", "E06009992"], alphabet=LETTERS)),
            "dsl_email": st.one_of(BLANK_OR_ABSURD, st.sampled_from(
                ["not-an-email", "dsl@", "@school.sch.uk", "dsl at school.sch.uk",
                 "a b@school.sch.uk", "dsl@gmail.com", "lead@Hotmail.co.uk"])),
        },
        run=lambda world, rows: services.school_register_import(
            actor=world.users["business_unit"], partnership=world.partnership, rows=rows),
        models=[School, Organisation, AuditEvent],
        rejects=(RowsRejected,),
    ),
]
