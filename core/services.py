"""Writes shared by every app: the audit trail and optimistic-locking updates."""

from __future__ import annotations

import datetime
import decimal
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F, Max
from django.utils import timezone

from .models import AuditEvent, Partnership

SYSTEM_USERNAME = "system"


def system_actor():
    """The explicit actor of commands and the demo loader: an account that cannot sign in
    (unusable password) and is named "system" in the audit trail. Every service still asks
    the policy layer; this actor is allowed everything, and says so in each audit row."""
    from .models import User

    user, created = User.objects.get_or_create(
        username=SYSTEM_USERNAME,
        defaults={"is_superuser": True, "is_staff": False, "is_active": True,
                  "first_name": "System", "last_name": "(commands and demo loader)"},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


class ConcurrentEditError(Exception):
    """Someone else saved the record after this user opened it."""

    message = (
        "Someone else changed this record after you opened it, so your changes were not "
        "saved. Reload the page to see their version, then make your change again."
    )

    def __str__(self) -> str:
        return self.message


class VersionMissingError(ConcurrentEditError):
    """A versioned edit that did not say which version it was made from (decision 0002).
    A subclass of ConcurrentEditError, so every edit page already shows its message."""

    message = ("This page is out of date, so your changes were not saved. Reload it and make "
               "your change again.")


def require_version(expected_version: int | None) -> int:
    """The one rule: a versioned write needs the version the user saw; none means no write."""
    if expected_version is None:
        raise VersionMissingError()
    return expected_version


def next_place(parent: models.Model, related_name: str, field: str = "order") -> int:
    """The place after the last of `parent`'s items (e.g. a meeting's agenda items): max + 1,
    not count + 1, so an earlier removal can never put two items in one place. Call it inside
    the writing transaction: it locks the parent's row, so two people adding at once take
    turns instead of one of them hitting the unique constraint."""
    type(parent)._default_manager.select_for_update().filter(pk=parent.pk).first()
    siblings = getattr(parent, related_name).all()
    return (siblings.aggregate(last=Max(field))["last"] or 0) + 1


def close_places(siblings: models.QuerySet, field: str = "order") -> None:
    """Renumber `siblings` 1, 2, 3 ... in their present order, after one is removed.

    Rows move one at a time, lowest first, and each only ever moves down onto a place
    already vacated, so a unique constraint on the place holds at every step on PostgreSQL
    and SQLite alike (no deferred constraint needed)."""
    rows = siblings.order_by(field, "pk").values_list("pk", field)
    for place, (pk, current) in enumerate(list(rows), start=1):
        if current != place:
            siblings.model.objects.filter(pk=pk).update(**{field: place})


def _plain(value: Any) -> Any:
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, datetime.date | datetime.datetime | decimal.Decimal):
        return str(value)
    if hasattr(value, "name") and hasattr(value, "url"):  # FieldFile
        return value.name
    return value


def audit_record(
    *,
    actor,
    action: str,
    obj: models.Model | None = None,
    partnership: Partnership | None = None,
    model: str = "",
    changes: dict | None = None,
    path: str = "",
    object_repr: str = "",
    object_id: str = "",
) -> AuditEvent:
    """Write one audit row. Call it inside the same transaction as the change it records."""
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    if partnership is None and obj is not None:
        partnership = getattr(obj, "partnership", None)
        if not isinstance(partnership, Partnership):
            partnership = None
    return AuditEvent.objects.create(
        actor=actor,
        actor_name=actor.get_username() if actor else "",
        action=action,
        partnership=partnership,
        model=model or (obj._meta.label if obj is not None else ""),
        object_id=str(obj.pk) if obj is not None and obj.pk is not None else object_id,
        object_repr=(object_repr or (str(obj) if obj is not None else ""))[:300],
        changes={k: _plain(v) for k, v in (changes or {}).items()},
        path=path[:500],
    )


