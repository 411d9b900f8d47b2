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
    # Impact follow-ups in the training records are training's impact too; attendees'
    # feedback alone is not.
    follow_ups = a.training.figures.follow_ups if a.training else 0
    feedback_only = bool(a.training and a.training.feedback_without_follow_up)
    priorities = [p for p in a.priorities if p.impact.strip()]
    # The national panel found most reports said nothing of impact: a priority of the year
    # with nothing recorded under its impact keeps the item missing, named.
    silent = [p for p in a.priorities if not p.impact.strip()]
    met = (bool(impacts or priorities) and bool(training or follow_ups) and not silent
           and not feedback_only)
    detail = (f"{count_noun(impacts, 'activity')} and {count_noun(priorities, 'priority')} "
              f"record their impact; {count_noun(training, 'training activity')} "
              f"record{'s' if len(training) == 1 else ''} theirs"
              + (f"; {count_noun(follow_ups, 'impact follow-up')} from training" if follow_ups
                 else "") + ".")
    if feedback_only:
        detail += (f" Training has {count_noun(a.training.figures.evaluations, 'evaluation')} "
                   "from attendees but no impact follow-up some months later.")
    elif not training and not follow_ups:
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
        unnamed = [line for line in f.contribution_lines if not line.organisation_id]
        if unnamed:
            detail += (f" {count_noun(unnamed, 'contribution does,contributions do')} not "
                       "name the partner paying.")
        if f.differences:
            detail += (" Published figures that differ from the lines: "
                       + ", ".join(d.label.lower() for d in f.differences)
                       + "; the report prints the totals of the lines.")
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


def _assurance(a):
    s = a.assurance
    returns = sum(c.done for c in s.returns) if s else 0
    audits = len(s.case_audits) if s else 0
    met = bool(s) and (returns > 0 or audits > 0) and (s.findings > 0 or returns > 0)
    detail = (f"{count_noun(audits, 'case audit')} and {count_noun(returns, 'return')} "
              f"(Section 11, Section 175/157 and others) fell due in {a.label}"
              + (f"; the audits' {count_noun(s.findings, 'finding')} are in the learning "
                 "thread." if s and audits else "."))
    return met, detail, "report_detail", "Record audits and returns under Assurance"


def _national(a):
    """Responses to national reviews, letters and guidance: each item of the year answered
    (or noted) by its due date under the partnership's rule, saying what was done."""
    b = a.business
    items = b.national_items if b is not None else []
    if not items:
        return (False, f"No national reviews, letters or guidance are recorded for {a.label}.",
                "report_detail", "Record national items under Partnership business")
    unsaid = [n for n in items if n.status in n.CLOSED
              and not (n.outcome.strip() or n.circulated_to.strip())]
    met = b.national_overdue == 0 and not unsaid
    detail = (f"{count_noun(items, 'national item')} in {a.label}; "
              f"{count_noun(b.national_overdue, 'response')} overdue on {a.ends_on:%-d %B %Y}.")
    if unsaid:
        detail += (" No record of what was done for: "
                   + "; ".join(f"“{n.title}”" for n in unsaid) + ".")
    return met, detail, "report_detail", "Record the responses under Partnership business"


def _communication(a):
    """How the partnership communicated, from the communication records."""
    totals = a.business.communication if a.business is not None else []
    items = sum(k.items for k in totals)
    reached = [k for k in totals if k.reach]
    if not items:
        return (False, f"No communication is recorded for {a.label}.", "report_detail",
                "Record communication under Partnership business")
    detail = (f"{count_noun(items, 'communication item')} in {a.label} ("
              + ", ".join(f"{k.label.lower()}: {k.items}" for k in totals) + "); "
              + (f"reach recorded for {count_noun(reached, 'kind')}." if reached
                 else "no reach recorded."))
    return bool(reached), detail, "report_detail", "Record reach under Partnership business"


def _procedures(a):
    """Procedures and the threshold document kept under review: a threshold document in the
    register and no review overdue at the year's end."""
    s = a.procedures
    if s is None or not s.any:
        return (False, f"No procedures are recorded in the register for {a.label}.",
                "report_detail", "Record procedures in the register")
    met = bool(s.thresholds) and not s.overdue
    return met, s.summary, "report_detail", "Review the procedures in the register"


TESTS = {
    "impact": _impact, "little_progress": _little_progress, "reviews": _reviews,
    "voice": _voice, "funding": _funding, "scrutiny": _scrutiny, "sign_off": _sign_off,
    "publication": _publication, "assurance": _assurance, "national": _national,
    "communication": _communication, "procedures": _procedures,
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
