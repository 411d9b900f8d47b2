"""Every write of quality assurance: tools and their versions, cycles, returns and answers,
moderation, challenge, case audits. Each function asks the policy layer first."""

from __future__ import annotations

import datetime
import re
import secrets
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import F
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone

from core.forms import validate_upload
from core.models import Area, AuditEvent, Organisation
from core.pii import validate_no_personal_data
from core.policy import agency_leads, require
from core.services import (
    ConcurrentEditError,
    audit_record,
    close_places,
    model_create,
    model_update,
    next_place,
    require_version,
)
from core.tabular import RowProblem, RowsRejected, nul_problems
from learning.models import Source
from learning.sources import source_create

from .clock import due_date_for
from .models import (
    AGE_BANDS,
    Answer,
    Audience,
    AuditCase,
    Challenge,
    Cycle,
    Kind,
    Question,
    QuestionSet,
    Return,
    School,
    SetSection,
)
from .selectors import SCHOOL_REMINDER, register_areas, reminded_today, school_recipients

QUESTION_FIELDS = ["text", "hint", "required", "scale", "answer_type"]
TEXT_LIMIT = 20_000
# Evidence is a document (the hub's document types), never an image or a program.
EVIDENCE_TYPES = {".pdf", ".docx", ".doc", ".odt", ".xlsx", ".xls", ".ods", ".pptx", ".txt",
                  ".csv"}


# ---- tools: versioned question sets ------------------------------------------------------

def question_set_create(*, actor, partnership, data: dict, sections: list[dict]) -> QuestionSet:
    """A new tool (version 1), or the next version of the tool with the same key. `sections`
    is [{"title": ..., "questions": [{"code", "text", "answer_type", ...}]}]."""
    require(actor, "assurance.manage", partnership)
    key = data["key"]
    latest = QuestionSet.objects.filter(partnership=partnership, key=key).order_by(
        "-number").first()
    with transaction.atomic():
        qs = model_create(model_class=QuestionSet, actor=actor, partnership=partnership, data={
            **data, "partnership": partnership,
            "number": latest.number + 1 if latest else 1, "previous": latest})
        _add_sections(qs, sections)
    return qs


def _add_sections(qs: QuestionSet, sections: list[dict]) -> None:
    codes = set()
    for s_order, section in enumerate(sections, start=1):
        row = SetSection(question_set=qs, order=s_order, title=section["title"])
        row.full_clean()
        row.save()
        for q_order, data in enumerate(section.get("questions", []), start=1):
            question = Question(section=row, order=q_order, **data)
            if question.code in codes:
                raise ValidationError({"code": f"The code {question.code} is used twice in "
                                               "this tool; give each question its own."})
            codes.add(question.code)
            question.full_clean()
            question.save()


def question_set_in_use(qs: QuestionSet) -> bool:
    """A version with answers (or a cycle using it) is frozen."""
    return qs.cycles.exists() or Answer.objects.filter(question__section__question_set=qs).exists()


def _as_sections(qs: QuestionSet) -> list[dict]:
    return [{"title": s.title, "questions": [
        {name: getattr(q, name) for name in ("code", "text", "hint", "answer_type", "required",
                                             "scale")} for q in s.questions.all()]}
        for s in qs.sections.prefetch_related("questions")]


def question_set_new_version(*, actor, qs: QuestionSet) -> QuestionSet:
    """The next version of a tool: a copy of `qs`, which stays as it is with its answers."""
    require(actor, "assurance.manage", qs.partnership)
    return question_set_create(actor=actor, partnership=qs.partnership, sections=_as_sections(qs),
                               data={"key": qs.key, "kind": qs.kind, "title": qs.title,
                                     "introduction": qs.introduction})


def _editable(actor, qs: QuestionSet) -> QuestionSet:
    """The version an edit applies to: `qs` itself while unused, else a new version."""
    if not question_set_in_use(qs):
        return qs
    newest = QuestionSet.objects.filter(partnership=qs.partnership, key=qs.key).order_by(
        "-number").first() or qs
    if newest != qs and not question_set_in_use(newest):
        return newest
    return question_set_new_version(actor=actor, qs=newest)


def question_update(*, actor, question: Question, data: dict) -> Question:
    """Change a question. If its version already has answers or a cycle, the change goes into
    a new version of the tool and the old one (and every answer given on it) stays as it was.
    Returns the question changed (in whichever version)."""
    qs = question.section.question_set
    require(actor, "assurance.manage", qs.partnership)
    with transaction.atomic():
        target = _editable(actor, qs)
        if target != qs:
            question = Question.objects.get(section__question_set=target, code=question.code)
        return model_update(instance=question, fields=QUESTION_FIELDS, data=data, actor=actor,
                            partnership=qs.partnership)


def question_add(*, actor, section: SetSection, data: dict) -> Question:
    """Add a question at the end of a section (of a new version, if this one is in use)."""
    qs = section.question_set
    require(actor, "assurance.manage", qs.partnership)
    with transaction.atomic():
        target = _editable(actor, qs)
        if target != qs:
            section = target.sections.get(order=section.order)
        if Question.objects.filter(section__question_set=target, code=data.get("code")).exists():
            raise ValidationError({"code": f"The code {data.get('code')} is already used in "
                                           "this tool; give the question its own."})
        order = (section.questions.order_by("-order").values_list("order", flat=True).first()
                 or 0) + 1
        return model_create(model_class=Question, actor=actor, partnership=qs.partnership,
                            data={**data, "section": section, "order": order})


