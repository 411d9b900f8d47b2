"""Write the Tees demo (core.demo.tees) idempotently.

Core writes only its own records (partnerships, areas, populations, organisations, people,
logins and their roles); then every app's `demo_loader` runs in app order (decision 0016):
governance writes the groups and meetings, learning the meetings' actions, and so on. Every
record is keyed on a natural key (slug, ONS code, name, username...). A row is only written
when something in it differs, so a second run in the same day changes nothing.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass, field

from django.apps import apps
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

from . import tees
from .totp import DEVICE_NAME, demo_key


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
    def __init__(self):
        self.partnerships: dict[str, Partnership] = {}
        self.orgs: dict[str, Organisation] = {}
        self.people: dict[str, Person] = {}
        self.users: dict[str, User] = {}

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
                roles.append(role)
                if group_name:
                    continue  # a group role: governance's demo loader writes it with the group
                lookup = {
                    "person": person, "role": role, "partnership": self.partnerships[slug],
                    "group": None, "organisation": self.orgs[org_name] if org_name else None,
                }
                if not RoleAssignment.objects.filter(**lookup).exists():
                    RoleAssignment.objects.create(**lookup)
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

    # ---- everything --------------------------------------------------------------------

    def run(self, result: Result):
        self.load_structure()
        self.load_users(result)


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


def load(stdout=None, *, extensions: bool = True) -> Result:
    """Load the core demo, then every app's declared demo loader (in app order: governance's
    groups and meetings come before learning's actions on them), in one transaction."""
    result = Result()
    with transaction.atomic():
        TeesLoader().run(result)
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
