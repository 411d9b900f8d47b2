"""Subject access: everything the hub holds about one person, for a subject access request
(UK GDPR article 15).

Found by following every relation to the person and to their login, so a record type added
later is included without a change here; plus the audit rows about them. Secrets (password
hash, authenticator keys, token and code hashes) and restricted detail about someone else (a
child's case detail a panel member saw) are named but never exported."""

from __future__ import annotations

import datetime
import decimal
import json

from django.db import models

from . import policy
from .models import AuditEvent, Person
from .services import audit_record

# Field names whose values are credentials, not information about the person.
SECRET_FIELDS = {"password", "key", "token", "token_hash", "code_hash", "bin_key"}
WITHHELD = "(a credential: withheld)"
# A model names its fields holding restricted detail about someone else (a child's case) in
# `subject_access_withheld`: the record is listed, that detail is not.
THIRD_PARTY = "(restricted detail about someone else: withheld)"


def _value(value):
    if isinstance(value, datetime.date | datetime.datetime | datetime.time | decimal.Decimal):
        return value.isoformat() if hasattr(value, "isoformat") else str(value)
    if isinstance(value, models.fields.files.FieldFile):
        return value.name or ""
    if isinstance(value, bytes | memoryview):
        return WITHHELD
    return value


def _row(obj: models.Model) -> dict:
    row = {}
    third_party = getattr(type(obj), "subject_access_withheld", ())
    for field in obj._meta.concrete_fields:
        if field.name in SECRET_FIELDS:
            row[field.name] = WITHHELD
        elif field.name in third_party:
            row[field.name] = THIRD_PARTY
        elif field.is_relation:
            target = getattr(obj, field.name)
            row[field.name] = str(target) if target is not None else None
        else:
            row[field.name] = _value(getattr(obj, field.attname))
    return row


def _related_rows(obj: models.Model, sections: dict, seen: set) -> None:
    """Every record pointing at `obj` (foreign keys, one-to-ones, many-to-manys)."""
    # Hidden relations too: many records point at a login with related_name="+".
    for relation in obj._meta.get_fields(include_hidden=True):
        if not (relation.auto_created and not relation.concrete):
            continue  # only reverse relations
        model = relation.related_model
        if model._meta.auto_created:
            continue  # a many-to-many table: its rows are read through the model it joins
        rows = model._base_manager.filter(**{relation.field.name: obj})
        for row in rows.order_by("pk"):
            key = (row._meta.label, row.pk)
            if key in seen:
                continue
            seen.add(key)
            entry = _row(row)
            entry["how it relates"] = f"{relation.field.verbose_name} of this record"
            sections.setdefault(row._meta.label, []).append(entry)


def as_json(export: dict) -> str:
    """The export as the file given to the person: the command and the page both write this."""
    return json.dumps(export, indent=1, ensure_ascii=False)


def subject_access_export(*, actor, person: Person) -> dict:
    """Everything held about `person`: their record, their login, every record naming either,
    and the audit rows about them. The export itself is audited."""
    policy.require(actor, "core.govern_information", person)
    sections: dict[str, list] = {"core.Person": [_row(person)]}
    seen = {(Person._meta.label, person.pk)}
    _related_rows(person, sections, seen)
    user = person.user
    if user is not None:
        sections["core.User"] = [_row(user)]
        seen.add((user._meta.label, user.pk))
        _related_rows(user, sections, seen)
    about = AuditEvent.objects.filter(
        models.Q(model="core.Person", object_id=str(person.pk))
        | (models.Q(model="core.User", object_id=str(user.pk)) if user else models.Q(pk=None)))
    for event in about.order_by("pk"):
        if (AuditEvent._meta.label, event.pk) not in seen:
            seen.add((AuditEvent._meta.label, event.pk))
            entry = _row(event)
            entry["how it relates"] = "audit row about this person"
            sections.setdefault(AuditEvent._meta.label, []).append(entry)
    audit_record(actor=actor, action=AuditEvent.Action.EXPORT, obj=person,
                 object_repr=f"Subject access export: {person}",
                 changes={"records": sum(len(rows) for rows in sections.values())})
    return {
        "person": str(person),
        "exported_at": datetime.datetime.now(datetime.UTC).isoformat(),
        "records": sum(len(rows) for rows in sections.values()),
        "sections": dict(sorted(sections.items())),
    }
