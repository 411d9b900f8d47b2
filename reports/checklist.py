"""The statutory contents checklist: each item, kept as data in ChecklistItem with the
edition of Working Together it comes from, is met or missing for an assembled report, with
where to fix it. A report is checked against the guidance in force for its year."""

from __future__ import annotations

from dataclasses import dataclass

from core.deadlines import Status
from core.templatetags.hub import count_noun

from .models import ActivityItem, ChecklistItem, NarrativeBlock, guidance_for


@dataclass
class Check:
    item: ChecklistItem
    met: bool
    detail: str
    fix: str  # the report page a user goes to: a url name in the reports namespace
    fix_label: str
    fix_kwargs: dict

    @property
    def key(self) -> str:
        return self.item.key


def _block(a, kind):
    block = a.block(kind)
    return block is not None and block.has_text and block.is_approved


def _impact(a):
    impacts = [r for rows in a.activity_by_kind.values() for r in rows if r.impact.strip()]
    training = [r for r in a.activity(ActivityItem.Kind.TRAINING) if r.impact.strip()]
    priorities = [p for p in a.priorities if p.impact.strip()]
    # The national panel found most reports said nothing of impact: a priority of the year
    # with nothing recorded under its impact keeps the item missing, named.
    silent = [p for p in a.priorities if not p.impact.strip()]
    met = bool(impacts or priorities) and bool(training) and not silent
    detail = (f"{count_noun(impacts, 'activity')} and {count_noun(priorities, 'priority')} "
              f"record their impact; {count_noun(training, 'training activity')} "
              f"record{'s' if len(training) == 1 else ''} theirs.")
    if not training:
        detail += " The report needs the impact of training."
    if silent:
        detail += (" No impact is recorded for "
                   + "; ".join(f"priority {a.priorities.index(p) + 1}, “{p.title}”"
                               for p in silent) + ".")
        return met, detail, "report_detail", "Record each priority's impact"
    return met, detail, "activity_add", "Add activity with its impact"


def _little_progress(a):
    flagged = [p for p in a.priorities if p.little_progress]
    written = _block(a, NarrativeBlock.Kind.LITTLE_PROGRESS)
    met = written or bool(flagged and all(p.next_steps.strip() for p in flagged))
    detail = (f"{count_noun(flagged, 'priority')} flagged with little or no progress; the "
              "analysis "
              f"{'is written and approved' if written else 'is not written and approved'}.")
    return met, detail, "block_edit", "Write the analysis"


def _reviews(a):
    r = a.reviews
    told = [row for row in a.activity(ActivityItem.Kind.REVIEW) if row.impact.strip()]
    active = r.rapid_reviews + r.started + r.published
    met = bool(told) or (r.review_actions > 0)
    detail = (f"{count_noun(r.review_actions, 'action')} from case reviews in the year's plan "
              f"({r.review_actions_done} completed in the year); "
              f"{count_noun(told, 'review learning activity')} "
              f"record{'s' if len(told) == 1 else ''} {'its' if len(told) == 1 else 'their'} "
              "improvements.")
    if not active and not met:
        detail = ("No reviews in the year and no review learning recorded: say what was done "
                  "on national reviews' recommendations.")
    return met, detail, "activity_add", "Add review learning and its improvements"


def _voice(a):
    rows = [r for r in a.activity(ActivityItem.Kind.VOICE) if r.impact.strip()]
    # "You said, we did" records that may be published (consent recorded) count too.
    rows += a.business.voice_with_change if a.business is not None else []
    written = _block(a, NarrativeBlock.Kind.VOICE)
    return (bool(rows) or written,
            f"{count_noun(rows, 'record of feedback,records of feedback')} from children and "
            "families with what changed.",
            "activity_add", "Add feedback from children and families")


def _funding(a):
    f = a.finance
    missing = f.missing
    met = not missing
    if met:
        detail = "Partner contributions, spending and reserves brought forward are recorded."
    else:
        detail = (f"Not recorded: {', '.join(missing)}. The report shows them as not "
                  "recorded.")
    return met, detail, "finance", "Record the year's finance"


def _scrutiny(a):
    # The statement the scrutineer wrote and approved in the hub, or the report's own block.
    met = _block(a, NarrativeBlock.Kind.SCRUTINY) or (a.business is not None
                                                      and a.business.has_statement)
    return (met, "The independent scrutineer's statement is "
            + ("written and approved." if met else "not written and approved."),
            "block_edit", "Add the scrutineer's statement")


def _sign_off(a):
    r = a.report
    met = bool(r.signed_off_on and r.signed_off_by.strip())
    detail = (f"Signed off on {r.signed_off_on:%d %B %Y} by {r.signed_off_by}." if met
              else "Not signed off by the lead safeguarding partners.")
    return met, detail, "publication", "Record sign-off"


def _publication(a):
    deadlines = a.deadlines
    expected = {rule_key for rule_key in ("report-published", "report-sent-national-panel",
                                           "report-sent-foundations")}
    done = {d.rule.key for d in deadlines if d.status == Status.MET}
    met = bool(a.report.published_on) and expected <= done
    late = [d.name for d in deadlines if d.status in (Status.MET_LATE, Status.OVERDUE)]
    if not a.report.published_on:
        return False, "Not published yet.", "report_publish", "Publish the report"
    if met:
        detail = "Published and sent within the configured periods."
    else:
        detail = "Not done in time or not yet done: " + (", ".join(late) or "sending")
    return met, detail, "publication_event_add", "Record where it was sent"


TESTS = {
    "impact": _impact, "little_progress": _little_progress, "reviews": _reviews,
    "voice": _voice, "funding": _funding, "scrutiny": _scrutiny, "sign_off": _sign_off,
    "publication": _publication,
}


def evaluate(assembly) -> list[Check]:
    checks = []
    for item in ChecklistItem.objects.filter(guidance=guidance_for(assembly.report)
                                             ).order_by("order"):
        test = TESTS.get(item.test)
        if test is None:  # an item the hub cannot check is shown as missing, never met
            checks.append(Check(item, False, "The hub has no check for this item.",
                                "report_detail", "Open the report", {}))
            continue
        met, detail, fix, label = test(assembly)
        kwargs = {}
        if fix == "block_edit":
            kind = {"little_progress": NarrativeBlock.Kind.LITTLE_PROGRESS,
                    "scrutiny": NarrativeBlock.Kind.SCRUTINY}[item.test]
            kwargs = {"kind": kind}
        checks.append(Check(item, met, detail, fix, label, kwargs))
    return checks
