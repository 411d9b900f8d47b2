from django import forms

from core.forms import DateInput, HubDateField, HubForm, VersionField
from core.selectors import organisations_for, people_for
from governance.forms import PersonChoiceField

from .models import Action, ActionMilestone, DisseminationProduct, Inquiry, Theme


def _owner_fields(form, partnership):
    form.fields["owner_organisation"].queryset = organisations_for(partnership)
    form.fields["owner_person"].queryset = people_for(partnership)


class ActionCreateForm(HubForm):
    title = forms.CharField(max_length=300, label="Action",
                            help_text="What will be done, in a sentence",
                            error_messages={"required": "Enter what the action is"})
    detail = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False,
                             label="Detail")
    owner_organisation = forms.ModelChoiceField(queryset=None, required=False,
                                                label="Owner organisation",
                                                empty_label="Choose an organisation")
    owner_person = PersonChoiceField(queryset=None, required=False, label="Owner (person)",
                                     empty_label="Choose a person")
    due_date = HubDateField(label="Due date", widget=DateInput(),
                               error_messages={"required": "Enter the date the action is due"})
    decision = forms.ModelChoiceField(queryset=None, required=False,
                                      label="Decision it comes from",
                                      empty_label="Not linked to a decision")

    def __init__(self, *args, partnership, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        _owner_fields(self, partnership)
        self.fields["decision"].queryset = meeting.decisions.all()


class ActionEditForm(HubForm):
    status = forms.ChoiceField(choices=Action.Status.choices, label="Status")
    due_date = HubDateField(label="Due date", widget=DateInput(),
                               error_messages={"required": "Enter the date the action is due"})
    owner_organisation = forms.ModelChoiceField(queryset=None, required=False,
                                                label="Owner organisation",
                                                empty_label="Choose an organisation")
    owner_person = PersonChoiceField(queryset=None, required=False, label="Owner (person)",
                                     empty_label="Choose a person")
    detail = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False,
                             label="Detail")
    impact_statement = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}), required=False, label="Impact statement",
        help_text="What difference the action has made for children and families, and how "
                  "you know")
    version = VersionField()

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        _owner_fields(self, partnership)


class ActionUpdateForm(HubForm):
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), label="Update",
                           help_text="What has been done, and the evidence for it",
                           error_messages={"required": "Enter what has happened on this action"})
    status = forms.ChoiceField(choices=[("", "No change"), *Action.Status.choices],
                               required=False, label="New status")
    version = VersionField()


class FindingForm(HubForm):
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 5}), label="Finding",
                           help_text="What the review, audit or deep dive found. Pseudonyms "
                                     "only: no names, dates of birth or NHS numbers.",
                           error_messages={"required": "Enter what the review or audit found"})
    themes = forms.ModelMultipleChoiceField(
        queryset=Theme.objects.all(), required=False, widget=forms.CheckboxSelectMultiple,
        label="Themes", help_text="Choose every theme the finding is about")


class RecommendationForm(HubForm):
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), label="Recommendation",
                           error_messages={"required": "Enter the recommendation"})
    lead_organisation = forms.ModelChoiceField(
        queryset=None, required=False, label="Lead organisation",
        empty_label="Choose an organisation", help_text="Who will make it happen")
    measure = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False,
                              label="How success will be measured")
    target_date = HubDateField(
        label="Target date", required=False, widget=DateInput())
    specific = forms.BooleanField(required=False, label="Specific: it says what will change")
    measurable = forms.BooleanField(required=False,
                                    label="Measurable: progress can be measured")
    achievable = forms.BooleanField(required=False,
                                    label="Achievable: it can be done with the resources there are")
    relevant = forms.BooleanField(required=False,
                                  label="Relevant: it answers the finding")
    time_bound = forms.BooleanField(required=False, label="Time-bound: it has a date")

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_organisation"].queryset = organisations_for(partnership)


class RecommendationActionForm(HubForm):
    title = forms.CharField(max_length=300, label="Action",
                            help_text="What will be done, in a sentence",
                            error_messages={"required": "Enter what the action is"})
    detail = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False,
                             label="Detail")
    owner_organisation = forms.ModelChoiceField(queryset=None, required=False,
                                                label="Owner organisation",
                                                empty_label="Choose an organisation")
    owner_person = PersonChoiceField(queryset=None, required=False, label="Owner (person)",
                                     empty_label="Choose a person")
    due_date = HubDateField(label="Due date", widget=DateInput(),
                               error_messages={"required": "Enter the date the action is due"})

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        _owner_fields(self, partnership)


