"""Every write to the yearly report, with its rule and its audit row."""

from __future__ import annotations

import hashlib

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from core import policy
from core.models import AuditEvent, Organisation
from core.pii import find_personal_data
from core.policy import require as _require
from core.services import (
    ConcurrentEditError,
    audit_record,
    model_create,
    model_update,
    require_version,
)

from . import selectors, text
from .models import (
    ActivityItem,
    FinanceLine,
    FinanceYear,
    NarrativeBlock,
    Priority,
    PriorityMeasure,
    Publication,
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
    require_version(expected_version)  # 0 when the page was opened before the block existed
    block = NarrativeBlock.objects.filter(report=report, kind=kind).first()
    if block is None:
        if expected_version != 0:
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


ACTIVITY_FIELDS = ["happened_on", "kind", "title", "description", "safeguarding_impact",
                   "reach", "attendees", "facilitators", "agenda_item"]
ACTIVITY_TEXT = ("title", "description", "safeguarding_impact")


def _no_personal_data(data: dict) -> None:
    """The report is published: its activity must not identify a child (core.pii)."""
    errors = {name: reasons for name in ACTIVITY_TEXT
              if (reasons := find_personal_data(data.get(name) or ""))}
    if errors:
        raise ValidationError(errors)


ACTIVITY_COUNTS = {"reach": "people reached", "attendees": "attendees",
                   "facilitators": "facilitators"}


def _counts_not_negative(data: dict) -> None:
    errors = {name: f"Enter a whole number of {what}, 0 or more."
              for name, what in ACTIVITY_COUNTS.items()
              if data.get(name) is not None and data[name] < 0}
    if errors:
        raise ValidationError(errors)


def activity_add(*, actor, partnership, data: dict) -> ActivityItem:
    _require(actor, "reports.manage_report", partnership)
    if data.get("happened_on") and data["happened_on"] > timezone.localdate():
        raise ValidationError({"happened_on": "The date cannot be in the future."})
    _counts_not_negative(data)
    _no_personal_data(data)
    return model_create(model_class=ActivityItem, actor=actor, partnership=partnership,
                        data={"partnership": partnership, **data})


def activity_update(*, actor, report: YearlyReport, item: ActivityItem, data: dict,
                    expected_version: int) -> ActivityItem:
    """Change an activity of the report's year; a stale version is refused."""
    _require(actor, "reports.manage_report", report.partnership)
    if item.partnership_id != report.partnership_id:
        raise PermissionDenied("This activity belongs to another partnership.")
    data = {k: v for k, v in data.items() if k in ACTIVITY_FIELDS}
    on = data.get("happened_on")
    if on and on > timezone.localdate():
        raise ValidationError({"happened_on": "The date cannot be in the future."})
    if on and not report.starts_on <= on <= report.ends_on:
        raise ValidationError({"happened_on": (
            f"Enter a date in the reporting year, 1 April {report.year_start} to "
            f"31 March {report.year_start + 1}.")})
    agenda_item = data.get("agenda_item")
    if (agenda_item is not None and agenda_item.pk != item.agenda_item_id
            and not selectors.agenda_items_for_report(report).filter(
                pk=agenda_item.pk).exists()):
        raise ValidationError({"agenda_item": "Choose an item from a meeting of this "
                                              "partnership held in the reporting year."})
    _counts_not_negative(data)
    _no_personal_data(data)
    return model_update(instance=item, fields=ACTIVITY_FIELDS, data=data, actor=actor,
                        expected_version=expected_version, partnership=report.partnership)


def activity_remove(*, actor, item: ActivityItem, expected_version: int) -> None:
    """Remove an activity from the account; refused if it changed since it was shown."""
    partnership = item.partnership
    _require(actor, "reports.manage_report", partnership)
    with transaction.atomic():
        audit_record(actor=actor, action=AuditEvent.Action.DELETE, obj=item,
                     partnership=partnership,
                     changes={"happened_on": item.happened_on, "kind": item.kind,
                              "title": item.title})
        deleted, _ = ActivityItem.objects.filter(pk=item.pk,
                                                 version=expected_version).delete()
        if not deleted:
            raise ConcurrentEditError()  # rolls the audit row back with it


PRIORITY_FIELDS = ["title", "aim", "lead_partner", "done", "impact", "next_steps",
                   "little_progress", "for_next_year", "interventions"]


def _lead_partner_check(report: YearlyReport, data: dict) -> None:
    lead = data.get("lead_partner")
    if lead is not None and not Organisation.objects.filter(
            pk=lead.pk, partnerships=report.partnership).exists():
        raise ValidationError({"lead_partner": "Choose an organisation of this partnership."})


def _next_place(report: YearlyReport, for_next_year: bool) -> int:
    last = report.priorities.filter(for_next_year=for_next_year).aggregate(m=Max("order"))["m"]
    return (last or 0) + 1


def _close_gap(report: YearlyReport, for_next_year: bool, after: int) -> None:
    """Move the priorities after a place that was left up by one (ascending, so the unique
    order holds at every step)."""
    for p in report.priorities.filter(for_next_year=for_next_year,
                                      order__gt=after).order_by("order"):
        Priority.objects.filter(pk=p.pk).update(order=p.order - 1)


def priority_add(*, actor, report: YearlyReport, data: dict) -> Priority:
    _require(actor, "reports.manage_report", report.partnership)
    data = {k: v for k, v in data.items() if k in PRIORITY_FIELDS}
    _lead_partner_check(report, data)
    with transaction.atomic():
        order = _next_place(report, bool(data.get("for_next_year", False)))
        return model_create(model_class=Priority, actor=actor, partnership=report.partnership,
                            data={"report": report, "order": order, **data})


def _priority_of(report: YearlyReport, priority: Priority) -> None:
    if priority.report_id != report.pk:
        raise PermissionDenied("This priority belongs to another report.")


def priority_update(*, actor, report: YearlyReport, priority: Priority, data: dict,
                    expected_version: int) -> Priority:
    """Correct a priority; a stale version is refused. Moving it between this year and the
    year ahead puts it last there and closes the gap it leaves."""
    _require(actor, "reports.manage_report", report.partnership)
    _priority_of(report, priority)
    data = {k: v for k, v in data.items() if k in PRIORITY_FIELDS}
    _lead_partner_check(report, data)
    moving = "for_next_year" in data and bool(data["for_next_year"]) != priority.for_next_year
    with transaction.atomic():
        if moving:
            left = priority.order
            data["order"] = _next_place(report, bool(data["for_next_year"]))
        priority = model_update(instance=priority, fields=[*PRIORITY_FIELDS, "order"],
                                data=data, actor=actor, expected_version=expected_version,
                                partnership=report.partnership)
        if moving:
            _close_gap(report, not priority.for_next_year, left)
    return priority


def priority_remove(*, actor, report: YearlyReport, priority: Priority,
                    expected_version: int) -> None:
    """Remove a priority and its measures; refused if it changed since it was shown."""
    _require(actor, "reports.manage_report", report.partnership)
    _priority_of(report, priority)
    with transaction.atomic():
        audit_record(actor=actor, action=AuditEvent.Action.DELETE, obj=priority,
                     partnership=report.partnership,
                     changes={"title": priority.title, "order": priority.order,
                              "for_next_year": priority.for_next_year,
                              "measures": [str(m.indicator) for m in
                                           priority.measures.select_related("indicator")]})
        deleted, _ = Priority.objects.filter(pk=priority.pk,
                                             version=expected_version).delete()
        if not deleted:
            raise ConcurrentEditError()  # rolls the audit row back with it
        _close_gap(report, priority.for_next_year, priority.order)


def priority_move(*, actor, report: YearlyReport, priority: Priority, direction: str) -> Priority:
    """Swap a priority with the one above ("up") or below ("down") it in its list."""
    _require(actor, "reports.manage_report", report.partnership)
    _priority_of(report, priority)
    if direction not in ("up", "down"):
        raise ValidationError("Move a priority up or down.")
    with transaction.atomic():
        siblings = report.priorities.select_for_update().filter(
            for_next_year=priority.for_next_year)
        if direction == "up":
            other = siblings.filter(order__lt=priority.order).order_by("-order").first()
        else:
            other = siblings.filter(order__gt=priority.order).order_by("order").first()
        if other is None:
            raise ValidationError(f"“{priority.title}” is already "
                                  f"{'first' if direction == 'up' else 'last'}.")
        mine, theirs = priority.order, other.order
        # Through 0 (no priority's place), so the unique order holds at every step.
        Priority.objects.filter(pk=priority.pk).update(order=0)
        Priority.objects.filter(pk=other.pk).update(order=mine)
        Priority.objects.filter(pk=priority.pk).update(order=theirs)
        audit_record(actor=actor, action=AuditEvent.Action.CHANGE, obj=priority,
                     partnership=report.partnership,
                     changes={"order": {"from": mine, "to": theirs}})
    priority.order = theirs
    return priority


def measure_add(*, actor, report: YearlyReport, priority: Priority, indicator,
                note: str = "") -> PriorityMeasure:
    """Link a key measure to a priority: an indicator of the national catalogue or of the
    partnership's own local ones. Another partnership's local indicator is refused."""
    _require(actor, "reports.manage_report", report.partnership)
    _priority_of(report, priority)
    if indicator is None:
        raise ValidationError({"indicator": "Choose the indicator that measures the priority."})
    if indicator.partnership_id not in (None, report.partnership_id):
        raise ValidationError({"indicator": (
            f"{indicator.code} {indicator.name} is a local indicator of another partnership, "
            f"so it cannot measure a priority of {report.partnership.name}. Choose a "
            "national indicator or one of this partnership's own.")})
    if priority.measures.filter(indicator=indicator).exists():
        raise ValidationError({"indicator": (
            f"{indicator.code} {indicator.name} is already a measure of this priority.")})
    return model_create(model_class=PriorityMeasure, actor=actor,
                        partnership=report.partnership,
                        data={"priority": priority, "indicator": indicator,
                              "note": (note or "").strip()})


def measure_remove(*, actor, report: YearlyReport, measure: PriorityMeasure) -> None:
    _require(actor, "reports.manage_report", report.partnership)
    _priority_of(report, measure.priority)
    with transaction.atomic():
        audit_record(actor=actor, action=AuditEvent.Action.DELETE, obj=measure,
                     partnership=report.partnership,
                     changes={"priority": measure.priority.title,
                              "indicator": str(measure.indicator)})
        measure.delete()


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
                                        "brought_forward": brought_forward})
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
    """Record the vision, sign-off by the lead safeguarding partners and where else the
    report is published. The publication date is set by report_publish, never typed."""
    _require(actor, "reports.record_publication", report.partnership)
    today = timezone.localdate()
    if data.get("signed_off_on") and data["signed_off_on"] > today:
        raise ValidationError({"signed_off_on": "The date cannot be in the future."})
    return model_update(instance=report, actor=actor, expected_version=expected_version,
                        fields=["vision", "signed_off_on", "signed_off_by", "published_url"],
                        data=data, partnership=report.partnership)


