"""The partnership's business (issue 14): the national agenda tracker, independent scrutiny,
communication and the voice of the child. Each is a record the yearly report reads."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models

from core.dates import order_errors
from core.models import Partnership, Person, TimeStamped, Versioned
from learning.models import Source, Theme

# ---- national agenda tracker ----


class NationalItem(TimeStamped, Versioned):
    """A letter, review or piece of guidance from government or the national panel, and
    what the partnership did with it. It owns a learning Source, so the actions it leads to
    join the combined learning action plan."""

    class Kind(models.TextChoices):
        LETTER = "letter", "Letter"
        REVIEW = "review", "National review or report"
        GUIDANCE = "guidance", "Statutory guidance"
        CONSULTATION = "consultation", "Consultation"

    class Issuer(models.TextChoices):
        DFE = "dfe", "Department for Education"
        PANEL = "panel", "Child Safeguarding Practice Review Panel"
        HOME_OFFICE = "home_office", "Home Office"
        DHSC = "dhsc", "Department of Health and Social Care"
        INSPECTORATES = "inspectorates", "Inspectorates (Ofsted, CQC, HMICFRS)"
        OTHER = "other", "Other national body"

    class Status(models.TextChoices):
        RECEIVED = "received", "Received"
        IN_HAND = "in_hand", "Being answered"
        DONE = "done", "Responded"
        NOTED = "noted", "Noted: no action needed"

    class DueBasis(models.TextChoices):
        RULE = "rule", "The partnership's time limit for national items"
        LETTER = "letter", "A date the letter itself sets"
        NONE = "none", "No response asked for"

    CLOSED = {Status.DONE, Status.NOTED}

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT,
                                    related_name="national_items")
    source = models.OneToOneField(Source, on_delete=models.PROTECT,
                                  related_name="national_item")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    issuer = models.CharField("From", max_length=20, choices=Issuer.choices)
    title = models.CharField(max_length=250)
    issued_on = models.DateField("Issued on")
    url = models.URLField("Link", max_length=500, blank=True)
    # When the response is due (decision 0036): under the partnership's deadline rule for
    # national items (core.DeadlineRule, kind business.clock.KIND), computed when read so it
    # follows the rule; or the date the letter itself sets, recorded as such; or none asked.
    due_basis = models.CharField("Response due", max_length=10, choices=DueBasis.choices,
                                 default=DueBasis.RULE)
    letter_due = models.DateField("Response date set in the letter", null=True, blank=True)
    circulated_to = models.TextField("Circulated to", blank=True)
    circulated_on = models.DateField("Circulated on", null=True, blank=True)
    agenda_item = models.ForeignKey("governance.AgendaItem", on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="national_items")
    outcome = models.TextField(blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.RECEIVED)
    closed_on = models.DateField("Responded on", null=True, blank=True)

    class Meta:
        ordering = ["-issued_on", "-id"]
        indexes = [models.Index(fields=["partnership", "issued_on"])]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        super().clean()
        errors = order_errors(self, [("circulated_on", "issued_on"),
                                     ("letter_due", "issued_on"),
                                     ("closed_on", "issued_on")])
        if errors:
            raise ValidationError(errors)

    def due_under(self, rule) -> datetime.date | None:
        """The response date: the letter's own, else the rule's (None: no rule in force or no
        response asked)."""
        if self.due_basis == self.DueBasis.LETTER:
            return self.letter_due
        if self.due_basis == self.DueBasis.RULE and rule is not None:
            return rule.due_date(self.issued_on)
        return None


# ---- independent scrutiny ----


class ScrutineerAppointment(TimeStamped, Versioned):
    """Who scrutinises the partnership independently, from when, on what terms."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT,
                                    related_name="scrutineer_appointments")
    person = models.ForeignKey(Person, on_delete=models.PROTECT,
                               related_name="scrutineer_appointments")
    title = models.CharField("Role title", max_length=150, default="Independent Scrutineer")
    starts_on = models.DateField("Appointed from")
    ends_on = models.DateField("Appointed until", null=True, blank=True)
    days_per_year = models.PositiveSmallIntegerField("Days a year", null=True, blank=True)
    terms = models.TextField("Terms of the appointment", blank=True,
                             help_text="What the scrutineer is asked to do, and how")

    class Meta:
        ordering = ["-starts_on", "-id"]

    def __str__(self) -> str:
        return f"{self.person}: {self.title}"

    def clean(self):
        super().clean()
        errors = order_errors(self, [("ends_on", "starts_on")])
        if errors:
            raise ValidationError(errors)


