"""The learning thread: sources, themes, findings, recommendations, actions and their
evidence (the combined action plan), challenge events, deep dives, dissemination and
improvement plans."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from core.dates import order_message
from core.models import Organisation, Partnership, Person, TimeStamped, Versioned


class Theme(TimeStamped):
    """One shared taxonomy, so thematic analysis is a query."""

    class Kind(models.TextChoices):
        PRACTICE = "practice", "Practice theme"
        PRIORITY = "priority", "Partnership priority"

    name = models.CharField(max_length=120, unique=True)
    description = models.TextField(blank=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.PRACTICE)
    order = models.PositiveSmallIntegerField(default=100)

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class Source(TimeStamped):
    """Anything that can produce learning owns exactly one Source row.

    Owners point at their Source with a one-to-one field (Meeting.source, ...), so the
    combined action plan is one table with one join and no generic foreign keys.
    """

    class Kind(models.TextChoices):
        MEETING = "meeting", "Meeting"
        RAPID_REVIEW = "rapid_review", "Rapid review"
        PRACTICE_REVIEW = "practice_review", "Local child safeguarding practice review"
        SERIOUS_CASE_REVIEW = "serious_case_review", "Serious case review"
        LEARNING_REVIEW = "learning_review", "Other learning review"
        AUDIT = "audit", "Multi-agency audit"
        KLOE = "kloe", "Key line of enquiry deep dive"
        ACTIVE_LEARNING = "active_learning", "Active learning set"
        CHALLENGE_EVENT = "challenge_event", "Challenge event"
        INSPECTION = "inspection", "Inspection"
        NATIONAL_REVIEW = "national_review", "National review"
        SCRUTINY = "scrutiny", "Independent scrutiny"
        IMPROVEMENT_PLAN = "improvement_plan", "Improvement plan"

    kind = models.CharField(max_length=30, choices=Kind.choices)
    title = models.CharField(max_length=250)
    partnerships = models.ManyToManyField(Partnership, related_name="learning_sources")
    themes = models.ManyToManyField(Theme, related_name="sources", blank=True)

    # Kinds whose owner is a case review record: need-to-know until published.
    CASE_KINDS = {Kind.RAPID_REVIEW, Kind.PRACTICE_REVIEW, Kind.SERIOUS_CASE_REVIEW,
                  Kind.LEARNING_REVIEW}

    class Meta:
        ordering = ["title"]
        indexes = [models.Index(fields=["kind"], name="learning_source_kind")]

    def __str__(self) -> str:
        return self.title

    @property
    def owner(self):
        """The record that owns this source (a meeting, an incident, a review...), or None."""
        for name in ("practice_review", "rapid_review", "serious_incident", "meeting",
                     "challenge_event", "inquiry", "improvement_plan",
                     # owned from the business app (a higher layer): named, never imported
                     "scrutiny_activity", "national_item"):
            owner = getattr(self, name, None)
            if owner is not None:
                return owner
        return None

    @property
    def is_restricted(self) -> bool:
        """Findings of an incident, a rapid review or an unpublished practice review are case
        detail: only those who may see the review see them (and pii checks do not apply)."""
        if self.kind not in self.CASE_KINDS:
            return False
        review = getattr(self, "practice_review", None)
        return review is None or review.published_on is None


class Finding(TimeStamped, Versioned):
    """What a learning source found, tagged with themes from the shared taxonomy."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT,
                                    related_name="findings")
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="findings")
    text = models.TextField()
    themes = models.ManyToManyField(Theme, related_name="findings", blank=True)
    created_by = models.ForeignKey("core.User", on_delete=models.SET_NULL, null=True,
                                   blank=True, related_name="+")

    class Meta:
        ordering = ["source", "created_at", "id"]

    def __str__(self) -> str:
        return self.text if len(self.text) <= 80 else self.text[:77] + "…"


