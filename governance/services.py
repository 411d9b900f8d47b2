"""Every write to groups, meetings, agendas, papers, attendance and decisions.

Services are keyword-only, take the acting user, run in one transaction and write their
audit rows in it. Bad input raises ValidationError with a message for the person at the
keyboard; nothing is saved.
"""

from __future__ import annotations

import calendar
import datetime
from typing import TypedDict, Unpack

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from core.dates import long_date, order_message
from core.forms import validate_upload
from core.models import AuditEvent, Partnership, Person
from core.policy import require
from core.selectors import rules_in_force
from core.services import audit_record, model_create, model_update, next_place, typed_fields
from core.sources import source_create

from .models import (
    PROCEDURE_REVIEW,
    AgendaItem,
    Attendance,
    Decision,
    Group,
    Meeting,
    Membership,
    Paper,
    Procedure,
    ProcedureVersion,
)
from .selectors import next_planned_meeting

MEETING_EDIT_FIELDS = ["title", "status", "starts_at", "ends_at", "location", "minutes"]
# A cadence over a long range would create hundreds of meetings by mistake.
MAX_GENERATED_MEETINGS = 60


def meeting_create(
    *,
    actor,
    partnership: Partnership,
    group: Group,
    title: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    location: str = "",
    status: str = Meeting.Status.PLANNED,
) -> Meeting:
    """Create a meeting and its learning Source (so actions set at it join the action plan)."""
    require(actor, "governance.run_group", group)
    meeting = Meeting(group=group, title=title.strip(), starts_at=starts_at, ends_at=ends_at,
                      location=location.strip(), status=status)
    meeting.full_clean(exclude=["source"])
    with transaction.atomic():
        # Governance sits below learning, so the Source comes through core (decision 0016).
        source = source_create(actor=actor, partnership=partnership, kind="meeting",
                               title=str(meeting), partnerships=group.partnerships.all())
        meeting = model_create(
            model_class=Meeting, actor=actor, partnership=partnership,
            data={"group": group, "title": meeting.title, "starts_at": starts_at,
                  "ends_at": ends_at, "location": meeting.location, "status": status,
                  "source": source},
        )
    return meeting


def meeting_update(
    *, actor, partnership: Partnership, meeting: Meeting, data: dict, expected_version: int
) -> Meeting:
    """Change a meeting's title, status, times, place or minutes.

    Raises ConcurrentEditError (nothing saved) if someone saved it since `expected_version`."""
    require(actor, "governance.run_meeting", meeting.group)
    return model_update(
        instance=meeting, fields=MEETING_EDIT_FIELDS, data=data, actor=actor,
        expected_version=expected_version, partnership=partnership,
    )


def _add_months(day: datetime.date, months: int) -> datetime.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(year=year, month=month,
                       day=min(day.day, calendar.monthrange(year, month)[1]))


def cadence_dates(group: Group, first: datetime.date, last: datetime.date) -> list[datetime.date]:
    """The days from `first` to `last` (inclusive) on which the group meets by its cadence.

    Each date is counted from `first` (not from the previous date), so months do not drift
    when a short month clamps the 31st to the 30th."""
    if not group.cadence_every or not group.cadence_unit:
        return []
    dates: list[datetime.date] = []
    step = 0
    while True:
        if group.cadence_unit == Group.CadenceUnit.WEEKS:
            day = first + datetime.timedelta(weeks=group.cadence_every * step)
        else:
            day = _add_months(first, group.cadence_every * step)
        if day > last:
            return dates
        dates.append(day)
        step += 1


