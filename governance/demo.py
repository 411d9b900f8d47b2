"""Governance's part of the Tees demo (core.demo.tees): groups, memberships and group roles,
a year of meetings (fixed calendar slots, every N weeks from a fixed Monday or the nth weekday
of every Nth month), agendas, papers, attendance, minutes and escalations; then the procedures
register (the Tees procedures both partnerships share, with the threshold document, their
versions and what changed in each; version numbers and dates are illustrative).

Core's loader has written the partnerships, organisations, people and logins; this reads them
back by natural key (slug, name, username). Idempotent: every row is keyed on a natural key
(group name, group and start time, meeting and agenda order...), so a second run changes
nothing and a run on a later day adds the new slots in the window.
"""

from __future__ import annotations

import datetime
import random
import zoneinfo

from django.conf import settings
from django.utils import timezone

from core.demo import tees
from core.demo.loader import sync, upsert
from core.demo.pdf import simple_pdf
from core.models import Organisation, Partnership, Person, RoleAssignment
from core.services import system_actor

from .models import (
    AgendaItem,
    Attendance,
    Group,
    Meeting,
    Membership,
    Paper,
    Procedure,
    ProcedureVersion,
)

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


def load_procedures() -> None:
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


# ---- the Tees demo's groups and meetings ------------------------------------------------

EPOCH = datetime.date(2024, 1, 1)  # a Monday: week-based cadences count from here
PAST_DAYS = 305  # about ten months back
FUTURE_DAYS = 61  # about two months ahead


