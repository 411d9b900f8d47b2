"""Serious incidents, rapid reviews and the statutory clock that times them."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower

from core.dates import order_message
from core.models import Organisation, Partnership, Person, TimeStamped, Versioned


class Event(models.TextChoices):
    """Dated events on the review pathway that a deadline runs from, or is met by."""

    LA_AWARE = "la_aware", "Local authority became aware of the incident"
    PANEL_NOTIFIED = "panel_notified", "Incident notified to the national Panel"
    PARTNERS_AWARE = "partners_aware", "Safeguarding partners became aware of the incident"
    RAPID_REVIEW_SENT = "rapid_review_sent", "Rapid review completed and sent to the Panel"
    REVIEW_DECIDED = "review_decided", "Decision to hold a local practice review"
    PUBLISHED = "published", "Review published"
    FINAL_REPORT_SENT = "final_report_sent", "Final report sent to the Panel and Secretary of State"
    REMOVED = "removed", "Review taken down from the public site"


# How each event reads after "5 working days after ...".
EVENT_PHRASES = {
    Event.LA_AWARE: "the local authority became aware",
    Event.PANEL_NOTIFIED: "the Panel was notified",
    Event.PARTNERS_AWARE: "the partners became aware",
    Event.RAPID_REVIEW_SENT: "the rapid review was sent to the Panel",
    Event.REVIEW_DECIDED: "the decision to hold a local review",
    Event.PUBLISHED: "publication",
    Event.FINAL_REPORT_SENT: "the final report was sent",
    Event.REMOVED: "removal from the public site",
}


def _not_before(later: str, earlier: str) -> Q:
    """The database form of "`later` is not before `earlier`" (either may be unknown)."""
    return Q(**{f"{later}__isnull": True}) | Q(**{f"{earlier}__isnull": True}) | Q(
        **{f"{later}__gte": F(earlier)})


# PracticeReview.DATE_ORDER's pairs, which the database also enforces.
PRACTICE_REVIEW_DATE_ORDER = [
    ("reviewer_approved_on", "decided_on"), ("draft_received_on", "decided_on"),
    ("signed_off_on", "decided_on"), ("signed_off_on", "draft_received_on"),
    ("sent_to_panel_on", "signed_off_on"), ("published_on", "signed_off_on"),
    ("removed_on", "published_on"),
]


class DatePrecision(models.TextChoices):
    DAY = "day", "The exact dates"
    MONTH = "month", "The month and year only"


class BackEntered(models.Model):
    """A record entered after the event (history brought into the hub): its clock never
    shows an open deadline as overdue, and its dates may be known to the month only. One
    precision per record, not per date: back-entered history is known from one source (an
    old report, a letter), so its dates are exact or approximate together."""

    recorded_after = models.BooleanField(
        "Recorded after the event", default=False,
        help_text="Tick when entering history, for example a review published years ago: "
        "its deadlines show as met, met late or not recorded, never overdue.",
    )
    date_precision = models.CharField(
        "What is known of its dates", max_length=5, choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text="If only the month and year are known, enter the first of the month.",
    )

    class Meta:
        abstract = True

    @property
    def month_only(self) -> bool:
        return self.date_precision == DatePrecision.MONTH

    def show_date(self, value: datetime.date | None) -> str:
        """A date as the report prints it: "March 2021 (month only)" where only the month is
        known."""
        if value is None:
            return ""
        if self.month_only:
            return f"{value:%B %Y} (month only)"
        return f"{value.day} {value:%B %Y}"

    def back_entry_errors(self) -> dict:
        if self.month_only and not self.recorded_after:
            return {"date_precision": "Dates known to the month only are for records entered "
                                      "after the event: tick “Recorded after the event”, or "
                                      "give the exact dates."}
        return {}


class SeriousIncident(BackEntered, TimeStamped, Versioned):
    """A serious child safeguarding incident, known by a pseudonym only."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, related_name="serious_incidents"
    )
    reference = models.CharField(
        max_length=60,
        help_text="A pseudonym or reference, such as “Child K” or “Kestrel”. "
        "Never a child’s real name.",
    )
    la_aware_on = models.DateField("Date the local authority became aware")
    notified_on = models.DateField("Date notified to the national Panel", null=True, blank=True)
    summary = models.TextField(blank=True)
    source = models.OneToOneField(
        "learning.Source", on_delete=models.PROTECT, related_name="serious_incident"
    )

    detail_url = "reviews:incident_detail"
    subject_access_withheld = ("summary",)  # restricted case detail (core.subject_access)

    class Meta:
        ordering = ["-la_aware_on", "-id"]
        constraints = [
            # "Child K" and "child k" are the same child: the reference is unique ignoring case.
            models.UniqueConstraint(
                Lower("reference"), "partnership", name="one_incident_per_reference",
                violation_error_message="This partnership already has an incident with this "
                                        "reference.",
            ),
            models.CheckConstraint(
                condition=Q(notified_on__isnull=True) | Q(la_aware_on__isnull=True)
                | Q(notified_on__gte=F("la_aware_on")),
                name="incident_notified_after_aware",
                violation_error_message="The notification date cannot be before the date the "
                                        "local authority became aware.",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    def clean(self):
        if errors := self.back_entry_errors():
            raise ValidationError(errors)
        if self.notified_on and self.la_aware_on and self.notified_on < self.la_aware_on:
            raise ValidationError(
                {"notified_on": "The notification date cannot be before the date the local "
                                "authority became aware."}
            )
        rapid = getattr(self, "rapid_review", None) if self.pk else None
        if rapid is not None and self.la_aware_on and self.la_aware_on > rapid.partners_aware_on:
            raise ValidationError({"la_aware_on": order_message(
                "the date the safeguarding partners became aware", rapid.partners_aware_on,
                "the date the local authority became aware", self.la_aware_on)})

    def event_dates(self) -> dict[str, datetime.date | None]:
        return {Event.LA_AWARE: self.la_aware_on, Event.PANEL_NOTIFIED: self.notified_on}


class RapidReview(BackEntered, TimeStamped, Versioned):
    """The partners' rapid review of a serious incident, and their decision on a local review."""

    incident = models.OneToOneField(
        SeriousIncident, on_delete=models.PROTECT, related_name="rapid_review"
    )
    partners_aware_on = models.DateField("Date the safeguarding partners became aware")
    agencies = models.ManyToManyField(
        Organisation, related_name="rapid_reviews", blank=True,
        verbose_name="Agencies contributing",
    )
    chronology_summary = models.TextField(blank=True)
    immediate_learning = models.TextField(blank=True)
    local_review = models.BooleanField(
        "Local child safeguarding practice review to be held", null=True, blank=True
    )
    national_review_suggested = models.BooleanField(
        "National review suggested to the Panel", null=True, blank=True
    )
    decided_on = models.DateField("Date of the decision on a local review", null=True, blank=True)
    panel_response = models.TextField("The national Panel’s response", blank=True)
    sent_on = models.DateField("Date completed and sent to the Panel", null=True, blank=True)
    panel_members = models.ManyToManyField(
        Person, related_name="rapid_review_panels", blank=True,
        verbose_name="Review panel members",
        help_text="The people who need to know: only they and the business unit see the "
        "case detail.",
    )
    source = models.OneToOneField(
        "learning.Source", on_delete=models.PROTECT, related_name="rapid_review"
    )
    # A panel member's subject access export lists the review, not the child's case detail
    # (core.subject_access): that is a third party's, and restricted.
    subject_access_withheld = ("chronology_summary", "immediate_learning", "panel_response")

    class Meta:
        ordering = ["-partners_aware_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=_not_before("sent_on", "partners_aware_on"),
                                   name="rapid_review_sent_after_aware"),
            models.CheckConstraint(condition=_not_before("decided_on", "partners_aware_on"),
                                   name="rapid_review_decided_after_aware"),
        ]

    def __str__(self) -> str:
        return f"Rapid review: {self.incident.reference}"

    @property
    def partnership(self):
        return self.incident.partnership

    def clean(self):
        errors = self.back_entry_errors()
        aware = self.partners_aware_on
        incident = self.incident if self.incident_id else None
        if aware and incident is not None and incident.la_aware_on and aware < incident.la_aware_on:
            # The statutory deadline runs from this date: it cannot precede the incident.
            errors["partners_aware_on"] = order_message(
                "the date the safeguarding partners became aware", aware,
                "the date the local authority became aware", incident.la_aware_on)
        if aware and self.sent_on and self.sent_on < aware:
            errors["sent_on"] = ("The completed date cannot be before the date the partners "
                                 "became aware.")
        if aware and self.decided_on and self.decided_on < aware:
            errors["decided_on"] = ("The decision date cannot be before the date the partners "
                                    "became aware.")
        if self.decided_on and self.local_review is None:
            errors["local_review"] = ("Say whether a local review will be held, or leave the "
                                      "decision date empty.")
        if self.sent_on and self.local_review is None:
            errors.setdefault(
                "local_review",
                "A rapid review sent to the Panel must record whether a local review will be "
                "held.",
            )
        if errors:
            raise ValidationError(errors)

    def event_dates(self) -> dict[str, datetime.date | None]:
        return {
            Event.PARTNERS_AWARE: self.partners_aware_on,
            Event.RAPID_REVIEW_SENT: self.sent_on,
            Event.REVIEW_DECIDED: self.decided_on if self.local_review else None,
        }


class PracticeReview(BackEntered, TimeStamped, Versioned):
    """A local child safeguarding practice review, or a historic serious case review or other
    learning review kept on the same record. Known by a pseudonym only; case detail is need
    to know (the business unit and the review's named panel)."""

    class Kind(models.TextChoices):
        INDIVIDUAL = "individual", "Local practice review (individual)"
        THEMATIC = "thematic", "Local practice review (thematic)"
        HISTORIC_SCR = "historic_scr", "Historic serious case review"
        OTHER = "other", "Other learning review (for example line of sight or near miss)"

    # Kinds timed by the statutory clock from the decision to the final report.
    STATUTORY_KINDS = {Kind.INDIVIDUAL, Kind.THEMATIC}

    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, related_name="practice_reviews"
    )
    rapid_review = models.OneToOneField(
        RapidReview, on_delete=models.PROTECT, null=True, blank=True,
        related_name="practice_review",
        help_text="The rapid review that decided to hold this review.",
    )
    pseudonym = models.CharField(
        max_length=60,
        help_text="The name the review is published under, such as “Kingfisher” or "
        "“Child T”. Never a child’s real name.",
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.INDIVIDUAL)
    decided_on = models.DateField("Date of the decision to hold the review", null=True,
                                  blank=True)
    reviewer_name = models.CharField("Reviewer", max_length=120, blank=True)
    reviewer_organisation = models.CharField("Reviewer’s organisation", max_length=200,
                                             blank=True)
    reviewer_approved_on = models.DateField("Reviewer approved by the Executive on",
                                            null=True, blank=True)
    terms_of_reference = models.TextField(blank=True)
    practitioner_involvement = models.TextField(blank=True)
    family_involvement = models.TextField(blank=True)
    panel_members = models.ManyToManyField(
        Person, related_name="practice_review_panels", blank=True,
        verbose_name="Review panel members",
        help_text="The people who need to know: only they and the business unit see the "
        "case detail.",
    )
    draft_received_on = models.DateField("Draft report received on", null=True, blank=True)
    signed_off_on = models.DateField("Signed off by the partners on", null=True, blank=True)
    sent_to_panel_on = models.DateField(
        "Final report sent to the Panel and the Secretary of State on", null=True, blank=True
    )
    published_on = models.DateField(null=True, blank=True)
    removed_on = models.DateField("Taken down from the public site on", null=True, blank=True)
    publication_summary = models.TextField(
        blank=True,
        help_text="Shown on the public site. Pseudonyms only: no names, dates of birth, "
        "addresses or NHS numbers.",
    )
    briefing_file = models.FileField("Seven-minute briefing", upload_to="briefings/%Y/",
                                     blank=True)
    briefing_url = models.URLField("Link to the seven-minute briefing", blank=True)
    source = models.OneToOneField(
        "learning.Source", on_delete=models.PROTECT, related_name="practice_review"
    )

    detail_url = "reviews:practice_review_detail"

    class Meta:
        ordering = ["-decided_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                Lower("pseudonym"), "partnership", name="one_practice_review_per_pseudonym",
                violation_error_message="This partnership already has a review with this "
                                        "pseudonym.",
            ),
            *[models.CheckConstraint(condition=_not_before(later, earlier),
                                     name=f"practice_review_{later}_not_before_{earlier}")
              for later, earlier in PRACTICE_REVIEW_DATE_ORDER],
            models.CheckConstraint(condition=Q(briefing_file="") | Q(briefing_url=""),
                                   name="practice_review_briefing_file_or_link"),
        ]

    def __str__(self) -> str:
        return f"Practice review: {self.pseudonym}"

    @property
    def reference(self) -> str:
        return self.pseudonym

    @property
    def published_shown(self) -> str:
        return self.show_date(self.published_on)

    @property
    def is_statutory(self) -> bool:
        return self.kind in self.STATUTORY_KINDS

    @property
    def stage(self) -> str:
        if self.removed_on:
            return "Taken down"
        if self.published_on:
            return "Published"
        if self.signed_off_on:
            return "Signed off"
        if self.draft_received_on:
            return "Draft received"
        return "In progress"

    # Each date with the one it may not precede, and how the error reads.
    DATE_ORDER = [
        ("reviewer_approved_on", "decided_on",
         "The reviewer cannot be approved before the decision to hold the review."),
        ("draft_received_on", "decided_on",
         "The draft cannot be received before the decision to hold the review."),
        ("signed_off_on", "decided_on",
         "Sign-off cannot be before the decision to hold the review."),
        ("signed_off_on", "draft_received_on",
         "Sign-off cannot be before the draft was received."),
        ("sent_to_panel_on", "signed_off_on",
         "The final report cannot be sent before the partners signed it off."),
        ("published_on", "signed_off_on",
         "Publication cannot be before the partners signed the review off."),
        ("removed_on", "published_on",
         "The review cannot be taken down before it was published."),
    ]

    def clean(self):
        errors: dict[str, str] = self.back_entry_errors()
        if self.kind in self.STATUTORY_KINDS and not self.decided_on:
            errors["decided_on"] = ("Enter the date of the decision to hold the review: the "
                                    "statutory clock runs from it.")
        for later, earlier, message in self.DATE_ORDER:
            a, b = getattr(self, later), getattr(self, earlier)
            if a and b and a < b and later not in errors:
                errors[later] = message
        requires = [
            ("published_on", "signed_off_on",
             "Enter the date the partners signed the review off before its publication date."),
            ("sent_to_panel_on", "signed_off_on",
             "Enter the date the partners signed the review off before the date the final "
             "report was sent."),
            ("removed_on", "published_on",
             "Enter the publication date before the date it was taken down."),
        ]
        for later, earlier, message in requires:
            if getattr(self, later) and not getattr(self, earlier) and later not in errors:
                errors[later] = message
        if self.briefing_file and self.briefing_url:
            errors["briefing_url"] = "Give the briefing as a file or a link, not both."
        if errors:
            raise ValidationError(errors)

    def event_dates(self) -> dict[str, datetime.date | None]:
        """The dates the clock runs on. Only local practice reviews carry the decision and
        final-report events; any published review has its time on the public site."""
        dates: dict[str, datetime.date | None] = {
            Event.PUBLISHED: self.published_on, Event.REMOVED: self.removed_on,
        }
        if self.is_statutory:
            dates[Event.REVIEW_DECIDED] = self.decided_on
            dates[Event.FINAL_REPORT_SENT] = self.sent_to_panel_on
        return dates


class Milestone(TimeStamped, Versioned):
    """A step in a practice review's plan, such as the practitioner event or the draft."""

    review = models.ForeignKey(PracticeReview, on_delete=models.CASCADE,
                               related_name="milestones")
    name = models.CharField(max_length=200)
    due_on = models.DateField("Due date")
    done_on = models.DateField("Done on", null=True, blank=True)

    class Meta:
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return self.name


class LearningEvent(TimeStamped):
    """A session that shared a review's learning with practitioners."""

    review = models.ForeignKey(PracticeReview, on_delete=models.CASCADE,
                               related_name="learning_events")
    held_on = models.DateField("Date")
    title = models.CharField(max_length=200)
    attendees = models.PositiveIntegerField("Number of attendees", null=True, blank=True)

    class Meta:
        ordering = ["held_on", "id"]

    def __str__(self) -> str:
        return self.title