# ---- cycles and returns --------------------------------------------------------------------


# ---- the tool editor: places of questions and sections ---------------------------------------
# Each change applies to the version `_editable` gives: this one while it has no answers and
# no cycle, else the next version (the old one and every answer on it stay as they were).
# Places stay unique (database constraints) and contiguous (1, 2, 3 ...).

DIRECTIONS = ("up", "down")


def _section_in(target: QuestionSet, section: SetSection) -> SetSection:
    if target.pk == section.question_set_id:
        return section
    found = target.sections.filter(order=section.order).first()
    if found is None:
        raise ValidationError(f"The section “{section.title}” is no longer in version "
                              f"{target.number} of the tool.")
    return found


def _question_in(target: QuestionSet, question: Question) -> Question:
    if target.pk == question.section.question_set_id:
        return question
    found = (Question.objects.filter(section__question_set=target, code=question.code)
             .select_related("section__question_set").first())
    if found is None:
        raise ValidationError(f"Question {question.code} is no longer in version "
                              f"{target.number} of the tool.")
    return found


def _swap(model, row, other) -> None:
    """Swap two places through 0 (no row's place), so the unique place holds at each step."""
    mine, theirs = row.order, other.order
    model.objects.filter(pk=row.pk).update(order=0)
    model.objects.filter(pk=other.pk).update(order=mine)
    model.objects.filter(pk=row.pk).update(order=theirs)
    row.order, other.order = theirs, mine


def _neighbour(siblings, row, direction: str, noun: str):
    if direction not in DIRECTIONS:
        raise ValidationError(f"Move the {noun} up or down.")
    if direction == "up":
        other = siblings.filter(order__lt=row.order).order_by("-order").first()
    else:
        other = siblings.filter(order__gt=row.order).order_by("order").first()
    if other is None:
        where = "first" if direction == "up" else "last"
        raise ValidationError(f"The {noun} is already {where}, so it cannot move {direction}.")
    return other


def question_move(*, actor, question: Question, direction: str) -> Question:
    """Move a question up or down within its section. Returns it, in whichever version."""
    qs = question.section.question_set
    require(actor, "assurance.manage", qs.partnership)
    if direction not in DIRECTIONS:
        raise ValidationError("Move the question up or down.")
    with transaction.atomic():
        target = _editable(actor, qs)
        question = _question_in(target, question)
        SetSection.objects.select_for_update().filter(pk=question.section_id).first()
        other = _neighbour(question.section.questions.all(), question, direction,
                           f"question {question.code}")
        before = question.order
        _swap(Question, question, other)
        audit_record(actor=actor, action=AuditEvent.Action.CHANGE, obj=question,
                     partnership=qs.partnership,
                     changes={"order": {"from": before, "to": question.order}})
    return question


def question_remove(*, actor, question: Question) -> QuestionSet:
    """Remove a question (from the next version, if this one is in use); the others close
    up. A section's only question is refused: remove the section instead. Returns the
    version changed."""
    qs = question.section.question_set
    require(actor, "assurance.manage", qs.partnership)
    if question.section.questions.count() <= 1:
        raise ValidationError(f"Question {question.code} is the only question of “"
                              f"{question.section.title}”: a section needs at least one. Add "
                              "another question first, or remove the whole section.")
    with transaction.atomic():
        target = _editable(actor, qs)
        question = _question_in(target, question)
        section = question.section
        SetSection.objects.select_for_update().filter(pk=section.pk).first()
        audit_record(actor=actor, action=AuditEvent.Action.DELETE, obj=question,
                     partnership=qs.partnership,
                     changes={"code": question.code, "text": question.text,
                              "section": section.title, "version": target.number})
        question.delete()
        close_places(section.questions.all())
    return target


def _section_title(title: str, target: QuestionSet, exclude=None) -> str:
    title = " ".join((title or "").split())
    if not title:
        raise ValidationError({"title": "Enter the section's title."})
    if len(title) > 300:
        raise ValidationError({"title": f"Enter 300 characters or fewer (it has {len(title)})."})
    same = target.sections.filter(title__iexact=title)
    if exclude is not None:
        same = same.exclude(pk=exclude.pk)
    if same.exists():
        raise ValidationError({"title": f"The tool already has a section called “{title}”."})
    return title


def section_add(*, actor, qs: QuestionSet, title: str) -> SetSection:
    """A new section at the end of the tool (of its next version, if this one is in use)."""
    require(actor, "assurance.manage", qs.partnership)
    with transaction.atomic():
        target = _editable(actor, qs)
        title = _section_title(title, target)
        return model_create(model_class=SetSection, actor=actor, partnership=qs.partnership,
                            data={"question_set": target, "title": title,
                                  "order": next_place(target, "sections")})


def section_rename(*, actor, section: SetSection, title: str) -> SetSection:
    qs = section.question_set
    require(actor, "assurance.manage", qs.partnership)
    with transaction.atomic():
        target = _editable(actor, qs)
        section = _section_in(target, section)
        title = _section_title(title, target, exclude=section)
        return model_update(instance=section, fields=["title"], data={"title": title},
                            actor=actor, partnership=qs.partnership)


