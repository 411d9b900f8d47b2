"""Every write to the yearly report, with its rule and its audit row."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from core.models import AuditEvent, Organisation
from core.services import ConcurrentEditError, audit_record, model_create, model_update

from . import text
from .models import (
    ActivityItem,
    FinanceLine,
    FinanceYear,
    NarrativeBlock,
    Priority,
    PublicationEvent,
    YearlyReport,
)

BLOCK_TITLES = {
    NarrativeBlock.Kind.FOREWORD: "Foreword",
    NarrativeBlock.Kind.INTRODUCTION: "Introduction",
    NarrativeBlock.Kind.IMPACT: "The impact of our work",
    NarrativeBlock.Kind.LITTLE_PROGRESS: "Where there was little or no progress",
    NarrativeBlock.Kind.VOICE: "What children and families told us",
    NarrativeBlock.Kind.SCRUTINY: "Independent scrutineer's statement",
    NarrativeBlock.Kind.NEXT_YEAR: "Looking ahead",
}


def _require(actor, perm: str, obj) -> None:
    # actor None is the demo loader and management commands, which act as the system.
    if actor is not None and not actor.has_perm(perm, obj):
        raise PermissionDenied("Your role does not allow this.")


def report_create(*, actor, partnership, year_start: int) -> YearlyReport:
    _require(actor, "reports.manage_report", partnership)
    if YearlyReport.objects.filter(partnership=partnership, year_start=year_start).exists():
        raise ValidationError({"year": "There is already a report for that year."})
    if year_start > timezone.localdate().year:
        raise ValidationError({"year": "A report can only be started for a year that has "
                                       "begun."})
    return model_create(model_class=YearlyReport, actor=actor, partnership=partnership,
                        data={"partnership": partnership, "year_start": year_start})


class BlockRef:
    """A block that may not exist yet, for asking permission to write it."""

    def __init__(self, report, kind):
        self.partnership, self.kind, self.report = report.partnership, kind, report


def block_save(*, actor, report: YearlyReport, kind: str, data: dict,
               expected_version: int | None = None) -> NarrativeBlock:
    """Write a narrative block; the body is sanitised. A change lapses its approval."""
    if kind not in NarrativeBlock.Kind.values:
        raise ValidationError("Unknown kind of narrative.")
    _require(actor, "reports.write_block", BlockRef(report, kind))
    clean = {"title": (data.get("title") or BLOCK_TITLES[kind]).strip(),
             "author": (data.get("author") or "").strip(),
             "body": text.clean(data.get("body") or "")}
    block = NarrativeBlock.objects.filter(report=report, kind=kind).first()
    if block is None:
        if expected_version not in (None, 0):
            raise ConcurrentEditError()
        return model_create(model_class=NarrativeBlock, actor=actor,
                            partnership=report.partnership,
                            data={"report": report, "kind": kind, **clean})
    return model_update(instance=block, fields=["title", "author", "body"], data=clean,
                        actor=actor, expected_version=expected_version,
                        partnership=report.partnership)


def block_approve(*, actor, block: NarrativeBlock, version: int) -> NarrativeBlock:
    """A partner delegate approves the version they read; a newer version is refused."""
    _require(actor, "reports.approve_block", block.report.partnership)
    if not block.has_text:
        raise ValidationError("There is nothing to approve: the block is empty.")
    with transaction.atomic():
        updated = NarrativeBlock.objects.filter(pk=block.pk, version=version).update(
            approved_version=version, approved_by=actor, approved_on=timezone.localdate())
        if not updated:
            raise ConcurrentEditError()
        audit_record(actor=actor, action=AuditEvent.Action.CHANGE, obj=block,
                     partnership=block.report.partnership,
                     changes={"approved_version": version})
    block.refresh_from_db()
    return block


def activity_add(*, actor, partnership, data: dict) -> ActivityItem:
    _require(actor, "reports.manage_report", partnership)
    if data.get("happened_on") and data["happened_on"] > timezone.localdate():
        raise ValidationError({"happened_on": "The date cannot be in the future."})
    return model_create(model_class=ActivityItem, actor=actor, partnership=partnership,
                        data={"partnership": partnership, **data})


def priority_add(*, actor, report: YearlyReport, data: dict) -> Priority:
    _require(actor, "reports.manage_report", report.partnership)
    lead = data.get("lead_partner")
    if lead is not None and not Organisation.objects.filter(
            pk=lead.pk, partnerships=report.partnership).exists():
        raise ValidationError({"lead_partner": "Choose an organisation of this partnership."})
    order = report.priorities.filter(for_next_year=data.get("for_next_year", False)).count() + 1
    return model_create(model_class=Priority, actor=actor, partnership=report.partnership,
                        data={"report": report, "order": order, **data})


def finance_save(*, actor, partnership, year_start: int, brought_forward=None,
                 line: dict | None = None, expected_version: int | None = None) -> FinanceYear:
    """Set the reserves brought forward and/or add a line to a year's finance record."""
    _require(actor, "reports.manage_report", partnership)
    with transaction.atomic():
        record = FinanceYear.objects.filter(partnership=partnership,
                                            year_start=year_start).first()
        if record is None:
            record = model_create(model_class=FinanceYear, actor=actor, partnership=partnership,
                                  data={"partnership": partnership, "year_start": year_start,
                                        "brought_forward": brought_forward or 0})
        elif brought_forward is not None:
            record = model_update(instance=record, fields=["brought_forward"],
                                  data={"brought_forward": brought_forward}, actor=actor,
                                  expected_version=expected_version, partnership=partnership)
        if line:
            org = line.get("organisation")
            if org is not None and not Organisation.objects.filter(
                    pk=org.pk, partnerships=partnership).exists():
                raise ValidationError({"organisation": "Choose an organisation of this "
                                                       "partnership."})
            model_create(model_class=FinanceLine, actor=actor, partnership=partnership,
                         data={"finance_year": record, **line})
    return record


def publication_update(*, actor, report: YearlyReport, data: dict,
                       expected_version: int) -> YearlyReport:
    """Record sign-off by the lead safeguarding partners and publication."""
    _require(actor, "reports.record_publication", report.partnership)
    today = timezone.localdate()
    for name in ("signed_off_on", "published_on"):
        if data.get(name) and data[name] > today:
            raise ValidationError({name: "The date cannot be in the future."})
    return model_update(instance=report, actor=actor, expected_version=expected_version,
                        fields=["vision", "signed_off_on", "signed_off_by", "published_on",
                                "published_url"],
                        data=data, partnership=report.partnership)


def publication_event_add(*, actor, report: YearlyReport, data: dict) -> PublicationEvent:
    _require(actor, "reports.record_publication", report.partnership)
    if not report.published_on and data.get("how") == PublicationEvent.How.SENT:
        raise ValidationError("Record the publication date before sending the report.")
    if data.get("on") and data["on"] > timezone.localdate():
        raise ValidationError({"on": "The date cannot be in the future."})
    if report.published_on and data.get("on") and data["on"] < report.published_on \
            and data.get("how") == PublicationEvent.How.SENT:
        raise ValidationError({"on": "The report cannot be sent before it was published."})
    return model_create(model_class=PublicationEvent, actor=actor,
                        partnership=report.partnership, data={"report": report, **data})


def export_record(*, actor, report: YearlyReport, fmt: str, path: str = "") -> None:
    audit_record(actor=actor, action=AuditEvent.Action.EXPORT, obj=report,
                 partnership=report.partnership, object_repr=f"{report} ({fmt})", path=path)
