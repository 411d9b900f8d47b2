"""The tenancy spine: partnerships, areas, organisations, people, roles, audit trail."""

import datetime

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q

from . import calendar
from .deadlines import kind_of


class TimeStamped(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class Versioned(models.Model):
    """Optimistic locking: services refuse a save whose version is stale."""

    version = models.PositiveIntegerField(default=1)

    class Meta:
        abstract = True


class User(AbstractUser):
    """A login. The person it belongs to (name, organisation, roles) is `person`."""

    is_demo = models.BooleanField(
        default=False, help_text="Fictional demo login created by load_demo."
    )


class Partnership(TimeStamped):
    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=200, unique=True)
    short_name = models.CharField(max_length=20)
    summary = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Area(TimeStamped):
    """A geography figures are reported for, keyed by its code: a council (local authority)
    area by its ONS code (e.g. E06000001), or one that is not a council's (decision 0015):
    the whole partnership, a police force area, an ICB sub-location."""

    class Kind(models.TextChoices):
        COUNCIL = "council", "Council area"
        PARTNERSHIP = "partnership", "Whole partnership"
        POLICE_FORCE = "police_force", "Police force area"
        ICB = "icb", "ICB sub-location"

    ons_code = models.CharField(
        "code", max_length=9, unique=True,
        help_text="The ONS code (E06000001 for a council area, E23000013 for a police force "
                  "area, E38000000 for an ICB sub-location), or a short code of your own for "
                  "the whole partnership, e.g. TEES")
    name = models.CharField(max_length=120)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.COUNCIL)
    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, related_name="areas", null=True, blank=True
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def latest(self):
        """Newest population row; uses the prefetched rows when present (see areas_for)."""
        rows = list(self.populations.all())
        return max(rows, key=lambda r: r.year) if rows else None


# ONS mid-year estimates for local authorities begin in 1991.
FIRST_POPULATION_YEAR = 1991


class AreaPopulation(TimeStamped):
    """Children (aged 0-17) living in an area, by year; rates per 10,000 use it."""

    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="populations")
    year = models.PositiveIntegerField(
        help_text="Mid-year estimate year, e.g. 2023",
        validators=[MinValueValidator(FIRST_POPULATION_YEAR,
                                      f"The year must be {FIRST_POPULATION_YEAR} or later.")])
    children = models.PositiveIntegerField(
        "children aged 0 to 17",
        validators=[MinValueValidator(1, "The number of children must be more than 0.")])
    source = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["area", "year"]
        constraints = [
            models.UniqueConstraint(fields=["area", "year"], name="one_population_per_area_year")
        ]

    def __str__(self) -> str:
        return f"{self.area} {self.year}: {self.children}"


class Organisation(TimeStamped):
    class Kind(models.TextChoices):
        LOCAL_AUTHORITY = "local_authority", "Local authority (statutory partner)"
        POLICE = "police", "Police (statutory partner)"
        ICB = "icb", "Integrated care board (statutory partner)"
        RELEVANT_AGENCY = "relevant_agency", "Relevant agency"
        SCHOOL = "school", "School"
        VOLUNTARY = "voluntary", "Voluntary body"
        PARTNERSHIP = "partnership", "Partnership business unit / independent"

    STATUTORY_KINDS = {Kind.LOCAL_AUTHORITY, Kind.POLICE, Kind.ICB}

    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    partnerships = models.ManyToManyField(Partnership, related_name="organisations", blank=True)
    # Bodies come and go (the clinical commissioning groups gave way to the integrated care
    # boards on 1 July 2022), so a year's report names the partners of that year.
    exists_from = models.DateField("Existed from", null=True, blank=True)
    exists_until = models.DateField("Existed until", null=True, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_statutory_partner(self) -> bool:
        return self.kind in self.STATUTORY_KINDS

    def existed_during(self, start, end) -> bool:
        """Whether the organisation existed on any day from `start` to `end`."""
        return ((self.exists_from is None or self.exists_from <= end)
                and (self.exists_until is None or self.exists_until >= start))

    @classmethod
    def existing_on(cls, day) -> models.Q:
        return ((models.Q(exists_from__isnull=True) | models.Q(exists_from__lte=day))
                & (models.Q(exists_until__isnull=True) | models.Q(exists_until__gte=day)))


class Person(TimeStamped):
    """Someone the partnership works with. Fictional in the demo; may have no login."""

    name = models.CharField(max_length=120)
    job_title = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="people", null=True, blank=True
    )
    user = models.OneToOneField(
        User, on_delete=models.SET_NULL, related_name="person", null=True, blank=True
    )

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    BUSINESS_UNIT = "business_unit", "Business unit"
    PARTNER_DELEGATE = "partner_delegate", "Safeguarding partner delegate"
    GROUP_CHAIR = "group_chair", "Group chair"
    GROUP_MEMBER = "group_member", "Group member"
    AGENCY_LEAD = "agency_lead", "Agency safeguarding lead"
    SCRUTINEER = "scrutineer", "Independent scrutineer"
    PRACTITIONER = "practitioner", "Practitioner"


