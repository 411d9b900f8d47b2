"""Retention: how long each type of record is kept, and the purge of what is past it.

Each app declares its rules on its AppConfig, `retention_rules = ["app.retention.RULES"]`
(read here, like reminder_sources: decision 0016). A rule names the record type, how many
years it is kept by default and why, what a purge does, which records are past retention on
a given day, and how to purge them. An information-governance officer may change the years
(settings.HUB_RETENTION_YEARS, from the environment) without changing code; the defaults
and their reasons are in docs/information-governance.md."""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils.module_loading import import_string

from . import policy
from .models import AuditEvent
from .services import audit_record

log = logging.getLogger("hub.retention")
RETENTION_RUN = "core.Retention"  # the audit trail's model name for purges


@dataclass(frozen=True)
class RetentionRule:
    key: str
    record_type: str
    years: int
    reason: str
    on_purge: str
    past: Callable[[datetime.date], QuerySet]  # cut-off day -> records past retention
    purge: Callable[[QuerySet], int]  # purges them, returns how many

    @property
    def years_kept(self) -> int:
        return int(settings.HUB_RETENTION_YEARS.get(self.key, self.years))


def rules() -> list[RetentionRule]:
    found = []
    for config in apps.get_app_configs():
        for path in getattr(config, "retention_rules", []):
            found.extend(import_string(path))
    unknown = set(settings.HUB_RETENTION_YEARS) - {r.key for r in found}
    if unknown:
        raise ValueError(f"HUB_RETENTION_YEARS names no rule: {', '.join(sorted(unknown))}. "
                         f"The rules are {', '.join(r.key for r in found)}.")
    return found


def cutoff(rule: RetentionRule, today: datetime.date) -> datetime.date:
    """Records dated before this day are past retention (years counted back on the calendar)."""
    years = rule.years_kept
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


@dataclass(frozen=True)
class Due:
    rule: RetentionRule
    cutoff: datetime.date
    count: int


def due(today: datetime.date) -> list[Due]:
    """What each rule finds past retention today: the report, purging nothing."""
    result = []
    for rule in rules():
        day = cutoff(rule, today)
        result.append(Due(rule, day, rule.past(day).count()))
    return result


def retention_purge(*, actor, today: datetime.date | None = None) -> list[Due]:
    """Purge what is past retention, rule by rule, each in its own transaction with its
    audit row. Run again it finds nothing more and writes nothing."""
    policy.require(actor, "core.govern_information")
    today = today or datetime.date.today()
    done = []
    for rule in rules():
        day = cutoff(rule, today)
        with transaction.atomic():
            count = rule.purge(rule.past(day))
            if count:
                audit_record(actor=actor, action=AuditEvent.Action.DELETE, model=RETENTION_RUN,
                             object_id=rule.key,
                             object_repr=f"{rule.record_type}: {count} past retention",
                             changes={"rule": rule.key, "records": count,
                                      "kept for years": rule.years_kept,
                                      "dated before": day, "what happened": rule.on_purge})
        if count:
            log.info("retention purge", extra={"rule": rule.key, "records": count,
                                               "dated_before": day.isoformat()})
        done.append(Due(rule, day, count))
    return done
