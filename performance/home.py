"""Performance's home-page panel: the data returns due from the reader's organisation, and
returns of theirs held for them to confirm."""

from django.db.models import Max
from django.utils import timezone

from core import policy

from .analysis import period_starting
from .models import DataReturn, Indicator, IndicatorValue

KIND_OF = {Indicator.Frequency.MONTHLY: "month", Indicator.Frequency.QUARTERLY: "quarter",
           Indicator.Frequency.YEARLY: "year"}


def returns_due(partnership, organisation_names, today=None) -> list[dict]:
    """Indicators these organisations send whose next period has ended with no value for
    the partnership's areas (two queries)."""
    today = today or timezone.localdate()
    indicators = list(Indicator.objects.filter(source_organisation__in=organisation_names))
    latest = {
        (row["indicator_id"], row["period_type"]): row["last"]
        for row in IndicatorValue.objects.filter(
            indicator__in=indicators, area__partnership=partnership).order_by()
        .values("indicator_id", "period_type").annotate(last=Max("period_start"))
    }
    due = []
    for indicator in indicators:
        kind = KIND_OF[indicator.frequency]
        last = latest.get((indicator.pk, kind))
        if last is None:
            due.append({"indicator": indicator, "period": None})
            continue
        following = period_starting(last, kind).shifted(1)
        if following.shifted(1).start <= today:  # it has ended
            due.append({"indicator": indicator, "period": following.label})
    return due


def returns_panel(request, partnership):
    """For agency leads (who send their organisation's figures) and anyone with a held return."""
    user = request.user
    if not user.has_perm("performance.submit_return", partnership):
        return None
    names = list(partnership.organisations.filter(
        pk__in=policy.scope_of(user).org_ids_led(partnership.pk)).values_list("name", flat=True))
    held = list(DataReturn.objects.filter(partnership=partnership, submitted_by=user,
                                          status=DataReturn.Status.PENDING))
    if not names and not held:
        return None
    return {"template": "performance/_returns_panel.html", "order": 40,
            "organisations": names, "due": returns_due(partnership, names), "held": held}