def meetings_generate(
    *,
    actor,
    partnership: Partnership,
    group: Group,
    first: datetime.date,
    last: datetime.date,
    start_time: datetime.time,
    duration_minutes: int,
    location: str = "",
) -> list[Meeting]:
    """Plan one meeting per cadence step from `first` to `last`, skipping days on which the
    group already has a meeting. Returns the meetings created."""
    require(actor, "governance.run_group", group)
    if not group.cadence_every or not group.cadence_unit:
        raise ValidationError(
            f"{group.name} has no meeting cadence. Set how often it meets, or create its "
            "meetings one by one."
        )
    if last < first:
        raise ValidationError({"last": "The last date must be the same as or after the first date."})
    if duration_minutes is None or duration_minutes <= 0:
        raise ValidationError({"duration_minutes": "Enter how long each meeting lasts, in minutes."})
    dates = cadence_dates(group, first, last)
    if len(dates) > MAX_GENERATED_MEETINGS:
        raise ValidationError(
            f"That range would plan {len(dates)} meetings; the most at once is "
            f"{MAX_GENERATED_MEETINGS}. Choose a shorter range."
        )
    taken = {
        timezone.localtime(s).date()
        for s in group.meetings.filter(
            starts_at__date__gte=first, starts_at__date__lte=last
        ).values_list("starts_at", flat=True)
    }
    created = []
    with transaction.atomic():
        for day in dates:
            if day in taken:
                continue
            starts_at = timezone.make_aware(datetime.datetime.combine(day, start_time))
            created.append(meeting_create(
                actor=actor, partnership=partnership, group=group, title=group.name,
                starts_at=starts_at,
                ends_at=starts_at + datetime.timedelta(minutes=duration_minutes),
                location=location,
            ))
    return created


def agenda_item_create(
    *,
    actor,
    partnership: Partnership,
    meeting: Meeting,
    title: str,
    kind: str = AgendaItem.Kind.DISCUSSION,
    presenter: str = "",
    assurance_service: str = "",
    findings: str = "",
    include_in_annual_report: bool = False,
) -> AgendaItem:
    require(actor, "governance.run_meeting", meeting.group)
    with transaction.atomic():
        return model_create(
            model_class=AgendaItem, actor=actor, partnership=partnership,
            data={"meeting": meeting, "order": next_place(meeting, "agenda_items"), "title": title.strip(),
                  "kind": kind, "presenter": presenter.strip(),
                  "assurance_service": assurance_service or "",
                  "findings": findings.strip(),
                  "include_in_annual_report": include_in_annual_report},
        )


def paper_upload(
    *, actor, partnership: Partnership, agenda_item: AgendaItem, title: str, file
) -> Paper:
    """Attach a paper to an agenda item: a document, within the size limit."""
    require(actor, "governance.run_meeting", agenda_item.meeting.group)
    if file is None:
        raise ValidationError({"file": "Choose the file to upload."})
    try:
        validate_upload(file)
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from None
    # Without a title, the paper is known by its file name.
    title = (title or "").strip() or file.name.rsplit("/", 1)[-1][:200]
    paper = Paper(agenda_item=agenda_item, title=title, file=file, uploaded_by=actor)
    paper.full_clean(exclude=["file"])
    with transaction.atomic():
        paper.save()
        audit_record(actor=actor, action=AuditEvent.Action.CREATE, obj=paper,
                     partnership=partnership,
                     changes={"title": title, "file": paper.file.name,
                              "agenda_item": str(agenda_item)})
    return paper


def attendance_record(
    *, actor, partnership: Partnership, meeting: Meeting, entries: list[dict]
) -> list[Attendance]:
    """Record who attended. `entries` are dicts of person, status ('' clears the record)
    and deputy. All entries are checked first; if any is wrong nothing is saved."""
    require(actor, "governance.run_meeting", meeting.group)
    problems = []
    for entry in entries:
        person, status, deputy = entry["person"], entry.get("status") or "", entry.get("deputy")
        if status and status not in Attendance.Status.values:
            problems.append(f"Choose whether {person.name} was present, sent apologies, "
                            "sent a deputy or was absent.")
        if status == Attendance.Status.DEPUTY and deputy is None:
            problems.append(f"Name the deputy who attended for {person.name}.")
        if deputy is not None and deputy.pk == person.pk:
            problems.append(f"{person.name} cannot be their own deputy.")
    if problems:
        raise ValidationError(problems)
    existing = {a.person_id: a for a in meeting.attendance.all()}
    saved = []
    with transaction.atomic():
        for entry in entries:
            person, status = entry["person"], entry.get("status") or ""
            deputy = entry.get("deputy") if status == Attendance.Status.DEPUTY else None
            record = existing.get(person.pk)
            if not status:
                if record is not None:
                    audit_record(actor=actor, action=AuditEvent.Action.DELETE, obj=record,
                                 partnership=partnership, object_repr=f"{person} at {meeting}")
                    record.delete()
                continue
            if record is None:
                record = Attendance(meeting=meeting, person=person, status=status, deputy=deputy)
                record.full_clean()
                record.save()
                audit_record(actor=actor, action=AuditEvent.Action.CREATE, obj=record,
                             partnership=partnership, object_repr=f"{person} at {meeting}",
                             changes={"status": status, "deputy": deputy})
            elif record.status != status or record.deputy_id != getattr(deputy, "pk", None):
                changes = {"status": {"from": record.status, "to": status},
                           "deputy": {"from": str(record.deputy or ""), "to": str(deputy or "")}}
                record.status, record.deputy = status, deputy
                record.full_clean()
                record.save(update_fields=["status", "deputy", "updated_at"])
                audit_record(actor=actor, action=AuditEvent.Action.CHANGE, obj=record,
                             partnership=partnership, object_repr=f"{person} at {meeting}",
                             changes=changes)
            saved.append(record)
    return saved


