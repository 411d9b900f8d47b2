"""Building blocks for assurance tests: the starting tools and a cycle in the `world`."""

import datetime

from assurance import services
from assurance.models import QuestionSet
from assurance.tools import CASE_AUDIT, SECTION_11
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


__all__ = ["CASE_AUDIT", "SECTION_11", "cycle", "full_answers", "submit", "tool"]
