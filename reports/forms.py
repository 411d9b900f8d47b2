from django import forms
from django.utils import timezone

from core.forms import DateInput, HubDateField, HubForm, VersionField

from .models import ActivityItem, FinanceLine, PublicationEvent


def _msg(text):
    return {"required": text, "invalid": text}


def _count(what):
    text = f"Enter a whole number of {what}, 0 or more"
    return {"invalid": text, "min_value": text}


def _choose(text):
    return {"required": text, "invalid_choice": text}


class ReportCreateForm(HubForm):
    year = forms.CharField(label="Reporting year", max_length=7,
                           help_text="1 April to 31 March, written like 2023-24",
                           error_messages=_msg("Enter the reporting year, like 2023-24"))

    def clean_year(self):
        from .selectors import parse_year

        try:
            return parse_year(self.cleaned_data["year"])
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None


class BlockForm(HubForm):
    title = forms.CharField(max_length=200, label="Heading",
                            error_messages=_msg("Enter the heading"))
    author = forms.CharField(max_length=200, required=False, label="Written by",
                             help_text="A role, for example Independent Chair")
    body = forms.CharField(
        label="Text", widget=forms.Textarea(attrs={"rows": 14}),
        help_text="Separate paragraphs with a blank line. Simple HTML (paragraphs, lists, "
                  "bold, links) is kept; anything else is removed.",
        error_messages=_msg("Enter the text"))
    version = VersionField(min_value=0)  # 0: the block did not exist when the page opened


class ApproveForm(HubForm):
    version = VersionField()


class ActivityForm(HubForm):
    happened_on = HubDateField(past_only=True, label="Date", widget=DateInput(),
                                  error_messages=_msg("Enter the date it happened"))
    kind = forms.ChoiceField(label="Kind of activity", choices=ActivityItem.Kind.choices)
    title = forms.CharField(max_length=200, label="What happened",
                            error_messages=_msg("Enter what happened"))
    description = forms.CharField(label="Description", required=False,
                                  widget=forms.Textarea(attrs={"rows": 4}))
    safeguarding_impact = forms.CharField(
        label="Safeguarding impact", widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What changed for children and families, or for practice",
        error_messages=_msg("Enter the safeguarding impact"))
    reach = forms.IntegerField(
        label="People reached", required=False, min_value=0,
        help_text="Practitioners trained or people it was sent to",
        error_messages=_count("people reached"))
    attendees = forms.IntegerField(
        label="Attendees", required=False, min_value=0,
        help_text="For an event or session: how many people attended",
        error_messages=_count("attendees"))
    facilitators = forms.IntegerField(
        label="Facilitators", required=False, min_value=0,
        help_text="Speakers, trainers and organisers. The report adds them to the attendees",
        error_messages=_count("facilitators"))


def _agenda_item_label(item) -> str:
    held = timezone.localtime(item.meeting.starts_at)
    return f"{item.meeting.title}, {held.day} {held:%B %Y}: {item.title}"




