from __future__ import annotations

from django import forms

from core.forms import HubDateField, HubForm, VersionField
from core.models import Organisation, Partnership

from .models import AGE_BANDS, Audience, AuditCase, Kind, Question, QuestionSet
from .services import field_name


class DraftRequired:
    """A question that must be answered before submitting, but may be left empty in a draft:
    marked required on the page, checked as required only by the submit service."""

    def validate(self, value):
        if value in self.empty_values:
            return
        super().validate(value)


def _draft(cls):
    return type(f"Draft{cls.__name__}", (DraftRequired, cls), {})


class ReturnForm(HubForm):
    """The tool's questions, one field each (named q_<code>), for one return."""

    def __init__(self, *args, questions: list[Question], answers: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for q in questions:
            self.fields[field_name(q)] = self._field(q, answers.get(q.pk))
        self.fields["actions"] = forms.CharField(
            label="Your organisation's actions from this self-assessment", required=False,
            widget=forms.Textarea(attrs={"rows": 4}),
            help_text="What your organisation will do about any standard not fully met")
        self.fields["version"] = VersionField()
        self._apply_limits()
        self._style()

    @staticmethod
    def _field(q: Question, answer):
        kind, options = q.answer_type, {"label": f"{q.code}. {q.text}", "required": q.required}
        hint = q.hint
        if answer is not None and answer.carried:
            hint = (f"{hint} " if hint else "") + (
                f"Last cycle ({answer.carried.get('cycle', 'previous')}): "
                f"{answer.carried.get('shown', 'not answered')}.")
        options["help_text"] = hint
        if kind == Question.AnswerType.RATING:
            choices = [(str(i), f"{i} – {label}") for i, label in enumerate(q.scale, 1)]
            return _draft(forms.ChoiceField)(choices=choices, widget=forms.RadioSelect, **options)
        if kind == Question.AnswerType.YES_NO_PARTLY:
            return _draft(forms.ChoiceField)(choices=Question.Choice.choices,
                                             widget=forms.RadioSelect, **options)
        if kind == Question.AnswerType.NUMBER:
            return _draft(forms.DecimalField)(max_digits=12, decimal_places=2, **options)
        if kind == Question.AnswerType.EVIDENCE:
            if answer is not None and answer.evidence:
                options["help_text"] = (f"Given: {answer.display()}. Choose a file only to "
                                        "replace it. " + (q.hint or "")).strip()
            return _draft(forms.FileField)(**options)
        return _draft(forms.CharField)(widget=forms.Textarea(attrs={"rows": 3}), **options)

    def values(self) -> dict:
        """{question code: value} of every question on the form."""
        return {q.code: self.cleaned_data.get(field_name(q)) for q in self.questions}


class CycleForm(HubForm):
    title = forms.CharField(max_length=200)
    question_set = forms.ModelChoiceField(QuestionSet.objects.none(), label="Tool")
    opens_on = HubDateField(label="Opens on")
    due_on = HubDateField(label="Returns due by", required=False,
                          help_text="Leave empty to use the partnership's deadline rule for "
                                    "this kind of return")
    previous = forms.ModelChoiceField(
        None, required=False, label="Carry forward answers from",
        help_text="The previous cycle: its answers are carried forward for review and its "
                  "ratings compared")
    partnerships = forms.ModelMultipleChoiceField(
        Partnership.objects.none(), required=False, widget=forms.CheckboxSelectMultiple,
        label="Also serves",
        help_text="Other partnerships this cycle serves: an organisation working for them "
                  "all answers once")
    organisations = forms.ModelMultipleChoiceField(
        Organisation.objects.none(), widget=forms.CheckboxSelectMultiple,
        label="Organisations asked to answer")
    theme = forms.ModelChoiceField(None, required=False, label="Theme (case audits)")
    why_chosen = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}),
                                 label="Why this theme was chosen (case audits)")

    def __init__(self, *args, partnership, kind: str, user, **kwargs):
        from learning.models import Theme

        from .models import Cycle

        super().__init__(*args, **kwargs)
        self.kind = kind
        self.fields["question_set"].queryset = QuestionSet.objects.filter(
            partnership=partnership, kind=kind)
        self.fields["previous"].queryset = Cycle.objects.filter(
            partnerships=partnership, kind=kind)
        self.fields["partnerships"].queryset = Partnership.objects.filter(
            pk__in=[p.pk for p in Partnership.objects.exclude(pk=partnership.pk)
                    if user.has_perm("assurance.manage", p)])
        self.fields["organisations"].queryset = Organisation.objects.filter(
            partnerships=partnership).distinct()
        self.fields["theme"].queryset = Theme.objects.all()
        if kind != Kind.CASE_AUDIT:
            del self.fields["theme"], self.fields["why_chosen"]
        if kind == Kind.SURVEY:
            self.fields["organisations"].required = False
            self.fields["organisations"].label = "Organisations a respondent may choose"
            self.fields["organisations"].help_text = (
                "Optional: a respondent may say which of these they work for or attend; "
                "nobody is asked to return anything")
            self.fields["due_on"].label = "Closes on"
            self.fields["audience"] = forms.ChoiceField(
                choices=Audience.choices, widget=forms.RadioSelect, label="Who answers",
                help_text="Young people are asked their age band, never their name")
            self.fields["sign_in_required"] = forms.BooleanField(
                required=False, label="Only signed-in users may answer",
                help_text="Leave unticked so anyone with the link can answer")
            self.fields["response_cap"] = forms.IntegerField(
                required=False, min_value=1, max_value=100_000,
                label="Most responses accepted (optional)")
            self.fields["previous"].help_text = "Its averages are shown beside this survey's"
            self.fields["previous"].label = "Previous survey, to compare with"
        elif kind == Kind.SELF_ASSESSMENT:
            self.fields["organisations"].required = False
            self.fields["organisations"].label = "Organisations also asked to self-assess"
            self.fields["organisations"].help_text = (
                "Optional: the partnership's business unit always answers; an organisation "
                "chosen here answers too")
            self.fields["previous"].label = "Previous self-assessment, to compare with"
        elif kind == Kind.SECTION_175:
            # Every school on the register is asked (decision 0034); others may be added.
            field = self.fields["organisations"]
            field.required = False
            field.label = "Also ask (besides every school on the register)"
            field.queryset = field.queryset.filter(school_record__isnull=True)
        self._apply_limits()
        self._style()