def section_move(*, actor, section: SetSection, direction: str) -> SetSection:
    """Move a section up or down the tool. Returns it, in whichever version."""
    qs = section.question_set
    require(actor, "assurance.manage", qs.partnership)
    if direction not in DIRECTIONS:
        raise ValidationError("Move the section up or down.")
    with transaction.atomic():
        target = _editable(actor, qs)
        QuestionSet.objects.select_for_update().filter(pk=target.pk).first()
        section = _section_in(target, section)
        other = _neighbour(target.sections.all(), section, direction,
                           f"section “{section.title}”")
        before = section.order
        _swap(SetSection, section, other)
        audit_record(actor=actor, action=AuditEvent.Action.CHANGE, obj=section,
                     partnership=qs.partnership,
                     changes={"order": {"from": before, "to": section.order}})
    return section


def section_remove(*, actor, section: SetSection) -> QuestionSet:
    """Remove a section and its questions (from the next version, if this one is in use);
    the sections after it close up. The tool's only section is refused. Returns the version
    changed."""
    qs = section.question_set
    require(actor, "assurance.manage", qs.partnership)
    if qs.sections.count() <= 1:
        raise ValidationError(f"“{section.title}” is the tool's only section: a tool needs at "
                              "least one. Add another section first.")
    with transaction.atomic():
        target = _editable(actor, qs)
        QuestionSet.objects.select_for_update().filter(pk=target.pk).first()
        section = _section_in(target, section)
        codes = list(section.questions.values_list("code", flat=True))
        audit_record(actor=actor, action=AuditEvent.Action.DELETE, obj=section,
                     partnership=qs.partnership,
                     changes={"title": section.title, "questions": codes,
                              "version": target.number})
        section.delete()
        close_places(target.sections.all())
    return target

def cycle_open(*, actor, partnership, data: dict, partnerships, organisations) -> Cycle:
    """Open a cycle run by `partnership`'s business unit, serving `partnerships`, with a draft
    return for each organisation (a case audit's returns come with its cases). Answers of the
    previous cycle's returns are carried forward for review."""
    require(actor, "assurance.manage", partnership)
    partnerships = {partnership, *partnerships}
    organisations = list(organisations)
    kind = data.get("kind")
    if kind == Kind.SECTION_175:
        # Every school on the registers of the partnerships served is asked (decision 0034),
        # with any other organisation chosen; each answers once.
        organisations += list(Organisation.objects.filter(
            school_record__partnership__in=partnerships))
        organisations = list({o.pk: o for o in organisations}.values())
        if not organisations:
            raise ValidationError({"organisations": "There is no school on the register to "
                                                    "ask: import the school register first."})
    # A survey is answered by individuals and a self-assessment by the partnership itself
    # (decision 0035): for them, organisations are optional.
    if not organisations and kind not in (Kind.SURVEY, Kind.SELF_ASSESSMENT):
        raise ValidationError({"organisations": "Choose the organisations asked to answer."})
    errors = {}
    if kind == Kind.SURVEY:
        if data.get("audience") not in Audience.values:
            errors["audience"] = "Choose who answers the survey: practitioners or young people."
        qs = data.get("question_set")
        if qs is not None and Question.objects.filter(
                section__question_set=qs, answer_type=Question.AnswerType.EVIDENCE).exists():
            errors["question_set"] = ("A survey is answered anonymously through a link, so its "
                                      "tool cannot ask for a document: remove the evidence "
                                      "question or choose another tool.")
        data = {**data, "response_token": secrets.token_urlsafe(24)}
    else:
        data = {**data, "audience": "", "sign_in_required": False, "response_cap": None}
    for p in partnerships:
        if p != partnership and not actor.has_perm("assurance.view", p):
            errors["partnerships"] = (f"You have no role in {p.name}, so you cannot open a "
                                      "cycle for it; ask its business unit.")
    if data.get("due_on") is None and data.get("opens_on") and data.get("kind"):
        # No date given: the partnership's deadline rule for this kind of return sets it.
        data = {**data, "due_on": due_date_for(partnership, data["kind"], data["opens_on"])}
        if data["due_on"] is None:
            errors["due_on"] = ("Enter the date returns are due: there is no deadline rule "
                                "for this kind of return.")
    qs = data.get("question_set")
    if qs is not None and qs.partnership_id != partnership.pk:
        errors["question_set"] = "Choose one of this partnership's tools."
    if qs is not None and data.get("kind") and qs.kind != data["kind"]:
        errors["question_set"] = (f"Choose a tool for a {Kind(data['kind']).label.lower()}: "
                                  f"{qs} is for a {qs.get_kind_display().lower()}.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        cycle = model_create(
            model_class=Cycle, actor=actor, partnership=partnership,
            data={**data, "lead_partnership": partnership},
            m2m={"partnerships": sorted(partnerships, key=lambda p: p.pk),
                 "organisations": organisations})
        if cycle.kind == Kind.CASE_AUDIT:
            # The audit's findings and actions are recorded on a learning Source, so they
            # join the combined action plan and thematic analysis (decision 0004).
            themes = [cycle.theme] if cycle.theme_id else []
            source = source_create(actor=actor, partnership=partnership,
                                   kind=Source.Kind.AUDIT, title=cycle.title, themes=themes)
            for other in partnerships - {partnership}:
                source.partnerships.add(other)
            Cycle.objects.filter(pk=cycle.pk).update(source=source)
            cycle.source = source
        elif cycle.kind == Kind.SURVEY:
            pass  # individuals' responses come through the survey's link
        else:
            if cycle.kind == Kind.SELF_ASSESSMENT:
                _new_return(cycle, None)
            for organisation in organisations:
                _new_return(cycle, organisation)
    return cycle


