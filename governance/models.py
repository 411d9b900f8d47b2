"""Groups, meetings, agendas, attendance, minutes and decisions."""

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from core.dates import long_date, not_before, order_message
from core.deadlines import DeadlineKind
from core.files import remove_file_with_record
from core.models import Organisation, Partnership, Person, TimeStamped, Versioned
from core.services import system_actor
from core.sources import source_create


class Group(TimeStamped, Versioned):
    """A group of the partnership's arrangements. It exists from `started_on` to `ended_on`
    (either may be unknown), so a year's report shows the groups of that year."""

    class Kind(models.TextChoices):
        EXECUTIVE = "executive", "Executive"
        ENGINE_ROOM = "engine_room", "Engine Room / Development Group"
        SUB_GROUP = "sub_group", "Sub-group"
        TEES_WIDE = "tees_wide", "Tees-wide group"
        TASK_AND_FINISH = "task_and_finish", "Task and finish group"

    class CadenceUnit(models.TextChoices):
        WEEKS = "weeks", "weeks"
        MONTHS = "months", "months"

    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    partnerships = models.ManyToManyField(Partnership, related_name="groups")
    reports_to = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="sub_groups"
    )
    purpose = models.TextField(blank=True)
    terms_of_reference = models.TextField(blank=True)
    chair = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="chaired_groups"
    )
    chair_rota = models.CharField(
        max_length=300, blank=True, help_text="e.g. statutory partners chair in turn, yearly"
    )
    cadence_every = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Meets every N weeks or months"
    )
    cadence_unit = models.CharField(max_length=10, choices=CadenceUnit.choices, blank=True)
    started_on = models.DateField("Started on", null=True, blank=True)
    ended_on = models.DateField("Ended on", null=True, blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=not_before("ended_on", "started_on"),
                                   name="group_ended_on_not_before_started_on",
                                   violation_error_message="The date the group ended cannot "
                                                           "be before the date it started."),
            models.CheckConstraint(condition=~models.Q(reports_to=models.F("id")),
                                   name="group_does_not_report_to_itself",
                                   violation_error_message="A group cannot report to itself."),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def cadence_display(self) -> str:
        if not self.cadence_every or not self.cadence_unit:
            return "As needed"
        if self.cadence_every == 1:
            return f"Every {self.cadence_unit.rstrip('s')}"
        return f"Every {self.cadence_every} {self.cadence_unit}"

    def clean(self):
        errors = {}
        if bool(self.cadence_every) != bool(self.cadence_unit):
            errors["cadence_every"] = ("Give both how often the group meets and the unit, "
                                       "or neither.")
        if self.started_on and self.ended_on and self.ended_on < self.started_on:
            errors["ended_on"] = order_message("the date the group ended", self.ended_on,
                                               "the date it started", self.started_on)
        if self.pk and self.reports_to_id == self.pk:
            errors["reports_to"] = f"{self.name} cannot report to itself."
        if errors:
            raise ValidationError(errors)

    def existed_during(self, start, end) -> bool:
        """Whether the group existed on any day from `start` to `end`."""
        return ((self.started_on is None or self.started_on <= end)
                and (self.ended_on is None or self.ended_on >= start))

    @classmethod
    def existing_during(cls, start, end) -> models.Q:
        return ((models.Q(started_on__isnull=True) | models.Q(started_on__lte=end))
                & (models.Q(ended_on__isnull=True) | models.Q(ended_on__gte=start)))


class Membership(TimeStamped):
    class GroupRole(models.TextChoices):
        CHAIR = "chair", "Chair"
        VICE_CHAIR = "vice_chair", "Vice-chair"
        MEMBER = "member", "Member"
        ADVISER = "adviser", "Adviser"

    # PROTECT: who sat on a group (and who chaired it) is its history; a group is ended with
    # a date, and deleting one that has members is refused rather than wiping them.
    group = models.ForeignKey(Group, on_delete=models.PROTECT, related_name="memberships")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="memberships")
    group_role = models.CharField(max_length=20, choices=GroupRole.choices, default="member")
    represents = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    started_on = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)

    def clean(self):
        if self.started_on and self.ended_on and self.ended_on < self.started_on:
            raise ValidationError({"ended_on": order_message(
                "the date the membership ended", self.ended_on,
                "the date it started", self.started_on)})

    @classmethod
    def held_during(cls, start, end) -> models.Q:
        """Memberships (or chairs) in place on any day from `start` to `end`."""
        return ((models.Q(started_on__isnull=True) | models.Q(started_on__lte=end))
                & (models.Q(ended_on__isnull=True) | models.Q(ended_on__gte=start)))

    class Meta:
        ordering = ["group", "person__name"]
        constraints = [
            models.UniqueConstraint(fields=["group", "person"], name="one_membership_per_group"),
            models.CheckConstraint(condition=not_before("ended_on", "started_on"),
                                   name="membership_ended_on_not_before_started_on",
                                   violation_error_message="The date the membership ended "
                                                           "cannot be before the date it "
                                                           "started."),
        ]

    def __str__(self) -> str:
        return f"{self.person} in {self.group}"


