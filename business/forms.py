from django import forms

from core.forms import DateInput, HubDateField, HubForm, VersionField
from core.selectors import people_for
from governance.forms import PersonChoiceField
from learning.models import Theme

from .models import (
    CommunicationItem,
    NationalItem,
    ScrutinyActivity,
    VoiceItem,
)


def _required(message):
    return {"required": message, "invalid": message}


class AgendaItemChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, item):
        return f"{item.meeting.group} {item.meeting.starts_at:%d %b %Y}: {item.title}"


class NationalItemForm(HubForm):
    kind = forms.ChoiceField(choices=NationalItem.Kind.choices, label="What it is",
                             error_messages=_required("Choose what kind of item it is"))
    issuer = forms.ChoiceField(choices=NationalItem.Issuer.choices, label="From",
                               error_messages=_required("Choose who it is from"))
    title = forms.CharField(max_length=250, label="Title",
                            error_messages={"required": "Enter the title"})
    issued_on = HubDateField(past_only=True, label="Issued on", widget=DateInput(),
                             error_messages={"required": "Enter the date it was issued"})
    url = forms.URLField(max_length=500, required=False, label="Link", assume_scheme="https",
                         help_text="Where it is published, starting https://")
    due_basis = forms.ChoiceField(
        choices=NationalItem.DueBasis.choices, label="Response due",
        initial=NationalItem.DueBasis.RULE, widget=forms.RadioSelect,
        help_text="The partnership's time limit is set under Partnership, Deadline rules")
    letter_due = HubDateField(label="Response date set in the letter", required=False,
                              widget=DateInput(),
                              help_text="Only if the letter itself sets a date")
    circulated_to = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False,
                                    label="Circulated to",
                                    help_text="Groups, partners or the workforce it went to")
    circulated_on = HubDateField(past_only=True, label="Circulated on", required=False,
                                 widget=DateInput())
    agenda_item = AgendaItemChoiceField(queryset=None, required=False,
                                        label="Agenda item where it was discussed",
                                        empty_label="Not on an agenda")
    outcome = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False,
                              label="Outcome",
                              help_text="What the partnership did and what came of it; set "
                                        "actions on its learning page")
    status = forms.ChoiceField(choices=NationalItem.Status.choices, label="Status")
    closed_on = HubDateField(past_only=True, label="Responded on", required=False,
                             widget=DateInput(),
                             help_text="When the partnership responded or noted it")

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        from governance.models import AgendaItem

        self.fields["agenda_item"].queryset = (
            AgendaItem.objects.filter(meeting__group__partnerships=partnership)
            .select_related("meeting", "meeting__group")
            .order_by("-meeting__starts_at", "order"))


class NationalItemEditForm(NationalItemForm):
    version = VersionField()


class AppointmentForm(HubForm):
    person = PersonChoiceField(queryset=None, label="Scrutineer",
                               empty_label="Choose a person",
                               error_messages=_required("Choose the scrutineer"))
    title = forms.CharField(max_length=150, label="Role title", initial="Independent Scrutineer",
                            error_messages={"required": "Enter the role title"})
    starts_on = HubDateField(label="Appointed from", widget=DateInput(),
                             error_messages={"required": "Enter the date the appointment "
                                                         "starts"})
    ends_on = HubDateField(label="Appointed until", required=False, widget=DateInput())
    days_per_year = forms.IntegerField(min_value=0, max_value=366, required=False,
                                       label="Days a year")
    terms = forms.CharField(widget=forms.Textarea(attrs={"rows": 6}), required=False,
                            label="Terms of the appointment",
                            help_text="What the scrutineer is asked to do, and how, for "
                                      "example the “Six Steps to Independent Scrutiny”")

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people_for(partnership)


class AppointmentEditForm(AppointmentForm):
    version = VersionField()