def model_create(*, model_class, data: dict, actor, partnership=None, m2m: dict | None = None):
    """Validate, save and audit a new record. Returns it."""
    instance = model_class(**data)
    instance.full_clean()
    with transaction.atomic():
        instance.save()
        for name, values in (m2m or {}).items():
            getattr(instance, name).set(values)
        audit_record(
            actor=actor, action=AuditEvent.Action.CREATE, obj=instance, partnership=partnership,
            changes={k: v for k, v in data.items()},
        )
    return instance


def _m2m_names(values) -> list[str]:
    return sorted(str(v) for v in values)


def model_update(
    *,
    instance: models.Model,
    fields: list[str],
    data: dict,
    actor,
    expected_version: int | None = None,
    partnership=None,
    m2m: dict | None = None,
    object_repr: str = "",
):
    """Apply the allowed, changed fields and many-to-many sets; validate; save; audit the
    before and after.

    A versioned record (core.models.Versioned) is written only with `expected_version`, the
    version the user opened: without it VersionMissingError is raised, and if anybody saved
    the record since, ConcurrentEditError; either way nothing is written. A change to `m2m`
    ({"themes": [...]}) alone is a change: it is version-checked, bumps the version and is
    audited like any other field.
    """
    versioned = hasattr(instance, "version")
    if versioned:
        require_version(expected_version)
    changes = {}
    for name in fields:
        if name in data and getattr(instance, name) != data[name]:
            changes[name] = {"from": _plain(getattr(instance, name)), "to": _plain(data[name])}
            setattr(instance, name, data[name])
    relations = {}
    for name, values in (m2m or {}).items():
        values = list(values)
        before = list(getattr(instance, name).all())
        if {v.pk for v in before} != {v.pk for v in values}:
            relations[name] = values
            changes[name] = {"from": _m2m_names(before), "to": _m2m_names(values)}
    if not changes:
        return instance
    fields_changed = [name for name in changes if name not in relations]
    if fields_changed:
        instance.full_clean()
    with transaction.atomic():
        if versioned:
            values = {name: getattr(instance, name) for name in fields_changed}
            updated = type(instance)._default_manager.filter(
                pk=instance.pk, version=expected_version
            ).update(**values, version=F("version") + 1, updated_at=timezone.now())
            if updated == 0:
                raise ConcurrentEditError()
            instance.version = require_version(expected_version) + 1  # type: ignore[attr-defined]
        elif fields_changed:
            instance.save(update_fields=[*fields_changed, "updated_at"])
        for name, values in relations.items():
            getattr(instance, name).set(values)
        audit_record(
            actor=actor, action=AuditEvent.Action.CHANGE, obj=instance,
            partnership=partnership, changes=changes, object_repr=object_repr,
        )
    return instance


def model_delete(*, instance: models.Model, actor, partnership=None) -> None:
    """Delete and audit a record. A record others still depend on (a group or organisation
    holding role assignments, say) is refused with a message naming what holds it."""
    try:
        with transaction.atomic():
            audit_record(
                actor=actor, action=AuditEvent.Action.DELETE, obj=instance,
                partnership=partnership,
            )
            instance.delete()
    except models.ProtectedError as error:
        held = sorted({str(obj._meta.verbose_name_plural) for obj in error.protected_objects})
        raise ValidationError(
            f"{instance} cannot be deleted while it still has {', '.join(held)}: end or move "
            "them first, so their history is kept.") from error


# ---- areas and their child populations (the business unit keeps them) -------------------

AREA_FIELDS = ["name", "ons_code", "kind"]
POPULATION_FIELDS = ["year", "children", "source"]


def area_create(*, actor, partnership, data: dict):
    """Add a geography the partnership reports figures for (decision 0015)."""
    from .models import Area
    from .policy import require

    require(actor, "core.manage_partnership", partnership)
    return model_create(model_class=Area, data={**data, "partnership": partnership},
                        actor=actor, partnership=partnership)


def area_update(*, actor, area, data: dict):
    from .policy import require

    require(actor, "core.manage_partnership", area.partnership)
    return model_update(instance=area, fields=AREA_FIELDS, data=data, actor=actor,
                        partnership=area.partnership)


