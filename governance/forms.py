from django import forms

from core.dates import long_date
from core.forms import (
    DateInput,
    DateTimeInput,
    HubDateField,
    HubForm,
    HubModelForm,
    VersionField,
)
from core.selectors import people_for

from .models import AgendaItem, Attendance, Group, Meeting, Procedure


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%H:%M")


class PersonChoiceField(forms.ModelChoiceField):
    """People listed by name (their organisation is chosen in its own field)."""

    def label_from_instance(self, person):
        return person.name


def _required(message):
    return {"required": message, "invalid": message}


class MeetingCreateForm(HubForm):
    group = forms.ModelChoiceField(
        queryset=None, label="Group", empty_label="Choose a group",
        error_messages={"required": "Choose the group that is meeting",
                        "invalid_choice": "Choose one of the groups you run"},
    )
    title = forms.CharField(max_length=200, label="Title",
                            error_messages={"required": "Enter the meeting's title"})
    starts_at = forms.DateTimeField(
        label="Starts", widget=DateTimeInput(), help_text="Date and time, for example 14/01/2027 10:00",
        error_messages=_required("Enter the date and time the meeting starts"),
    )
    ends_at = forms.DateTimeField(
        label="Ends", widget=DateTimeInput(),
        error_messages=_required("Enter the date and time the meeting ends"),
    )
    location = forms.CharField(max_length=200, label="Where", required=False,
                               help_text="A room, or 'Online'")

    def __init__(self, *args, groups, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = groups


class MeetingEditForm(HubForm):
    title = forms.CharField(max_length=200, label="Title",
                            error_messages={"required": "Enter the meeting's title"})
    status = forms.ChoiceField(choices=Meeting.Status.choices, label="Status")
    starts_at = forms.DateTimeField(
        label="Starts", widget=DateTimeInput(),
        error_messages=_required("Enter the date and time the meeting starts"),
    )
    ends_at = forms.DateTimeField(
        label="Ends", widget=DateTimeInput(),
        error_messages=_required("Enter the date and time the meeting ends"),
    )
    location = forms.CharField(max_length=200, label="Where", required=False)
    minutes = forms.CharField(widget=forms.Textarea(attrs={"rows": 10}), required=False,
                              label="Minutes")
    version = VersionField()


class MeetingGenerateForm(HubForm):
    first = HubDateField(label="First meeting date", widget=DateInput(),
                            error_messages=_required("Enter the date of the first meeting"))
    last = HubDateField(label="Plan meetings up to (date)", widget=DateInput(),
                           error_messages=_required("Enter the last date to plan meetings up to"))
    start_time = forms.TimeField(label="Start time", widget=TimeInput(), initial="10:00",
                                 error_messages=_required("Enter the time meetings start"))
    duration_minutes = forms.IntegerField(
        label="Length in minutes", initial=120, min_value=15, max_value=600,
        error_messages={"required": "Enter how long each meeting lasts, in minutes",
                        "invalid": "Enter the length as a whole number of minutes",
                        "min_value": "A meeting lasts at least 15 minutes",
                        "max_value": "A meeting lasts at most 600 minutes (10 hours)"},
    )
    location = forms.CharField(max_length=200, label="Where", required=False)


class AgendaItemForm(HubModelForm):
    class Meta:
        model = AgendaItem
        fields = ["title", "kind", "presenter", "assurance_service", "findings",
                  "include_in_annual_report"]
        labels = {"kind": "Kind of item", "assurance_service": "Service reporting",
                  "include_in_annual_report": "Include in the yearly report"}
        error_messages = {"title": {"required": "Enter the agenda item's title"}}
        widgets = {"findings": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Escalations are made by escalating an item, not typed in.
        self.fields["kind"].choices = [
            c for c in AgendaItem.Kind.choices if c[0] != AgendaItem.Kind.ESCALATION
        ]


class PaperForm(HubForm):
    title = forms.CharField(max_length=200, required=False, label="Title",
                            help_text="Leave blank to use the file name")
    file = forms.FileField(label="Paper", help_text="PDF, Word, Excel, PowerPoint, "
                           "OpenDocument, text or CSV",
                           error_messages={"required": "Choose the file to upload",
                                           "empty": "The file is empty"})


class DecisionForm(HubForm):
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), label="Decision",
                           error_messages={"required": "Enter the decision"})
    agenda_item = forms.ModelChoiceField(queryset=None, required=False,
                                         label="Agenda item it was made on",
                                         empty_label="Not linked to an item")

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = meeting.agenda_items.all()


class AttendanceForm(HubForm):
    """One status and one deputy field per person expected at the meeting."""

    def __init__(self, *args, people, partnership, current, **kwargs):
        super().__init__(*args, **kwargs)
        self.people = list(people)
        deputies = people_for(partnership)
        for person in self.people:
            record = current.get(person.pk)
            self.fields[f"status_{person.pk}"] = forms.ChoiceField(
                choices=[("", "Not recorded"), *Attendance.Status.choices], required=False,
                label=f"{person.name}" + (f" ({person.organisation})" if person.organisation
                                          else ""),
                initial=record.status if record else "",
                error_messages={"invalid_choice": f"Choose one of the options for "
                                                  f"{person.name}"},
            )
            self.fields[f"deputy_{person.pk}"] = PersonChoiceField(
                queryset=deputies, required=False, label=f"Deputy for {person.name}",
                help_text="Only if a deputy was sent", empty_label="No deputy",
                initial=record.deputy_id if record else None,
                error_messages={"invalid_choice": f"Choose one of the people listed as the "
                                                  f"deputy for {person.name}"},
            )
        self._style()

    def clean(self):
        data = super().clean()
        for person in self.people:
            if (data.get(f"status_{person.pk}") == Attendance.Status.DEPUTY
                    and not data.get(f"deputy_{person.pk}")):
                self.add_error(f"deputy_{person.pk}",
                               f"Name the deputy who attended for {person.name}")
        return data

    def entries(self):
        return [
            {"person": p, "status": self.cleaned_data.get(f"status_{p.pk}") or "",
             "deputy": self.cleaned_data.get(f"deputy_{p.pk}")}
            for p in self.people
        ]


