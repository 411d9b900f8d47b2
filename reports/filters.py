import django_filters

from core.filters import PartnershipFilterSet

from .models import ReportDeadlineRule, ReportEvent

WHOSE_CHOICES = [("local", "Changed by this partnership"), ("default", "Default")]


class ReportRuleFilter(PartnershipFilterSet):
    name = django_filters.CharFilter(lookup_expr="icontains", label="Rule contains")
    start_event = django_filters.ChoiceFilter(choices=ReportEvent.choices, label="Runs from",
                                              empty_label="Any event")
    whose = django_filters.ChoiceFilter(choices=WHOSE_CHOICES, method="by_whose",
                                        label="Whose rule", empty_label="Any")

    class Meta:
        model = ReportDeadlineRule
        fields = ["name", "start_event", "whose"]

    def by_whose(self, queryset, name, value):
        return queryset.filter(partnership__isnull=(value == "default"))
