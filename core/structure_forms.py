from django import forms

from .forms import HubForm, HubModelForm
from .models import Organisation, Person, RoleAssignment


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
        from governance.models import Group

        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = Group.objects.filter(partnerships=partnership)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            partnerships=partnership)
        self.fields["group"].help_text = "For group chairs and members"
        self.fields["organisation"].help_text = "For agency leads"

    class Meta:
        model = RoleAssignment
        fields = ["role", "group", "organisation"]


class RoleAssignmentDeleteForm(HubForm):
    assignment = forms.IntegerField(widget=forms.HiddenInput)