def decision_record(
    *,
    actor,
    partnership: Partnership,
    meeting: Meeting,
    text: str,
    agenda_item: AgendaItem | None = None,
) -> Decision:
    require(actor, "governance.run_meeting", meeting.group)
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": "Enter the decision"})
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise ValidationError({"agenda_item": "Choose an agenda item of this meeting."})
    with transaction.atomic():
        return model_create(
            model_class=Decision, actor=actor, partnership=partnership,
            data={"meeting": meeting, "text": text, "agenda_item": agenda_item,
                  "recorded_by": actor},
        )


def agenda_item_escalate(*, actor, partnership: Partnership, agenda_item: AgendaItem) -> AgendaItem:
    """Put an item of a sub-group's meeting on the next planned meeting of the group it
    reports to, as an escalation linked back to the original."""
    meeting = agenda_item.meeting
    require(actor, "governance.run_meeting", meeting.group)
    parent = meeting.group.reports_to
    if parent is None:
        raise ValidationError(
            f"{meeting.group.name} does not report to another group, so there is nowhere to "
            "escalate this item."
        )
    target = next_planned_meeting(parent)
    if target is None:
        raise ValidationError(
            f"{parent.name} has no planned meeting coming up, so the item was not escalated. "
            f"Plan {parent.name}'s next meeting first, then escalate the item."
        )
    if target.agenda_items.filter(escalated_from=agenda_item).exists():
        raise ValidationError(
            f"This item is already on the agenda of {target}."
        )
    with transaction.atomic():
        return model_create(
            model_class=AgendaItem, actor=actor, partnership=partnership,
            data={"meeting": target, "order": next_place(target, "agenda_items"),
                  "title": f"Escalated from {meeting.group.name}: {agenda_item.title}"[:200],
                  "kind": AgendaItem.Kind.ESCALATION, "presenter": agenda_item.presenter,
                  "findings": agenda_item.findings, "escalated_from": agenda_item},
        )


# ---- Groups: the partnership's structure, dated ----

class GroupFields(TypedDict, total=False):
    """A group's own fields, as keyword arguments of group_create and group_update (decision
    0018): a change gives only the fields it changes."""

    name: str
    kind: str
    reports_to: Group | None
    purpose: str
    chair_rota: str
    cadence_every: int | None
    cadence_unit: str
    started_on: datetime.date | None
    ended_on: datetime.date | None


GROUP_FIELDS = list(GroupFields.__annotations__)


def _group_checks(*, actor, partnership: Partnership, group: Group | None, data: dict,
                  partnerships) -> list:
    """The partnerships the group will serve, after checking what the actor asked for.
    Bad input raises ValidationError naming the field; nothing is saved."""
    errors = {}
    # A change may give only some fields: check the group as it would be after it.
    if group is not None:
        data = {**{f: getattr(group, f) for f in GROUP_FIELDS}, **data}
    name = (data.get("name") or "").strip()
    if not name:
        errors["name"] = "Enter the group's name."
    chosen = {p.pk: p for p in partnerships or []}
    current = {p.pk: p for p in group.partnerships.all()} if group else {}
    # A partnership the actor does not run stays as it was: a Tees-wide group edited by one
    # partnership's business unit keeps serving the others.
    for pk, p in current.items():
        if pk not in chosen and not actor.has_perm("governance.manage_groups", p):
            chosen[pk] = p
    for pk in set(chosen) - set(current):
        p = chosen[pk]
        if not actor.has_perm("governance.manage_groups", p):
            errors["partnerships"] = (f"Only {p.name}'s business unit can add {p.name} to "
                                      "the partnerships a group serves.")
    if partnership.pk not in chosen:
        errors["partnerships"] = f"A group recorded here must serve {partnership.name}."
    parent = data.get("reports_to")
    if parent is not None:
        if group is not None and parent.pk == group.pk:
            errors["reports_to"] = f"{group.name} cannot report to itself."
        elif not parent.partnerships.filter(pk=partnership.pk).exists():
            errors["reports_to"] = f"Choose a group that serves {partnership.name}."
        elif group is not None:
            # Reporting lines go up, never round: no group may report to one of its own
            # sub-groups.
            seen, step = set(), parent
            while step is not None and step.pk not in seen:
                if step.pk == group.pk:
                    errors["reports_to"] = (f"{parent.name} reports to {group.name} (directly "
                                            "or through other groups), so it cannot be the "
                                            f"group {group.name} reports to.")
                    break
                seen.add(step.pk)
                step = step.reports_to
    started, ended = data.get("started_on"), data.get("ended_on")
    if started and ended and ended < started:
        errors["ended_on"] = (f"The date the group ended ({long_date(ended)}) cannot be "
                              f"before the date it started ({long_date(started)}).")
    if errors:
        raise ValidationError(errors)
    return list(chosen.values())