class EvidenceForm(HubForm):
    description = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}), label="What the evidence shows",
        error_messages={"required": "Describe what the evidence shows"})
    file = forms.FileField(required=False, label="Document",
                           help_text="PDF, Word, Excel, PowerPoint, OpenDocument, text or CSV")
    url = forms.CharField(required=False, max_length=500, label="Or a link to it",
                          help_text="For example a page on your intranet or the procedures site")
    completes = forms.BooleanField(required=False,
                                   label="This evidence shows the action is completed")
    # The action's version: marking it completed is a change to the action.
    version = VersionField()


class SignOffForm(HubForm):
    decision = forms.ChoiceField(
        choices=[("sign_off", "Sign off: the evidence shows it was done"),
                 ("send_back", "Send back to the owner")],
        widget=forms.RadioSelect, label="Your decision",
        error_messages={"required": "Choose whether to sign off or send back"})
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False,
                             label="Reason for sending it back",
                             help_text="Needed if you send it back; the owner sees it")
    version = VersionField()


class ChallengeEventForm(HubForm):
    title = forms.CharField(max_length=250, label="Title",
                            help_text="For example “CSPR Kingfisher action plan challenge”",
                            error_messages={"required": "Enter a title for the challenge event"})
    challenged_source = forms.ModelChoiceField(
        queryset=None, label="Whose action plan is challenged",
        empty_label="Choose a review or audit",
        error_messages={"required": "Choose the review or audit whose action plan is "
                                    "challenged"})
    held_on = HubDateField(label="Date of the event", required=False, widget=DateInput())
    questions_sent_on = HubDateField(
        label="Questions circulated on", required=False, widget=DateInput())
    chair = PersonChoiceField(queryset=None, required=False, label="Chair",
                              empty_label="Choose a person",
                              help_text="The independent scrutineer chairs the panel")

    def __init__(self, *args, partnership, sources, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["challenged_source"].queryset = sources
        self.fields["chair"].queryset = people_for(partnership)


class QuestionForm(HubForm):
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label="Question",
                           help_text="Circulated to the agencies before the event",
                           error_messages={"required": "Enter the question"})