class Meeting(TimeStamped, Versioned):
    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        HELD = "held", "Held"
        CANCELLED = "cancelled", "Cancelled"

    group = models.ForeignKey(Group, on_delete=models.PROTECT, related_name="meetings")
    title = models.CharField(max_length=200)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    location = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PLANNED)
    minutes = models.TextField(blank=True)
    # Every meeting is a learning source (decision 0004): its actions belong to this Source.
    source = models.OneToOneField(
        "learning.Source", on_delete=models.PROTECT, related_name="meeting"
    )

    class Meta:
        ordering = ["-starts_at"]
        indexes = [models.Index(fields=["group", "starts_at"])]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_at__gt=models.F("starts_at")),
                                   name="meeting_ends_after_it_starts",
                                   violation_error_message="The meeting must end after it "
                                                           "starts."),
        ]

    def __str__(self) -> str:
        # A planned meeting's title already holds its date ("Executive, 2 December 2026"):
        # the date is not shown twice.
        day = timezone.localtime(self.starts_at) if timezone.is_aware(self.starts_at) \
            else self.starts_at
        if f"{day.day} {day:%B %Y}" in self.title or f"{day:%d %b %Y}" in self.title:
            return self.title
        return f"{self.title} ({day:%d %b %Y})"

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            ends, starts = timezone.localtime(self.ends_at), timezone.localtime(self.starts_at)
            raise ValidationError({"ends_at": (
                f"The meeting must end after it starts: it ends {long_date(ends)}, which is "
                f"not after its start, {long_date(starts)}.")})

    def save(self, *args, **kwargs):
        # A meeting made outside governance.services (a fixture, the shell) still gets its
        # learning source, so the not-null rule never bites a caller that forgot it.
        if self.source_id is None:
            partnerships = list(self.group.partnerships.all()) if self.group_id else []
            with transaction.atomic():
                self.source = source_create(
                    actor=system_actor(), partnership=(partnerships or [None])[0],
                    kind="meeting", title=f"{self.title} ({self.starts_at:%d %b %Y})",
                    partnerships=partnerships)
                super().save(*args, **kwargs)
            return
        super().save(*args, **kwargs)


class AgendaItem(TimeStamped):
    class Kind(models.TextChoices):
        STANDING = "standing", "Standing item"
        DISCUSSION = "discussion", "For discussion"
        DECISION = "decision", "For decision"
        ASSURANCE = "assurance", "Assurance report"
        INFORMATION = "information", "For information"
        ESCALATION = "escalation", "Escalated from a sub-group"

    class Service(models.TextChoices):
        EARLY_HELP = "early_help", "Early Help"
        LADO = "lado", "LADO"
        IRO = "iro", "Independent reviewing officers"
        PRIVATE_FOSTERING = "private_fostering", "Private fostering"
        FRONT_DOOR = "front_door", "Front door / MACH"
        CDOP = "cdop", "Child death overview"
        OTHER = "other", "Other service"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    order = models.PositiveSmallIntegerField(default=1)
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.DISCUSSION)
    presenter = models.CharField(max_length=200, blank=True)
    assurance_service = models.CharField(
        max_length=20, choices=Service.choices, blank=True,
        help_text="For assurance reports: the service reporting",
    )
    findings = models.TextField(blank=True, help_text="What the report or discussion found")
    escalated_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="escalations"
    )
    include_in_annual_report = models.BooleanField(default=False)

    class Meta:
        ordering = ["meeting", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "order"], name="one_agenda_item_per_place",
                                    violation_error_message="Another item already has this "
                                                            "place on the agenda."),
            models.CheckConstraint(
                condition=~models.Q(kind="assurance", assurance_service=""),
                name="assurance_item_names_its_service",
                violation_error_message="Say which service the assurance report is from."),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        if self.kind == self.Kind.ASSURANCE and not self.assurance_service:
            raise ValidationError(
                {"assurance_service": "Say which service the assurance report is from."}
            )


