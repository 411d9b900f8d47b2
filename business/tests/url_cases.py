from django.utils import timezone

from core.tests.walk import WORKERS, UrlCase

from .factories import (
    appointment,
    communication_item,
    national_item,
    scrutiny_activity,
    statement,
    voice_item,
)

BUSINESS_UNIT = frozenset({"business_unit"})
SCRUTINEER = frozenset({"scrutineer"})


def _pk(make):
    return lambda w: {"slug": w.partnership.slug, "pk": make(w).pk}


def _year(w):
    today = timezone.localdate()
    return {"slug": w.partnership.slug,
            "year": (today.year if today.month >= 4 else today.year - 1) - 1}


def _approvable_year(w):
    statement(w)
    return _year(w)


def _export(name, fmt, make):
    def kwargs(w):
        make(w)
        return {"slug": w.partnership.slug}
    return UrlCase(f"business:{name}", kwargs=kwargs, allowed=WORKERS,
                   data=lambda w: {"export": fmt}, note=f"{fmt} export")


CASES = [
    UrlCase("business:national_list", allowed=WORKERS),
    UrlCase("business:national_create", allowed=BUSINESS_UNIT),
    UrlCase("business:national_detail", kwargs=_pk(national_item), allowed=WORKERS),
    UrlCase("business:national_edit", kwargs=_pk(national_item), allowed=BUSINESS_UNIT),
    UrlCase("business:scrutiny_list", allowed=WORKERS),
    UrlCase("business:scrutiny_create", allowed=BUSINESS_UNIT),
    UrlCase("business:scrutiny_detail", kwargs=_pk(scrutiny_activity), allowed=WORKERS),
    UrlCase("business:scrutiny_edit", kwargs=_pk(scrutiny_activity), allowed=BUSINESS_UNIT),
    UrlCase("business:appointment_list", allowed=WORKERS),
    UrlCase("business:appointment_create", allowed=BUSINESS_UNIT),
    UrlCase("business:appointment_edit", kwargs=_pk(appointment), allowed=BUSINESS_UNIT),
    UrlCase("business:statement_list", allowed=WORKERS),
    UrlCase("business:statement_edit", kwargs=_year, allowed=SCRUTINEER,
            note="the scrutineer alone writes the statement"),
    UrlCase("business:statement_approve", kwargs=_approvable_year, allowed=SCRUTINEER,
            note="the scrutineer alone approves the statement"),
    UrlCase("business:communication_list", allowed=WORKERS),
    UrlCase("business:communication_create", allowed=BUSINESS_UNIT),
    UrlCase("business:communication_import", allowed=BUSINESS_UNIT),
    UrlCase("business:communication_edit", kwargs=_pk(communication_item),
            allowed=BUSINESS_UNIT),
    UrlCase("business:voice_list", allowed=WORKERS),
    UrlCase("business:voice_create", allowed=BUSINESS_UNIT),
    UrlCase("business:voice_edit", kwargs=_pk(voice_item), allowed=BUSINESS_UNIT),
]
for _name, _make in (("national_list", national_item), ("scrutiny_list", scrutiny_activity),
                     ("appointment_list", appointment), ("statement_list", statement),
                     ("communication_list", communication_item), ("voice_list", voice_item)):
    CASES += [_export(_name, "csv", _make), _export(_name, "xlsx", _make)]