class ChallengeResponseForm(HubForm):
    organisation = forms.ModelChoiceField(queryset=None, label="Agency",
                                          empty_label="Choose your agency",
                                          error_messages={"required": "Choose the agency"})
    evidence = forms.CharField(widget=forms.Textarea(attrs={"rows": 5}), required=False,
                               label="Evidence that the actions were done and had impact")
    response = forms.CharField(widget=forms.Textarea(attrs={"rows": 5}), required=False,
                               label="Answers to the panel's questions")
    version = VersionField()

    def __init__(self, *args, organisations, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        # Changing a saved response: the agency is fixed, so the version belongs to it.
        self.fields["organisation"].disabled = editing
        if not editing:
            del self.fields["version"]  # a first response has no version yet


class ChallengeOutcomeForm(HubForm):
    held_on = HubDateField(past_only=True, label="Date the event was held", widget=DateInput(),
                              error_messages={"required": "Enter the date the event was held"})
    outcome = forms.CharField(widget=forms.Textarea(attrs={"rows": 6}), label="Outcome",
                              help_text="What the panel concluded, and what further work is "
                                        "needed", error_messages={
                                  "required": "Enter the panel's outcome"})
    version = VersionField()


class InquiryForm(HubForm):
    kind = forms.ChoiceField(choices=Inquiry.Kind.choices, widget=forms.RadioSelect,
                             label="What kind of learning activity",
                             error_messages={"required": "Choose a KLOE deep dive or an active "
                                                        "learning set"})
    title = forms.CharField(max_length=250, label="Title",
                            error_messages={"required": "Enter a title"})
    question = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False,
                               label="Line of enquiry",
                               help_text="The question the deep dive or learning set answers")
    commissioned_by = forms.ModelChoiceField(queryset=None, required=False,
                                             label="Commissioned by",
                                             empty_label="Choose a group",
                                             help_text="Usually the Engine Room")
    commissioned_on = HubDateField(past_only=True, label="Commissioned on", required=False,
                                      widget=DateInput())
    critical_friend = PersonChoiceField(queryset=None, required=False,
                                        label="Independent critical friend",
                                        empty_label="Choose a person")
    practitioners = forms.IntegerField(min_value=0, required=False,
                                       label="Front-line practitioners taking part")
    agencies = forms.ModelMultipleChoiceField(queryset=None, required=False,
                                              widget=forms.CheckboxSelectMultiple,
                                              label="Agencies taking part")
    status = forms.ChoiceField(choices=Inquiry.Status.choices, label="Status")
    reported_on = HubDateField(past_only=True, label="Reported on", required=False, widget=DateInput())
    report_summary = forms.CharField(widget=forms.Textarea(attrs={"rows": 5}), required=False,
                                     label="What it found",
                                     help_text="Record findings and recommendations on its "
                                               "learning page")

    def __init__(self, *args, partnership, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        from governance.models import Group

        self.fields["commissioned_by"].queryset = Group.objects.filter(
            partnerships=partnership).order_by("name")
        self.fields["critical_friend"].queryset = people_for(partnership)
        self.fields["agencies"].queryset = organisations_for(partnership)
        if editing:
            del self.fields["kind"]


class DisseminationForm(HubForm):
    kind = forms.ChoiceField(choices=DisseminationProduct.Kind.choices, widget=forms.RadioSelect,
                             label="What it is",
                             error_messages={"required": "Choose what kind of product it is"})
    title = forms.CharField(max_length=250, label="Title",
                            error_messages={"required": "Enter a title"})
    source = forms.ModelChoiceField(queryset=None, required=False,
                                    label="Learning it shares",
                                    empty_label="Not from one source")
    issued_on = HubDateField(past_only=True, label="Published or held on", widget=DateInput(),
                                error_messages={"required": "Enter the date it was published "
                                                            "or held"})
    url = forms.CharField(required=False, max_length=500, label="Link")
    attended = forms.IntegerField(min_value=0, required=False, label="People attending")
    sent_to = forms.IntegerField(min_value=0, required=False,
                                 label="People or organisations it was sent to")
    themes = forms.ModelMultipleChoiceField(queryset=Theme.objects.all(), required=False,
                                            widget=forms.CheckboxSelectMultiple, label="Themes")

    def __init__(self, *args, sources, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].queryset = sources


class ImprovementPlanForm(HubForm):
    title = forms.CharField(max_length=250, label="Title",
                            help_text="For example “SEND improvement plan”",
                            error_messages={"required": "Enter the plan's title"})
    owner_organisation = forms.ModelChoiceField(queryset=None, required=False,
                                                label="Lead organisation",
                                                empty_label="Choose an organisation")
    starts_on = HubDateField(label="Starts on", required=False, widget=DateInput())
    ends_on = HubDateField(label="Ends on", required=False, widget=DateInput())

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_organisation"].queryset = organisations_for(partnership)


class ObjectiveForm(HubForm):
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label="Objective",
                           error_messages={"required": "Enter the objective"})


class ImprovementPlanEditForm(ImprovementPlanForm):
    version = VersionField()


class ObjectiveEditForm(ObjectiveForm):
    version = VersionField()


class FindingEditForm(FindingForm):
    version = VersionField()


class RecommendationEditForm(RecommendationForm):
    version = VersionField()


class InquiryEditForm(InquiryForm):
    version = VersionField()


class DisseminationEditForm(DisseminationForm):
    version = VersionField()


class QuestionEditForm(QuestionForm):
    version = VersionField()


class ConfirmForm(HubForm):
    """A confirmation page's form: the button is the only input."""


class PlanActionForm(RecommendationActionForm):
    intended_outcome = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), label="Intended outcome",
        error_messages={"required": "Enter the outcome the action intends"})
    impact_measure = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False,
                                     label="Impact measure",
                                     help_text="How you will know it worked")


class MilestoneForm(HubForm):
    text = forms.CharField(max_length=300, label="Milestone",
                           error_messages={"required": "Enter the milestone"})
    due_on = HubDateField(label="By (date)", required=False, widget=DateInput())


class MilestoneStatusForm(HubForm):
    status = forms.ChoiceField(choices=ActionMilestone.Status.choices, label="Status")
    evidence = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False,
                               label="Status and evidence",
                               help_text="Needed when the milestone is done")
    version = VersionField()