def paper_path(instance, filename):
    return f"papers/{instance.agenda_item.meeting_id}/{filename}"


class Paper(TimeStamped):
    """A paper for an agenda item. Its file goes with it: when the row is deleted (alone or
    with its item or meeting) the stored file is removed once the deletion is committed, so
    no orphan document outlives the record that said who may see it."""

    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="papers")
    title = models.CharField(max_length=200)
    file = models.FileField(upload_to=paper_path)
    uploaded_by = models.ForeignKey(
        "core.User", on_delete=models.SET_NULL, null=True, related_name="+"
    )

    def __str__(self) -> str:
        return self.title


class Attendance(TimeStamped):
    class Status(models.TextChoices):
        PRESENT = "present", "Present"
        APOLOGIES = "apologies", "Apologies"
        DEPUTY = "deputy", "Deputy sent"
        ABSENT = "absent", "Absent"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="attendance")
    status = models.CharField(max_length=10, choices=Status.choices)
    deputy = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="deputised"
    )

    class Meta:
        ordering = ["meeting", "person__name"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="one_attendance_per_person"),
            models.CheckConstraint(condition=~models.Q(status="deputy", deputy__isnull=True),
                                   name="attendance_by_deputy_names_the_deputy",
                                   violation_error_message="Name the deputy who attended."),
        ]

    def clean(self):
        if self.status == self.Status.DEPUTY and not self.deputy_id:
            raise ValidationError({"deputy": "Name the deputy who attended."})


class Decision(TimeStamped):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="decisions"
    )
    text = models.TextField()
    recorded_by = models.ForeignKey(
        "core.User", on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-meeting__starts_at", "id"]

    def __str__(self) -> str:
        return self.text[:80]


remove_file_with_record(Paper, "file")


# ---- The procedures register ----

PROCEDURE_REVIEW = "procedure_review"

PROCEDURE_DEADLINE_KINDS = [DeadlineKind(
    key=PROCEDURE_REVIEW, label="Procedure review", perm="governance.manage_procedures",
    events={"last_reviewed": "Procedure last reviewed", "reviewed": "Procedure reviewed"},
    phrases={"last_reviewed": "the last review"},
)]


class Procedure(TimeStamped, Versioned):
    """A multi-agency procedure or the threshold document, kept by its owner group. Tees-wide
    procedures serve several partnerships. Each new version is a ProcedureVersion saying what
    changed; the public site lists the published ones."""

    class Kind(models.TextChoices):
        PROCEDURE = "procedure", "Procedure"
        THRESHOLD = "threshold", "Threshold document"

    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.PROCEDURE)
    summary = models.TextField(blank=True)
    url = models.URLField("Link to the published text")
    partnerships = models.ManyToManyField(Partnership, related_name="procedures")
    owner_group = models.ForeignKey(Group, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="procedures")
    current_version = models.CharField("Version", max_length=20, blank=True,
                                       help_text="As the procedure numbers it, e.g. 3.1.")
    last_reviewed_on = models.DateField("Last reviewed on", null=True, blank=True)
    next_review_due = models.DateField(
        "Next review due", null=True, blank=True,
        help_text="Left empty, the procedure-review rule sets it from the last review.")
    published = models.BooleanField("Published on the public site", default=True)

    class Meta:
        ordering = ["title"]
        constraints = [models.CheckConstraint(
            condition=models.Q(next_review_due__isnull=True)
            | models.Q(last_reviewed_on__isnull=True)
            | models.Q(next_review_due__gt=models.F("last_reviewed_on")),
            name="procedure_next_review_after_last",
            violation_error_message="The next review must be due after the last review.")]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        if (self.next_review_due and self.last_reviewed_on
                and self.next_review_due <= self.last_reviewed_on):
            raise ValidationError({"next_review_due": (
                f"The next review due ({long_date(self.next_review_due)}) must be after the "
                f"last review ({long_date(self.last_reviewed_on)}).")})


class ProcedureVersion(TimeStamped):
    """One version of a procedure: its number, when it was adopted, what changed."""

    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="versions")
    number = models.CharField("Version", max_length=20)
    adopted_on = models.DateField("Adopted on")
    what_changed = models.TextField("What changed")
    url = models.URLField("Link to this version", blank=True)

    class Meta:
        ordering = ["procedure", "-adopted_on", "-id"]

    def __str__(self) -> str:
        return f"{self.procedure} version {self.number}"
