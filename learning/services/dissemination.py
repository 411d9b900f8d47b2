"""Writes on dissemination products."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone

from core.models import Partnership
from core.policy import require
from core.services import model_create, model_update

from ..models import (
    DisseminationProduct,
)
from .actions import _no_personal_data

# ---- dissemination ----

DISSEMINATION_FIELDS = ["kind", "title", "source", "issued_on", "url", "attended", "sent_to"]


def _check_dissemination(partnership, data: dict) -> dict:
    data = {k: v for k, v in data.items() if k in DISSEMINATION_FIELDS}
    data["title"] = (data.get("title") or "").strip()
    data["url"] = (data.get("url") or "").strip()
    errors = {}
    if not data["title"]:
        errors["title"] = "Enter a title"
    if not data.get("issued_on"):
        errors["issued_on"] = "Enter the date it was published or held"
    source = data.get("source")
    if source is not None and not source.partnerships.filter(pk=partnership.pk).exists():
        errors["source"] = "Choose a learning source of this partnership."
    for name in ("attended", "sent_to"):
        if data.get(name) is not None and data[name] < 0:
            errors[name] = "Enter a number of 0 or more"
    if data.get("kind") == DisseminationProduct.Kind.LEARNING_EVENT and data.get("issued_on") \
            and data["issued_on"] <= timezone.localdate() and data.get("attended") is None:
        errors["attended"] = "Enter how many people attended the event"
    if data["url"]:
        try:
            URLValidator(schemes=["http", "https"])(data["url"])
        except ValidationError:
            errors["url"] = "Enter the link as a full web address, starting https://"
    if errors:
        raise ValidationError(errors)
    _no_personal_data(title=data["title"])
    return data


def dissemination_add(*, actor, partnership: Partnership, data: dict,
                      themes=()) -> DisseminationProduct:
    """Record a briefing, learning brief, newsletter item or learning event and its reach."""
    require(actor, "learning.manage_dissemination", partnership)
    data = _check_dissemination(partnership, data)
    with transaction.atomic():
        return model_create(model_class=DisseminationProduct, actor=actor,
                            partnership=partnership, data={**data, "partnership": partnership},
                            m2m={"themes": list(themes)})


def dissemination_update(*, actor, product: DisseminationProduct, data: dict, themes=(),
                         expected_version: int) -> DisseminationProduct:
    require(actor, "learning.manage_dissemination", product.partnership)
    data = _check_dissemination(
        product.partnership, {**{f: getattr(product, f) for f in DISSEMINATION_FIELDS}, **data})
    return model_update(instance=product, fields=DISSEMINATION_FIELDS, data=data,
                        m2m={"themes": list(themes)}, actor=actor,
                        expected_version=expected_version, partnership=product.partnership)