class Recommendation(TimeStamped, Versioned):
    """A recommendation made on a finding, with its SMART assessment.

    The rule (learning.smart.gaps) is kept simple enough to explain on the page: the assessor
    records a yes/no for each letter, and three letters also need the record to hold what
    makes them true (a lead organisation, a measure, a target date).
    """

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT,
                                    related_name="recommendations")
    finding = models.ForeignKey(Finding, on_delete=models.PROTECT,
                                related_name="recommendations")
    text = models.TextField()
    lead_organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, null=True,
                                          blank=True, related_name="recommendations")
    measure = models.TextField(blank=True)
    target_date = models.DateField(null=True, blank=True)
    specific = models.BooleanField(default=False)
    measurable = models.BooleanField(default=False)
    achievable = models.BooleanField(default=False)
    relevant = models.BooleanField(default=False)
    time_bound = models.BooleanField(default=False)
    is_smart = models.BooleanField(default=False, editable=False,
                                   help_text="Computed by the service from the SMART rule.")
    created_by = models.ForeignKey("core.User", on_delete=models.SET_NULL, null=True,
                                   blank=True, related_name="+")

    class Meta:
        ordering = ["finding", "created_at", "id"]

    def __str__(self) -> str:
        return self.text if len(self.text) <= 80 else self.text[:77] + "…"

    @property
    def source(self):
        return self.finding.source

    @property
    def smart_gaps(self) -> list[str]:
        from .smart import gaps

        return gaps(self)


class Action(TimeStamped, Versioned):
    """One action in the combined learning action plan, whatever its source."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "Not started"
        IN_PROGRESS = "in_progress", "In progress"
        COMPLETED = "completed", "Completed"
        SIGNED_OFF = "signed_off", "Signed off"
        DROPPED = "dropped", "Dropped"

    OPEN_STATUSES = {Status.NOT_STARTED, Status.IN_PROGRESS}

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="actions")
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="actions")
    decision = models.ForeignKey(
        "governance.Decision", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="actions",
    )
    title = models.CharField(max_length=300)
    detail = models.TextField(blank=True)
    owner_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="actions", null=True, blank=True
    )
    owner_person = models.ForeignKey(
        Person, on_delete=models.SET_NULL, related_name="actions", null=True, blank=True
    )
    due_date = models.DateField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NOT_STARTED)
    completed_on = models.DateField(null=True, blank=True)
    themes = models.ManyToManyField(Theme, related_name="actions", blank=True)
    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.PROTECT, null=True, blank=True, related_name="actions"
    )
    objective = models.ForeignKey(
        "PlanObjective", on_delete=models.PROTECT, null=True, blank=True,
        related_name="actions", help_text="The improvement plan objective it serves.",
    )
    intended_outcome = models.TextField(blank=True)
    impact_measure = models.TextField(blank=True)
    impact_statement = models.TextField(
        blank=True, help_text="What difference the action made for children and families."
    )
    signed_off_by = models.ForeignKey("core.User", on_delete=models.SET_NULL, null=True,
                                      blank=True, related_name="+")
    signed_off_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["due_date", "id"]
        indexes = [models.Index(fields=["partnership", "status", "due_date"])]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        super().clean()
        if self.completed_on and self.signed_off_on and self.signed_off_on < self.completed_on:
            raise ValidationError({"signed_off_on": order_message(
                "the sign-off date", self.signed_off_on, "the date the action was completed",
                self.completed_on)})

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    @classmethod
    def overdue_on(cls, day) -> models.Q:
        """The one definition of overdue: still open and past its due date on `day`."""
        return models.Q(status__in=cls.OPEN_STATUSES, due_date__lt=day)


class ActionUpdate(TimeStamped):
    """A dated note on an action's progress, kept as its history."""

    class Kind(models.TextChoices):
        NOTE = "note", "Update"
        EVIDENCE = "evidence", "Evidence added"
        SIGNED_OFF = "signed_off", "Signed off"
        SENT_BACK = "sent_back", "Sent back"

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.NOTE)
    author = models.ForeignKey("core.User", on_delete=models.SET_NULL, null=True, related_name="+")
    text = models.TextField()
    status_before = models.CharField(max_length=20, blank=True)
    status_after = models.CharField(max_length=20, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]


