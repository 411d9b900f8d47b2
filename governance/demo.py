"""Demo procedures register: the Tees procedures both partnerships share, with the
threshold document, their versions and what changed in each (from the seeds' accounts of
procedure work; version numbers and dates are illustrative). Idempotent: keyed on titles
and version numbers.
"""

from __future__ import annotations

import datetime

from core.demo.loader import upsert
from core.models import Partnership

from .models import Group, Procedure, ProcedureVersion

D = datetime.date
K = Procedure.Kind

# title, kind, link, versions (number, adopted on, what changed), next review due
PROCEDURES = [
    ("Concealed and denied pregnancy", K.PROCEDURE,
     "https://teesprocedures.example/concealed-pregnancy",
     [("1.0", D(2020, 6, 15),
       "New procedure from the Eve serious case review's recommendations.")],
     D(2023, 6, 15)),
    ("Children returning home", K.PROCEDURE,
     "https://teesprocedures.example/children-returning-home",
     [("1.0", D(2019, 4, 1), "First Tees-wide version."),
      ("1.1", D(2021, 1, 20), "Reviewed with the assessment guidance.")],
     D(2024, 1, 20)),
    ("Tees children's threshold of need", K.THRESHOLD,
     "https://teesprocedures.example/threshold-of-need",
     [("2.0", D(2024, 1, 17), "Adopted by all four Tees local authorities.")],
     D(2027, 1, 17)),
]


def load() -> None:
    partnerships = list(Partnership.objects.filter(slug__in=["hsscp", "stscp"]))
    group = Group.objects.filter(name="Tees Procedures Group").first()
    for title, kind, url, versions, next_due in PROCEDURES:
        number, adopted, _ = versions[-1]
        procedure = upsert(Procedure, {"title": title}, {
            "kind": kind, "url": url, "owner_group": group, "current_version": number,
            "last_reviewed_on": adopted, "next_review_due": next_due, "published": True})
        procedure.partnerships.add(*partnerships)
        for number, adopted, changed in versions:
            upsert(ProcedureVersion, {"procedure": procedure, "number": number},
                   {"adopted_on": adopted, "what_changed": changed})