def check_population(*, area, year, children, existing=None, one_per_year: bool = True) -> None:
    """The rules a yearly child population keeps, whether typed or imported: more than 0
    children, a year from FIRST_POPULATION_YEAR to this one, one row per area and year (an
    import, which corrects the year it finds, says `one_per_year=False`)."""
    from django.core.exceptions import ValidationError

    from .models import FIRST_POPULATION_YEAR, AreaPopulation

    errors = {}
    if children is not None and children <= 0:
        errors["children"] = "The number of children must be more than 0."
    this_year = timezone.localdate().year
    if year is not None and not FIRST_POPULATION_YEAR <= year <= this_year:
        errors["year"] = (f"The year must be from {FIRST_POPULATION_YEAR} to {this_year}: "
                          "a mid-year estimate of a year that has begun.")
    elif year is not None and one_per_year:
        taken = AreaPopulation.objects.filter(area=area, year=year)
        if existing is not None:
            taken = taken.exclude(pk=existing.pk)
        if taken.exists():
            errors["year"] = (f"{area.name} already has a population for {year}; correct "
                              "that one instead.")
    if errors:
        raise ValidationError(errors)


def population_create(*, actor, area, data: dict):
    from .models import AreaPopulation
    from .policy import require

    require(actor, "core.manage_partnership", area.partnership)
    check_population(area=area, year=data.get("year"), children=data.get("children"))
    return model_create(model_class=AreaPopulation, data={**data, "area": area}, actor=actor,
                        partnership=area.partnership)


def population_update(*, actor, population, data: dict):
    from .policy import require

    area = population.area
    require(actor, "core.manage_partnership", area.partnership)
    check_population(area=area, year=data.get("year", population.year),
                     children=data.get("children", population.children), existing=population)
    return model_update(instance=population, fields=POPULATION_FIELDS, data=data, actor=actor,
                        partnership=area.partnership)


# ---- deadline rules: one model and one service for every kind (decision 0017) ------------

RULE_FIELDS = ["name", "legal_basis", "source_note", "count", "unit", "direction",
               "start_event", "met_event", "minimum_period"]


def save_deadline_rule(*, actor, partnership, rule, data: dict,
                       expected_version: int | None = None):
    """Edit a partnership's time limit. Editing a default creates the partnership's own copy,
    so other partnerships keep the default. Who may do it is the rule's kind's to say."""
    from django.core.exceptions import PermissionDenied
    from django.db import IntegrityError

    from .models import DeadlineRule
    from .policy import require

    kind = rule.kind
    if kind is None:
        raise PermissionDenied("No app keeps rules of this kind.")
    require(actor, kind.perm, partnership)
    data = {k: v for k, v in data.items() if k in RULE_FIELDS}
    if rule.partnership_id is None:
        stale = expected_version != rule.version  # a missing version counts as stale
        if stale or DeadlineRule.objects.filter(key=rule.key, partnership=partnership).exists():
            # Someone saved this partnership's own copy after the form was opened.
            raise ConcurrentEditError()
        values = {name: getattr(rule, name) for name in RULE_FIELDS} | data
        try:
            with transaction.atomic():
                return model_create(model_class=DeadlineRule, actor=actor,
                                    partnership=partnership,
                                    data={**values, "key": rule.key,
                                          "applies_to": rule.applies_to,
                                          "partnership": partnership})
        except IntegrityError:  # a copy saved at the same moment
            raise ConcurrentEditError() from None
    if rule.partnership_id != partnership.pk:
        raise PermissionDenied("This rule belongs to another partnership.")
    return model_update(instance=rule, fields=RULE_FIELDS, data=data, actor=actor,
                        expected_version=expected_version, partnership=partnership)


def typed_fields(fields: Mapping[str, Any], spec) -> dict[str, Any]:
    """A typed service's keyword fields (decision 0018) as a dict, refusing any name its
    TypedDict `spec` does not declare: a caller's typo or an old `data=` bag is an error, not
    a field silently left out."""
    unknown = set(fields) - (spec.__required_keys__ | spec.__optional_keys__)
    if unknown:
        raise TypeError(f"{spec.__name__} has no field(s) {', '.join(sorted(unknown))}.")
    return dict(fields)
