"""Retention of restricted case detail (core.retention)."""

from django.db.models import F, Q, QuerySet

from core.retention import RetentionRule

from .models import RapidReview, SeriousIncident

CASE_TEXT = ("chronology_summary", "immediate_learning", "panel_response")


def _past(day) -> QuerySet:
    has_text = ~Q(summary="")
    for name in CASE_TEXT:
        has_text |= ~Q(**{f"rapid_review__{name}": ""}) & Q(rapid_review__isnull=False)
    return SeriousIncident.objects.filter(has_text, la_aware_on__lt=day).distinct()


def _purge(incidents: QuerySet) -> int:
    ids = list(incidents.values_list("pk", flat=True))
    # The version moves on, so an edit page opened before the purge cannot write it back.
    SeriousIncident.objects.filter(pk__in=ids).update(summary="", version=F("version") + 1)
    RapidReview.objects.filter(incident_id__in=ids).update(
        **dict.fromkeys(CASE_TEXT, ""), version=F("version") + 1)
    return len(ids)


RULES = [
    RetentionRule(
        key="reviews.case_detail",
        record_type="Restricted case detail of serious incidents and rapid reviews",
        years=7,
        reason="The case detail is needed while the rapid review, any local child "
               "safeguarding practice review (usually published within two years), the "
               "national Panel's follow-up and the next inspection run; seven years after "
               "the local authority became aware covers them. The pseudonym, dates and "
               "decisions are kept, so statutory timeliness and past yearly reports do not "
               "change.",
        on_purge="the incident summary, chronology, immediate learning and Panel response are "
                 "cleared; the pseudonym, dates and decisions are kept",
        past=_past, purge=_purge),
]