class ScrutinyActivity(TimeStamped, Versioned):
    """One piece of scrutiny: an observed meeting, a chaired challenge event, an audit
    joined, practitioner conversations, a report. Its findings and recommendations are
    recorded on its learning Source, so they feed the learning thread and the action plan."""

    class Kind(models.TextChoices):
        OBSERVATION = "observation", "Observation of a meeting"
        CHALLENGE = "challenge", "Challenge event chaired"
        AUDIT = "audit", "Audit joined"
        CONVERSATION = "conversation", "Conversations with practitioners"
        REPORT = "report", "Report"

    class Response(models.TextChoices):
        AWAITED = "awaited", "Awaited"
        ACCEPTED = "accepted", "Accepted in full"
        PARTLY = "partly", "Partly accepted"
        NOT_ACCEPTED = "not_accepted", "Not accepted"

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT,
                                    related_name="scrutiny_activities")
    source = models.OneToOneField(Source, on_delete=models.PROTECT,
                                  related_name="scrutiny_activity")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    title = models.CharField(max_length=250)
    held_on = models.DateField("Held or reported on")
    scrutineer = models.ForeignKey(Person, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="scrutiny_activities")
    summary = models.TextField("What was done", blank=True)
    response = models.CharField("The partnership's response", max_length=20,
                                choices=Response.choices, default=Response.AWAITED)
    response_on = models.DateField("Responded on", null=True, blank=True)
    response_text = models.TextField("What the partnership said and did", blank=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name_plural = "scrutiny activities"
        indexes = [models.Index(fields=["partnership", "held_on"])]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        super().clean()
        errors = order_errors(self, [("response_on", "held_on")])
        if errors:
            raise ValidationError(errors)


class ScrutinyStatement(TimeStamped, Versioned):
    """The scrutineer's statement for one reporting year's yearly report (1 April to
    31 March), written and approved by the scrutineer. A change after approval withdraws
    the approval."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT,
                                    related_name="scrutiny_statements")
    year_start = models.PositiveSmallIntegerField("Reporting year starting in")
    text = models.TextField("Statement")
    written_by = models.ForeignKey("core.User", on_delete=models.SET_NULL, null=True,
                                   blank=True, related_name="+")
    approved_on = models.DateField(null=True, blank=True)
    approved_by = models.ForeignKey("core.User", on_delete=models.SET_NULL, null=True,
                                    blank=True, related_name="+")

    class Meta:
        ordering = ["-year_start"]
        constraints = [models.UniqueConstraint(fields=["partnership", "year_start"],
                                               name="one_scrutiny_statement_a_year")]

    def __str__(self) -> str:
        return f"Scrutineer's statement {self.year_label}"

    @property
    def year_label(self) -> str:
        return f"{self.year_start}-{str(self.year_start + 1)[2:]}"

    @property
    def is_approved(self) -> bool:
        return self.approved_on is not None


# ---- communication ----


class CommunicationItem(TimeStamped, Versioned):
    """A newsletter, bulletin, briefing, forum, campaign or a period's website and social
    media reach. Typed or imported from CSV; the year's totals are computed from these."""

    class Kind(models.TextChoices):
        NEWSLETTER = "newsletter", "Newsletter"
        BULLETIN = "bulletin", "E-bulletin"
        BRIEFING = "briefing", "Briefing"
        FORUM = "forum", "Forum"
        CAMPAIGN = "campaign", "Campaign"
        WEBSITE = "website", "Website"
        SOCIAL_MEDIA = "social_media", "Social media"

    class Audience(models.TextChoices):
        PRACTITIONERS = "practitioners", "Practitioners across agencies"
        PARTNERS = "partners", "Partner agencies"
        SCHOOLS = "schools", "Schools and designated safeguarding leads"
        PUBLIC = "public", "The public"
        CHILDREN_FAMILIES = "children_families", "Children, young people and families"

    class Measure(models.TextChoices):
        SENT_TO = "sent_to", "People or organisations sent to"
        ATTENDED = "attended", "People attending"
        PAGE_VIEWS = "page_views", "Page views"
        VISITORS = "visitors", "Visitors"
        IMPRESSIONS = "impressions", "Impressions"
        FOLLOWERS = "followers", "Followers"

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT,
                                    related_name="communication_items")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    title = models.CharField(max_length=250)
    issued_on = models.DateField("Issued or held on",
                                 help_text="For reach over a period: its last day")
    audience = models.CharField(max_length=20, choices=Audience.choices)
    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, null=True, blank=True,
                              related_name="communication_items")
    reach = models.PositiveIntegerField(null=True, blank=True)
    measure = models.CharField("What the reach counts", max_length=20,
                               choices=Measure.choices, blank=True)
    url = models.URLField("Link", max_length=500, blank=True)

    class Meta:
        ordering = ["-issued_on", "-id"]
        indexes = [models.Index(fields=["partnership", "issued_on"])]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        super().clean()
        if self.reach is not None and not self.measure:
            raise ValidationError({"measure": "Say what the reach counts, for example page "
                                              "views or people attending."})


