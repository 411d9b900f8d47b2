"""Building blocks for assurance tests: the starting tools and a cycle in the `world`."""

import datetime

from assurance import services
from assurance.models import QuestionSet
from assurance.tools import CASE_AUDIT, SECTION_11, SECTION_175
from core.services import system_actor


def tool(w, spec=SECTION_11):
    found = QuestionSet.objects.filter(partnership=w.partnership, key=spec["data"]["key"]).first()
    return found or services.question_set_create(actor=system_actor(), partnership=w.partnership,
                                                 data=spec["data"], sections=spec["sections"])


def cycle(w, *, title="Section 11 2024", orgs=None, previous=None, also=(), spec=SECTION_11,
          due_in=30, **extra):
    today = datetime.date.today()
    orgs = orgs if orgs is not None else list(w.orgs.values())
    return services.cycle_open(
        actor=system_actor(), partnership=w.partnership, partnerships=list(also),
        organisations=orgs,
        data={"kind": spec["data"]["kind"], "title": title, "question_set": tool(w, spec),
              "opens_on": today - datetime.timedelta(days=10),
              "due_on": today + datetime.timedelta(days=due_in), "previous": previous, **extra})


def full_answers(ret, rating=3):
    """Every required question answered: {code: value}."""
    values = {}
    for q in ret.cycle.question_set.sections.all().prefetch_related("questions"):
        for question in q.questions.all():
            if not question.required:
                continue
            values[question.code] = {"rating": rating, "yes_no_partly": "yes", "number": 5,
                                     "text": "Policy reviewed and training audited."}[
                question.answer_type]
    return values


def submit(ret, rating=3, actor=None):
    return services.answers_save(actor=actor or system_actor(), ret=ret,
                                 values=full_answers(ret, rating), submit=True,
                                 expected_version=ret.version)


__all__ = ["CASE_AUDIT", "SECTION_11", "SECTION_175", "cycle", "full_answers", "submit", "tool"]


def register(w, rows=None):
    """The world's school (Alpha Academy) and a second school on Alpha's register, in the
    world's council area."""
    rows = rows if rows is not None else [
        {"urn": "900101", "name": "Alpha Academy", "phase": "secondary", "area": "Alphaton",
         "dsl_email": "dsl@alpha-academy.sch.uk"},
        {"urn": "900102", "name": "Beacon Primary (test)", "phase": "primary",
         "area": "Alphaton", "dsl_email": "dsl@beacon.sch.uk"}]
    return services.school_register_import(actor=system_actor(), partnership=w.partnership,
                                           rows=rows)


def s175_cycle(w, *, title="Section 175 audit 2024", **extra):
    """A Section 175/157 cycle asking every school on the register (made first if empty)."""
    from assurance.models import School

    if not School.objects.filter(partnership=w.partnership).exists():
        register(w)
    return cycle(w, title=title, spec=SECTION_175, orgs=[], **extra)
