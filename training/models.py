"""The multi-agency training programme: courses, sessions, bookings with a waiting list,
attendance, evaluations and impact follow-ups, events, and e-learning completions."""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from core.models import Organisation, Partnership, Person, TimeStamped, User, Versioned


class Course(TimeStamped, Versioned):
    """A course of the programme, run by one partnership or jointly by several (Tees-wide)."""

    class Level(models.TextChoices):
        CORE_1 = "core_1", "Core 1 (awareness)"
        CORE_2 = "core_2", "Core 2 (working together)"
        CORE_3 = "core_3", "Core 3 (advanced and specialist)"
        BRIEFING = "briefing", "Learning briefing"

    class Delivery(models.TextChoices):
        FACE_TO_FACE = "face_to_face", "Face to face"
        VIRTUAL = "virtual", "Virtual"
        E_LEARNING = "e_learning", "E-learning"

    title = models.CharField(max_length=200)
    partnerships = models.ManyToManyField(Partnership, related_name="courses")
    level = models.CharField(max_length=20, choices=Level.choices)
    delivery = models.CharField(max_length=20, choices=Delivery.choices)
    themes = models.ManyToManyField("learning.Theme", related_name="courses", blank=True)
    audience = models.CharField(max_length=300, blank=True,
                                help_text="Who it is for, e.g. practitioners in all agencies")
    outcomes = models.TextField("Learning outcomes", blank=True)
    is_active = models.BooleanField("Offered", default=True)

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class Session(TimeStamped, Versioned):
    """One running of a course: when, where, how many places, who trains."""

    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="sessions")
    starts_at = models.DateTimeField("Starts")
    ends_at = models.DateTimeField("Ends")
    venue = models.CharField(max_length=200, blank=True, help_text="A room and address")
    link = models.URLField("Joining link", blank=True, help_text="For a virtual session")
    capacity = models.PositiveIntegerField(
        "Places", validators=[MinValueValidator(1, "A session has at least 1 place.")])
    trainers = models.CharField(max_length=300, blank=True,
                                help_text="Names of the trainers, separated by commas")
    cutoff_hours = models.PositiveIntegerField(
        "Booking and cancellation cut-off (hours before the start)", default=48,
        validators=[MaxValueValidator(24 * 60, "The cut-off is at most 60 days (1,440 hours).")])
    is_cancelled = models.BooleanField("Cancelled", default=False)

    class Meta:
        ordering = ["starts_at", "pk"]

    def __str__(self) -> str:
        return f"{self.course.title}, {self.starts_at:%d %b %Y %H:%M}"

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": "The session must end after it starts: enter an "
                                              "end time later than the start."})
        if self.course_id and self.course.delivery != Course.Delivery.E_LEARNING:
            if not self.venue and not self.link:
                raise ValidationError({"venue": "Enter the venue, or a joining link for a "
                                                "virtual session."})

    @property
    def cutoff(self) -> datetime.datetime:
        """Bookings and learners' cancellations close at this moment."""
        return self.starts_at - datetime.timedelta(hours=self.cutoff_hours)


class Booking(TimeStamped):
    """A place (or a place on the waiting list) for one person on one session. The waiting
    list is the waiting bookings in the order they were made."""

    class Status(models.TextChoices):
        BOOKED = "booked", "Booked"
        WAITING = "waiting", "On the waiting list"
        CANCELLED = "cancelled", "Cancelled"

    class Attendance(models.TextChoices):
        UNKNOWN = "", "Not yet taken"
        ATTENDED = "attended", "Attended"
        NO_SHOW = "no_show", "Did not attend"

    session = models.ForeignKey(Session, on_delete=models.PROTECT, related_name="bookings")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="bookings")
    # The organisation the person worked for when booked: no-shows are reported by it.
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, null=True,
                                     blank=True, related_name="training_bookings")
    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT,
                                    related_name="training_bookings")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.BOOKED)
    attendance = models.CharField(max_length=20, choices=Attendance.choices, blank=True,
                                  default=Attendance.UNKNOWN)
    booked_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="+")
    placed_at = models.DateTimeField(null=True, blank=True,
                                     help_text="When the person got a place")
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["session", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "person"], condition=~models.Q(status="cancelled"),
                name="one_live_booking_per_person_and_session"),
        ]
        indexes = [models.Index(fields=["session", "status"], name="booking_session_status")]

    def __str__(self) -> str:
        return f"{self.person} on {self.session}"