def _new_return(cycle: Cycle, organisation, case=None) -> Return:
    respondent = (Return.Respondent.ORGANISATION if organisation is not None
                  else Return.Respondent.PARTNERSHIP)
    ret = Return.objects.create(cycle=cycle, organisation=organisation, case=case,
                                respondent=respondent)
    if cycle.previous_id and case is None:
        _carry_forward(ret)
    return ret


def _carry_forward(ret: Return) -> None:
    """Copy the organisation's answers of the previous cycle onto this return, question by
    question code, remembering each one so the page shows what changed."""
    if ret.cycle.previous_id is None:
        return
    who = ({"organisation_id": ret.organisation_id} if ret.organisation_id is not None
           else {"organisation__isnull": True})
    before = Return.objects.filter(cycle_id=ret.cycle.previous_id, respondent=ret.respondent,
                                   case__isnull=True, **who).first()
    if before is None:
        return
    questions = {q.code: q for q in Question.objects.filter(
        section__question_set_id=ret.cycle.question_set_id)}
    rows = []
    for old in before.answers.select_related("question"):
        question = questions.get(old.question.code)
        if question is None or question.answer_type != old.question.answer_type:
            continue
        rows.append(Answer(ret=ret, question=question, rating=old.rating, choice=old.choice,
                           number=old.number, text=old.text, evidence=old.evidence.name,
                           carried={"value": old.value(), "shown": old.display(),
                                    "cycle": before.cycle.title}))
    Answer.objects.bulk_create(rows)


def clean_value(question: Question, raw):
    """A raw answer (from a form or the API) as stored, or a ValidationError naming the
    question. Empty answers are None."""
    name = f"question {question.code}"
    if raw in (None, "", [], ()):
        return None
    kind = question.answer_type
    if kind == Question.AnswerType.RATING:
        try:
            value = int(raw)
        except (TypeError, ValueError):
            value = None
        if value is None or not 1 <= value <= len(question.scale):
            labels = ", ".join(f"{i} {label}" for i, label in enumerate(question.scale, 1))
            raise ValidationError(f"The rating for {name} must be on its scale: {labels}.")
        return value
    if kind == Question.AnswerType.YES_NO_PARTLY:
        if raw not in Question.Choice.values:
            raise ValidationError(f"Answer {name} with yes, partly or no.")
        return raw
    if kind == Question.AnswerType.NUMBER:
        try:
            number = Decimal(str(raw))
        except InvalidOperation:
            raise ValidationError(f"Enter a number for {name}.") from None
        if not number.is_finite() or abs(number) >= Decimal("1e10"):
            raise ValidationError(f"Enter a number under 10,000,000,000 for {name}.")
        return number.quantize(Decimal("0.01"))
    if kind == Question.AnswerType.EVIDENCE:
        if not hasattr(raw, "size"):
            raise ValidationError(f"Upload the evidence for {name} as a file, in the hub.")
        try:
            validate_upload(raw, allowed_extensions=EVIDENCE_TYPES)
        except ValidationError as error:
            raise ValidationError(f"The evidence for {name}: {' '.join(error.messages)}") \
                from None
        return raw
    text = str(raw).strip()
    if len(text) > TEXT_LIMIT:
        raise ValidationError(f"Enter {TEXT_LIMIT:,} characters or fewer for {name} "
                              f"(it has {len(text):,}).")
    return text or None


VALUE_FIELD: dict[str, str] = {Question.AnswerType.RATING: "rating", Question.AnswerType.YES_NO_PARTLY: "choice",
               Question.AnswerType.NUMBER: "number", Question.AnswerType.TEXT: "text",
               Question.AnswerType.EVIDENCE: "evidence"}


def field_name(question: Question) -> str:
    return f"q_{question.code}"


