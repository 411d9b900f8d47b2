from core.services import system_actor
from core.tests.walk import WORKERS, UrlCase
from performance import catalogue, services
from performance.models import DataReturn, Indicator, IndicatorValue

BUSINESS_UNIT = frozenset({"business_unit"})
SUBMITTERS = frozenset({"business_unit", "agency_lead"})


def _indicator_kwargs(w):
    if not Indicator.objects.exists():
        services.catalogue_import(actor=system_actor(), rows=catalogue.rows())
    return {"slug": w.partnership.slug, "code": "CP_PLANS"}


def _charted_kwargs(w):
    """An indicator with a figure, so there is a chart to draw."""
    kwargs = _indicator_kwargs(w)
    area = w.objects["area"]
    if not IndicatorValue.objects.filter(indicator__code=kwargs["code"], area=area).exists():
        services.data_return_submit(
            actor=system_actor(), method="form", partnership=w.partnership,
            rows=[{"indicator_code": kwargs["code"], "area_code": area.ons_code,
                   "period": "2022-23", "value": "12"}])
    return kwargs


def _local_indicator_kwargs(w):
    Indicator.objects.get_or_create(code="ALPHA_LOCAL", defaults={
        "partnership": w.partnership, "name": "Alpha's own indicator", "section": "safe",
        "topic": "child_protection", "unit": "count"})
    return {"slug": w.partnership.slug, "code": "ALPHA_LOCAL"}


def _pending_kwargs(w):
    held = DataReturn.objects.create(
        partnership=w.partnership, method=DataReturn.Method.UPLOAD,
        status=DataReturn.Status.PENDING, submitted_by=w.users["business_unit"])
    return {"slug": w.partnership.slug, "pk": held.pk}


CASES = [
    UrlCase("performance:scorecard", allowed=WORKERS),
    UrlCase("performance:indicator_list", allowed=WORKERS),
    UrlCase("performance:indicator_detail", kwargs=_indicator_kwargs, allowed=WORKERS),
    UrlCase("performance:indicator_chart", kwargs=_charted_kwargs, allowed=WORKERS),
    UrlCase("performance:indicator_create", allowed=BUSINESS_UNIT),
    UrlCase("performance:indicator_edit", kwargs=_local_indicator_kwargs, allowed=BUSINESS_UNIT,
            note="the partnership's own local indicator"),
    UrlCase("performance:indicator_edit", kwargs=_indicator_kwargs, allowed=frozenset(),
            note="a national indicator: only the national catalogue administrator"),
    UrlCase("performance:catalogue_import", allowed=BUSINESS_UNIT),
    UrlCase("performance:target", kwargs=_indicator_kwargs, allowed=BUSINESS_UNIT),
    UrlCase("performance:data_return_list", allowed=WORKERS),
    UrlCase("performance:value_form", allowed=SUBMITTERS),
    UrlCase("performance:upload", allowed=SUBMITTERS),
    UrlCase("performance:population_import", allowed=BUSINESS_UNIT),
    UrlCase("performance:data_return_confirm", kwargs=_pending_kwargs, allowed=SUBMITTERS),
    UrlCase("performance:exceptions", allowed=WORKERS),
    UrlCase("performance:exception_to_agenda", method="post", data=lambda w: {"key": "x|y|z"},
            allowed=BUSINESS_UNIT, ok_status=(302,),
            note="an unknown proposal redirects back with a message"),
]
