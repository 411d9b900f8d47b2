import datetime

import django_filters
from django.db.models import Q
from django.utils import timezone

from core.calendar import DUE_SOON
from core.filters import PartnershipFilterSet
from core.forms import DateInput
from core.models import Organisation
from core.selectors import organisations_for
from governance.models import Group
from governance.selectors import groups_visible_to

from .models import Action, DisseminationProduct, Source, Theme
from .selectors import due_by


class ActionFilter(PartnershipFilterSet):
    q = django_filters.CharFilter(method="search", label="Title or detail contains")
    group = django_filters.ModelChoiceFilter(
        field_name="source__meeting__group", queryset=Group.objects.none(),
        label="Group that set it", empty_label="Any group",
    )
    owner_organisation = django_filters.ModelChoiceFilter(
        queryset=Organisation.objects.none(), label="Owner organisation",
        empty_label="Any organisation",
    )
    status = django_filters.ChoiceFilter(choices=Action.Status.choices, label="Status",
                                         empty_label="Any status")
    overdue = django_filters.ChoiceFilter(
        choices=[("yes", "Overdue"), ("no", "Not overdue")], method="filter_overdue",
        label="Overdue", empty_label="Either",
    )
    due_from = django_filters.DateFilter(field_name="due_date", lookup_expr="gte",
                                         label="Due from (date)", widget=DateInput())
    due_to = django_filters.DateFilter(field_name="due_date", lookup_expr="lte",
                                       label="Due to (date)", widget=DateInput())
    # One click from a home page: "due this week" and "due soon" (open actions only).
    due = django_filters.ChoiceFilter(
        choices=[("week", "This week"), ("soon", f"In the next {DUE_SOON}")],
        method="filter_due", label="Open and due", empty_label="Any time",
    )

    class Meta:
        model = Action
        fields = ["q", "group", "owner_organisation", "status", "overdue", "due", "due_from",
                  "due_to"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["group"].queryset = groups_visible_to(self.request.user, self.partnership)
        self.filters["owner_organisation"].queryset = organisations_for(self.partnership)

    def search(self, queryset, name, value):
        return queryset.filter(Q(title__icontains=value) | Q(detail__icontains=value))

    def filter_overdue(self, queryset, name, value, today: datetime.date | None = None):
        overdue = Action.overdue_on(today or timezone.localdate())
        return queryset.filter(overdue) if value == "yes" else queryset.exclude(overdue)

    def filter_due(self, queryset, name, value, today: datetime.date | None = None):
        today = today or timezone.localdate()
        return queryset.filter(status__in=Action.OPEN_STATUSES, due_date__gte=today,
                               due_date__lte=due_by(value, today))


class PlanFilter(ActionFilter):
    """The combined learning action plan: the action log's filters plus where the action came
    from and its theme."""

    source_kind = django_filters.ChoiceFilter(field_name="source__kind",
                                              choices=Source.Kind.choices,
                                              label="Source", empty_label="Any source")
    theme = django_filters.ModelChoiceFilter(field_name="themes", queryset=Theme.objects.all(),
                                             label="Theme", empty_label="Any theme")

    class Meta(ActionFilter.Meta):
        fields = ["q", "source_kind", "theme", "owner_organisation", "status", "overdue",
                  "due", "group", "due_from", "due_to"]


class DisseminationFilter(PartnershipFilterSet):
    kind = django_filters.ChoiceFilter(choices=DisseminationProduct.Kind.choices,
                                       label="What it is", empty_label="Any kind")
    theme = django_filters.ModelChoiceFilter(field_name="themes", queryset=Theme.objects.all(),
                                             label="Theme", empty_label="Any theme")
    issued_from = django_filters.DateFilter(field_name="issued_on", lookup_expr="gte",
                                            label="From (date)", widget=DateInput())
    issued_to = django_filters.DateFilter(field_name="issued_on", lookup_expr="lte",
                                          label="To (date)", widget=DateInput())

    class Meta:
        model = DisseminationProduct
        fields = ["kind", "theme", "issued_from", "issued_to"]