# ---- voice of the child ----


class VoiceItem(TimeStamped, Versioned):
    """What children, young people or families said, where it was heard, with consent and
    an age band (never a name), and what changed because of it ("you said, we did").
    Without consent it is used inside the partnership only: never on the public site or in
    a published report."""

    class Channel(models.TextChoices):
        SURVEY = "survey", "Survey"
        FORUM = "forum", "Forum or event"
        YOUTH_COUNCIL = "youth_council", "Youth council"
        INDIVIDUAL = "individual", "Individual feedback"
        REVIEW = "review", "Taking part in a review or audit"

    class Voice(models.TextChoices):
        CHILDREN = "children", "Children"
        YOUNG_PEOPLE = "young_people", "Young people"
        FAMILIES = "families", "Parents and families"

    class AgeBand(models.TextChoices):
        UNDER_5 = "0-4", "Under 5"
        AGE_5_10 = "5-10", "5 to 10"
        AGE_11_15 = "11-15", "11 to 15"
        AGE_16_17 = "16-17", "16 to 17"
        AGE_18_25 = "18-25", "18 to 25 (care leavers)"
        MIXED = "mixed", "Mixed ages"
        ADULTS = "adults", "Adults (parents and carers)"

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT,
                                    related_name="voice_items")
    heard_on = models.DateField("Heard on")
    channel = models.CharField("Where it was heard", max_length=20, choices=Channel.choices)
    voice = models.CharField("Whose voice", max_length=20, choices=Voice.choices)
    age_band = models.CharField("Age band", max_length=10, choices=AgeBand.choices)
    said = models.TextField("What they said")
    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, null=True, blank=True,
                              related_name="voice_items")
    what_changed = models.TextField("What changed because of it", blank=True)
    consent = models.BooleanField("Consent to share it outside the partnership",
                                  default=False)
    consent_recorded_on = models.DateField("Consent recorded on", null=True, blank=True)

    class Meta:
        ordering = ["-heard_on", "-id"]
        indexes = [models.Index(fields=["partnership", "heard_on"])]

    def __str__(self) -> str:
        text = self.said.strip()
        return text if len(text) <= 80 else text[:77] + "…"

    def clean(self):
        super().clean()
        errors = order_errors(self, [("consent_recorded_on", "heard_on")])
        if self.consent and not self.consent_recorded_on and "consent_recorded_on" not in errors:
            errors["consent_recorded_on"] = "Enter the date consent was recorded."
        if errors:
            raise ValidationError(errors)
