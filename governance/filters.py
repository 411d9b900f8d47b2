import django_filters

from core.filters import PartnershipFilterSet
from core.forms import DateInput

from .models import Decision, Group, Meeting
from .selectors import groups_visible_to


class _ScopedGroupChoice:
    """Group choices limited to the groups this user may see in this partnership."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["group"].queryset = groups_visible_to(self.request.user, self.partnership)


class GroupFilter(PartnershipFilterSet):
    name = django_filters.CharFilter(lookup_expr="icontains", label="Name contains")
    kind = django_filters.ChoiceFilter(choices=Group.Kind.choices, label="Kind of group",
                                       empty_label="Any kind")

    in_force_on = django_filters.DateFilter(method="filter_in_force_on",
                                            label="Existed on (date)", widget=DateInput())

    class Meta:
        model = Group
        fields = ["name", "kind", "in_force_on"]

    def filter_in_force_on(self, queryset, name, value):
        return queryset.filter(Group.existing_during(value, value))


class MeetingFilter(_ScopedGroupChoice, PartnershipFilterSet):
    group = django_filters.ModelChoiceFilter(queryset=Group.objects.none(), label="Group",
                                             empty_label="Any group")
    status = django_filters.ChoiceFilter(choices=Meeting.Status.choices, label="Status",
                                         empty_label="Any status")
    date_from = django_filters.DateFilter(field_name="starts_at", lookup_expr="date__gte",
                                          label="From (date)", widget=DateInput())
    date_to = django_filters.DateFilter(field_name="starts_at", lookup_expr="date__lte",
                                        label="To (date)", widget=DateInput())

    class Meta:
        model = Meeting
        fields = ["group", "status", "date_from", "date_to"]


class DecisionFilter(_ScopedGroupChoice, PartnershipFilterSet):
    group = django_filters.ModelChoiceFilter(field_name="meeting__group",
                                             queryset=Group.objects.none(), label="Group",
                                             empty_label="Any group")
    text = django_filters.CharFilter(lookup_expr="icontains", label="Decision contains")
    date_from = django_filters.DateFilter(field_name="meeting__starts_at",
                                          lookup_expr="date__gte", label="From (date)",
                                          widget=DateInput())
    date_to = django_filters.DateFilter(field_name="meeting__starts_at", lookup_expr="date__lte",
                                        label="To (date)", widget=DateInput())

    class Meta:
        model = Decision
        fields = ["group", "text", "date_from", "date_to"]