class ActivityEditForm(ActivityForm):
    agenda_item = forms.ModelChoiceField(
        queryset=None, required=False, label="Meeting item it came from",
        empty_label="Not from a meeting item",
        help_text="Optional. Items of this partnership’s meetings held in the reporting "
                  "year. A linked item appears in the report once, as this activity.")
    version = VersionField()

    def __init__(self, *args, agenda_items, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = agenda_items
        self.fields["agenda_item"].label_from_instance = _agenda_item_label


class RemoveForm(HubForm):
    version = VersionField()


class PriorityForm(HubForm):
    title = forms.CharField(max_length=200, label="Priority",
                            error_messages=_msg("Enter the priority"))
    aim = forms.CharField(label="Aim", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    lead_partner = forms.ModelChoiceField(queryset=None, required=False, label="Lead partner")
    done = forms.CharField(label="What has been done", required=False,
                           widget=forms.Textarea(attrs={"rows": 3}))
    impact = forms.CharField(label="Impact", required=False,
                             widget=forms.Textarea(attrs={"rows": 3}))
    next_steps = forms.CharField(label="Next steps", required=False,
                                 widget=forms.Textarea(attrs={"rows": 2}))
    little_progress = forms.BooleanField(label="Little or no evidence of progress",
                                         required=False)
    for_next_year = forms.BooleanField(label="A priority for next year", required=False)
    interventions = forms.CharField(
        label="Planned interventions", required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text="One intervention a line")

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_partner"].queryset = organisations


class PriorityEditForm(PriorityForm):
    version = VersionField()


class MeasureForm(HubForm):
    indicator = forms.ModelChoiceField(queryset=None, label="Indicator",
                                       empty_label="Choose an indicator")
    note = forms.CharField(label="What it shows", max_length=300, required=False,
                           help_text="Optional. For example: fewer repeat referrals")

    def __init__(self, *args, indicators, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["indicator"]
        field.queryset = indicators
        field.label_from_instance = lambda i: f"{i.code} {i.name}" + (
            "" if i.partnership_id is None else " (local)")
        field.error_messages = {
            "required": "Choose the indicator that measures the priority",
            "invalid_choice": (f"Choose a national indicator or one of {partnership.name}'s "
                               "own local indicators: another partnership's local indicator "
                               "cannot measure this priority")}


class FinanceForm(HubForm):
    brought_forward = forms.DecimalField(
        label="Reserves brought forward (£)", required=False, min_value=0, decimal_places=2,
        max_digits=12, error_messages=_msg("Enter the reserves as a number of pounds"))
    kind = forms.ChoiceField(label="Kind of line", choices=[("", "No new line")]
                             + list(FinanceLine.Kind.choices), required=False)
    label = forms.CharField(label="Line", max_length=200, required=False,
                            help_text="For example Cleveland Police contribution. For an "
                                      "in-kind contribution, what was given")
    organisation = forms.ModelChoiceField(queryset=None, required=False, label="Partner",
                                          help_text="For an in-kind contribution, who gave it")
    amount = forms.DecimalField(
        label="Amount (£)", required=False, min_value=0, decimal_places=2, max_digits=12,
        help_text="An in-kind contribution can be recorded without a value",
        error_messages={**_msg("Enter the amount as a number of pounds"),
                        "min_value": "Enter the amount as a positive number of pounds"})
    version = VersionField(min_value=0)  # 0: no finance record when the page opened

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind == FinanceLine.Kind.IN_KIND:
            if not data.get("label") and not data.get("organisation"):
                self.add_error("label", "Say what was given, or choose the partner who gave "
                                        "it (or both)")
        elif kind:
            if not data.get("label"):
                self.add_error("label", "Enter what the line is for")
            if data.get("amount") is None and "amount" not in self.errors:
                self.add_error("amount", "Enter the amount")
        elif data.get("brought_forward") is None:
            raise forms.ValidationError("Enter the reserves brought forward or a new line.")
        return data


class PublicationForm(HubForm):
    vision = forms.CharField(label="Vision", required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))
    signed_off_on = HubDateField(label="Signed off by the lead safeguarding partners on",
                                    required=False, widget=DateInput())
    signed_off_by = forms.CharField(label="Signed off by", max_length=300, required=False,
                                    help_text="The lead safeguarding partners, by role")
    published_url = forms.URLField(label="Where else it is published", required=False,
                                  assume_scheme="https",
                                  help_text="For example the page on the partnership's own "
                                            "website")
    version = VersionField()


class PublishForm(HubForm):
    published_on = HubDateField(
        past_only=True, label="Published on", widget=DateInput(),
        error_messages={"required": "Enter the date the public site shows this version from"},
        help_text="The day the public site shows this version from")
    note = forms.CharField(label="What changed since the last version", max_length=500,
                           required=False, widget=forms.Textarea(attrs={"rows": 3}))


class PublicationEventForm(HubForm):
    how = forms.ChoiceField(label="Sent or presented", choices=PublicationEvent.How.choices,
                            widget=forms.RadioSelect,
                            error_messages=_choose("Choose whether it was sent or presented"))
    recipient_kind = forms.ChoiceField(label="To", choices=PublicationEvent.Recipient.choices,
                                       error_messages=_choose("Choose who it went to"))
    recipient = forms.CharField(label="Name", max_length=200,
                                help_text="For example Stockton Children and Young People "
                                          "Select Committee",
                                error_messages=_msg("Enter who it went to"))
    on = HubDateField(past_only=True, label="Date", widget=DateInput(),
                         error_messages=_msg("Enter the date"))
