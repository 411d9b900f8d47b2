import django_filters

from core.filters import PartnershipFilterSet
from core.forms import DateInput

from .models import PracticeReview, SeriousIncident

STAGE_CHOICES = [
    ("no_rapid_review", "Rapid review not started"),
    ("rapid_review_open", "Rapid review not yet sent"),
    ("rapid_review_sent", "Rapid review sent to the Panel"),
]
DECISION_CHOICES = [("yes", "Local review to be held"), ("no", "No local review")]


class IncidentFilter(PartnershipFilterSet):
    reference = django_filters.CharFilter(lookup_expr="icontains", label="Reference contains")
    aware_from = django_filters.DateFilter(
        field_name="la_aware_on", lookup_expr="gte", label="LA aware from", widget=DateInput()
    )
    aware_to = django_filters.DateFilter(
        field_name="la_aware_on", lookup_expr="lte", label="LA aware to", widget=DateInput()
    )
    stage = django_filters.ChoiceFilter(choices=STAGE_CHOICES, method="by_stage", label="Stage",
                                       empty_label="Any stage")
    decision = django_filters.ChoiceFilter(
        choices=DECISION_CHOICES, method="by_decision", label="Decision",
        empty_label="Any decision",
    )

    class Meta:
        model = SeriousIncident
        fields = ["reference", "aware_from", "aware_to", "stage", "decision"]

    def by_stage(self, queryset, name, value):
        if value == "no_rapid_review":
            return queryset.filter(rapid_review__isnull=True)
        if value == "rapid_review_open":
            return queryset.filter(rapid_review__isnull=False, rapid_review__sent_on__isnull=True)
        return queryset.filter(rapid_review__sent_on__isnull=False)

    def by_decision(self, queryset, name, value):
        return queryset.filter(rapid_review__local_review=(value == "yes"))


REVIEW_STATUS_CHOICES = [
    ("in_progress", "In progress"),
    ("signed_off", "Signed off, not published"),
    ("published", "Published"),
]


class PracticeReviewFilter(PartnershipFilterSet):
    pseudonym = django_filters.CharFilter(lookup_expr="icontains", label="Pseudonym contains")
    kind = django_filters.ChoiceFilter(choices=PracticeReview.Kind.choices, label="Kind",
                                       empty_label="Any kind")
    status = django_filters.ChoiceFilter(choices=REVIEW_STATUS_CHOICES, method="by_status",
                                         label="Status", empty_label="Any status")
    year = django_filters.NumberFilter(field_name="decided_on", lookup_expr="year",
                                       label="Year of the decision")

    class Meta:
        model = PracticeReview
        fields = ["pseudonym", "kind", "status", "year"]

    def by_status(self, queryset, name, value):
        if value == "in_progress":
            return queryset.filter(signed_off_on__isnull=True)
        if value == "signed_off":
            return queryset.filter(signed_off_on__isnull=False, published_on__isnull=True)
        return queryset.filter(published_on__isnull=False)
