"""Writes on KLOE deep dives and active learning sets."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from core.models import Partnership
from core.policy import require
from core.services import model_create, model_update

from ..models import (
    Inquiry,
    Source,
)
from ..sources import source_create
from .actions import _no_personal_data

# ---- KLOE deep dives and active learning sets ----

INQUIRY_FIELDS = ["kind", "title", "question", "commissioned_by", "commissioned_on",
                  "critical_friend", "practitioners", "status", "reported_on",
                  "report_summary"]
INQUIRY_SOURCE_KINDS = {Inquiry.Kind.KLOE: Source.Kind.KLOE,
                        Inquiry.Kind.ACTIVE_LEARNING: Source.Kind.ACTIVE_LEARNING}


def _check_inquiry(partnership, data: dict, agencies) -> dict:
    data = {k: v for k, v in data.items() if k in INQUIRY_FIELDS}
    data["title"] = (data.get("title") or "").strip()
    errors = {}
    if not data["title"]:
        errors["title"] = "Enter a title"
    group = data.get("commissioned_by")
    if group is not None and not group.partnerships.filter(pk=partnership.pk).exists():
        errors["commissioned_by"] = "Choose a group of this partnership."
    if any(not o.partnerships.filter(pk=partnership.pk).exists() for o in agencies):
        errors["agencies"] = "Choose agencies that belong to this partnership."
    if data.get("status") == Inquiry.Status.REPORTED:
        if not data.get("reported_on"):
            errors["reported_on"] = "Enter the date it reported"
        if not (data.get("report_summary") or "").strip():
            errors["report_summary"] = "Summarise what it found before marking it reported"
    reported, commissioned = data.get("reported_on"), data.get("commissioned_on")
    if reported and commissioned and reported < commissioned and "reported_on" not in errors:
        errors["reported_on"] = "It cannot report before it was commissioned."
    if errors:
        raise ValidationError(errors)
    _no_personal_data(title=data["title"], question=data.get("question", ""),
                      report_summary=data.get("report_summary", ""))
    return data


def inquiry_create(*, actor, partnership: Partnership, data: dict, agencies=()) -> Inquiry:
    """Commission a KLOE deep dive or an active learning set; it owns its learning source,
    so its findings, recommendations and actions join the thread and the plan."""
    require(actor, "learning.manage_inquiries", partnership)
    agencies = list(agencies)
    data = _check_inquiry(partnership, data, agencies)
    with transaction.atomic():
        source = source_create(actor=actor, partnership=partnership,
                               kind=INQUIRY_SOURCE_KINDS[data["kind"]], title=data["title"])
        return model_create(model_class=Inquiry, actor=actor, partnership=partnership,
                            data={**data, "partnership": partnership, "source": source},
                            m2m={"agencies": agencies})


def inquiry_update(*, actor, inquiry: Inquiry, data: dict, agencies=(),
                   expected_version: int) -> Inquiry:
    require(actor, "learning.manage_inquiries", inquiry.partnership)
    agencies = list(agencies)
    data = _check_inquiry(inquiry.partnership,
                          {**{f: getattr(inquiry, f) for f in INQUIRY_FIELDS}, **data}, agencies)
    data.pop("kind", None)  # the kind fixes the source's kind: it does not change
    with transaction.atomic():
        inquiry = model_update(instance=inquiry, fields=INQUIRY_FIELDS, data=data, actor=actor,
                               m2m={"agencies": agencies}, expected_version=expected_version,
                               partnership=inquiry.partnership)
        if inquiry.source.title != inquiry.title:
            Source.objects.filter(pk=inquiry.source_id).update(title=inquiry.title)
    return inquiry