class Evidence(TimeStamped):
    """Something that shows an action was done or had impact: a document or a link."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="evidence")
    description = models.TextField()
    file = models.FileField(upload_to="evidence/%Y/", blank=True)
    url = models.URLField("Link", blank=True, max_length=500)
    added_by = models.ForeignKey("core.User", on_delete=models.SET_NULL, null=True,
                                 related_name="+")
    added_on = models.DateField(default=timezone.localdate)

    class Meta:
        ordering = ["-added_on", "-id"]
        verbose_name_plural = "evidence"
        # A document or a link, exactly one (as evidence_add requires).
        constraints = [models.CheckConstraint(
            condition=(models.Q(file="") & ~models.Q(url="")) | (~models.Q(file="") & models.Q(url="")),
            name="evidence_file_or_link")]

    def __str__(self) -> str:
        return self.description[:80]

    @property
    def filename(self) -> str:
        return self.file.name.rsplit("/", 1)[-1] if self.file else ""


# ---- Block 2: challenge events, deep dives, dissemination, improvement plans ----

class ChallengeEvent(TimeStamped, Versioned):
    """A CSPR action-plan challenge event: agencies show a panel of peers, chaired by the
    independent scrutineer, that their actions were done and had impact (seed 001)."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT,
                                    related_name="challenge_events")
    source = models.OneToOneField(Source, on_delete=models.PROTECT,
                                  related_name="challenge_event")
    challenged_source = models.ForeignKey(
        Source, on_delete=models.PROTECT, related_name="challenges",
        help_text="The review or audit whose action plan is challenged.",
    )
    title = models.CharField(max_length=250)
    held_on = models.DateField(null=True, blank=True)
    questions_sent_on = models.DateField("Questions circulated on", null=True, blank=True)
    chair = models.ForeignKey(Person, on_delete=models.PROTECT, null=True, blank=True,
                              related_name="chaired_challenges")
    outcome = models.TextField(blank=True)

    class Meta:
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        super().clean()
        if self.held_on and self.questions_sent_on and self.held_on < self.questions_sent_on:
            raise ValidationError({"held_on": order_message(
                "the date of the event", self.held_on, "the date the questions were circulated",
                self.questions_sent_on)})


class ChallengeQuestion(TimeStamped, Versioned):
    event = models.ForeignKey(ChallengeEvent, on_delete=models.CASCADE,
                              related_name="questions")
    text = models.TextField()
    order = models.PositiveSmallIntegerField(default=1)

    class Meta:
        ordering = ["event", "order", "id"]

    def __str__(self) -> str:
        return self.text[:80]


class ChallengeResponse(TimeStamped, Versioned):
    """One agency's evidence and answer to the panel."""

    event = models.ForeignKey(ChallengeEvent, on_delete=models.CASCADE,
                              related_name="responses")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT,
                                     related_name="challenge_responses")
    evidence = models.TextField(blank=True)
    response = models.TextField(blank=True)
    panel_view = models.TextField(blank=True)

    class Meta:
        ordering = ["event", "organisation__name"]
        constraints = [models.UniqueConstraint(fields=["event", "organisation"],
                                               name="one_response_per_agency")]


