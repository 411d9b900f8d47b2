"""The SMART check on a recommendation, in one place so the page can explain it.

The assessor records yes or no for each letter. Judgement alone is enough for achievable and
relevant; the other three also need the record to hold what makes them true, because a
recommendation that names no lead, no measure or no date cannot be followed up:

- Specific: judged specific, and a lead organisation is named (who will do it).
- Measurable: judged measurable, and a measure says how success will be known.
- Achievable: judged achievable.
- Relevant: judged relevant to the finding.
- Time-bound: judged time-bound, and a target date is set.
"""

from __future__ import annotations

LETTERS = [
    ("specific", "Specific", "lead_organisation", "name the organisation that leads it"),
    ("measurable", "Measurable", "measure", "say how success will be measured"),
    ("achievable", "Achievable", None, ""),
    ("relevant", "Relevant", None, ""),
    ("time_bound", "Time-bound", "target_date", "set a target date"),
]


def gaps(rec) -> list[str]:
    """What stops the recommendation being SMART, one sentence per letter; empty if SMART."""
    missing = []
    for flag, label, needs, needs_text in LETTERS:
        judged = bool(getattr(rec, flag))
        has = needs is None or bool(getattr(rec, needs if needs != "lead_organisation"
                                            else "lead_organisation_id"))
        if not judged and not has:
            missing.append(f"{label}: not judged {label.lower()}, and it needs you to "
                           f"{needs_text}.")
        elif not judged:
            missing.append(f"{label}: the assessor has not judged it {label.lower()}.")
        elif not has:
            missing.append(f"{label}: {needs_text}.")
    return missing


def is_smart(rec) -> bool:
    return not gaps(rec)
