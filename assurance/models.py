"""Quality assurance on one question-set engine: audit tools as versioned data, cycles of
returns (Section 11, Section 175/157, multi-agency case audits, surveys, self-assessments),
each organisation's answers, moderation and challenge (issue 12, decision 0020)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models

from core.models import Area, Organisation, Partnership, TimeStamped, Versioned


class Kind(models.TextChoices):
    """What a tool and its cycles are for."""

    SECTION_11 = "section_11", "Section 11 self-assessment"
    SECTION_175 = "section_175", "Section 175/157 schools audit"
    CASE_AUDIT = "case_audit", "Multi-agency case audit"
    SURVEY = "survey", "Survey"
    SELF_ASSESSMENT = "self_assessment", "Self-assessment"


class QuestionSet(TimeStamped):
    """One version of an audit tool. A tool is the family of versions sharing `key`; once a
    version has answers it is never changed again: editing it makes the next version."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT,
                                    related_name="question_sets")
    key = models.SlugField("tool key", max_length=60,
                           help_text="Names the tool across its versions, e.g. section-11")
    number = models.PositiveIntegerField("version", default=1)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    title = models.CharField(max_length=200)
    introduction = models.TextField(blank=True)
    previous = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="+")

    class Meta:
        ordering = ["title", "-number"]
        constraints = [models.UniqueConstraint(fields=["partnership", "key", "number"],
                                               name="one_question_set_version")]

    def __str__(self) -> str:
        return f"{self.title} (version {self.number})"


class SetSection(TimeStamped):
    """A section of a tool: a Section 11 standard, a part of the case audit."""

    question_set = models.ForeignKey(QuestionSet, on_delete=models.CASCADE,
                                     related_name="sections")
    order = models.PositiveIntegerField(default=1)
    title = models.CharField(max_length=300)

    class Meta:
        ordering = ["question_set", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["question_set", "order"],
                                               name="one_tool_section_per_place")]

    def __str__(self) -> str:
        return self.title


class Question(TimeStamped):
    class AnswerType(models.TextChoices):
        RATING = "rating", "Rating on a scale"
        YES_NO_PARTLY = "yes_no_partly", "Yes, no or partly"
        NUMBER = "number", "Number"
        TEXT = "text", "Free text"
        EVIDENCE = "evidence", "Evidence upload"

    class Choice(models.TextChoices):
        YES = "yes", "Yes"
        PARTLY = "partly", "Partly"
        NO = "no", "No"

    section = models.ForeignKey(SetSection, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveIntegerField(default=1)
    # Matches a question across versions and cycles (carry-forward, comparisons).
    code = models.SlugField(max_length=40, help_text="Short code, e.g. s11-1a")
    text = models.TextField("question")
    hint = models.TextField(blank=True)
    answer_type = models.CharField(max_length=20, choices=AnswerType.choices)
    required = models.BooleanField(default=True)
    # A rating's labels, lowest first: the rating given is 1..len(scale).
    scale = models.JSONField(default=list, blank=True,
                             help_text="For a rating: the labels, lowest first")

    class Meta:
        ordering = ["section__order", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["section", "order"],
                                               name="one_tool_question_per_place")]

    def __str__(self) -> str:
        return f"{self.code}: {self.text[:80]}"

    def clean(self):
        super().clean()
        if self.answer_type == self.AnswerType.RATING:
            labels = [str(label).strip() for label in self.scale or []]
            if len(labels) < 2 or not all(labels):
                raise ValidationError({"scale": "A rating needs at least two labels, lowest "
                                                "first, one per line."})
        elif self.scale:
            raise ValidationError({"scale": "Only a rating has scale labels; leave them empty."})


class Audience(models.TextChoices):
    """Who answers a survey."""

    PRACTITIONERS = "practitioners", "Practitioners"
    YOUNG_PEOPLE = "young_people", "Children and young people"


AGE_BANDS = [("under_11", "Under 11"), ("11_13", "11 to 13"), ("14_15", "14 to 15"),
             ("16_17", "16 to 17"), ("18_25", "18 to 25 (care leavers)"),
             ("not_said", "Prefer not to say")]


