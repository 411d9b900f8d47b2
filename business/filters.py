import django_filters
from django.utils import timezone

from core.filters import PartnershipFilterSet

from .models import CommunicationItem, NationalItem, ScrutinyActivity, VoiceItem
from .selectors import year_bounds, year_label, year_start_of


def _year_choices():
    this_year = year_start_of(timezone.localdate())
    return [(str(y), year_label(y)) for y in range(this_year, 2015, -1)]


class YearFilterSet(PartnershipFilterSet):
    """A reporting year (1 April to 31 March) filter on the list's date field."""

    date_field = ""
    year = django_filters.ChoiceFilter(choices=_year_choices, method="filter_year",
                                       label="Reporting year", empty_label="Any year")

    def filter_year(self, queryset, name, value):
        start, end = year_bounds(int(value))
        return queryset.filter(**{f"{self.date_field}__gte": start,
                                  f"{self.date_field}__lte": end})


class NationalFilter(YearFilterSet):
    date_field = "issued_on"
    status = django_filters.ChoiceFilter(choices=NationalItem.Status.choices, label="Status",
                                         empty_label="Any status")
    overdue = django_filters.ChoiceFilter(choices=[("yes", "Overdue"), ("no", "Not overdue")],
                                          method="filter_overdue", label="Response overdue",
                                          empty_label="Either")

    def filter_overdue(self, queryset, name, value):
        return queryset.filter(overdue=value == "yes")

    class Meta:
        model = NationalItem
        fields = ["year", "status", "overdue"]


class ScrutinyFilter(YearFilterSet):
    date_field = "held_on"
    kind = django_filters.ChoiceFilter(choices=ScrutinyActivity.Kind.choices, label="Kind",
                                       empty_label="Any kind")

    class Meta:
        model = ScrutinyActivity
        fields = ["year", "kind"]


class CommunicationFilter(YearFilterSet):
    date_field = "issued_on"
    kind = django_filters.ChoiceFilter(choices=CommunicationItem.Kind.choices, label="Kind",
                                       empty_label="Any kind")
    audience = django_filters.ChoiceFilter(choices=CommunicationItem.Audience.choices,
                                           label="Audience", empty_label="Any audience")

    class Meta:
        model = CommunicationItem
        fields = ["year", "kind", "audience"]


class VoiceFilter(YearFilterSet):
    date_field = "heard_on"
    channel = django_filters.ChoiceFilter(choices=VoiceItem.Channel.choices,
                                          label="Where it was heard", empty_label="Anywhere")
    consent = django_filters.ChoiceFilter(choices=[("yes", "Consent recorded"),
                                                   ("no", "No consent: inside only")],
                                          method="filter_consent", label="Consent",
                                          empty_label="Either")

    def filter_consent(self, queryset, name, value):
        return queryset.filter(consent=value == "yes")

    class Meta:
        model = VoiceItem
        fields = ["year", "channel", "consent"]