def _sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def report_publish(*, actor, report: YearlyReport, published_on=None,
                   note: str = "") -> Publication:
    """Freeze the report as it stands (decision 0010): assemble it once, render its HTML
    body, PDF and Word file from that one assembly, and keep them as the next publication
    version. The public site serves what is kept; later edits change the draft only."""
    from . import render

    policy.require(actor, "reports.publish_report", report.partnership)
    today = timezone.localdate()
    published_on = published_on or today
    previous = report.publications.order_by("-number").first()
    if not report.signed_off_on:
        raise ValidationError({"published_on": "Record the lead safeguarding partners' "
                                               "sign-off before publishing the report."})
    if published_on > today:
        raise ValidationError({"published_on": "The date cannot be in the future."})
    if published_on < report.signed_off_on:
        raise ValidationError({"published_on": (
            f"Publication cannot be before sign-off ({report.signed_off_on:%-d %B %Y}).")})
    if previous is not None and published_on < previous.published_on:
        raise ValidationError({"published_on": (
            f"Version {previous.number} was published on {previous.published_on:%-d %B %Y}: "
            f"a new version cannot be dated before it.")})
    note = (note or "").strip()
    if len(note) > 500:
        raise ValidationError({"note": "Say what changed in 500 characters or fewer."})

    # Slow work (charts, WeasyPrint) before the transaction: one assembly, three renderings.
    assembly = selectors.assemble(report)
    body = render.body_html(assembly)
    pdf = render.render_pdf(assembly)
    docx = render.render_docx(assembly)
    headlines = [{"key": h.key, "label": h.label, "display": h.display}
                 for h in assembly.headlines]

    saved = []
    try:
        with transaction.atomic():
            locked = YearlyReport.objects.select_for_update().get(pk=report.pk)
            last = locked.publications.order_by("-number").first()
            if last is not None and (previous is None or last.pk != previous.pk):
                raise ConcurrentEditError()  # someone published while this was rendering
            publication = Publication(
                report=locked, number=(last.number + 1) if last else 1,
                published_on=published_on, published_by=actor,
                note=note, title=assembly.title, headlines=headlines, body_html=body,
                pdf_sha256=_sha256(pdf), docx_sha256=_sha256(docx))
            for fmt, content in (("pdf", pdf), ("docx", docx)):
                field = getattr(publication, fmt)
                field.save(publication.file_name(fmt), ContentFile(content), save=False)
                saved.append(field.name)
            publication.full_clean()
            publication.save()
            audit_record(actor=actor, action=AuditEvent.Action.CREATE, obj=publication,
                         partnership=locked.partnership,
                         changes={"version": publication.number,
                                  "published_on": published_on, "note": note,
                                  "pdf_sha256": publication.pdf_sha256,
                                  "docx_sha256": publication.docx_sha256})
            if locked.published_on is None:
                # The clock's "report published" event is the first publication.
                model_update(instance=locked, fields=["published_on"],
                             data={"published_on": published_on}, actor=actor,
                             expected_version=locked.version, partnership=locked.partnership)
    except BaseException:
        for name in saved:
            Publication._meta.get_field("pdf").storage.delete(name)
        raise
    report.refresh_from_db()
    return publication


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
    _require(actor, "reports.view_report", report)
    audit_record(actor=actor, action=AuditEvent.Action.EXPORT, obj=report,
                 partnership=report.partnership, object_repr=f"{report} ({fmt})", path=path)