class Cycle(TimeStamped, Versioned):
    """A round of returns on one version of a tool: a Section 11 cycle (two-yearly in the
    seeds), a year's Section 175/157 audit, a case audit programme, a survey. One cycle may
    serve several partnerships: an organisation working for them all answers once."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    title = models.CharField(max_length=200)
    question_set = models.ForeignKey(QuestionSet, on_delete=models.PROTECT,
                                     related_name="cycles")
    partnerships = models.ManyToManyField(Partnership, related_name="assurance_cycles")
    # Who is asked to answer: each gets one return (per case, in a case audit).
    organisations = models.ManyToManyField(Organisation, related_name="assurance_cycles")
    # The partnership whose business unit runs the cycle (moderates, challenges).
    lead_partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT,
                                         related_name="+")
    opens_on = models.DateField("opens on")
    due_on = models.DateField("returns due by")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    previous = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="next_cycles",
        help_text="The cycle whose answers are carried forward and compared")
    # Case audit programmes: the theme and why it was chosen; the learning Source the audit's
    # findings and actions hang off (decision 0004), so they join the learning thread.
    theme = models.ForeignKey("learning.Theme", on_delete=models.PROTECT, null=True,
                              blank=True, related_name="assurance_cycles")
    why_chosen = models.TextField("why this theme was chosen", blank=True)
    source = models.OneToOneField("learning.Source", on_delete=models.PROTECT, null=True,
                                  blank=True, related_name="assurance_cycle")
    # Surveys (decision 0035): individuals answer through a link carrying this secret token,
    # anonymously; the organisations of the cycle are only the choices a respondent may give.
    audience = models.CharField("who answers", max_length=20, choices=Audience.choices,
                                blank=True)
    response_token = models.CharField(max_length=64, unique=True, null=True, blank=True,
                                      editable=False)
    sign_in_required = models.BooleanField(
        "only signed-in users may answer", default=False,
        help_text="Leave unticked so anyone with the link can answer, signed in or not")
    response_cap = models.PositiveIntegerField(
        "most responses accepted", null=True, blank=True,
        help_text="Leave empty for no limit; the link stops accepting answers once reached")

    class Meta:
        ordering = ["-opens_on", "title"]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        super().clean()
        if self.opens_on and self.due_on and self.due_on < self.opens_on:
            raise ValidationError({"due_on": "The date returns are due must be on or after "
                                             "the date the cycle opens."})


class AuditCase(TimeStamped, Versioned):
    """A case looked at in a multi-agency case audit: a pseudonymised reference only."""

    class Grade(models.TextChoices):
        OUTSTANDING = "outstanding", "Outstanding"
        GOOD = "good", "Good"
        REQUIRES_IMPROVEMENT = "requires_improvement", "Requires improvement"
        INADEQUATE = "inadequate", "Inadequate"

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="cases")
    reference = models.CharField("pseudonymised reference", max_length=40,
                                 help_text="A reference such as MACA-2024-03, never a name")
    audit_day = models.DateField("audit day", null=True, blank=True)
    grade = models.CharField("overall grading", max_length=30, choices=Grade.choices,
                             blank=True)
    strengths = models.TextField(blank=True)
    learning = models.TextField("learning themes", blank=True)

    class Meta:
        ordering = ["cycle", "reference"]
        constraints = [models.UniqueConstraint(fields=["cycle", "reference"],
                                               name="one_case_reference_per_cycle")]

    def __str__(self) -> str:
        return self.reference


class Return(TimeStamped, Versioned):
    """One organisation's answers in a cycle (for a case audit: on one case)."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted"
        MODERATED = "moderated", "Moderated"

    class Respondent(models.TextChoices):
        ORGANISATION = "organisation", "An organisation"
        PARTNERSHIP = "partnership", "The partnership (its business unit)"
        INDIVIDUAL = "individual", "An individual survey respondent (anonymous)"

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="returns")
    # Who answers (decision 0035): an organisation (Section 11, 175, case audits); the
    # partnership itself (a self-assessment, no organisation); or one anonymous survey
    # respondent, who may name the organisation they work for and never themselves.
    respondent = models.CharField(max_length=20, choices=Respondent.choices,
                                  default=Respondent.ORGANISATION)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, null=True,
                                     blank=True, related_name="assurance_returns")
    age_band = models.CharField("age band", max_length=10, choices=AGE_BANDS, blank=True)
    case = models.ForeignKey(AuditCase, on_delete=models.CASCADE, null=True, blank=True,
                             related_name="returns")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                     null=True, blank=True, related_name="+")
    moderated_at = models.DateTimeField(null=True, blank=True)
    moderation_note = models.TextField("moderation note", blank=True)
    actions = models.TextField("the organisation's own actions", blank=True)

    class Meta:
        ordering = ["cycle", "organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "organisation"],
                                    condition=models.Q(case__isnull=True,
                                                       respondent="organisation"),
                                    name="one_return_per_cycle_organisation"),
            models.UniqueConstraint(fields=["case", "organisation"],
                                    condition=models.Q(case__isnull=False),
                                    name="one_return_per_case_organisation"),
            models.UniqueConstraint(fields=["cycle"],
                                    condition=models.Q(respondent="partnership"),
                                    name="one_partnership_return_per_cycle"),
            models.CheckConstraint(
                condition=(models.Q(respondent="organisation", organisation__isnull=False)
                           | models.Q(respondent="partnership", organisation__isnull=True,
                                      case__isnull=True)
                           | models.Q(respondent="individual", case__isnull=True)),
                name="return_respondent_matches_organisation"),
        ]

    def __str__(self) -> str:
        case = f", case {self.case.reference}" if self.case_id else ""
        return f"{self.respondent_name}: {self.cycle.title}{case}"

    @property
    def respondent_name(self) -> str:
        if self.respondent == self.Respondent.PARTNERSHIP:
            return "The partnership"
        if self.respondent == self.Respondent.INDIVIDUAL:
            return f"Response {self.pk}"
        return self.organisation.name if self.organisation_id else "No organisation"

    def is_late(self, today) -> bool:
        return self.status == self.Status.DRAFT and self.cycle.due_on < today


