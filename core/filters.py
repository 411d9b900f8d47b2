import django_filters
from django.db.models import Q

from .deadlines import kinds_managed_by
from .forms import DateInput, HubForm
from .models import Area, AreaPopulation, AuditEvent, DeadlineRule, Organisation, Person


class PartnershipFilterSet(django_filters.FilterSet):
    """Filter sets know the request and the partnership, so choices are scoped."""

    def __init__(self, data=None, queryset=None, *, request=None, partnership=None, **kwargs):
        self.partnership = partnership
        super().__init__(data=data, queryset=queryset, request=request, **kwargs)

    def get_form_class(self):
        fields = {name: f.field for name, f in self.filters.items()}
        return type(f"{type(self).__name__}Form", (HubForm,), fields)


class OrganisationFilter(PartnershipFilterSet):
    name = django_filters.CharFilter(lookup_expr="icontains", label="Name contains")
    kind = django_filters.ChoiceFilter(choices=Organisation.Kind.choices, label="Kind")

    class Meta:
        model = Organisation
        fields = ["name", "kind"]


class PersonFilter(PartnershipFilterSet):
    name = django_filters.CharFilter(lookup_expr="icontains", label="Name contains")
    organisation = django_filters.ModelChoiceFilter(queryset=Organisation.objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["organisation"].queryset = Organisation.objects.filter(
            partnerships=self.partnership
        )

    class Meta:
        model = Person
        fields = ["name", "organisation"]


class AuditFilter(PartnershipFilterSet):
    q = django_filters.CharFilter(method="search", label="Record or person contains")
    action = django_filters.ChoiceFilter(choices=AuditEvent.Action.choices, label="What happened")
    model = django_filters.CharFilter(lookup_expr="icontains", label="Record type contains")
    since = django_filters.DateFilter(field_name="at", lookup_expr="date__gte", label="From (date)", widget=DateInput())
    until = django_filters.DateFilter(field_name="at", lookup_expr="date__lte", label="To (date)", widget=DateInput())

    class Meta:
        model = AuditEvent
        fields = ["q", "action", "model", "since", "until"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(object_repr__icontains=value) | Q(actor_name__icontains=value))


class AreaFilter(PartnershipFilterSet):
    name = django_filters.CharFilter(lookup_expr="icontains", label="Name contains")
    kind = django_filters.ChoiceFilter(choices=Area.Kind.choices, label="Kind of geography")

    class Meta:
        model = Area
        fields = ["name", "kind"]


class PopulationFilter(PartnershipFilterSet):
    area = django_filters.ModelChoiceFilter(queryset=Area.objects.none(), label="Area")
    year = django_filters.NumberFilter(label="Year")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["area"].queryset = Area.objects.filter(partnership=self.partnership)

    class Meta:
        model = AreaPopulation
        fields = ["area", "year"]


class DeadlineRuleFilter(PartnershipFilterSet):
    name = django_filters.CharFilter(lookup_expr="icontains", label="Rule contains")
    applies_to = django_filters.ChoiceFilter(choices=(), label="Applies to",
                                             empty_label="Any kind of record")
    whose = django_filters.ChoiceFilter(
        choices=[("local", "Changed by this partnership"), ("default", "Default")],
        method="by_whose", label="Whose rule", empty_label="Any")

    class Meta:
        model = DeadlineRule
        fields = ["name", "applies_to", "whose"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = getattr(self.request, "user", None)
        kinds = kinds_managed_by(user, self.partnership) if user else []
        self.filters["applies_to"].extra["choices"] = [(k.key, k.label) for k in kinds]

    def by_whose(self, queryset, name, value):
        return queryset.filter(partnership__isnull=(value == "default"))