class ModerateForm(HubForm):
    decision = forms.ChoiceField(choices=[("accept", "Accept the return as moderated"),
                                          ("send_back", "Send it back to the organisation")],
                                 widget=forms.RadioSelect, label="Your decision")
    moderation_note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 4}),
                                      label="Moderation note")
    version = VersionField()


class ChallengeForm(HubForm):
    questions = forms.CharField(widget=forms.Textarea(attrs={"rows": 5}),
                                label="Questions for the organisation, sent in advance")
    panel_on = HubDateField(required=False, label="Challenge panel date")


class ConcludeForm(HubForm):
    panel_on = HubDateField(required=False, label="Challenge panel date", past_only=True)
    outcome = forms.CharField(widget=forms.Textarea(attrs={"rows": 5}),
                              label="Outcome of the panel")
    version = VersionField()


class CaseForm(HubForm):
    reference = forms.CharField(max_length=40, label="Pseudonymised reference",
                                help_text="For example MACA-2024-03. Never a child's name.")
    audit_day = HubDateField(required=False, label="Audit day")


class GradeForm(HubForm):
    grade = forms.ChoiceField(choices=AuditCase.Grade.choices, widget=forms.RadioSelect,
                              label="Overall grading")
    audit_day = HubDateField(required=False, label="Audit day")
    strengths = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    learning = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}),
                               label="Learning themes")
    version = VersionField()


class QuestionForm(HubForm):
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label="Question")
    hint = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))
    answer_type = forms.ChoiceField(choices=Question.AnswerType.choices, label="Answer type")
    scale = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 4}),
                            label="Rating labels",
                            help_text="For a rating only: one label per line, lowest first")
    required = forms.BooleanField(required=False, label="Must be answered before submitting")

    def clean_scale(self):
        return [line.strip() for line in self.cleaned_data["scale"].splitlines() if line.strip()]


class NewQuestionForm(QuestionForm):
    code = forms.SlugField(max_length=40, label="Question code",
                           help_text="Short, unique in the tool, e.g. s11-9a")


class ToolForm(HubForm):
    title = forms.CharField(max_length=200)
    key = forms.SlugField(max_length=60, label="Tool key",
                          help_text="Short name kept across versions, e.g. practitioner-survey")
    kind = forms.ChoiceField(choices=Kind.choices, label="Kind of tool")
    introduction = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    sections = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), label="Section titles",
                               help_text="One per line; add the questions to each next")

    def clean_sections(self):
        titles = [t.strip() for t in self.cleaned_data["sections"].splitlines() if t.strip()]
        if not titles:
            raise forms.ValidationError("Enter at least one section title.")
        return titles


class SectionForm(HubForm):
    title = forms.CharField(max_length=300, label="Section title")


class SurveySettingsForm(HubForm):
    sign_in_required = forms.BooleanField(
        required=False, label="Only signed-in users may answer",
        help_text="Leave unticked so anyone with the link can answer")
    response_cap = forms.IntegerField(required=False, min_value=1, max_value=100_000,
                                      label="Most responses accepted (optional)")
    version = VersionField()


class SurveyResponseForm(HubForm):
    """A respondent's answers to a survey: the tool's questions, an optional organisation
    and, for young people, an age band. Never a name."""

    def __init__(self, *args, cycle, questions: list[Question], organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for q in questions:
            field = ReturnForm._field(q, None)
            field.label = q.text
            self.fields[field_name(q)] = field
        if organisations:
            self.fields["organisation"] = forms.ModelChoiceField(
                Organisation.objects.filter(pk__in=[o.pk for o in organisations]),
                required=False, label="Which organisation do you work for or attend? (optional)",
                empty_label="I would rather not say")
        if cycle.audience == Audience.YOUNG_PEOPLE:
            self.fields["age_band"] = forms.ChoiceField(
                choices=AGE_BANDS, widget=forms.RadioSelect, label="Your age",
                help_text="We only ask your age band, never your name", required=True)
        self._apply_limits()
        self._style()

    def values(self) -> dict:
        return {q.code: self.cleaned_data.get(field_name(q)) for q in self.questions}
