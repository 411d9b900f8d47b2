from django import forms
from django.db.models import Q

from core.forms import DateInput, HubDateField, HubForm, HubModelForm, VersionField
from core.models import Organisation, Person

from .models import DatePrecision, PracticeReview, RapidReview, SeriousIncident

DECISION_CHOICES = [("True", "Yes"), ("False", "No"), ("", "Not decided yet")]


# Entering history: "recorded after the event", and whether its dates are exact or to the
# month (models.BackEntered). Every review form ends with them.
BACK_ENTRY_FIELDS = ["recorded_after", "date_precision"]
BACK_ENTRY_WIDGETS = {"date_precision": forms.RadioSelect}


class BackEntryMixin:
    """Exact dates unless the user says otherwise: a form posted without the choice (an
    older page, a script) means day precision."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date_precision"].required = False

    def clean_date_precision(self):
        return self.cleaned_data.get("date_precision") or DatePrecision.DAY


class VersionedForm(HubModelForm):
    """Carries the version the user opened, so a stale save is refused (optimistic lock)."""

    version = VersionField()


class IncidentForm(BackEntryMixin, HubModelForm):
    happened_dates = ("la_aware_on", "notified_on")  # past-only (core.forms.LimitsMixin)

    class Meta:
        model = SeriousIncident
        fields = ["reference", "la_aware_on", "notified_on", "summary", *BACK_ENTRY_FIELDS]
        widgets = {"la_aware_on": DateInput(), "notified_on": DateInput(), **BACK_ENTRY_WIDGETS}
        labels = {"reference": "Pseudonym or reference"}
        help_texts = {
            "la_aware_on": "The day the local authority learned of the incident; the "
                           "deadline for notifying the Panel runs from it.",
            "summary": "Fictional or anonymised detail only: no names, dates of birth or "
                       "addresses.",
        }


class IncidentEditForm(IncidentForm):
    version = VersionField()


class DecisionField(forms.NullBooleanField):
    """Yes / No / Not decided yet, as radios (a select hides the choice)."""

    def __init__(self, **kwargs):
        super().__init__(required=False, widget=forms.RadioSelect(choices=DECISION_CHOICES),
                         **kwargs)


def _partnership_people(partnership):
    return Person.objects.filter(
        Q(roles__partnership=partnership) | Q(organisation__partnerships=partnership)
    ).select_related("organisation").distinct()


def _person_label(person):
    return f"{person.name}, {person.organisation}" if person.organisation else person.name


class RapidReviewForm(BackEntryMixin, VersionedForm):
    # past-only (core.forms.LimitsMixin)
    happened_dates = ("partners_aware_on", "decided_on", "sent_on")
    # Starting the review or changing it: 0 says it had not been started when the page opened.
    version = VersionField(min_value=0)
    local_review = DecisionField(label="Will a local child safeguarding practice review be held?")
    national_review_suggested = DecisionField(label="Is a national review suggested to the Panel?")

    class Meta:
        model = RapidReview
        fields = [
            "partners_aware_on", "panel_members", "agencies", "chronology_summary",
            "immediate_learning", "local_review", "decided_on", "national_review_suggested",
            "sent_on", "panel_response", *BACK_ENTRY_FIELDS,
        ]
        widgets = {**BACK_ENTRY_WIDGETS,
            "partners_aware_on": DateInput(), "decided_on": DateInput(), "sent_on": DateInput(),
            "agencies": forms.CheckboxSelectMultiple, "panel_members": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "partners_aware_on": "The statutory deadline for completing the rapid review and "
                                 "sending it to the Panel runs from this date.",
            "sent_on": "Leave empty until the rapid review has been sent to the Panel.",
        }

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agencies"].queryset = Organisation.objects.filter(partnerships=partnership)
        self.fields["panel_members"].queryset = _partnership_people(partnership)
        self.fields["panel_members"].label_from_instance = _person_label


PRACTICE_REVIEW_DATES = ["decided_on", "reviewer_approved_on", "draft_received_on",
                         "signed_off_on", "sent_to_panel_on", "published_on", "removed_on"]


class PracticeReviewForm(BackEntryMixin, VersionedForm):
    """Create (with the rapid review that decided on it) or edit a practice review."""
    happened_dates = tuple(PRACTICE_REVIEW_DATES)  # past-only (core.forms.LimitsMixin)


    class Meta:
        model = PracticeReview
        fields = [
            "pseudonym", "kind", "rapid_review", "decided_on", "panel_members",
            "reviewer_name", "reviewer_organisation", "reviewer_approved_on",
            "terms_of_reference", "practitioner_involvement", "family_involvement",
            "draft_received_on", "signed_off_on", "sent_to_panel_on", "published_on",
            "removed_on", "publication_summary", *BACK_ENTRY_FIELDS,
        ]
        widgets = {**{name: DateInput() for name in PRACTICE_REVIEW_DATES}, **BACK_ENTRY_WIDGETS,
                   "kind": forms.RadioSelect, "panel_members": forms.CheckboxSelectMultiple}
        help_texts = {
            "decided_on": "Needed for a local practice review: it must be published within "
                          "6 months of this date.",
            "published_on": "Leave empty until the review is published. The final report "
                            "should reach the Panel and the Secretary of State at least 7 "
                            "working days before.",
            "removed_on": "Only if it came off the public site; it is taken down "
                          "automatically when its time there ends.",
        }

    def __init__(self, *args, partnership, creating=False, **kwargs):
        super().__init__(*args, **kwargs)
        if creating:
            field = self.fields["rapid_review"]
            field.queryset = RapidReview.objects.filter(
                incident__partnership=partnership, local_review=True,
                practice_review__isnull=True,
            ).select_related("incident")
            field.required = False
            field.empty_label = "None: a historic or other learning review"
            field.label = "Rapid review that decided to hold it"
            del self.fields["version"]  # a new review has no version yet
        else:
            del self.fields["rapid_review"]
        self.fields["panel_members"].queryset = _partnership_people(partnership)
        self.fields["panel_members"].label_from_instance = _person_label
        self._style()


class MilestoneForm(HubForm):
    name = forms.CharField(max_length=200, label="Milestone",
                           error_messages={"required": "Enter the milestone"})
    due_on = HubDateField(label="Due date", widget=DateInput(),
                             error_messages={"required": "Enter the date it is due"})
    done_on = HubDateField(past_only=True, label="Done on", required=False, widget=DateInput(),
                              help_text="Leave empty if it is not done yet")


class MilestoneDoneForm(HubForm):
    done_on = HubDateField(past_only=True, label="Done on", widget=DateInput(),
                              error_messages={"required": "Enter the date it was done"})
    version = VersionField()


class LearningEventForm(HubForm):
    title = forms.CharField(max_length=200, label="Title",
                            error_messages={"required": "Enter the event’s title"})
    held_on = HubDateField(label="Date", widget=DateInput(),
                              error_messages={"required": "Enter the date of the event"})
    attendees = forms.IntegerField(label="Number of attendees", required=False, min_value=0,
                                   help_text="Leave empty if the event has not happened yet")


class BriefingForm(HubForm):
    file = forms.FileField(label="Briefing document", required=False,
                           help_text="PDF, Word, PowerPoint, OpenDocument or text",
                           error_messages={"empty": "The file is empty"})
    url = forms.CharField(label="Or a link to it", required=False, max_length=200,
                          help_text="For example, the page on the partnership’s website")
    version = VersionField()  # the practice review's