def answers_save(*, actor, ret: Return, values: dict, expected_version: int | None,
                 submit: bool = False, actions: str | None = None) -> Return:
    """Save answers to a draft return ({question code: raw value}; an evidence value is an
    uploaded file; a code left out keeps its answer). All or nothing: one bad value saves
    nothing and each message names its question. `submit` then also requires every required
    question to be answered; if one is missing the answers are still kept as the draft, and
    the refusal names the questions to answer."""
    require(actor, "assurance.edit_return", ret)
    version = require_version(expected_version)
    questions = {q.code: q for q in Question.objects.filter(
        section__question_set_id=ret.cycle.question_set_id).select_related("section")}
    errors: dict[str, str | list[str]] = {}
    cleaned: dict[str, object] = {}
    for code, raw in values.items():
        question = questions.get(code)
        if question is None:
            errors[f"q_{code}"] = f"There is no question {code} in {ret.cycle.question_set}."
            continue
        try:
            cleaned[code] = clean_value(question, raw)
        except ValidationError as error:
            errors[field_name(question)] = error.messages
    texts = {field_name(questions[c]): v for c, v in cleaned.items()
             if isinstance(v, str) and questions[c].answer_type == Question.AnswerType.TEXT}
    if texts:
        try:
            validate_no_personal_data(**texts)
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                errors.setdefault(name, messages)
    if actions is not None:
        actions = actions.strip()
        try:
            validate_no_personal_data(actions=actions)
        except ValidationError as error:
            errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    existing = {a.question.code: a for a in ret.answers.select_related("question")}
    with transaction.atomic():
        if Return.objects.filter(pk=ret.pk, version=version).update(
                version=F("version") + 1, updated_at=timezone.now()) == 0:
            raise ConcurrentEditError()
        ret.version = version + 1
        changes = {}
        for code, value in cleaned.items():
            question = questions[code]
            answer = existing.get(code) or Answer(ret=ret, question=question)
            attr = VALUE_FIELD[question.answer_type]
            if question.answer_type == Question.AnswerType.EVIDENCE and value is None:
                continue  # no new file chosen: the evidence already given stays
            if value is None and answer.pk is None:
                continue  # still unanswered
            before = answer.display() if answer.pk else "Not answered"
            setattr(answer, attr, value if value is not None else (
                "" if attr in ("choice", "text") else None))
            answer.save()
            existing[code] = answer
            if answer.display() != before:
                changes[code] = {"from": before, "to": answer.display()}
        if actions is not None and actions != ret.actions:
            changes["actions"] = {"from": ret.actions, "to": actions}
            ret.actions = actions
            Return.objects.filter(pk=ret.pk).update(actions=actions)
        if changes:
            audit_record(actor=actor, action=AuditEvent.Action.CHANGE, obj=ret,
                         partnership=ret.cycle.lead_partnership, changes=changes)
    if submit:
        missing = [q for q in questions.values() if q.required
                   and (existing.get(q.code) is None or existing[q.code].value() in (None, ""))]
        if missing:
            raise ValidationError({field_name(q): f"Answer question {q.code} before you submit: "
                                                  "your other answers are saved as a draft."
                                   for q in missing})
        ret = model_update(instance=ret, fields=["status", "submitted_at", "submitted_by"],
                           data={"status": Return.Status.SUBMITTED,
                                 "submitted_at": timezone.now(), "submitted_by": actor},
                           actor=actor, expected_version=ret.version,
                           partnership=ret.cycle.lead_partnership)
    return ret


def return_moderate(*, actor, ret: Return, note: str, expected_version, accept: bool = True
                    ) -> Return:
    """The business unit moderates a submitted return: accepts it (moderated), or sends it
    back to the organisation as a draft with the note saying why."""
    require(actor, "assurance.moderate_return", ret)
    if ret.status != Return.Status.SUBMITTED:
        raise ValidationError("Only a submitted return can be moderated; this one is "
                              f"{ret.get_status_display().lower()}.")
    if not accept and not note.strip():
        raise ValidationError({"moderation_note": "Enter the moderation note: say what the "
                                                  "organisation must change."})
    validate_no_personal_data(moderation_note=note)
    status = Return.Status.MODERATED if accept else Return.Status.DRAFT
    return model_update(instance=ret, fields=["status", "moderation_note", "moderated_at"],
                        data={"status": status, "moderation_note": note.strip(),
                              "moderated_at": timezone.now() if accept else None},
                        actor=actor, expected_version=expected_version,
                        partnership=ret.cycle.lead_partnership)


def challenge_raise(*, actor, ret: Return, data: dict) -> Challenge:
    """Questions for the organisation to answer at a challenge panel."""
    require(actor, "assurance.moderate_return", ret)
    if ret.status == Return.Status.DRAFT:
        raise ValidationError("Challenge a return once it is submitted.")
    validate_no_personal_data(questions=data.get("questions", ""))
    return model_create(model_class=Challenge, actor=actor,
                        partnership=ret.cycle.lead_partnership,
                        data={**data, "ret": ret, "raised_by": actor})


def challenge_conclude(*, actor, challenge: Challenge, data: dict, expected_version
                       ) -> Challenge:
    """Record the panel's outcome."""
    require(actor, "assurance.moderate_return", challenge.ret)
    if not (data.get("outcome") or "").strip():
        raise ValidationError({"outcome": "Enter the outcome of the challenge panel."})
    validate_no_personal_data(outcome=data["outcome"])
    return model_update(instance=challenge, fields=["outcome", "panel_on", "status"],
                        data={**data, "status": Challenge.Status.CONCLUDED}, actor=actor,
                        expected_version=expected_version,
                        partnership=challenge.ret.cycle.lead_partnership)


def cycle_close(*, actor, cycle: Cycle, expected_version) -> Cycle:
    require(actor, "assurance.run_cycle", cycle)
    return model_update(instance=cycle, fields=["status"], data={"status": Cycle.Status.CLOSED},
                        actor=actor, expected_version=expected_version,
                        partnership=cycle.lead_partnership)



# ---- surveys: anonymous individual responses through the survey's link (decision 0035) ----

SURVEY_CLOSED = "This survey is not taking answers at the moment."


def survey_refusal(actor, cycle: Cycle, token: str, today=None) -> str | None:
    """Why the link may not take an answer now, or None. Reads only."""
    today = today or timezone.localdate()
    if (cycle.kind != Kind.SURVEY or not cycle.response_token or not token
            or not secrets.compare_digest(cycle.response_token, token)):
        return "This survey link is not recognised."
    if cycle.status != Cycle.Status.OPEN or not cycle.opens_on <= today <= cycle.due_on:
        return SURVEY_CLOSED
    if cycle.sign_in_required and not getattr(actor, "is_authenticated", False):
        return "Sign in to answer this survey."
    if cycle.response_cap is not None and Return.objects.filter(
            cycle=cycle, respondent=Return.Respondent.INDIVIDUAL).count() >= cycle.response_cap:
        return "This survey has all the responses it needs; thank you."
    return None


