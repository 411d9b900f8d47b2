import re

from django import forms
from django.utils import timezone

from .forms import HubForm, HubModelForm, VersionField
from .models import (
    FIRST_POPULATION_YEAR,
    Area,
    DeadlineRule,
    Organisation,
    Person,
    RoleAssignment,
)


class OrganisationForm(HubModelForm):
    class Meta:
        model = Organisation
        fields = ["name", "kind"]


class PersonForm(HubModelForm):
    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            partnerships=partnership)

    class Meta:
        model = Person
        fields = ["name", "job_title", "email", "organisation"]
        help_texts = {"name": "A fictional or real adult professional; never a child."}


class RoleAssignmentForm(HubModelForm):
    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        # The field's own queryset names the group model, so core need not import governance.
        self.fields["group"].queryset = self.fields["group"].queryset.filter(
            partnerships=partnership)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            partnerships=partnership)
        self.fields["group"].help_text = "For group chairs and members"
        self.fields["organisation"].help_text = "For agency leads"

    class Meta:
        model = RoleAssignment
        fields = ["role", "group", "organisation"]


class RoleAssignmentDeleteForm(HubForm):
    assignment = forms.IntegerField(widget=forms.HiddenInput)


class AreaForm(HubModelForm):
    """A geography of the partnership: a council area, or one that is not a council's."""

    class Meta:
        model = Area
        fields = ["name", "ons_code", "kind"]

    def clean_ons_code(self):
        code = self.cleaned_data["ons_code"].strip().upper()
        if not re.fullmatch(r"[A-Z0-9]{2,9}", code):
            raise forms.ValidationError(
                "Enter the code as 2 to 9 letters and digits, e.g. E06000001 or TEES.")
        return code


class PopulationForm(HubForm):
    """One year's child population of an area (an ONS mid-year estimate)."""

    area = forms.ModelChoiceField(queryset=Area.objects.none(), label="Area")
    year = forms.IntegerField(
        label="Year of the mid-year estimate", help_text="e.g. 2020 for the mid-2020 estimate",
        error_messages={"invalid": "Enter the year as a whole number, e.g. 2020."})
    children = forms.IntegerField(
        label="Children aged 0 to 17", min_value=1,
        error_messages={"min_value": "The number of children must be more than 0.",
                        "invalid": "Enter the number of children as a whole number."})
    source = forms.CharField(label="Source", required=False, max_length=200,
                             help_text="e.g. ONS mid-year population estimates, June 2021")

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = Area.objects.filter(partnership=partnership)

    def clean_year(self):
        year = self.cleaned_data["year"]
        this_year = timezone.localdate().year
        if not FIRST_POPULATION_YEAR <= year <= this_year:
            raise forms.ValidationError(
                f"The year must be from {FIRST_POPULATION_YEAR} to {this_year}.")
        return year


class DeadlineRuleForm(HubModelForm):
    """A time limit; its events are the ones its kind of record holds (core.deadlines)."""

    version = VersionField()
    start_event = forms.ChoiceField(label="Runs from", choices=(), error_messages={
        "required": "Choose the event the time limit runs from",
        "invalid_choice": "Choose the event the time limit runs from"})
    met_event = forms.ChoiceField(label="Met when", choices=(), error_messages={
        "required": "Choose the event that meets the deadline",
        "invalid_choice": "Choose the event that meets the deadline"})

    class Meta:
        model = DeadlineRule
        fields = ["name", "legal_basis", "source_note", "count", "unit", "direction",
                  "start_event", "met_event", "minimum_period"]
        widgets = {"unit": forms.RadioSelect, "direction": forms.RadioSelect}
        labels = {"count": "How many", "source_note": "Source"}
        error_messages = {
            "name": {"required": "Enter the name of the rule"},
            "legal_basis": {"required": "Enter the legal basis"},
            "count": {"required": "Enter how many days or months, as a whole number",
                      "invalid": "Enter how many days or months, as a whole number"},
            "unit": {"required": "Choose working days, calendar days or months",
                     "invalid_choice": "Choose working days, calendar days or months"},
            "direction": {"required": "Choose after or before the start event",
                          "invalid_choice": "Choose after or before the start event"},
        }

    def __init__(self, *args, rule: DeadlineRule, **kwargs):
        super().__init__(*args, **kwargs)
        # The form checks the posted values against the rule's own kind of record.
        self.instance.applies_to = rule.applies_to
        events = list(rule.kind.events.items()) if rule.kind else []
        for name in ("start_event", "met_event"):
            self.fields[name].choices = [("", "Choose an event"), *events]

    def clean_count(self):
        count = self.cleaned_data["count"]
        if count is not None and count < 1:
            raise forms.ValidationError("Enter a number of days or months above 0")
        return count