def meeting_dates(today: datetime.date, spec, index: int) -> list[datetime.date]:
    weekday = spec["slot"][0]
    every, unit = spec["cadence"]
    lo = today - datetime.timedelta(days=PAST_DAYS)
    if spec.get("ends_in_days"):
        lo = today - datetime.timedelta(days=150)
        hi = today + datetime.timedelta(days=spec["ends_in_days"])
    else:
        hi = today + datetime.timedelta(days=FUTURE_DAYS)
    dates = []
    if unit == "weeks":
        first = EPOCH + datetime.timedelta(weeks=index % every, days=weekday)
        step = datetime.timedelta(weeks=every)
        n = max(0, (lo - first).days // step.days)
        d = first + n * step
        while d <= hi:
            if d >= lo:
                dates.append(d)
            d += step
    else:
        nth = index % 3 + 1
        month = lo.year * 12 + lo.month - 1
        while True:
            y, m = divmod(month, 12)
            start = datetime.date(y, m + 1, 1)
            d = start + datetime.timedelta(
                days=(weekday - start.weekday()) % 7 + 7 * (nth - 1))
            if d > hi:
                break
            if month % every == index % every and d >= lo:
                dates.append(d)
            month += 1
    return dates


def agenda_for(spec, d: datetime.date):
    turn = d.toordinal() // 7
    kind = spec["kind"]
    items = [("Welcome, apologies and minutes of the last meeting", "standing", "", "")]
    items.append(("Action log", "standing", "",
                  "Actions reviewed; overdue actions followed up with their owners."))
    if kind == "executive":
        reports = tees.ASSURANCE_REPORTS
        for k in range(2):
            title, service, findings = reports[(turn * 2 + k) % len(reports)]
            items.append((title, "assurance", service, findings))
    if spec["name"] == "Tees Child Death Overview Panel":
        _title, service, findings = tees.ASSURANCE_REPORTS[-1]
        items.append(("Child death reviews completed and themes", "assurance", service,
                      findings))
    topics = tees.TOPICS[kind]
    for k in range(2 if kind != "executive" else 1):
        title, item_kind, findings = topics[(turn + k) % len(topics)]
        items.append((title, item_kind, "", findings))
    items.append(("Any other business", "standing", "", ""))
    orders = [*range(1, len(items)), 99]  # any other business always comes last
    return zip(orders, items, strict=True)



def demo_meetings(now=None) -> dict[str, list[Meeting]]:
    """The demo meetings in today's window, by group name and date, each carrying its group's
    spec (`_demo_spec`), its day (`_demo_day`) and its own agenda items (`_demo_items`, not
    the escalations added later), read back by natural key (group name and start time): what
    other apps' demo loaders (learning's actions) hang on."""
    tz = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    today = timezone.localtime(now or timezone.now(), tz).date()
    groups = {g.name: g for g in Group.objects.filter(name__in=[s["name"] for s in tees.GROUPS])}
    wanted = {}
    for index, spec in enumerate(tees.GROUPS):
        group = groups.get(spec["name"])
        if group is None:
            continue
        _, hour, minute, _length = spec["slot"]
        for d in meeting_dates(today, spec, index):
            starts = datetime.datetime.combine(d, datetime.time(hour, minute), tz)
            wanted[(group.pk, starts)] = (spec, d)
    existing = {
        (m.group_id, m.starts_at): m
        for m in Meeting.objects.filter(group__in=groups.values()).order_by("-pk")
    }
    found = [(existing[key], spec, d) for key, (spec, d) in wanted.items() if key in existing]
    items: dict[int, list[AgendaItem]] = {}
    for item in AgendaItem.objects.filter(meeting__in=[m for m, _s, _d in found]).order_by(
            "order"):
        items.setdefault(item.meeting_id, []).append(item)
    out: dict[str, list[Meeting]] = {}
    for meeting, spec, d in found:
        orders = {order for order, _item in agenda_for(spec, d)}
        meeting._demo_spec, meeting._demo_day = spec, d
        meeting._demo_items = [i for i in items.get(meeting.pk, []) if i.order in orders]
        out.setdefault(spec["name"], []).append(meeting)
    return out


class TeesGovernance:
    def __init__(self, now=None):
        self.now = now or timezone.now()
        self.tz = zoneinfo.ZoneInfo(settings.TIME_ZONE)
        self.today = timezone.localtime(self.now, self.tz).date()
        self.partnerships = {p.slug: p for p in Partnership.objects.filter(
            slug__in=[p["slug"] for p in tees.PARTNERSHIPS])}
        self.people = {p.name: p for p in Person.objects.filter(
            name__in=[name for name, _job, _org in tees.PEOPLE]).select_related("organisation")}
        self.groups: dict[str, Group] = {}
        self.meetings: dict[str, list[Meeting]] = {}  # group name -> meetings by date

    def load_groups(self):
        # Groups first without reports_to, then wire the structure.
        for spec in tees.GROUPS:
            every, unit = spec["cadence"] or (None, "")
            ends_on = (self.today + datetime.timedelta(days=spec["ends_in_days"])
                       if spec.get("ends_in_days") else None)
            group = upsert(
                Group, {"name": spec["name"]},
                {"kind": spec["kind"], "purpose": spec["purpose"],
                 "terms_of_reference": spec["terms"], "chair": self.people[spec["chair"]],
                 "chair_rota": spec["chair_rota"], "cadence_every": every,
                 "cadence_unit": unit, "ended_on": ends_on},
            )
            group.partnerships.set([self.partnerships[s] for s in spec["partnerships"]])
            self.groups[spec["name"]] = group
        started = datetime.date(self.today.year - 1, 4, 1)
        sync(Group, ("id",), [
            {"id": self.groups[spec["name"]].pk,
             "reports_to": self.groups[spec["reports_to"]] if spec["reports_to"] else None}
            for spec in tees.GROUPS
        ])
        sync(Membership, ("group", "person"), [
            {"group": self.groups[spec["name"]], "person": self.people[name],
             "group_role": role, "represents": self.people[name].organisation,
             "started_on": started}
            for spec in tees.GROUPS for name, role, _deputy in spec["members"]
        ])

    def load_group_roles(self):
        """The demo logins' roles narrowed to a group (core's loader wrote the others)."""
        orgs = {o.name: o for o in Organisation.objects.filter(
            name__in=[name for name, _kind, _slugs in tees.ORGANISATIONS])}
        people = {p.user.username: p for p in Person.objects.filter(
            user__username__in=list(tees.USERS)).select_related("user")}
        for username, spec in tees.USERS.items():
            person = people.get(username)
            if person is None:
                continue
            for role, slug, group_name, org_name in spec["roles"]:
                if not group_name:
                    continue
                lookup = {
                    "person": person, "role": role, "partnership": self.partnerships[slug],
                    "group": self.groups[group_name],
                    "organisation": orgs[org_name] if org_name else None,
                }
                if not RoleAssignment.objects.filter(**lookup).exists():
                    RoleAssignment.objects.create(**lookup)

    def load_meetings(self):
        wanted = []  # (spec, group, date, starts, values)
        for index, spec in enumerate(tees.GROUPS):
            group = self.groups[spec["name"]]
            _, hour, minute, length = spec["slot"]
            for d in meeting_dates(self.today, spec, index):
                starts = datetime.datetime.combine(d, datetime.time(hour, minute), self.tz)
                wanted.append((spec, group, d, starts, {
                    "title": f"{group.name}, {d.day} {d:%B %Y}",
                    "ends_at": starts + datetime.timedelta(hours=length),
                    "location": spec["location"],
                    "status": (Meeting.Status.HELD if starts < self.now
                               else Meeting.Status.PLANNED),
                }))
        existing = {
            (m.group_id, m.starts_at): m
            for m in Meeting.objects.filter(group__in=self.groups.values()).order_by("-pk")
        }
        meeting_rows = []
        for spec, group, d, starts, values in wanted:
            meeting = existing.get((group.pk, starts))
            if meeting is None:
                # Meeting.save gives a new meeting its learning source; learning's demo
                # loader names it and sets its partnerships.
                meeting = Meeting.objects.create(group=group, starts_at=starts, **values)
            else:
                meeting_rows.append({"id": meeting.pk, **values})
            for k, v in values.items():
                setattr(meeting, k, v)
            meeting._demo_spec, meeting._demo_day = spec, d
            self.meetings.setdefault(group.name, []).append(meeting)
        sync(Meeting, ("id",), meeting_rows)
        self.load_agendas()

    def load_agendas(self):
        rows = []
        for meetings in self.meetings.values():
            for meeting in meetings:
                held = meeting.status == Meeting.Status.HELD
                slug = meeting._demo_spec["partnerships"][0]
                for order, (title, kind, service, findings) in agenda_for(
                        meeting._demo_spec, meeting._demo_day):
                    presenter = tees.PRESENTERS.get((slug, service), "")
                    if presenter:
                        presenter = f"{presenter}, {self.people[presenter].job_title}"
                    rows.append({
                        "meeting": meeting, "order": order, "title": title, "kind": kind,
                        "assurance_service": service, "findings": findings if held else "",
                        "presenter": presenter, "include_in_annual_report": kind == "assurance",
                    })
        items = sync(AgendaItem, ("meeting", "order"), rows)
        by_meeting: dict[int, list] = {}
        for (m_id, _order), item in sorted(items.items(), key=lambda kv: kv[0][1]):
            by_meeting.setdefault(m_id, []).append(item)
        for meetings in self.meetings.values():
            for meeting in meetings:
                meeting._demo_items = by_meeting.get(meeting.pk, [])

    def load_papers(self):
        """A paper for each meeting's first assurance or decision item: a small generated
        PDF, attached through the governance paper service as the business unit would."""
        from django.core.files.base import ContentFile
        from django.utils.text import slugify

        from .services import paper_upload

        actor = system_actor()
        have = set(Paper.objects.values_list("agenda_item_id", "title"))
        for meetings in self.meetings.values():
            for meeting in meetings:
                item = next((i for i in meeting._demo_items
                             if i.kind in ("assurance", "decision")), None)
                if item is None:
                    continue
                day = meeting._demo_day
                title = f"{item.title}: paper for {day.day} {day:%B %Y}"
                if (item.pk, title) in have:
                    continue
                lines = [f"{meeting.title}", f"Agenda item {item.order}: {item.title}",
                         f"Presented by {item.presenter or 'the business unit'}.",
                         "Fictional demonstration paper: no real case or person is described."]
                if item.findings:
                    lines.append(item.findings[:400])
                partnership = self.partnerships[meeting._demo_spec["partnerships"][0]]
                paper_upload(actor=actor, partnership=partnership, agenda_item=item, title=title,
                             file=ContentFile(simple_pdf(title, lines),
                                              name=f"{slugify(item.title)[:60]}-{day}.pdf"))

    def load_attendance_and_minutes(self):
        attendance, minutes = [], []
        for spec in tees.GROUPS:
            for meeting in self.meetings[spec["name"]]:
                if meeting.status != Meeting.Status.HELD:
                    continue
                present, apologies, deputies = [], [], []
                for name, role, deputy in spec["members"]:
                    roll = random.Random(f"{meeting.starts_at:%Y%m%d}|{name}").random()
                    deputy_person = None
                    if roll < 0.78 or role == "chair":
                        status = Attendance.Status.PRESENT
                        present.append(name)
                    elif deputy and roll < 0.92:
                        status = Attendance.Status.DEPUTY
                        deputy_person = self.people[deputy]
                        deputies.append(f"{deputy} for {name}")
                    else:
                        status = Attendance.Status.APOLOGIES
                        apologies.append(name)
                    attendance.append({"meeting": meeting, "person": self.people[name],
                                       "status": status, "deputy": deputy_person})
                lines = [f"Present: {', '.join(present)}."]
                if deputies:
                    lines.append(f"Deputies: {'; '.join(deputies)}.")
                if apologies:
                    lines.append(f"Apologies: {', '.join(apologies)}.")
                for item in meeting._demo_items:
                    if item.findings:
                        lines.append(f"{item.order}. {item.title}: {item.findings}")
                meeting.minutes = "\n\n".join(lines)
                minutes.append({"id": meeting.pk, "minutes": meeting.minutes})
        sync(Attendance, ("meeting", "person"), attendance)
        sync(Meeting, ("id",), minutes)

    # ---- escalations, decisions and actions -------------------------------------------

    ESCALATIONS = [
        ("Capacity for return home interviews",
         "Return home interviews are not offered within 72 hours in a third of episodes; the "
         "group cannot close the capacity gap and asks the Executive for a partner decision.",
         "Partners agreed to fund extra capacity for six months and review the effect."),
        ("Health attendance at strategy discussions",
         "Health is not invited to a quarter of strategy discussions because of the timescale; "
         "the group asks the Executive to agree a single point of contact.",
         "The ICB will fund a named health contact for the front door; review in six months."),
    ]

    def load_escalations(self):
        pairs = [(tees.ENGINE_H, tees.EXEC_H), (tees.DEV_S, tees.EXEC_S)]
        for engine, executive in pairs:
            held = [m for m in self.meetings[engine] if m.status == Meeting.Status.HELD]
            for k, source_meeting in enumerate(held[-2:]):
                topic, concern, outcome = self.ESCALATIONS[k]
                item = upsert(
                    AgendaItem, {"meeting": source_meeting, "order": 20},
                    {"title": f"{topic}: escalate to the Executive",
                     "kind": AgendaItem.Kind.DISCUSSION, "findings": concern},
                )
                target = next((m for m in self.meetings[executive]
                               if m.starts_at > source_meeting.starts_at), None)
                if target is None:
                    continue
                held_target = target.status == Meeting.Status.HELD
                upsert(
                    AgendaItem, {"meeting": target, "order": 21 + k},
                    {"title": f"Escalation from the {source_meeting.group.name}: {topic.lower()}",
                     "kind": AgendaItem.Kind.ESCALATION, "escalated_from": item,
                     "findings": outcome if held_target else "",
                     "presenter": f"Chair, {source_meeting.group.name}"},
                )

    def run(self):
        self.load_groups()
        self.load_group_roles()
        self.load_meetings()
        self.load_papers()
        self.load_attendance_and_minutes()
        self.load_escalations()


def load() -> None:
    TeesGovernance().run()
    load_procedures()