def _group_data(data: dict) -> dict:
    clean = {k: v for k, v in data.items() if k in GROUP_FIELDS}
    for key in ("name", "purpose", "chair_rota"):
        if key in clean:
            clean[key] = (clean[key] or "").strip()
    if "cadence_unit" in clean:
        clean["cadence_unit"] = clean["cadence_unit"] or ""
    return clean


def group_create(*, actor, partnership: Partnership, partnerships=None,
                 **fields: Unpack[GroupFields]) -> Group:
    """Record a group of the partnership's arrangements, with the dates it existed."""
    require(actor, "governance.manage_groups", partnership)
    data = typed_fields(fields, GroupFields)
    partnerships = _group_checks(actor=actor, partnership=partnership, group=None, data=data,
                                 partnerships=partnerships or [partnership])
    with transaction.atomic():
        return model_create(model_class=Group, actor=actor, partnership=partnership,
                            data=_group_data(data), m2m={"partnerships": partnerships})


def group_update(*, actor, partnership: Partnership, group: Group, expected_version: int,
                 partnerships=None, **fields: Unpack[GroupFields]) -> Group:
    """Change the fields given; a stale version is refused (decision 0002)."""
    require(actor, "governance.manage_groups", partnership)
    data = typed_fields(fields, GroupFields)
    if not group.partnerships.filter(pk=partnership.pk).exists():
        raise PermissionDenied("This group does not serve this partnership.")
    if partnerships is None:
        partnerships = list(group.partnerships.all())
    partnerships = _group_checks(actor=actor, partnership=partnership, group=group, data=data,
                                 partnerships=partnerships)
    return model_update(instance=group, fields=GROUP_FIELDS, data=_group_data(data),
                        actor=actor, expected_version=expected_version,
                        partnership=partnership, m2m={"partnerships": partnerships})


def group_chair_change(*, actor, partnership: Partnership, group: Group, person: Person,
                       from_date: datetime.date) -> Membership:
    """`person` chairs `group` from `from_date`: the chair before them stops chairing the
    day before (their membership ends then), and the group's current chair is updated.
    The chair's history is the group's dated chair memberships; the report of a year reads
    it. Permissions still come from role assignments (core.policy)."""
    require(actor, "governance.manage_groups", partnership)
    if not group.partnerships.filter(pk=partnership.pk).exists():
        raise PermissionDenied("This group does not serve this partnership.")
    from core.selectors import people_for

    if not people_for(partnership).filter(pk=person.pk).exists():
        raise ValidationError({"person": f"Choose someone who works with {partnership.name}."})
    if from_date is None:
        raise ValidationError({"from_date": "Enter the date they started chairing."})
    if group.started_on and from_date < group.started_on:
        raise ValidationError({"from_date": (
            f"The date they started chairing ({long_date(from_date)}) cannot be before the "
            f"date the group started ({long_date(group.started_on)}).")})
    if group.ended_on and from_date > group.ended_on:
        raise ValidationError({"from_date": (
            f"The group ended on {long_date(group.ended_on)}, before "
            f"{long_date(from_date)}.")})
    chairs = list(group.memberships.filter(group_role=Membership.GroupRole.CHAIR,
                                           ended_on__isnull=True).exclude(person=person))
    day_before = from_date - datetime.timedelta(days=1)
    for old in chairs:
        if old.started_on and old.started_on > day_before:
            raise ValidationError({"from_date": (
                f"{old.person.name} started chairing on {long_date(old.started_on)}: the new "
                "chair's start must be after that.")})
    with transaction.atomic():
        for old in chairs:
            model_update(instance=old, fields=["ended_on"], data={"ended_on": day_before},
                         actor=actor, partnership=partnership)
        existing = group.memberships.filter(person=person).first()
        if existing is None:
            membership = model_create(
                model_class=Membership, actor=actor, partnership=partnership,
                data={"group": group, "person": person,
                      "group_role": Membership.GroupRole.CHAIR, "started_on": from_date,
                      "represents": person.organisation})
        else:
            membership = model_update(
                instance=existing, fields=["group_role", "started_on", "ended_on"],
                data={"group_role": Membership.GroupRole.CHAIR, "started_on": from_date,
                      "ended_on": None}, actor=actor, partnership=partnership)
        if group.chair_id != person.pk:
            model_update(instance=group, fields=["chair"], data={"chair": person},
                         actor=actor, expected_version=group.version,
                         partnership=partnership)
    return membership


