"""Demo procedures for the public site: the Tees procedures both partnerships share.

Loaded through PublicConfig.demo_loader (public sits above reports in the layers, so reports'
demo no longer writes public rows). Idempotent: keyed on the title.
"""

from __future__ import annotations

import datetime

from core.demo.loader import upsert
from core.models import Partnership
from governance.models import Group

from .models import Procedure

D = datetime.date

PROCEDURES = [
    ("Concealed and denied pregnancy", "Tees Procedures Group",
     "https://teesprocedures.example/concealed-pregnancy", D(2020, 6, 15),
     "New procedure from the Eve serious case review's recommendations."),
    ("Children returning home", "Tees Procedures Group",
     "https://teesprocedures.example/children-returning-home", D(2021, 1, 20),
     "Reviewed with the assessment guidance."),
    ("Tees children's threshold of need", "Tees Procedures Group",
     "https://teesprocedures.example/threshold-of-need", D(2024, 1, 17),
     "Adopted by all four Tees local authorities."),
]


def load() -> None:
    partnerships = list(Partnership.objects.filter(slug__in=["hsscp", "stscp"]))
    for title, group_name, url, reviewed, changed in PROCEDURES:
        procedure = upsert(Procedure, {"title": title}, {
            "url": url, "owner_group": Group.objects.filter(name=group_name).first(),
            "last_reviewed_on": reviewed,
            "next_review_due": reviewed.replace(year=reviewed.year + 3),
            "what_changed": changed, "published": True})
        procedure.partnerships.add(*partnerships)