class ScrutinyActivityForm(HubForm):
    kind = forms.ChoiceField(choices=ScrutinyActivity.Kind.choices, label="What kind of "
                             "scrutiny", error_messages=_required("Choose what kind of "
                                                                  "scrutiny it was"))
    title = forms.CharField(max_length=250, label="Title",
                            error_messages={"required": "Enter a title"})
    held_on = HubDateField(past_only=True, label="Held or reported on", widget=DateInput(),
                           error_messages={"required": "Enter the date it was held or "
                                                       "reported"})
    scrutineer = PersonChoiceField(queryset=None, required=False, label="Scrutineer",
                                   empty_label="Choose a person")
    summary = forms.CharField(widget=forms.Textarea(attrs={"rows": 5}), required=False,
                              label="What was done",
                              help_text="Record findings and recommendations on its learning "
                                        "page, so their actions join the learning plan")
    response = forms.ChoiceField(choices=ScrutinyActivity.Response.choices,
                                 label="The partnership's response")
    response_on = HubDateField(past_only=True, label="Responded on", required=False,
                               widget=DateInput())
    response_text = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False,
                                    label="What the partnership said and did")

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scrutineer"].queryset = people_for(partnership)


class ScrutinyActivityEditForm(ScrutinyActivityForm):
    version = VersionField()


class StatementForm(HubForm):
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 14}), label="Statement",
                           help_text="Printed in the yearly report once you approve it",
                           error_messages={"required": "Enter the statement"})
    # 0 when the year has no statement yet (core.forms.VersionField)
    version = VersionField(min_value=0)


class ApproveForm(HubForm):
    version = VersionField()


class CommunicationForm(HubForm):
    kind = forms.ChoiceField(choices=CommunicationItem.Kind.choices, label="What it is",
                             error_messages=_required("Choose what kind of communication "
                                                      "it is"))
    title = forms.CharField(max_length=250, label="Title",
                            error_messages={"required": "Enter a title"})
    issued_on = HubDateField(past_only=True, label="Issued or held on", widget=DateInput(),
                             help_text="For reach over a period: its last day",
                             error_messages={"required": "Enter the date it was issued or "
                                                         "held"})
    audience = forms.ChoiceField(choices=CommunicationItem.Audience.choices, label="Audience",
                                 error_messages=_required("Choose who it was for"))
    theme = forms.ModelChoiceField(queryset=Theme.objects.all(), required=False,
                                   label="Theme", empty_label="No one theme")
    reach = forms.IntegerField(min_value=0, required=False, label="Reach")
    measure = forms.ChoiceField(choices=[("", "Choose what the reach counts"),
                                         *CommunicationItem.Measure.choices],
                                required=False, label="What the reach counts")
    url = forms.URLField(max_length=500, required=False, label="Link", assume_scheme="https")


class CommunicationEditForm(CommunicationForm):
    version = VersionField()


class CommunicationImportForm(HubForm):
    file = forms.FileField(
        label="Communication file",
        help_text="CSV or Excel (XLSX) with the columns kind, title, date (YYYY-MM-DD) and "
                  "audience and, optionally, theme, reach, measure and url")

    def clean_file(self):
        from core.tabular import check_table_file

        return check_table_file(self.cleaned_data["file"])


class VoiceForm(HubForm):
    heard_on = HubDateField(past_only=True, label="Heard on", widget=DateInput(),
                            error_messages={"required": "Enter the date it was heard"})
    channel = forms.ChoiceField(choices=VoiceItem.Channel.choices, label="Where it was heard",
                                error_messages=_required("Choose where it was heard"))
    voice = forms.ChoiceField(choices=VoiceItem.Voice.choices, label="Whose voice",
                              error_messages=_required("Choose whose voice it is"))
    age_band = forms.ChoiceField(choices=VoiceItem.AgeBand.choices, label="Age band",
                                 help_text="Never a name or a date of birth",
                                 error_messages=_required("Choose the age band"))
    said = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), label="What they said",
                           error_messages={"required": "Enter what they said"})
    theme = forms.ModelChoiceField(queryset=Theme.objects.all(), required=False,
                                   label="Theme", empty_label="No one theme")
    what_changed = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False,
                                   label="What changed because of it",
                                   help_text="“You said, we did”")
    consent = forms.BooleanField(required=False,
                                 label="They consented to it being shared outside the "
                                       "partnership (the public site and published reports)")
    consent_recorded_on = HubDateField(past_only=True, label="Consent recorded on",
                                       required=False, widget=DateInput())


class VoiceEditForm(VoiceForm):
    version = VersionField()