class Evaluation(TimeStamped):
    """What the learner said straight after the session."""

    class Rating(models.IntegerChoices):
        POOR = 1, "Poor"
        FAIR = 2, "Fair"
        GOOD = 3, "Good"
        EXCELLENT = 4, "Excellent"

    GOOD_OR_BETTER = (Rating.GOOD, Rating.EXCELLENT)
    CONFIDENCE = [(n, str(n)) for n in range(1, 6)]

    booking = models.OneToOneField(Booking, on_delete=models.CASCADE, related_name="evaluation")
    rating = models.PositiveSmallIntegerField("Overall rating", choices=Rating.choices)
    confidence_before = models.PositiveSmallIntegerField(
        "Confidence before the session (1 low to 5 high)", choices=CONFIDENCE)
    confidence_after = models.PositiveSmallIntegerField(
        "Confidence after the session (1 low to 5 high)", choices=CONFIDENCE)
    practice_change = models.TextField("What will change in your practice")

    def __str__(self) -> str:
        return f"Evaluation of {self.booking}"


class ImpactFollowUp(TimeStamped):
    """What the learner (or their manager) said some months later about the difference it
    made."""

    class Applied(models.TextChoices):
        YES = "yes", "Yes, I use it regularly"
        PARTLY = "partly", "Partly"
        NO = "no", "Not yet"

    booking = models.OneToOneField(Booking, on_delete=models.CASCADE,
                                   related_name="impact_follow_up")
    applied = models.CharField("Have you used the learning in your practice?", max_length=10,
                               choices=Applied.choices)
    confidence_now = models.PositiveSmallIntegerField(
        "Confidence now (1 low to 5 high)", choices=Evaluation.CONFIDENCE)
    example = models.TextField("An example of the difference it made", blank=True)

    def __str__(self) -> str:
        return f"Impact follow-up of {self.booking}"


class NoShowCharge(TimeStamped):
    """A partnership's charging policy for places booked and not used, as data: from a date,
    an organisation is charged this much per no-show."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE,
                                    related_name="no_show_charges")
    starts_on = models.DateField("Applies from")
    amount = models.DecimalField("Charge per no-show (£)", max_digits=8, decimal_places=2,
                                 validators=[MinValueValidator(0)])
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["partnership", "-starts_on"]
        constraints = [models.UniqueConstraint(fields=["partnership", "starts_on"],
                                               name="one_no_show_charge_per_day")]

    def __str__(self) -> str:
        return f"£{self.amount} per no-show from {self.starts_on}"


class Event(TimeStamped, Versioned):
    """A conference, learning event or briefing: interest, attendees and contributors are
    records, so its totals are counted."""

    class Kind(models.TextChoices):
        CONFERENCE = "conference", "Conference"
        LEARNING_EVENT = "learning_event", "Learning event"
        BRIEFING = "briefing", "Learning review briefing"

    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    partnerships = models.ManyToManyField(Partnership, related_name="training_events")
    themes = models.ManyToManyField("learning.Theme", related_name="training_events",
                                    blank=True)
    starts_at = models.DateTimeField("Starts")
    venue = models.CharField(max_length=200, blank=True)
    summary = models.TextField(blank=True)

    class Meta:
        ordering = ["-starts_at"]

    def __str__(self) -> str:
        return self.title


class EventRegistration(TimeStamped):
    """Someone who registered interest in an event, and whether they came."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    name = models.CharField(max_length=120)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, null=True,
                                     blank=True, related_name="event_registrations")
    attended = models.BooleanField(default=False)

    class Meta:
        ordering = ["event", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.event})"


class EventContributor(TimeStamped):
    class Role(models.TextChoices):
        SPEAKER = "speaker", "Speaker"
        FACILITATOR = "facilitator", "Facilitator"

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="contributors")
    name = models.CharField(max_length=120)
    role = models.CharField(max_length=20, choices=Role.choices)
    from_organisation = models.CharField("From", max_length=200, blank=True)

    class Meta:
        ordering = ["event", "role", "name"]

    def __str__(self) -> str:
        return f"{self.name}, {self.get_role_display().lower()}"


class ELearningCompletion(TimeStamped):
    """E-learning completions a vendor reports, per course, organisation and month."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE,
                                    related_name="elearning_completions")
    course = models.ForeignKey(Course, on_delete=models.PROTECT,
                               related_name="elearning_completions")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT,
                                     related_name="elearning_completions")
    month = models.DateField(help_text="The first day of the month completed in")
    completions = models.PositiveIntegerField()

    class Meta:
        ordering = ["-month", "course", "organisation"]
        constraints = [models.UniqueConstraint(
            fields=["partnership", "course", "organisation", "month"],
            name="one_completion_count_per_course_org_month")]

    def __str__(self) -> str:
        return f"{self.course} {self.organisation} {self.month:%b %Y}: {self.completions}"
