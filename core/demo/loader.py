"""Write the Tees demo (core.demo.tees) idempotently.

Every record is keyed on a natural key (slug, ONS code, name, username, group and start
time, meeting and agenda order, source and action title...). A row is only written when
something in it differs, so a second run in the same day changes nothing. Meeting slots are
fixed calendar positions (every N weeks from a fixed Monday, or the nth weekday of every Nth
month), so a run on a later day adds the new slots in the window without duplicating old ones;
action due dates and meeting statuses are refreshed relative to today.
"""

from __future__ import annotations

import datetime
import inspect
import random
import zoneinfo
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from core.models import (
    TWO_FACTOR_ROLES,
    Area,
    AreaPopulation,
    Organisation,
    Partnership,
    Person,
    Role,
    RoleAssignment,
    User,
)
from core.services import system_actor
from governance.models import (
    AgendaItem,
    Attendance,
    Decision,
    Group,
    Meeting,
    Membership,
    Paper,
)
from learning.models import Action, ActionUpdate, Source

from . import tees
from .pdf import simple_pdf
from .totp import DEVICE_NAME, demo_key

EPOCH = datetime.date(2024, 1, 1)  # a Monday: week-based cadences count from here
PAST_DAYS = 305  # about ten months back
FUTURE_DAYS = 61  # about two months ahead


class DemoError(Exception):
    """The demo cannot be loaded without harming real data."""


@dataclass
class Login:
    username: str
    name: str
    roles: list[str]
    partnerships: list[str]
    needs_code: bool


@dataclass
class Result:
    logins: list[Login] = field(default_factory=list)
    extensions: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def decision_text(item) -> str:
    return f"{item.title}: the group accepted the findings and agreed the actions in the log."


def upsert(model, lookup: dict, values: dict | None = None):
    """Fetch by natural key; create, or save only the fields that differ. Returns the row."""
    values = values or {}
    obj = model._default_manager.filter(**lookup).order_by("pk").first()
    if obj is None:
        return model._default_manager.create(**lookup, **values)
    changed = []
    for name, new in values.items():
        f = model._meta.get_field(name)
        if f.is_relation:
            current, wanted = getattr(obj, f.attname), (new.pk if new is not None else None)
        else:
            current, wanted = getattr(obj, name), new
        if current != wanted:
            setattr(obj, name, new)
            changed.append(name)
    if changed:
        if any(f.name == "updated_at" for f in model._meta.concrete_fields):
            changed.append("updated_at")
        obj.save(update_fields=changed)
    return obj


def _key(value):
    return value.pk if hasattr(value, "_meta") else value


def sync(model, keys: tuple[str, ...], rows: list[dict]) -> dict:
    """Batch `upsert`: one query to read, bulk create what is missing, bulk update only the
    rows that differ. `rows` hold the key fields and the values. Returns {key: row}."""
    if not rows:
        return {}
    meta = model._meta
    attnames = {name: meta.get_field(name).attname for name in rows[0]}
    first = keys[0]
    existing = {}
    wanted = {_key(r[first]) for r in rows}
    for obj in model._default_manager.filter(**{f"{attnames[first]}__in": wanted}).order_by("pk"):
        existing.setdefault(tuple(getattr(obj, attnames[k]) for k in keys), obj)
    out, create, update, changed = {}, [], [], set()
    for row in rows:
        key = tuple(_key(row[k]) for k in keys)
        obj = existing.get(key) or out.get(key)
        if obj is None:
            obj = model(**row)
            create.append(obj)
        else:
            dirty = False
            for name, new in row.items():
                if name in keys or getattr(obj, attnames[name]) == _key(new):
                    continue
                setattr(obj, name, new)
                changed.add(name)
                dirty = True
            if dirty and obj.pk:
                update.append(obj)
        out[key] = obj
    if create:
        model._default_manager.bulk_create(create, batch_size=500)
    if update:
        if any(f.name == "updated_at" for f in meta.concrete_fields):
            stamp = timezone.now()
            for obj in update:
                obj.updated_at = stamp
            changed.add("updated_at")
        model._default_manager.bulk_update(update, sorted(changed), batch_size=500)
    return out