# ---- The procedures register ----

PROCEDURE_FIELDS = ["title", "kind", "summary", "url", "owner_group", "current_version",
                    "last_reviewed_on", "next_review_due", "published"]


def _review_due(partnership, last_reviewed_on):
    """The next review the procedure-review rule in force sets, or None."""
    if last_reviewed_on is None:
        return None
    rule = rules_in_force(partnership, [PROCEDURE_REVIEW]).order_by("key").first()
    return rule.due_date(last_reviewed_on) if rule else None


def _procedure_data(partnership, data: dict) -> dict:
    data = {k: v for k, v in data.items() if k in PROCEDURE_FIELDS}
    group = data.get("owner_group")
    if group is not None and not group.partnerships.filter(pk=partnership.pk).exists():
        raise ValidationError({"owner_group": "Choose a group of this partnership."})
    if not data.get("next_review_due") and data.get("last_reviewed_on"):
        data["next_review_due"] = _review_due(partnership, data["last_reviewed_on"])
    return data


def procedure_create(*, actor, partnership, data: dict, partnerships=None) -> Procedure:
    """Add a procedure (or the threshold document) to the register. Left empty, its next
    review is set by the procedure-review rule."""
    require(actor, "governance.manage_procedures", partnership)
    values = _procedure_data(partnership, data)
    return model_create(model_class=Procedure, actor=actor, partnership=partnership,
                        data=values, m2m={"partnerships": partnerships or [partnership]})


def procedure_update(*, actor, partnership, procedure: Procedure, data: dict,
                     expected_version: int | None) -> Procedure:
    require(actor, "governance.manage_procedures", partnership)
    return model_update(instance=procedure, fields=PROCEDURE_FIELDS,
                        data=_procedure_data(partnership, data), actor=actor,
                        expected_version=expected_version, partnership=partnership)


def procedure_version_add(*, actor, partnership, procedure: Procedure, data: dict,
                          expected_version: int | None) -> ProcedureVersion:
    """Record a new version: what changed, when it was adopted (the procedure's last review)
    and its link; the next review moves on by the procedure-review rule."""
    require(actor, "governance.manage_procedures", partnership)
    adopted = data.get("adopted_on")
    if adopted and procedure.last_reviewed_on and adopted < procedure.last_reviewed_on:
        raise ValidationError({"adopted_on": order_message(
            "The date this version was adopted", adopted, "the last review",
            procedure.last_reviewed_on)})
    with transaction.atomic():
        version = model_create(model_class=ProcedureVersion, actor=actor,
                               partnership=partnership,
                               data={"procedure": procedure, "number": data.get("number", ""),
                                     "adopted_on": adopted,
                                     "what_changed": data.get("what_changed", ""),
                                     "url": data.get("url") or ""})
        model_update(instance=procedure, actor=actor, expected_version=expected_version,
                     partnership=partnership,
                     fields=["current_version", "last_reviewed_on", "next_review_due", "url"],
                     data={"current_version": version.number, "last_reviewed_on": adopted,
                           "next_review_due": _review_due(partnership, adopted),
                           "url": version.url or procedure.url})
    return version