class Answer(TimeStamped):
    """One answer; exactly one of the value fields is used, by the question's answer type.
    `carried` keeps the previous cycle's answer it started from, so what changed shows."""

    ret = models.ForeignKey(Return, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    rating = models.PositiveSmallIntegerField(null=True, blank=True)
    choice = models.CharField(max_length=10, choices=Question.Choice.choices, blank=True)
    number = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    text = models.TextField(blank=True)
    evidence = models.FileField(upload_to="assurance/evidence/%Y/", blank=True)
    carried = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["ret", "question__section__order", "question__order"]
        constraints = [models.UniqueConstraint(fields=["ret", "question"],
                                               name="one_answer_per_question")]

    def __str__(self) -> str:
        return f"{self.ret}: {self.question.code}"

    def value(self):
        """The answer as comparable plain data (rating number, choice, number, text, file)."""
        kind = self.question.answer_type
        if kind == Question.AnswerType.RATING:
            return self.rating
        if kind == Question.AnswerType.YES_NO_PARTLY:
            return self.choice or None
        if kind == Question.AnswerType.NUMBER:
            return None if self.number is None else str(self.number)
        if kind == Question.AnswerType.EVIDENCE:
            return self.evidence.name or None
        return self.text or None

    def display(self) -> str:
        return display_value(self.question, self.value())

    @property
    def changed(self) -> bool:
        return bool(self.carried) and self.carried.get("value") != self.value()


def display_value(question, value) -> str:
    if value in (None, ""):
        return "Not answered"
    kind = question.answer_type
    if kind == Question.AnswerType.RATING:
        scale = question.scale or []
        label = scale[value - 1] if 0 < value <= len(scale) else "outside the scale"
        return f"{value} – {label}"
    if kind == Question.AnswerType.YES_NO_PARTLY:
        return dict(Question.Choice.choices).get(value, value)
    if kind == Question.AnswerType.EVIDENCE:
        return str(value).rsplit("/", 1)[-1]
    return str(value)


class Challenge(TimeStamped, Versioned):
    """A challenge of a return at a panel: questions sent in advance, the outcome."""

    class Status(models.TextChoices):
        RAISED = "raised", "Questions sent"
        CONCLUDED = "concluded", "Concluded"

    ret = models.ForeignKey(Return, on_delete=models.CASCADE, related_name="challenges")
    questions = models.TextField("questions in advance")
    panel_on = models.DateField("panel date", null=True, blank=True)
    outcome = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.RAISED)
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                  null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["ret", "created_at"]

    def __str__(self) -> str:
        return f"Challenge of {self.ret}"


class School(TimeStamped, Versioned):
    """A school or college on a partnership's register (decision 0034): the organisation of
    kind school that answers the Section 175/157 audit, keyed by its URN (the unique
    reference number the Department for Education gives every school). Its name is the
    organisation's; the register import creates and updates both by URN."""

    class Phase(models.TextChoices):
        NURSERY = "nursery", "Nursery"
        PRIMARY = "primary", "Primary"
        MIDDLE = "middle", "Middle"
        SECONDARY = "secondary", "Secondary"
        ALL_THROUGH = "all_through", "All-through"
        SPECIAL = "special", "Special"
        ALTERNATIVE = "alternative_provision", "Alternative provision or pupil referral unit"
        INDEPENDENT = "independent", "Independent school (section 157)"
        FURTHER_EDUCATION = "further_education", "Further education college (section 157)"
        SIXTH_FORM = "sixth_form", "Sixth-form college (section 157)"

    SECTION_157 = {Phase.INDEPENDENT, Phase.FURTHER_EDUCATION, Phase.SIXTH_FORM}

    organisation = models.OneToOneField(Organisation, on_delete=models.PROTECT,
                                        related_name="school_record")
    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT,
                                    related_name="schools")
    urn = models.CharField(
        "URN", max_length=6, unique=True,
        validators=[RegexValidator(r"^[1-9][0-9]{5}$",
                                   "A URN is six digits, e.g. 111692.")],
        help_text="The school's unique reference number (six digits)")
    phase = models.CharField("phase or type", max_length=30, choices=Phase.choices)
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="schools",
                             verbose_name="council area")
    dsl_email = models.EmailField(
        "designated safeguarding lead's e-mail", max_length=254,
        help_text="A work address of the school's designated safeguarding lead (or a shared "
                  "safeguarding mailbox)")

    class Meta:
        ordering = ["organisation__name"]

    def __str__(self) -> str:
        return f"{self.organisation.name} (URN {self.urn})"

    @property
    def section(self) -> str:
        return "157" if self.phase in self.SECTION_157 else "175"
