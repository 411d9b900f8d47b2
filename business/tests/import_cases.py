"""The communication import for the property test of imports (core/tests/imports.py)."""

import re
import string

from hypothesis import strategies as st

from business import services
from business.models import CommunicationItem
from core.models import AuditEvent
from core.tabular import RowsRejected
from core.tests.imports import ImportCase, not_in

KINDS = CommunicationItem.Kind
AUDIENCES = CommunicationItem.Audience
MEASURES = CommunicationItem.Measure
WORDS = string.ascii_letters
# Blank, absurd or the wrong thing; cells are text from a file, but rows may come from a
# caller's JSON too, so lists and objects are in as well.
BLANK_OR_ABSURD = st.one_of(st.sampled_from(["", "   ", "NaN", "1e9999999", "[1]", "{}"]),
                            st.sampled_from([["newsletter"], {"kind": "forum"}, [], {}]))


def _communication_rows(world):
    """A year of newsletters, forums and website reach; together they import cleanly."""
    rows = [{"kind": "newsletter", "title": f"Newsletter {month}", "date": f"2021-{month:02d}-28",
             "audience": "partners", "reach": str(100 + month), "measure": "sent_to"}
            for month in range(1, 6)]
    rows += [{"kind": "Forum", "title": "DSL forum", "date": "2021-02-01", "audience": "Schools",
              "reach": "45", "measure": "attended"},
             {"kind": "website", "title": "Website, spring", "date": "2021-03-31",
              "audience": "the public", "reach": "1,200", "measure": "Page views"},
             {"kind": "briefing", "title": "Learning briefing", "date": "2021-04-15",
              "audience": "practitioners"}]
    return rows


CASES = [
    ImportCase(
        name="communication",
        good_rows=_communication_rows,
        bad_values={
            "kind": st.one_of(BLANK_OR_ABSURD, not_in(KINDS.values + KINDS.labels,
                                                      alphabet=WORDS)),
            "title": st.one_of(st.sampled_from(["", "   ", ["A title"], {"title": "A"}]),
                               st.text(alphabet=WORDS + " ", min_size=251, max_size=280)
                               .filter(lambda s: len(s.strip()) > 250)),
            "date": st.one_of(BLANK_OR_ABSURD, st.sampled_from(
                ["31/03/2021", "2021-02-30", "2021-13-01", "yesterday", "March 2021"])),
            "audience": st.one_of(BLANK_OR_ABSURD, not_in(AUDIENCES.values + AUDIENCES.labels,
                                                          alphabet=WORDS)),
            # No theme in the hub's list starts with "zz".
            "theme": st.one_of(st.from_regex(r"zz[a-z]{1,12}", fullmatch=True),
                               st.sampled_from([["Neglect"], {"name": "Neglect"}])),
            # Digits str.isdigit takes ("²", "٣") are not a reach, nor is more than the
            # database holds (core.tabular.whole_number; "10.0" from a spreadsheet is 10).
            "reach": st.one_of(st.sampled_from(["-4", "ten", "1.5", "1e3", "NaN", "[1]", "²",
                                                "1²", "٣", "1.0.0", "1,2", "99999999999",
                                                [1], {"n": 1}]),
                               st.integers(max_value=-1).map(str),
                               st.text(alphabet="0123456789²³¹٣.,-", min_size=1, max_size=8)
                               .filter(lambda s: not re.fullmatch(
                                   r"(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.0+)?",
                                   s.strip()))),
            "measure": st.one_of(st.sampled_from(["NaN", "1e9999999", "[1]", ["sent_to"], {}]),
                                 not_in(MEASURES.values + MEASURES.labels, alphabet=WORDS)),
        },
        run=lambda world, rows: services.communication_import(
            actor=world.users["business_unit"], partnership=world.partnership, rows=rows),
        models=[CommunicationItem, AuditEvent],
        rejects=(RowsRejected,),
    ),
]