def survey_questions(cycle: Cycle) -> list[Question]:
    """The questions a respondent answers (a document is never asked for through a link)."""
    return list(Question.objects.filter(section__question_set_id=cycle.question_set_id)
                .exclude(answer_type=Question.AnswerType.EVIDENCE)
                .select_related("section").order_by("section__order", "order"))


def survey_response_submit(*, actor, cycle: Cycle, token: str, values: dict,
                           organisation=None, age_band: str = "") -> Return:
    """One anonymous response to a survey, through its link: the token is the credential,
    and the survey must be open (and the respondent signed in, if the survey says so). All
    or nothing: every required question answered and each value valid, or nothing is kept
    and each message names its question. No user, address or name is stored: the audit row
    names no actor."""
    refusal = survey_refusal(actor, cycle, token)
    if refusal:
        raise PermissionDenied(refusal)
    questions = {q.code: q for q in survey_questions(cycle)}
    errors: dict[str, str | list[str]] = {}
    cleaned: dict[str, object] = {}
    for code, question in questions.items():
        try:
            cleaned[code] = clean_value(question, values.get(code))
        except ValidationError as error:
            errors[field_name(question)] = error.messages
            continue
        if cleaned[code] is None and question.required:
            errors[field_name(question)] = f"Answer question {question.code}: {question.text}"
    texts = {field_name(questions[c]): v for c, v in cleaned.items()
             if isinstance(v, str) and questions[c].answer_type == Question.AnswerType.TEXT}
    if texts:
        try:
            validate_no_personal_data(**texts)
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                errors.setdefault(name, messages)
    if organisation is not None and not cycle.organisations.filter(pk=organisation.pk).exists():
        errors["organisation"] = "Choose one of the organisations listed, or leave it empty."
    bands = dict(AGE_BANDS)
    if cycle.audience == Audience.YOUNG_PEOPLE:
        if age_band not in bands:
            errors["age_band"] = "Choose your age band (or “Prefer not to say”)."
    elif age_band:
        errors["age_band"] = "This survey does not ask for an age band."
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        Cycle.objects.select_for_update().filter(pk=cycle.pk).first()
        refusal = survey_refusal(actor, cycle, token)  # the cap, counted under the lock
        if refusal:
            raise PermissionDenied(refusal)
        ret = Return.objects.create(
            cycle=cycle, respondent=Return.Respondent.INDIVIDUAL, organisation=organisation,
            age_band=age_band or "", status=Return.Status.SUBMITTED,
            submitted_at=timezone.now())
        rows = []
        for code, value in cleaned.items():
            if value is None:
                continue
            question = questions[code]
            answer = Answer(ret=ret, question=question)
            setattr(answer, VALUE_FIELD[question.answer_type], value)
            rows.append(answer)
        Answer.objects.bulk_create(rows)
        audit_record(actor=None, action=AuditEvent.Action.CREATE, obj=ret,
                     partnership=cycle.lead_partnership,
                     object_repr=f"A response to {cycle.title}",
                     changes={"answers": len(rows)})
    return ret


def survey_settings_update(*, actor, cycle: Cycle, data: dict, expected_version) -> Cycle:
    """Who may answer a survey and how many responses it takes."""
    require(actor, "assurance.run_cycle", cycle)
    if cycle.kind != Kind.SURVEY:
        raise ValidationError("Only a survey has a response link to set up.")
    return model_update(instance=cycle, fields=["sign_in_required", "response_cap"], data=data,
                        actor=actor, expected_version=expected_version,
                        partnership=cycle.lead_partnership)

# ---- multi-agency case audits --------------------------------------------------------------

def case_add(*, actor, cycle: Cycle, data: dict) -> AuditCase:
    """A case of a case audit, under its pseudonymised reference, with a draft return for
    each organisation auditing it."""
    require(actor, "assurance.run_cycle", cycle)
    validate_no_personal_data(reference=data.get("reference", ""))
    if AuditCase.objects.filter(cycle=cycle, reference=data.get("reference")).exists():
        raise ValidationError({"reference": f"This audit already has a case "
                                            f"{data.get('reference')}."})
    with transaction.atomic():
        case = model_create(model_class=AuditCase, actor=actor,
                            partnership=cycle.lead_partnership, data={**data, "cycle": cycle})
        for organisation in cycle.organisations.all():
            _new_return(cycle, organisation, case=case)
    return case


def case_grade(*, actor, case: AuditCase, data: dict, expected_version) -> AuditCase:
    """The overall grading, strengths and learning themes agreed for a case at moderation."""
    require(actor, "assurance.run_cycle", case.cycle)
    validate_no_personal_data(strengths=data.get("strengths", ""),
                              learning=data.get("learning", ""))
    return model_update(instance=case, fields=["grade", "strengths", "learning", "audit_day"],
                        data=data, actor=actor, expected_version=expected_version,
                        partnership=case.cycle.lead_partnership)


# ---- the school register (Section 175/157) --------------------------------------------------

