"""Every write on the partnership's business records, each with its audit row."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core.pii import validate_no_personal_data
from core.policy import require
from core.services import model_create, model_update
from core.tabular import RowProblem, RowsRejected, whole_number
from learning.models import Source, Theme
from learning.sources import source_create

from .models import (
    CommunicationItem,
    NationalItem,
    ScrutineerAppointment,
    ScrutinyActivity,
    ScrutinyStatement,
    VoiceItem,
)

MANAGE = "business.manage_business"


def _clean(data: dict, fields: list[str], *, required: dict[str, str]) -> dict:
    """Only the fields the record takes, text trimmed, required ones present (a message
    naming each missing one)."""
    data = {k: (v.strip() if isinstance(v, str) else v) for k, v in data.items() if k in fields}
    errors = {name: message for name, message in required.items()
              if data.get(name) in (None, "")}
    if errors:
        raise ValidationError(errors)
    return data


def _check_in_partnership(partnership, data: dict) -> None:
    errors = {}
    item = data.get("agenda_item")
    if item is not None and not item.meeting.group.partnerships.filter(
            pk=partnership.pk).exists():
        errors["agenda_item"] = "Choose an agenda item of this partnership's meetings."
    for name in ("person", "scrutineer"):
        person = data.get(name)
        if person is not None and not (
                person.roles.filter(partnership=partnership).exists()
                or (person.organisation_id and person.organisation.partnerships.filter(
                    pk=partnership.pk).exists())):
            errors[name] = "Choose a person who works with this partnership."
    if errors:
        raise ValidationError(errors)


def _retitle_source(record) -> None:
    if record.source.title != record.title:
        Source.objects.filter(pk=record.source_id).update(title=record.title)


# ---- national agenda tracker ----

NATIONAL_FIELDS = ["kind", "issuer", "title", "issued_on", "url", "due_basis", "letter_due",
                   "circulated_to", "circulated_on", "agenda_item", "outcome", "status",
                   "closed_on"]
NATIONAL_REQUIRED = {"kind": "Choose what kind of item it is",
                     "issuer": "Choose who it is from", "title": "Enter the title",
                     "issued_on": "Enter the date it was issued"}


def _check_national(partnership, data: dict) -> dict:
    data = _clean(data, NATIONAL_FIELDS, required=NATIONAL_REQUIRED)
    _check_in_partnership(partnership, data)
    # The response date comes from the partnership's rule (business.clock), unless the
    # letter itself sets one (decision 0036).
    basis = data.get("due_basis") or NationalItem.DueBasis.RULE
    if basis not in NationalItem.DueBasis.values:
        raise ValidationError({"due_basis": "Choose where the response date comes from"})
    data["due_basis"] = basis
    if basis != NationalItem.DueBasis.LETTER:
        data["letter_due"] = None
    elif not data.get("letter_due"):
        raise ValidationError({"letter_due": "Enter the response date the letter sets"})
    if data.get("status") in NationalItem.CLOSED and not data.get("closed_on"):
        raise ValidationError({"closed_on": "Enter the date the partnership responded or "
                                            "noted it"})
    validate_no_personal_data(title=data["title"], circulated_to=data.get("circulated_to"),
                              outcome=data.get("outcome"))
    return data


def national_item_create(*, actor, partnership, data: dict) -> NationalItem:
    """Log a letter, review or guidance; it owns a learning source, so the actions it leads
    to are set and followed in the learning thread."""
    require(actor, MANAGE, partnership)
    data = _check_national(partnership, data)
    with transaction.atomic():
        source = source_create(actor=actor, partnership=partnership,
                               kind=Source.Kind.NATIONAL_REVIEW, title=data["title"])
        return model_create(model_class=NationalItem, actor=actor, partnership=partnership,
                            data={**data, "partnership": partnership, "source": source})


def national_item_update(*, actor, item: NationalItem, data: dict,
                         expected_version: int | None) -> NationalItem:
    require(actor, MANAGE, item.partnership)
    data = _check_national(item.partnership,
                           {**{f: getattr(item, f) for f in NATIONAL_FIELDS}, **data})
    with transaction.atomic():
        item = model_update(instance=item, fields=NATIONAL_FIELDS, data=data, actor=actor,
                            expected_version=expected_version, partnership=item.partnership)
        _retitle_source(item)
    return item


# ---- independent scrutiny ----

APPOINTMENT_FIELDS = ["person", "title", "starts_on", "ends_on", "days_per_year", "terms"]
APPOINTMENT_REQUIRED = {"person": "Choose the scrutineer", "title": "Enter the role title",
                        "starts_on": "Enter the date the appointment starts"}


def _check_appointment(partnership, data: dict) -> dict:
    data = _clean(data, APPOINTMENT_FIELDS, required=APPOINTMENT_REQUIRED)
    _check_in_partnership(partnership, data)
    validate_no_personal_data(terms=data.get("terms"))
    return data


def appointment_create(*, actor, partnership, data: dict) -> ScrutineerAppointment:
    require(actor, MANAGE, partnership)
    data = _check_appointment(partnership, data)
    return model_create(model_class=ScrutineerAppointment, actor=actor,
                        partnership=partnership, data={**data, "partnership": partnership})


def appointment_update(*, actor, appointment: ScrutineerAppointment, data: dict,
                       expected_version: int | None) -> ScrutineerAppointment:
    require(actor, MANAGE, appointment.partnership)
    data = _check_appointment(appointment.partnership, {
        **{f: getattr(appointment, f) for f in APPOINTMENT_FIELDS}, **data})
    return model_update(instance=appointment, fields=APPOINTMENT_FIELDS, data=data,
                        actor=actor, expected_version=expected_version,
                        partnership=appointment.partnership)


ACTIVITY_FIELDS = ["kind", "title", "held_on", "scrutineer", "summary", "response",
                   "response_on", "response_text"]
ACTIVITY_REQUIRED = {"kind": "Choose what kind of scrutiny it was", "title": "Enter a title",
                     "held_on": "Enter the date it was held or reported"}


def _check_activity(partnership, data: dict) -> dict:
    data = _clean(data, ACTIVITY_FIELDS, required=ACTIVITY_REQUIRED)
    _check_in_partnership(partnership, data)
    answered = data.get("response") not in (None, "", ScrutinyActivity.Response.AWAITED)
    if answered and not data.get("response_on"):
        raise ValidationError({"response_on": "Enter the date the partnership responded"})
    validate_no_personal_data(title=data["title"], summary=data.get("summary"),
                              response_text=data.get("response_text"))
    return data


def scrutiny_activity_create(*, actor, partnership, data: dict,
                             themes=()) -> ScrutinyActivity:
    """Log a piece of scrutiny. It owns a learning source: its findings, recommendations and
    actions are recorded there once and appear in the combined learning action plan."""
    require(actor, MANAGE, partnership)
    data = _check_activity(partnership, data)
    with transaction.atomic():
        source = source_create(actor=actor, partnership=partnership,
                               kind=Source.Kind.SCRUTINY, title=data["title"], themes=themes)
        return model_create(model_class=ScrutinyActivity, actor=actor,
                            partnership=partnership,
                            data={**data, "partnership": partnership, "source": source})


def scrutiny_activity_update(*, actor, activity: ScrutinyActivity, data: dict,
                             expected_version: int | None) -> ScrutinyActivity:
    require(actor, MANAGE, activity.partnership)
    data = _check_activity(activity.partnership,
                           {**{f: getattr(activity, f) for f in ACTIVITY_FIELDS}, **data})
    with transaction.atomic():
        activity = model_update(instance=activity, fields=ACTIVITY_FIELDS, data=data,
                                actor=actor, expected_version=expected_version,
                                partnership=activity.partnership)
        _retitle_source(activity)
    return activity


def statement_save(*, actor, partnership, year_start: int, text: str,
                   expected_version: int | None) -> ScrutinyStatement:
    """The scrutineer writes (or rewrites) the year's statement. `expected_version` is 0 when
    there was none yet. Rewriting an approved statement withdraws its approval, so the
    report never prints words the scrutineer has not approved."""
    require(actor, "business.write_statement", partnership)
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": "Enter the statement"})
    validate_no_personal_data(text=text)
    current = ScrutinyStatement.objects.filter(partnership=partnership,
                                               year_start=year_start).first()
    if current is None:
        if expected_version:
            from core.services import ConcurrentEditError
            raise ConcurrentEditError()
        return model_create(model_class=ScrutinyStatement, actor=actor, partnership=partnership,
                            data={"partnership": partnership, "year_start": year_start,
                                  "text": text, "written_by": actor})
    data = {"text": text, "written_by": actor}
    if text != current.text:
        data.update(approved_on=None, approved_by=None)
    return model_update(instance=current, fields=["text", "written_by", "approved_on",
                                                  "approved_by"],
                        data=data, actor=actor, expected_version=expected_version,
                        partnership=partnership)


def statement_approve(*, actor, statement: ScrutinyStatement,
                      expected_version: int | None) -> ScrutinyStatement:
    """The scrutineer approves the statement as written: the yearly report then prints it."""
    require(actor, "business.write_statement", statement.partnership)
    return model_update(instance=statement, fields=["approved_on", "approved_by"],
                        data={"approved_on": timezone.localdate(), "approved_by": actor},
                        actor=actor, expected_version=expected_version,
                        partnership=statement.partnership)


# ---- communication ----

COMMUNICATION_FIELDS = ["kind", "title", "issued_on", "audience", "theme", "reach", "measure",
                        "url"]
COMMUNICATION_REQUIRED = {"kind": "Choose what kind of communication it is",
                          "title": "Enter a title",
                          "issued_on": "Enter the date it was issued or held",
                          "audience": "Choose who it was for"}


def _check_communication(data: dict) -> dict:
    data = _clean(data, COMMUNICATION_FIELDS, required=COMMUNICATION_REQUIRED)
    validate_no_personal_data(title=data["title"])
    return data


def communication_create(*, actor, partnership, data: dict) -> CommunicationItem:
    require(actor, MANAGE, partnership)
    data = _check_communication(data)
    return model_create(model_class=CommunicationItem, actor=actor, partnership=partnership,
                        data={**data, "partnership": partnership})


def communication_update(*, actor, item: CommunicationItem, data: dict,
                         expected_version: int | None) -> CommunicationItem:
    require(actor, MANAGE, item.partnership)
    data = _check_communication({**{f: getattr(item, f) for f in COMMUNICATION_FIELDS},
                                 **data})
    return model_update(instance=item, fields=COMMUNICATION_FIELDS, data=data, actor=actor,
                        expected_version=expected_version, partnership=item.partnership)


COMMUNICATION_COLUMNS = ["kind", "title", "date", "audience"]


def _choice(choices, text: str) -> str | None:
    """A choice given by its value or its label, in any case."""
    text = (text or "").strip().lower()
    for value, label in choices:
        if text in (value.lower(), str(label).lower()):
            return value
    return None


def _cell(row: dict, name: str) -> str:
    """A cell as text. Rows come from a file (text) or a caller's JSON: a number is written
    out, anything else (a list, an object) is not text and reads as nothing usable."""
    value = row.get(name)
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return "" if value is None else "\ufffd"  # matches no choice, date or number


def _read_communication_row(number: int, row: dict, themes: dict) -> tuple[dict, list]:
    problems: list[RowProblem] = []
    data: dict[str, object] = {}
    for name, choices, what in (("kind", CommunicationItem.Kind.choices, "kind"),
                                ("audience", CommunicationItem.Audience.choices, "audience")):
        value = _choice(choices, _cell(row, name))
        if value is None:
            allowed = ", ".join(v for v, _ in choices)
            problems.append(RowProblem(number, f"“{row.get(name, '')}” is not a {what}: use "
                                               f"one of {allowed}.", name))
        data[name] = value
    data["title"] = _cell(row, "title")
    if isinstance(row.get("title"), list | dict):
        problems.append(RowProblem(number, "The title must be text.", "title"))
    elif not data["title"]:
        problems.append(RowProblem(number, "Enter the title.", "title"))
    try:
        data["issued_on"] = datetime.date.fromisoformat(_cell(row, "date"))
    except ValueError:
        problems.append(RowProblem(number, f"“{row.get('date', '')}” is not a date: write it "
                                           "as YYYY-MM-DD, e.g. 2021-03-31.", "date"))
    theme_name = _cell(row, "theme")
    data["theme"] = themes.get(theme_name.lower()) if theme_name else None
    if theme_name and data["theme"] is None:
        problems.append(RowProblem(
            number, f"“{row.get('theme')}” is not a theme in the hub's list.", "theme"))
    reach = _cell(row, "reach")
    data["reach"] = None
    if reach:
        data["reach"] = whole_number(reach)
        if data["reach"] is None:
            problems.append(RowProblem(number, f"The reach must be a whole number, 0 or more; "
                                               f"“{row.get('reach')}” is not.", "reach"))
    measure = _cell(row, "measure")
    data["measure"] = _choice(CommunicationItem.Measure.choices, measure) if measure else ""
    if measure and data["measure"] is None:
        allowed = ", ".join(v for v, _ in CommunicationItem.Measure.choices)
        problems.append(RowProblem(number, f"“{row.get('measure')}” is not a measure: use "
                                           f"one of {allowed}.", "measure"))
    data["url"] = _cell(row, "url")
    if isinstance(row.get("url"), list | dict):
        problems.append(RowProblem(number, "The url must be text.", "url"))
    return data, problems


def communication_import(*, actor, partnership, rows: list[dict]) -> list[CommunicationItem]:
    """Add the rows of a CSV / XLSX (kind, title, date, audience; optional theme, reach,
    measure, url): all of them, or none and the problems by row (RowsRejected)."""
    require(actor, MANAGE, partnership)
    if not rows:
        raise RowsRejected([RowProblem(1, "The file has no rows below its header.")])
    themes = {t.name.lower(): t for t in Theme.objects.all()}
    problems, checked = [], []
    for number, row in enumerate(rows, start=1):  # row 1 is the first below the header
        data, row_problems = _read_communication_row(number, row, themes)
        if not row_problems:
            try:
                _check_communication(data)
                CommunicationItem(**data, partnership=partnership).full_clean()
            except ValidationError as error:
                for field, messages in error.message_dict.items():
                    row_problems.extend(RowProblem(number, m, field) for m in messages)
        problems.extend(row_problems)
        checked.append(data)
    if problems:
        raise RowsRejected(problems, rows_processed=len(rows))
    with transaction.atomic():
        return [model_create(model_class=CommunicationItem, actor=actor,
                             partnership=partnership, data={**data, "partnership": partnership})
                for data in checked]


# ---- voice of the child ----

VOICE_FIELDS = ["heard_on", "channel", "voice", "age_band", "said", "theme", "what_changed",
                "consent", "consent_recorded_on"]
VOICE_REQUIRED = {"heard_on": "Enter the date it was heard",
                  "channel": "Choose where it was heard", "voice": "Choose whose voice it is",
                  "age_band": "Choose the age band", "said": "Enter what they said"}


def _check_voice(data: dict) -> dict:
    data = _clean(data, VOICE_FIELDS, required=VOICE_REQUIRED)
    data["consent"] = bool(data.get("consent"))
    validate_no_personal_data(said=data["said"], what_changed=data.get("what_changed"))
    return data


def voice_create(*, actor, partnership, data: dict) -> VoiceItem:
    """Record what children, young people or families said: an age band, never a name."""
    require(actor, MANAGE, partnership)
    data = _check_voice(data)
    return model_create(model_class=VoiceItem, actor=actor, partnership=partnership,
                        data={**data, "partnership": partnership})


def voice_update(*, actor, item: VoiceItem, data: dict,
                 expected_version: int | None) -> VoiceItem:
    require(actor, MANAGE, item.partnership)
    data = _check_voice({**{f: getattr(item, f) for f in VOICE_FIELDS}, **data})
    return model_update(instance=item, fields=VOICE_FIELDS, data=data, actor=actor,
                        expected_version=expected_version, partnership=item.partnership)