# Roles that hold sensitive data across a partnership: they must use two-factor authentication.
TWO_FACTOR_ROLES = {Role.BUSINESS_UNIT, Role.PARTNER_DELEGATE, Role.SCRUTINEER}


class RoleAssignment(TimeStamped):
    """A role a person holds in a partnership, optionally narrowed to a group or organisation."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(max_length=20, choices=Role.choices)
    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="role_assignments"
    )
    # PROTECT: deleting a group or an organisation must not silently remove who held a role
    # in it; the roles are ended or moved first (the admin lists them when it refuses).
    group = models.ForeignKey(
        "governance.Group", on_delete=models.PROTECT, null=True, blank=True,
        related_name="role_assignments",
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True,
        related_name="role_assignments",
    )

    class Meta:
        ordering = ["partnership", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "role", "partnership", "group", "organisation"],
                name="unique_role_assignment",
            )
        ]

    def clean(self):
        if self.role in {Role.GROUP_CHAIR, Role.GROUP_MEMBER} and not self.group_id:
            raise ValidationError({"group": "A group role needs the group it applies to."})
        if self.role == Role.AGENCY_LEAD and not self.organisation_id:
            raise ValidationError({"organisation": "An agency lead needs their organisation."})
        # The unique constraint treats empty group/organisation as distinct, so check here too.
        same = RoleAssignment.objects.filter(
            person_id=self.person_id, role=self.role, partnership_id=self.partnership_id,
            group_id=self.group_id, organisation_id=self.organisation_id,
        ).exclude(pk=self.pk)
        if self.person_id and same.exists():
            raise ValidationError(f"{self.person} already has this role.")

    def __str__(self) -> str:
        scope = self.group or self.organisation or self.partnership
        return f"{self.person}: {self.get_role_display()} ({scope})"


class AuditEvent(models.Model):
    """Who did what to which record, and when. Written by services in the same transaction."""

    class Action(models.TextChoices):
        CREATE = "create", "Created"
        CHANGE = "change", "Changed"
        DELETE = "delete", "Deleted"
        EXPORT = "export", "Exported"
        VIEW = "view", "Viewed restricted record"
        REFUSED = "refused", "Refused access"
        LOGIN = "login", "Logged in"
        LOGIN_FAILED = "login_failed", "Failed login"
        USED = "used", "Used a credential"

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="audit_events"
    )
    actor_name = models.CharField(max_length=150, blank=True)
    action = models.CharField(max_length=20, choices=Action.choices, db_index=True)
    partnership = models.ForeignKey(
        Partnership, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    model = models.CharField(max_length=100, blank=True, db_index=True)
    object_id = models.CharField(max_length=64, blank=True)
    object_repr = models.CharField(max_length=300, blank=True)
    changes = models.JSONField(default=dict, blank=True)
    path = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        # The audit trail's filters: one record's history, and a partnership's by time.
        indexes = [
            models.Index(fields=["model", "object_id"], name="audit_model_object"),
            models.Index(fields=["partnership", "at"], name="audit_partnership_at"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.action} {self.object_repr}"


class EnrolmentCode(models.Model):
    """A one-time code that lets one person set up their authenticator app (decision 0008).

    Issued by the business unit of one of the person's partnerships (or an administrator);
    only a hash of the code is stored; it expires and can be used once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="enrolment_codes")
    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    code_hash = models.CharField(max_length=64, unique=True)
    issued_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Enrolment code for {self.user.get_username()}"