REGISTER_COLUMNS = ["urn", "name", "phase", "area", "dsl_email"]
_URN = re.compile(r"[1-9][0-9]{5}")
# The designated safeguarding lead's address is a work one: a free personal mailbox may be
# anybody's, so it is refused (decision 0034).
PERSONAL_MAIL_DOMAINS = {"gmail.com", "googlemail.com", "hotmail.com", "hotmail.co.uk",
                         "outlook.com", "live.com", "live.co.uk", "yahoo.com", "yahoo.co.uk",
                         "icloud.com", "me.com", "aol.com", "btinternet.com", "msn.com"}
PHASE_WORDS = {"fe": School.Phase.FURTHER_EDUCATION, "fe college": School.Phase.FURTHER_EDUCATION,
               "further education": School.Phase.FURTHER_EDUCATION,
               "pru": School.Phase.ALTERNATIVE, "pupil referral unit": School.Phase.ALTERNATIVE,
               "all through": School.Phase.ALL_THROUGH, "sixth form": School.Phase.SIXTH_FORM,
               "independent school": School.Phase.INDEPENDENT}


@dataclass
class RegisterImported:
    created: int
    updated: int
    unchanged: int

    @property
    def rows(self) -> int:
        return self.created + self.updated + self.unchanged


def _register_cell(row: dict, name: str) -> str:
    value = row.get(name)
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return "" if value is None else "\ufffd"  # a list, an object: matches nothing


def _phase(text: str):
    key = " ".join(text.replace("-", " ").replace("_", " ").lower().split())
    for value, label in School.Phase.choices:
        if key in (value.replace("_", " "), label.lower()):
            return value
    return PHASE_WORDS.get(key)


def _register_row(number: int, row: dict, areas: dict, schools: dict, orgs: dict,
                  partnership) -> tuple[dict, list[RowProblem]]:
    problems = nul_problems(number, row)
    if problems:
        return {}, problems
    data: dict = {}
    urn = _register_cell(row, "urn")
    if not _URN.fullmatch(urn):
        problems.append(RowProblem(number, f"“{row.get('urn', '')}” is not a URN: a URN is "
                                           "six digits, e.g. 111692.", "urn"))
    else:
        data["urn"] = urn
        school = schools.get(urn)
        if school is not None and school.partnership_id != partnership.pk:
            problems.append(RowProblem(number, f"URN {urn} is on another partnership's "
                                               "register; ask its business unit.", "urn"))
    name = _register_cell(row, "name")
    if not name or name == "\ufffd":
        problems.append(RowProblem(number, "Enter the school's name.", "name"))
    elif len(name) > 200:
        problems.append(RowProblem(number, "The name must be 200 characters or fewer.", "name"))
    else:
        data["name"] = name
        holder = orgs.get(name.lower())
        own = schools.get(data.get("urn", ""))
        if own is not None:
            taken = holder is not None and holder.pk != own.organisation_id
        else:  # an organisation of kind school not yet on any register may join this one
            taken = holder is not None and (
                holder.kind != Organisation.Kind.SCHOOL
                or getattr(holder, "school_record", None) is not None)
        if taken:
            problems.append(RowProblem(number, f"“{name}” is the name of another "
                                               "organisation in the hub; give the school's "
                                               "full name.", "name"))
    phase = _phase(_register_cell(row, "phase"))
    if phase is None:
        allowed = ", ".join(v for v, _ in School.Phase.choices)
        problems.append(RowProblem(number, f"“{row.get('phase', '')}” is not a phase or type: "
                                           f"use one of {allowed}.", "phase"))
    data["phase"] = phase
    area_text = _register_cell(row, "area").lower()
    data["area"] = areas.get(area_text)
    if data["area"] is None:
        named = ", ".join(sorted({a.name for a in areas.values()})) or "none yet"
        problems.append(RowProblem(number, f"“{row.get('area', '')}” is not a council area of "
                                           f"{partnership.short_name} (areas: {named}).",
                                   "area"))
    email = _register_cell(row, "dsl_email").lower()
    try:
        validate_email(email)
    except ValidationError:
        problems.append(RowProblem(number, f"“{row.get('dsl_email', '')}” is not an e-mail "
                                           "address.", "dsl_email"))
    else:
        if email.rsplit("@", 1)[-1] in PERSONAL_MAIL_DOMAINS:
            problems.append(RowProblem(number, "Give the lead's work e-mail address at the "
                                               "school, not a personal mailbox.", "dsl_email"))
        data["dsl_email"] = email
    return data, problems