class Inquiry(TimeStamped, Versioned):
    """A key line of enquiry (KLOE) deep dive or an active learning set, commissioned by the
    Engine Room, facilitated by an independent critical friend with front-line practitioners."""

    class Kind(models.TextChoices):
        KLOE = "kloe", "Key line of enquiry deep dive"
        ACTIVE_LEARNING = "active_learning", "Active learning set"

    class Status(models.TextChoices):
        COMMISSIONED = "commissioned", "Commissioned"
        UNDER_WAY = "under_way", "Under way"
        REPORTED = "reported", "Reported"

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT,
                                    related_name="inquiries")
    source = models.OneToOneField(Source, on_delete=models.PROTECT, related_name="inquiry")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    title = models.CharField(max_length=250)
    question = models.TextField("Line of enquiry", blank=True)
    commissioned_by = models.ForeignKey("governance.Group", on_delete=models.PROTECT,
                                        null=True, blank=True, related_name="inquiries")
    commissioned_on = models.DateField(null=True, blank=True)
    critical_friend = models.ForeignKey(Person, on_delete=models.PROTECT, null=True,
                                        blank=True, related_name="critical_friend_of")
    practitioners = models.PositiveIntegerField("Practitioners taking part", null=True,
                                                blank=True)
    agencies = models.ManyToManyField(Organisation, related_name="inquiries", blank=True)
    status = models.CharField(max_length=20, choices=Status.choices,
                              default=Status.COMMISSIONED)
    reported_on = models.DateField(null=True, blank=True)
    report_summary = models.TextField(blank=True)

    class Meta:
        ordering = ["-commissioned_on", "-id"]
        verbose_name_plural = "inquiries"

    def __str__(self) -> str:
        return self.title

    def clean(self):
        super().clean()
        if self.commissioned_on and self.reported_on and self.reported_on < self.commissioned_on:
            raise ValidationError({"reported_on": order_message(
                "the date it reported", self.reported_on, "the date it was commissioned",
                self.commissioned_on)})


class DisseminationProduct(TimeStamped, Versioned):
    """How learning reached practitioners, with its reach."""

    class Kind(models.TextChoices):
        SEVEN_MINUTE_BRIEFING = "seven_minute_briefing", "Seven-minute briefing"
        LEARNING_BRIEF = "learning_brief", "Learning brief"
        NEWSLETTER = "newsletter", "Newsletter or e-bulletin item"
        LEARNING_EVENT = "learning_event", "Learning event, forum or conference"

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT,
                                    related_name="dissemination")
    source = models.ForeignKey(Source, on_delete=models.PROTECT, null=True, blank=True,
                               related_name="dissemination")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    title = models.CharField(max_length=250)
    issued_on = models.DateField("Published or held on")
    url = models.URLField("Link", blank=True, max_length=500)
    attended = models.PositiveIntegerField("People attending", null=True, blank=True)
    sent_to = models.PositiveIntegerField("People or organisations sent to", null=True,
                                          blank=True)
    themes = models.ManyToManyField(Theme, related_name="dissemination", blank=True)

    class Meta:
        ordering = ["-issued_on", "-id"]

    def __str__(self) -> str:
        return self.title


class ImprovementPlan(TimeStamped, Versioned):
    """An improvement plan (objective → action → intended outcome and impact measure →
    milestones), as the SEND improvement plan in seed 004; its actions are plan actions."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT,
                                    related_name="improvement_plans")
    source = models.OneToOneField(Source, on_delete=models.PROTECT,
                                  related_name="improvement_plan")
    title = models.CharField(max_length=250)
    owner_organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT,
                                           null=True, blank=True, related_name="+")
    starts_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["title"]
        constraints = [models.CheckConstraint(
            condition=models.Q(starts_on__isnull=True) | models.Q(ends_on__isnull=True)
            | models.Q(ends_on__gte=models.F("starts_on")),
            name="plan_ends_on_or_after_start",
            violation_error_message="The plan's end date cannot be before its start date.")]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        super().clean()
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": order_message(
                "the plan's end date", self.ends_on, "its start date", self.starts_on)})


class PlanObjective(TimeStamped, Versioned):
    plan = models.ForeignKey(ImprovementPlan, on_delete=models.CASCADE,
                             related_name="objectives")
    text = models.TextField()
    order = models.PositiveSmallIntegerField(default=1)

    class Meta:
        ordering = ["plan", "order", "id"]

    def __str__(self) -> str:
        return self.text[:80]


class ActionMilestone(TimeStamped, Versioned):
    """A step towards an improvement-plan action, with its status and evidence."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "Not started"
        ON_TRACK = "on_track", "On track"
        AT_RISK = "at_risk", "At risk"
        DONE = "done", "Done"

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="milestones")
    text = models.CharField(max_length=300)
    due_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices,
                              default=Status.NOT_STARTED)
    evidence = models.TextField(blank=True)

    class Meta:
        ordering = ["action", "due_on", "id"]

    def __str__(self) -> str:
        return self.text