class DeadlineRule(TimeStamped, Versioned):
    """One statutory (or local) time limit, kept as data so the business unit can correct it
    (decision 0017). Every kind of record with time limits shares this model; `applies_to`
    names the kind and the events are the kind's own (core.deadlines.DeadlineKind).

    Rows with no partnership are the defaults every partnership starts from; a business unit
    that edits a rule gets its own row with the same key, which then wins for its partnership.
    """

    class Unit(models.TextChoices):
        WORKING_DAYS = "working_days", "Working days"
        CALENDAR_DAYS = "calendar_days", "Calendar days"
        MONTHS = "months", "Months"

    class Direction(models.TextChoices):
        AFTER = "after", "After the start event"
        BEFORE = "before", "Before the start event"

    key = models.SlugField(max_length=60)
    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, null=True, blank=True,
        related_name="deadline_rules",
    )
    name = models.CharField(max_length=200)
    legal_basis = models.CharField(max_length=300)
    source_note = models.TextField(blank=True, help_text="Where the time limit comes from.")
    count = models.PositiveIntegerField()
    unit = models.CharField(max_length=20, choices=Unit.choices, default=Unit.WORKING_DAYS)
    direction = models.CharField(
        max_length=10, choices=Direction.choices, default=Direction.AFTER
    )
    # The kind of record and its events, as the owning app declares them.
    applies_to = models.CharField(max_length=40)
    start_event = models.CharField(max_length=40)
    met_event = models.CharField(max_length=40)
    minimum_period = models.BooleanField(
        default=False,
        help_text="Tick if the record must stay in place at least until the date "
        "(for example, kept on the public site), rather than be done by it.",
    )

    class Meta:
        ordering = ["applies_to", "key"]
        constraints = [
            models.UniqueConstraint(
                fields=["key", "partnership"], name="one_deadline_rule_per_key_and_partnership"
            ),
            models.UniqueConstraint(
                fields=["key"], condition=Q(partnership__isnull=True),
                name="one_default_deadline_rule_per_key",
            ),
            models.CheckConstraint(condition=Q(count__gt=0), name="deadline_rule_count_above_0",
                                   violation_error_message="Enter a number of days or months "
                                                           "above 0."),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def kind(self):
        return kind_of(self.applies_to)

    @property
    def applies_to_label(self) -> str:
        kind = self.kind
        return kind.label if kind else self.applies_to

    def event_label(self, event: str) -> str:
        kind = self.kind
        return kind.events.get(event, event) if kind else event

    @property
    def start_event_label(self) -> str:
        return self.event_label(self.start_event)

    @property
    def met_event_label(self) -> str:
        return self.event_label(self.met_event)

    def clean(self):
        errors = {}
        if self.count == 0:
            errors["count"] = "Enter a number of days or months above 0."
        kind = self.kind
        if kind is None:
            errors["applies_to"] = "Choose the kind of record the rule applies to."
        else:
            record = kind.label.lower()
            for name in ("start_event", "met_event"):
                value = getattr(self, name)
                if value and value not in kind.events:
                    errors[name] = (f"A {record} has no date for “{value}”. Choose one of "
                                    "its own events.")
        if self.start_event and self.start_event == self.met_event and "met_event" not in errors:
            errors["met_event"] = ("The event that meets the deadline must differ from the "
                                   "one it runs from.")
        if errors:
            raise ValidationError(errors)

    def due_date(self, start: datetime.date) -> datetime.date:
        n = self.count if self.direction == self.Direction.AFTER else -self.count
        if self.unit == self.Unit.WORKING_DAYS:
            return calendar.add_working_days(start, n)
        if self.unit == self.Unit.CALENDAR_DAYS:
            return start + datetime.timedelta(days=n)
        return calendar.add_months(start, n)

    @property
    def describe(self) -> str:
        """The rule in words, e.g. "15 working days after the partners became aware"."""
        unit = self.get_unit_display().lower()
        if self.count == 1:
            unit = unit.rstrip("s")
        word = "after" if self.direction == self.Direction.AFTER else "before"
        kind = self.kind
        phrase = kind.phrase(self.start_event) if kind else self.start_event
        return f"{self.count} {unit} {word} {phrase}"


class ImportJob(TimeStamped):
    """A large import run in the background (decision 0038): the uploaded file as sent, how
    far the check has gone, and the outcome (saved, held for confirmation of its warnings, or
    refused with its problems row by row). The app that owns the import runs it (a Celery
    task of its own, named by `kind`) and says where its result is (`result_url`)."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Checking rows"
        SAVED = "saved", "Saved"
        HELD = "held", "Waiting for you to confirm its warnings"
        REJECTED = "rejected", "Nothing saved: problems in the rows"

    FINISHED = (Status.SAVED, Status.HELD, Status.REJECTED)

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="+")
    created_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="import_jobs"
    )
    kind = models.CharField(max_length=60)
    upload = models.FileField(upload_to="imports/%Y/%m/", max_length=300)
    filename = models.CharField(max_length=200)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    total_rows = models.PositiveIntegerField(default=0)
    checked_rows = models.PositiveIntegerField(default=0)
    problems = models.JSONField(default=list, blank=True)  # [{"row", "field", "message"}]
    problems_not_listed = models.PositiveIntegerField(default=0)
    outcome = models.CharField(max_length=300, blank=True)
    result_url = models.CharField(max_length=300, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Import of {self.filename}"

    @property
    def finished(self) -> bool:
        return self.status in self.FINISHED

    @property
    def percent_checked(self) -> int:
        return min(100, self.checked_rows * 100 // self.total_rows) if self.total_rows else 0