def school_register_import(*, actor, partnership, rows: list[dict]) -> RegisterImported:
    """Add or update the partnership's schools from a CSV / XLSX (urn, name, phase, area,
    dsl_email): a URN already on the register updates that school (its organisation's name
    too), a new URN adds the school and its organisation. All rows, or none and the problems
    by row (RowsRejected). Importing the same file again changes nothing."""
    require(actor, "assurance.manage", partnership)
    if not rows:
        raise RowsRejected([RowProblem(1, "The file has no rows below its header.")])
    areas: dict[str, Area] = {}
    for area in register_areas(partnership):
        areas[area.name.lower()] = areas[area.ons_code.lower()] = area
    urns = {_register_cell(r, "urn") for r in rows}
    names = {_register_cell(r, "name") for r in rows}
    schools = {s.urn: s for s in School.objects.filter(urn__in=urns)
               .select_related("organisation")}
    # Names are matched ignoring case, so "alpha academy" finds Alpha Academy, not a twin.
    held = (Organisation.objects.annotate(lower=Lower("name"))
            .filter(lower__in={n.lower() for n in names}).select_related("school_record"))
    orgs: dict[str, Organisation] = {o.name.lower(): o for o in held}
    problems: list[RowProblem] = []
    checked: list[dict] = []
    seen_urn: dict[str, int] = {}
    seen_name: dict[str, int] = {}
    for number, row in enumerate(rows, start=1):  # row 1 is the first below the header
        data, row_problems = _register_row(number, row, areas, schools, orgs, partnership)
        if data.get("urn") in seen_urn:
            row_problems.append(RowProblem(number, f"URN {data['urn']} is also on row "
                                                   f"{seen_urn[data['urn']]}.", "urn"))
        elif data.get("urn"):
            seen_urn[data["urn"]] = number
        key = (data.get("name") or "").lower()
        if key in seen_name:
            row_problems.append(RowProblem(number, f"“{data['name']}” is also on row "
                                                   f"{seen_name[key]}.", "name"))
        elif key:
            seen_name[key] = number
        problems.extend(row_problems)
        checked.append(data)
    if problems:
        raise RowsRejected(problems, rows_processed=len(rows))
    result = RegisterImported(0, 0, 0)
    with transaction.atomic():
        for data in checked:
            fields = {"phase": data["phase"], "area": data["area"],
                      "dsl_email": data["dsl_email"]}
            school = schools.get(data["urn"])
            if school is None:
                org = orgs.get(data["name"].lower())
                if org is None:
                    org = model_create(model_class=Organisation, actor=actor,
                                       partnership=partnership,
                                       data={"name": data["name"],
                                             "kind": Organisation.Kind.SCHOOL},
                                       m2m={"partnerships": [partnership]})
                else:  # an organisation of kind school already in the hub joins the register
                    if org.name != data["name"]:
                        model_update(instance=org, fields=["name"],
                                     data={"name": data["name"]}, actor=actor,
                                     partnership=partnership)
                    org.partnerships.add(partnership)
                model_create(model_class=School, actor=actor, partnership=partnership,
                             data={**fields, "urn": data["urn"], "organisation": org,
                                   "partnership": partnership})
                result.created += 1
                continue
            org = school.organisation
            before, renamed = school.version, org.name != data["name"]
            if renamed:
                model_update(instance=org, fields=["name"], data={"name": data["name"]},
                             actor=actor, partnership=partnership)
            org.partnerships.add(partnership)
            school = model_update(instance=school, fields=list(fields), data=fields,
                                  actor=actor, expected_version=school.version,
                                  partnership=partnership)
            if renamed or school.version != before:
                result.updated += 1
            else:
                result.unchanged += 1
    return result


# ---- reminding schools that have not responded -----------------------------------------



@dataclass
class RemindersSent:
    sent: int
    already_today: int
    no_address: int


def school_reminders_send(*, actor, cycle: Cycle, today: datetime.date | None = None,
                          base_url: str = "") -> RemindersSent:
    """E-mail every school of a Section 175/157 cycle that has not responded (its return
    still a draft): the designated safeguarding lead and the school's leads. A school
    reminded today is not reminded again, so pressing twice sends nothing more. Each
    reminder is written to the audit trail."""
    require(actor, "assurance.run_cycle", cycle)
    if cycle.kind != Kind.SECTION_175:
        raise ValidationError("Only a Section 175/157 cycle reminds schools from here.")
    if cycle.status != Cycle.Status.OPEN:
        raise ValidationError("The cycle is closed: nobody is reminded.")
    today = today or timezone.localdate()
    pending = list(Return.objects.filter(cycle=cycle, status=Return.Status.DRAFT,
                                         case__isnull=True)
                   .select_related("organisation__school_record", "cycle")
                   .prefetch_related("cycle__partnerships"))
    done = reminded_today([r.pk for r in pending], today)
    leads = agency_leads()
    result = RemindersSent(0, 0, 0)
    for ret in pending:
        if ret.pk in done:
            result.already_today += 1
            continue
        emails = school_recipients(ret, leads)
        if not emails:
            result.no_address += 1
            continue
        school = ret.respondent_name
        when = "was due on" if cycle.due_on < today else "is due by"
        path = reverse("assurance:return_detail",
                       kwargs={"slug": cycle.lead_partnership.slug, "pk": ret.pk})
        send_mail(
            subject=f"Reminder: {cycle.title} for {school}",
            message="\n".join([
                "Dear designated safeguarding lead,", "",
                f"{school}'s return to {cycle.title} {when} "
                f"{cycle.due_on:%-d %B %Y} and has not been submitted yet.",
                f"Please complete it in the Safeguarding Partnership Hub: {base_url}{path}", "",
                f"{cycle.lead_partnership.name} business unit"]),
            from_email=settings.DEFAULT_FROM_EMAIL, recipient_list=emails)
        audit_record(actor=actor, action=AuditEvent.Action.EXPORT, model=SCHOOL_REMINDER,
                     object_id=str(ret.pk), partnership=cycle.lead_partnership,
                     object_repr=f"Reminder to {school}: {cycle.title}",
                     changes={"sent to": emails, "cycle": cycle.title})
        result.sent += 1
    return result