class TeesLoader:
    def __init__(self, now=None):
        self.now = now or timezone.now()
        self.tz = zoneinfo.ZoneInfo(settings.TIME_ZONE)
        self.today = timezone.localtime(self.now, self.tz).date()
        self.partnerships: dict[str, Partnership] = {}
        self.orgs: dict[str, Organisation] = {}
        self.people: dict[str, Person] = {}
        self.groups: dict[str, Group] = {}
        self.users: dict[str, User] = {}
        self.meetings: dict[str, list[Meeting]] = {}  # group name -> meetings by date
        self._title_turn = 0

    # ---- structure -------------------------------------------------------------------

    def load_structure(self):
        for p in tees.PARTNERSHIPS:
            self.partnerships[p["slug"]] = upsert(
                Partnership, {"slug": p["slug"]},
                {"name": p["name"], "short_name": p["short_name"], "summary": p["summary"]},
            )
        areas = {}
        for code, name, slug in tees.AREAS:
            areas[code] = upsert(
                Area, {"ons_code": code}, {"name": name, "partnership": self.partnerships[slug]}
            )
        for code, year, children, source in tees.POPULATIONS:
            upsert(AreaPopulation, {"area": areas[code], "year": year},
                   {"children": children, "source": source[:200]})
        orgs = sync(Organisation, ("name",), [
            {"name": name, "kind": kind,
             "exists_from": tees.ORGANISATION_DATES.get(name, (None, None))[0],
             "exists_until": tees.ORGANISATION_DATES.get(name, (None, None))[1]}
            for name, kind, _slugs in tees.ORGANISATIONS
        ])
        self.orgs = {name: org for (name,), org in orgs.items()}
        # Organisations keep any partnership added by hand; the demo only adds its own.
        sync(Organisation.partnerships.through, ("organisation_id", "partnership_id"), [
            {"organisation_id": self.orgs[name].pk,
             "partnership_id": self.partnerships[slug].pk}
            for name, _kind, slugs in tees.ORGANISATIONS for slug in slugs
        ])
        rows = []
        for name, job_title, org_name in tees.PEOPLE:
            first, _, last = name.partition(" ")
            email = f"{first}.{last}".lower().replace(" ", "").replace("'", "")
            rows.append({"name": name, "job_title": job_title,
                         "organisation": self.orgs[org_name], "email": f"{email}@example.org"})
        self.people = {name: person for (name,), person in sync(Person, ("name",), rows).items()}
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

    # ---- logins ------------------------------------------------------------------------

    def load_users(self, result: Result):
        from django_otp.plugins.otp_totp.models import TOTPDevice

        # One hash of the (published) demo password serves every demo login: hashing is
        # deliberately slow, and doing it once keeps a load within a few seconds.
        password = tees.DEMO_PASSWORD
        good_hashes: dict[str, bool] = {}
        fresh_hash = None
        for username, spec in tees.USERS.items():
            person = self.people[spec["person"]]
            first, _, last = person.name.partition(" ")
            user = User.objects.filter(username=username).first()
            if user is None:
                fresh_hash = fresh_hash or make_password(password)
                user = User.objects.create(
                    username=username, password=fresh_hash, is_demo=True, first_name=first,
                    last_name=last, email=person.email,
                )
            elif not user.is_demo:
                raise DemoError(f"A real login called {username!r} exists; the demo will not "
                                "take it over. Rename or remove it first.")
            else:
                ok = good_hashes.get(user.password)
                if ok is None:
                    ok = good_hashes[user.password] = check_password(password, user.password)
                if not ok:
                    fresh_hash = fresh_hash or make_password(password)
                    user.password = fresh_hash
                    user.save(update_fields=["password"])
                    good_hashes[fresh_hash] = True
                user = upsert(User, {"pk": user.pk},
                              {"is_active": True, "first_name": first,
                               "last_name": last, "email": person.email})
            self.users[username] = user
            upsert(Person, {"pk": person.pk}, {"user": user})
            person.user = user
            roles = []
            for role, slug, group_name, org_name in spec["roles"]:
                lookup = {
                    "person": person, "role": role, "partnership": self.partnerships[slug],
                    "group": self.groups[group_name] if group_name else None,
                    "organisation": self.orgs[org_name] if org_name else None,
                }
                if not RoleAssignment.objects.filter(**lookup).exists():
                    RoleAssignment.objects.create(**lookup)
                roles.append(role)
            needs_code = any(r in TWO_FACTOR_ROLES for r in roles)
            if needs_code:
                device = TOTPDevice.objects.filter(user=user, name=DEVICE_NAME).first()
                if device is None:
                    TOTPDevice.objects.create(user=user, name=DEVICE_NAME,
                                              key=demo_key(username), confirmed=True)
                elif device.key != demo_key(username) or not device.confirmed:
                    device.key, device.confirmed = demo_key(username), True
                    device.save(update_fields=["key", "confirmed"])
            result.logins.append(Login(
                username=username, name=person.name,
                roles=[str(Role(r).label) for r in dict.fromkeys(roles)],
                partnerships=sorted({self.partnerships[s].short_name
                                     for _, s, _, _ in spec["roles"]}),
                needs_code=needs_code,
            ))

    # ---- meetings ----------------------------------------------------------------------

    def meeting_dates(self, spec, index: int) -> list[datetime.date]:
        weekday = spec["slot"][0]
        every, unit = spec["cadence"]
        lo = self.today - datetime.timedelta(days=PAST_DAYS)
        if spec.get("ends_in_days"):
            lo = self.today - datetime.timedelta(days=150)
            hi = self.today + datetime.timedelta(days=spec["ends_in_days"])
        else:
            hi = self.today + datetime.timedelta(days=FUTURE_DAYS)
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

    def load_meetings(self):
        wanted = []  # (spec, group, date, starts, values)
        for index, spec in enumerate(tees.GROUPS):
            group = self.groups[spec["name"]]
            _, hour, minute, length = spec["slot"]
            for d in self.meeting_dates(spec, index):
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
        source_rows, meeting_rows, link_rows = [], [], []
        for spec, group, d, starts, values in wanted:
            meeting = existing.get((group.pk, starts))
            if meeting is None:
                source = Source.objects.create(kind=Source.Kind.MEETING, title=values["title"])
                meeting = Meeting.objects.create(group=group, starts_at=starts, source=source,
                                                 **values)
            else:
                meeting_rows.append({"id": meeting.pk, **values})
                if meeting.source_id is None:
                    meeting.source = Source.objects.create(kind=Source.Kind.MEETING,
                                                           title=values["title"])
                    meeting.save(update_fields=["source"])
                source_rows.append({"id": meeting.source_id, "kind": Source.Kind.MEETING,
                                    "title": values["title"]})
            for k, v in values.items():
                setattr(meeting, k, v)
            for slug in spec["partnerships"]:
                link_rows.append({"source_id": meeting.source_id,
                                  "partnership_id": self.partnerships[slug].pk})
            meeting._demo_spec, meeting._demo_day = spec, d
            self.meetings.setdefault(group.name, []).append(meeting)
        sync(Meeting, ("id",), meeting_rows)
        sync(Source, ("id",), source_rows)
        # Sources of demo meetings belong to exactly their group's partnerships.
        through = Source.partnerships.through
        sources = {r["source_id"] for r in link_rows}
        keep = {(r["source_id"], r["partnership_id"]) for r in link_rows}
        stale = [pk for pk, s_id, p_id in through.objects.filter(source_id__in=sources)
                 .values_list("pk", "source_id", "partnership_id") if (s_id, p_id) not in keep]
        if stale:
            through.objects.filter(pk__in=stale).delete()
        sync(through, ("source_id", "partnership_id"), link_rows)
        self.load_agendas()

    def agenda_for(self, spec, d: datetime.date):
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

    def load_agendas(self):
        rows = []
        for meetings in self.meetings.values():
            for meeting in meetings:
                held = meeting.status == Meeting.Status.HELD
                slug = meeting._demo_spec["partnerships"][0]
                for order, (title, kind, service, findings) in self.agenda_for(
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

        from governance.services import paper_upload

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

    def _due_and_status(self, meeting_day: datetime.date, rng: random.Random):
        due = meeting_day + datetime.timedelta(weeks=8)
        days = datetime.timedelta
        if due < self.today - days(21):
            if rng.random() < 0.15:
                return due, Action.Status.IN_PROGRESS, None
            return due, Action.Status.COMPLETED, due - days(4)
        if due < self.today:
            return due, Action.Status.IN_PROGRESS, None
        status = Action.Status.IN_PROGRESS if rng.random() < 0.6 else Action.Status.NOT_STARTED
        return due, status, None

    def load_actions(self):
        author = self.users.get("bu.hsscp")
        planned = []  # (partnership, meeting, agenda item, title, detail, owner, due, ...)
        for spec in tees.GROUPS:
            group = self.groups[spec["name"]]
            owners = [n for n, role, _ in spec["members"] if role != "chair"]
            partnership = self.partnerships[spec["partnerships"][0]]
            for meeting in self.meetings[spec["name"]]:
                if meeting.status != Meeting.Status.HELD:
                    continue
                day = meeting._demo_day
                items = [i for i in meeting._demo_items if i.kind != "standing"]
                count = 2 if spec["kind"] in ("executive", "engine_room") else 1
                for k in range(count if items else 0):
                    turn = day.toordinal() // 7 + k
                    title, detail = tees.ACTION_TITLES[turn % len(tees.ACTION_TITLES)]
                    rng = random.Random(f"{group.name}|{day}|{k}")
                    planned.append((partnership, meeting, items[k % len(items)], title, detail,
                                    self.people[owners[turn % len(owners)]],
                                    *self._due_and_status(day, rng)))
        planned += self.demo_user_actions()
        decisions = sync(Decision, ("meeting", "agenda_item"), [
            {"meeting": meeting, "agenda_item": item, "text": decision_text(item),
             "recorded_by": author}
            for _p, meeting, item, *_rest in planned
        ])
        actions = sync(Action, ("source_id", "title"), [
            {"source_id": meeting.source_id, "title": title, "partnership": partnership,
             "decision": decisions[(meeting.pk, item.pk)], "detail": detail,
             "owner_organisation": owner.organisation, "owner_person": owner,
             "due_date": due, "status": status, "completed_on": completed_on}
            for partnership, meeting, item, title, detail, owner, due, status, completed_on
            in planned
        ])
        updates = []
        for action in actions.values():
            if action.status == Action.Status.COMPLETED:
                updates.append({"action": action, "status_after": action.status,
                                "author": author, "status_before": Action.Status.IN_PROGRESS,
                                "text": "Done: evidence of completion uploaded and checked "
                                        "by the business unit."})
            elif action.status == Action.Status.IN_PROGRESS:
                updates.append({"action": action, "status_after": action.status,
                                "author": author, "status_before": Action.Status.NOT_STARTED,
                                "text": "Work started; the owner will report progress at the "
                                        "next meeting."})
        written = sync(ActionUpdate, ("action", "status_after"), updates)
        # An update carries the day it was made: a completion on its completion date, a
        # start a week after the meeting that set the action (never later than today).
        made_on = {}
        for _p, meeting, _item, title, *_rest, completed_on in planned:
            started = min(meeting._demo_day + datetime.timedelta(days=7), self.today)
            made_on[(meeting.source_id, title)] = (completed_on, started)
        by_id = {action.pk: action for action in actions.values()}
        for update in written.values():
            action = by_id[update.action_id]
            completed_on, started = made_on[(action.source_id, action.title)]
            day = completed_on if update.status_after == Action.Status.COMPLETED else started
            when = timezone.make_aware(datetime.datetime.combine(day or started, datetime.time(12)))
            if update.created_at != when:
                ActionUpdate.objects.filter(pk=update.pk).update(created_at=when, updated_at=when)

    def demo_user_actions(self) -> list[tuple]:
        """Due-soon, overdue and completed actions for the demo logins' home pages."""
        partnership = self.partnerships[tees.HSSCP]
        held = [m for m in self.meetings[tees.ENGINE_H] if m.status == Meeting.Status.HELD
                and m._demo_day <= self.today - datetime.timedelta(days=35)]
        if not held:
            return []
        meeting = held[-1]
        item = next(i for i in meeting._demo_items if i.kind != "standing")
        detail = "Agreed at the Engine Room; the owner reports back at the next meeting."
        day = datetime.timedelta
        t = self.today
        # "Due soon" dates stay within core.calendar.DUE_SOON (five working days): any six
        # days after today hold at most five.
        plan = [
            ("Owen Threlfall", "Report health visitor attendance at strategy discussions",
             t + day(6), Action.Status.IN_PROGRESS, None),
            ("Owen Threlfall", "Confirm dates for the safeguarding supervision audit",
             t - day(9), Action.Status.IN_PROGRESS, None),
            ("Owen Threlfall", "Send the named nurse briefing to maternity staff",
             t - day(20), Action.Status.COMPLETED, t - day(24)),
            ("Imogen Padley", "Agree the police attendance protocol for strategy meetings",
             t + day(5), Action.Status.NOT_STARTED, None),
            ("Imogen Padley", "Circulate the Engine Room chair rota for next year",
             t - day(15), Action.Status.IN_PROGRESS, None),
            ("Priya Dunstable", "Check mental health services' use of the escalation policy",
             t + day(4), Action.Status.IN_PROGRESS, None),
            ("Priya Dunstable", "Train crisis team staff on the children returning home "
             "procedure", t - day(12), Action.Status.NOT_STARTED, None),
        ]
        return [(partnership, meeting, item, title, detail, self.people[name], due, status,
                 completed_on) for name, title, due, status, completed_on in plan]

    # ---- everything --------------------------------------------------------------------

    def run(self, result: Result):
        self.load_structure()
        self.load_users(result)
        self.load_meetings()
        self.load_papers()
        self.load_attendance_and_minutes()
        self.load_escalations()
        self.load_actions()


def app_demo_loaders():
    """(app label, dotted path) for every installed app declaring `demo_loader`."""
    found = []
    for config in apps.get_app_configs():
        path = getattr(config, "demo_loader", None)
        if path:
            found.append((config.label, path))
    return found


def call_loader(func, stdout=None):
    try:
        params = inspect.signature(func).parameters
    except (TypeError, ValueError):
        params = {}
    takes_stdout = "stdout" in params or any(
        p.kind is inspect.Parameter.VAR_KEYWORD for p in params.values()
    )
    return func(stdout=stdout) if takes_stdout else func()


def load(stdout=None, *, now=None, extensions: bool = True) -> Result:
    """Load the Tees demo, then every app's declared demo loader, in one transaction."""
    result = Result()
    with transaction.atomic():
        TeesLoader(now=now).run(result)
        if extensions:
            for label, path in app_demo_loaders():
                try:
                    func = import_string(path)
                except ImportError as exc:
                    result.skipped.append(f"{label}: {path} ({exc})")
                    continue
                call_loader(func, stdout=stdout)
                result.extensions.append(f"{label}: {path}")
    return result