class GroupForm(HubForm):
    """A group of the partnership's arrangements, with the dates it existed."""

    name = forms.CharField(max_length=200, label="Name",
                           error_messages={"required": "Enter the group's name"})
    kind = forms.ChoiceField(choices=Group.Kind.choices, label="Kind of group",
                             error_messages={"required": "Choose the kind of group",
                                             "invalid_choice": "Choose the kind of group"})
    reports_to = forms.ModelChoiceField(
        queryset=None, required=False, label="Reports to", empty_label="No other group",
        error_messages={"invalid_choice": "Choose one of the partnership's groups"})
    partnerships = forms.ModelMultipleChoiceField(
        queryset=None, label="Partnerships it serves", widget=forms.CheckboxSelectMultiple,
        help_text="A Tees-wide group serves several. Partnerships you do not run stay as "
                  "they are.",
        error_messages={"required": "Choose at least one partnership the group serves",
                        "invalid_choice": "Choose partnerships you run"})
    purpose = forms.CharField(label="Purpose", required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))
    chair_rota = forms.CharField(max_length=300, label="Chair rota", required=False,
                                 help_text="For example: statutory partners chair in turn, "
                                           "yearly")
    cadence_every = forms.IntegerField(
        label="Meets every", required=False, min_value=1, max_value=52,
        help_text="A number of weeks or months; leave empty if it meets as needed",
        error_messages={"invalid": "Enter how often it meets as a whole number",
                        "min_value": "Enter how often it meets as 1 or more",
                        "max_value": "Enter how often it meets as 52 or fewer"})
    cadence_unit = forms.ChoiceField(
        choices=[("", "As needed"), *Group.CadenceUnit.choices], required=False,
        label="Weeks or months")
    started_on = HubDateField(label="Started on", required=False,
                              help_text="Leave empty if not known",
                              error_messages={"invalid": "Enter the date the group started "
                                                         "as a real date"})
    ended_on = HubDateField(label="Ended on", required=False,
                            help_text="Leave empty while the group continues",
                            error_messages={"invalid": "Enter the date the group ended as a "
                                                       "real date"})

    def __init__(self, *args, groups, partnerships, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reports_to"].queryset = groups
        self.fields["partnerships"].queryset = partnerships

    def clean(self):
        data = super().clean()
        if bool(data.get("cadence_every")) != bool(data.get("cadence_unit")):
            self.add_error("cadence_unit", "Give both how often the group meets and whether "
                                           "in weeks or months, or neither")
        return data


class GroupEditForm(GroupForm):
    version = VersionField()


class ChairChangeForm(HubForm):
    person = PersonChoiceField(queryset=None, label="New chair", empty_label="Choose someone",
                               error_messages={"required": "Choose the new chair",
                                               "invalid_choice": "Choose someone who works "
                                                                 "with the partnership"})
    from_date = HubDateField(label="Chairs from", help_text="The first day they chair",
                             error_messages={"required": "Enter the date they started chairing",
                                             "invalid": "Enter the date they started chairing "
                                                        "as a real date"})

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people


class ProcedureForm(HubForm):
    title = forms.CharField(label="Title", max_length=200)
    kind = forms.ChoiceField(label="Kind", choices=Procedure.Kind.choices)
    summary = forms.CharField(label="Summary", required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))
    url = forms.URLField(label="Link to the published text", assume_scheme="https",
                         help_text="For example the page on the Tees procedures website")
    owner_group = forms.ModelChoiceField(label="Owner group", queryset=None, required=False,
                                         help_text="The group that keeps it under review")
    current_version = forms.CharField(label="Version", max_length=20, required=False,
                                      help_text="As the procedure numbers it, for example 3.1")
    last_reviewed_on = HubDateField(label="Last reviewed on", required=False,
                                    widget=DateInput(), past_only=True)
    next_review_due = HubDateField(
        label="Next review due", required=False, widget=DateInput(),
        help_text="Leave empty to use the partnership's procedure-review rule")
    published = forms.BooleanField(label="Published on the public site", required=False)

    def __init__(self, *args, groups, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_group"].queryset = groups

    def clean(self):
        data = super().clean()
        last, due = data.get("last_reviewed_on"), data.get("next_review_due")
        if last and due and due <= last and "next_review_due" not in self.errors:
            self.add_error("next_review_due", (
                f"The next review due ({long_date(due)}) must be after the last review "
                f"({long_date(last)})"))
        return data


class ProcedureEditForm(ProcedureForm):
    version = VersionField()


class ProcedureVersionForm(HubForm):
    number = forms.CharField(label="Version", max_length=20, help_text="For example 3.2")
    adopted_on = HubDateField(label="Adopted on", widget=DateInput(), past_only=True)
    what_changed = forms.CharField(label="What changed", widget=forms.Textarea(attrs={"rows": 4}))
    url = forms.URLField(label="Link to this version", required=False, assume_scheme="https",
                         help_text="Leave empty if the published link stays the same")
    version = VersionField()
