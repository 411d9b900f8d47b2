"""The yearly report: what the business unit writes for it (narrative, priorities, flagged
activity, finance) and its publication log. Every figure in it is computed by
reports.selectors from the records; nothing here holds a total."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import models

from core.deadlines import DeadlineKind
from core.models import Organisation, Partnership, TimeStamped, Versioned


def year_label(year_start: int) -> str:
    return f"{year_start}-{(year_start + 1) % 100:02d}"


class YearlyReport(TimeStamped, Versioned):
    """One partnership's report for one reporting year (1 April to 31 March)."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT,
                                    related_name="yearly_reports")
    year_start = models.PositiveIntegerField(
        help_text="The year the reporting year starts in: 2023 for 2023-24.")
    vision = models.TextField(blank=True, help_text="The partnership's vision, in one sentence.")
    signed_off_on = models.DateField("Signed off by the lead safeguarding partners on",
                                     null=True, blank=True)
    signed_off_by = models.CharField(
        "Signed off by", max_length=300, blank=True,
        help_text="The lead safeguarding partners (or delegates) who signed it off.")
    published_on = models.DateField(null=True, blank=True)
    published_url = models.URLField("Where it is published", blank=True)

    class Meta:
        ordering = ["-year_start", "partnership__name"]
        constraints = [models.UniqueConstraint(fields=["partnership", "year_start"],
                                               name="one_report_per_partnership_year")]

    def __str__(self) -> str:
        return f"{self.partnership.short_name} yearly report {self.label}"

    @property
    def label(self) -> str:
        return year_label(self.year_start)

    @property
    def starts_on(self) -> datetime.date:
        return datetime.date(self.year_start, 4, 1)

    @property
    def ends_on(self) -> datetime.date:
        return datetime.date(self.year_start + 1, 3, 31)

    def clean(self):
        errors = {}
        if self.published_on and not self.signed_off_on:
            errors["published_on"] = ("Record the lead safeguarding partners' sign-off before "
                                      "the publication date.")
        if self.published_on and self.signed_off_on and self.published_on < self.signed_off_on:
            errors["published_on"] = "Publication cannot be before sign-off."
        if self.signed_off_on and not self.signed_off_by.strip():
            errors["signed_off_by"] = "Say who signed the report off."
        if self.signed_off_on and self.signed_off_on <= self.ends_on - datetime.timedelta(days=31):
            errors["signed_off_on"] = ("Sign-off must come at the end of the reporting year or "
                                       "after it.")
        if errors:
            raise ValidationError(errors)


class NarrativeBlock(TimeStamped, Versioned):
    """A piece of the report written by people: forewords, the scrutineer's statement...
    Body is sanitised HTML (services clean it with nh3). An approval holds for the version it
    was given to: editing the block after approval needs a fresh approval."""

    class Kind(models.TextChoices):
        FOREWORD = "foreword", "Foreword"
        INTRODUCTION = "introduction", "Introduction"
        IMPACT = "impact", "Impact of the partnership's work"
        LITTLE_PROGRESS = "little_progress", "Areas with little or no progress"
        VOICE = "voice", "Feedback from children and families"
        SCRUTINY = "scrutiny", "Independent scrutineer's statement"
        NEXT_YEAR = "next_year", "Looking ahead"

    report = models.ForeignKey(YearlyReport, on_delete=models.CASCADE, related_name="blocks")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    title = models.CharField(max_length=200)
    author = models.CharField(max_length=200, blank=True,
                              help_text="Who wrote it, by role (for example Independent Chair).")
    body = models.TextField(blank=True)
    approved_version = models.PositiveIntegerField(null=True, blank=True)
    approved_by = models.ForeignKey("core.User", on_delete=models.SET_NULL, null=True,
                                    blank=True, related_name="+")
    approved_on = models.DateField(null=True, blank=True)

    ORDER = [k.value for k in Kind]

    class Meta:
        ordering = ["report", "kind", "id"]
        constraints = [models.UniqueConstraint(fields=["report", "kind"],
                                               name="one_block_per_kind")]

    def __str__(self) -> str:
        return self.title

    @property
    def partnership(self):
        return self.report.partnership

    @property
    def is_approved(self) -> bool:
        return self.approved_version is not None and self.approved_version == self.version

    @property
    def has_text(self) -> bool:
        return bool(self.body.strip())


class Priority(TimeStamped, Versioned):
    """A priority of the year (done, impact, next steps) or of the year ahead, with its key
    measures (PriorityMeasure) and planned interventions. `order` is unique within the
    report's priorities of the year (or of the year ahead); services keep it so."""

    report = models.ForeignKey(YearlyReport, on_delete=models.CASCADE, related_name="priorities")
    order = models.PositiveSmallIntegerField(default=1)
    title = models.CharField(max_length=200)
    aim = models.TextField(blank=True)
    lead_partner = models.ForeignKey(Organisation, on_delete=models.SET_NULL, null=True,
                                     blank=True, related_name="+")
    done = models.TextField("What has been done", blank=True)
    impact = models.TextField(blank=True)
    next_steps = models.TextField(blank=True)
    little_progress = models.BooleanField(
        "Little or no progress", default=False,
        help_text="Tick if there was little or no evidence of progress on this priority.")
    for_next_year = models.BooleanField(default=False)
    interventions = models.TextField(
        "Planned interventions", blank=True,
        help_text="One intervention a line.")

    class Meta:
        ordering = ["report", "for_next_year", "order", "id"]
        verbose_name_plural = "priorities"
        constraints = [models.UniqueConstraint(fields=["report", "for_next_year", "order"],
                                               name="one_priority_per_place")]

    def __str__(self) -> str:
        return self.title

    @property
    def partnership(self):
        return self.report.partnership

    @property
    def intervention_list(self) -> list[str]:
        return [line.strip(" -•\t") for line in self.interventions.splitlines()
                if line.strip(" -•\t")]

    @property
    def has_impact(self) -> bool:
        return bool(self.impact.strip())


class PriorityMeasure(TimeStamped):
    """A key measure of a priority: an indicator of the performance framework, national or
    the partnership's own (never another partnership's local one)."""

    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="measures")
    indicator = models.ForeignKey("performance.Indicator", on_delete=models.PROTECT,
                                  related_name="priority_measures")
    note = models.CharField("What it shows", max_length=300, blank=True)

    class Meta:
        ordering = ["priority", "id"]
        constraints = [models.UniqueConstraint(fields=["priority", "indicator"],
                                               name="one_measure_per_indicator")]

    def __str__(self) -> str:
        return f"{self.indicator} for {self.priority}"


class ActivityItem(TimeStamped, Versioned):
    """Something that happened in the year, flagged for the report's month-by-month account
    with its safeguarding impact. It may point at the meeting item it came from."""

    class Kind(models.TextChoices):
        MEETING = "meeting", "Meeting or assurance report"
        REVIEW = "review", "Case review learning"
        EVENT = "event", "Event or conference"
        AUDIT = "audit", "Multi-agency audit"
        TRAINING = "training", "Training"
        COMMUNICATION = "communication", "Communication and engagement"
        VOICE = "voice", "Voice of the child and family"
        SCRUTINY = "scrutiny", "Independent scrutiny"

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT,
                                    related_name="report_activity")
    happened_on = models.DateField()
    kind = models.CharField(max_length=20, choices=Kind.choices)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    safeguarding_impact = models.TextField(blank=True)
    reach = models.PositiveIntegerField(
        "People reached", null=True, blank=True,
        help_text="Practitioners trained or people it was sent to.")
    attendees = models.PositiveIntegerField(
        null=True, blank=True, help_text="For an event or session: how many people attended.")
    facilitators = models.PositiveIntegerField(
        null=True, blank=True,
        help_text="For an event or session: speakers, trainers and organisers running it.")
    agenda_item = models.ForeignKey("governance.AgendaItem", on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="report_activity")

    class Meta:
        ordering = ["happened_on", "id"]
        indexes = [models.Index(fields=["partnership", "happened_on"])]

    def __str__(self) -> str:
        return self.title

    @property
    def people_total(self) -> int | None:
        return people_total(self.attendees, self.facilitators)


def people_total(attendees: int | None, facilitators: int | None) -> int | None:
    """Everyone at an event: attendees and facilitators, counting only what is recorded."""
    if attendees is None and facilitators is None:
        return None
    return (attendees or 0) + (facilitators or 0)


class FinanceYear(TimeStamped, Versioned):
    """A partnership's budget for a financial year. Totals and reserves are computed."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT,
                                    related_name="finance_years")
    year_start = models.PositiveIntegerField()
    # None until recorded: the report says "not recorded" rather than printing £0.
    brought_forward = models.DecimalField("Reserves brought forward (£)", max_digits=12,
                                          decimal_places=2, null=True, blank=True)

    class Meta:
        ordering = ["-year_start"]
        constraints = [models.UniqueConstraint(fields=["partnership", "year_start"],
                                               name="one_finance_year_per_partnership")]

    def __str__(self) -> str:
        return f"{self.partnership.short_name} finance {year_label(self.year_start)}"


class FinanceLine(TimeStamped):
    class Kind(models.TextChoices):
        CONTRIBUTION = "contribution", "Partner contribution"
        OTHER_INCOME = "other_income", "Other income"
        EXPENDITURE = "expenditure", "Expenditure"
        IN_KIND = "in_kind", "In-kind contribution (not in the totals)"

    INCOME = {Kind.CONTRIBUTION, Kind.OTHER_INCOME}

    finance_year = models.ForeignKey(FinanceYear, on_delete=models.CASCADE, related_name="lines")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    # For an in-kind contribution: what was given. It may be recorded without a value.
    label = models.CharField(max_length=200, blank=True)
    organisation = models.ForeignKey(Organisation, on_delete=models.SET_NULL, null=True,
                                     blank=True, related_name="+")
    amount = models.DecimalField("Amount (£)", max_digits=12, decimal_places=2, null=True,
                                 blank=True)

    class Meta:
        ordering = ["finance_year", "kind", "id"]
        constraints = [models.CheckConstraint(
            condition=models.Q(amount__isnull=True) | models.Q(amount__gte=0),
            name="finance_line_amount_not_negative",
            violation_error_message="Enter the amount as a positive number of pounds.")]

    def __str__(self) -> str:
        return self.label

    def clean(self):
        errors = {}
        if self.amount is not None and self.amount < 0:
            errors["amount"] = "Enter the amount as a positive number of pounds."
        if self.kind == self.Kind.IN_KIND:
            if not self.label.strip() and self.organisation_id is None:
                errors["label"] = ("Say what was given, or choose the partner who gave it "
                                   "(or both).")
        else:
            if not self.label.strip():
                errors["label"] = "Enter what the line is for."
            if self.amount is None:
                errors["amount"] = "Enter the amount in pounds."
        if errors:
            raise ValidationError(errors)

    @property
    def describe(self) -> str:
        """An in-kind contribution as the report prints it: what, from whom, its value."""
        text = self.label.strip() or "A contribution"
        if self.organisation_id:
            text += f" from {self.organisation.name}"
        if self.amount is not None:
            text += f" (£{self.amount:,.0f})"
        return text


class PublicationEvent(TimeStamped):
    """Where the published report went: sent to the national Panel, Foundations and others,
    or presented to a committee."""

    class Recipient(models.TextChoices):
        NATIONAL_PANEL = "national_panel", "Child Safeguarding Practice Review Panel"
        FOUNDATIONS = "foundations", "Foundations (What Works Centre)"
        SCRUTINY_PANEL = "scrutiny_panel", "Council scrutiny panel"
        HEALTH_WELLBEING = "health_wellbeing", "Health and wellbeing board"
        OTHER = "other", "Other"

    class How(models.TextChoices):
        SENT = "sent", "Sent"
        PRESENTED = "presented", "Presented"

    report = models.ForeignKey(YearlyReport, on_delete=models.CASCADE,
                               related_name="publication_events")
    recipient_kind = models.CharField(max_length=20, choices=Recipient.choices)
    recipient = models.CharField(max_length=200, help_text="For example the Middlesbrough "
                                 "Children and Families Scrutiny Panel.")
    how = models.CharField(max_length=10, choices=How.choices, default=How.SENT)
    on = models.DateField("Date")

    class Meta:
        ordering = ["report", "on", "id"]

    def __str__(self) -> str:
        return f"{self.get_how_display()} to {self.recipient} on {self.on:%d %B %Y}"


class ReportEvent(models.TextChoices):
    YEAR_END = "year_end", "End of the reporting year"
    PUBLISHED = "published", "Report published"
    SENT_TO_PANEL = "sent_national_panel", "Report sent to the national Panel"
    SENT_TO_FOUNDATIONS = "sent_foundations", "Report sent to Foundations"


YEARLY_REPORT = "yearly_report"
# The yearly report's time limits on the one statutory clock (decision 0017); read by core
# through ReportsConfig.deadline_kinds.
DEADLINE_KINDS = [DeadlineKind(
    key=YEARLY_REPORT, label="Yearly report", perm="reports.manage_deadline_rules",
    events={e.value: e.label for e in ReportEvent},
    phrases={ReportEvent.YEAR_END.value: "the end of the reporting year",
             ReportEvent.PUBLISHED.value: "publication"},
)]


class Guidance(models.TextChoices):
    """Statutory guidance a yearly report is checked against."""

    WT2018 = "wt2018", "Working Together to Safeguard Children 2018"
    WT2023 = "wt2023", "Working Together to Safeguard Children 2023"


# When each edition came into force, oldest first.
GUIDANCE_IN_FORCE = [(datetime.date(2018, 7, 4), Guidance.WT2018),
                     (datetime.date(2023, 12, 15), Guidance.WT2023)]


def guidance_for(report: YearlyReport) -> Guidance:
    """The guidance in force at the end of the reporting year: a year ending before
    December 2023 is checked against Working Together 2018, later years against 2023."""
    in_force = [g for since, g in GUIDANCE_IN_FORCE if since <= report.ends_on]
    return in_force[-1] if in_force else GUIDANCE_IN_FORCE[0][1]


class ChecklistItem(TimeStamped):
    """One statutory content requirement for the yearly report from one edition of Working
    Together, seeded by data migrations. `test` names the check reports.checklist applies."""

    key = models.SlugField(max_length=60, unique=True)
    guidance = models.CharField(max_length=10, choices=Guidance.choices,
                                default=Guidance.WT2023)
    order = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=300)
    source_reference = models.CharField(max_length=300)
    test = models.CharField(max_length=40)

    class Meta:
        ordering = ["guidance", "order"]

    def __str__(self) -> str:
        return self.title


class Publication(TimeStamped):
    """One frozen publication of a yearly report: what the public site serves.

    Publishing assembles the report once (reports.selectors.assemble) and keeps the three
    renderings of that one assembly: the report's HTML body, the tagged PDF and the Word file,
    the files in Django's default storage with their SHA-256. Nothing here is recomputed:
    later edits to the report or to the records change the working draft only. Publishing
    again makes the next version; the public site shows the newest one that is out."""

    report = models.ForeignKey(YearlyReport, on_delete=models.PROTECT,
                               related_name="publications")
    number = models.PositiveIntegerField("Version")
    published_on = models.DateField()
    published_by = models.ForeignKey("core.User", on_delete=models.SET_NULL, null=True,
                                     blank=True, related_name="+")
    note = models.CharField("What changed", max_length=500, blank=True)
    title = models.CharField(max_length=300)
    headlines = models.JSONField(default=list, blank=True,
                                 help_text="The headline figures as published: key, label, "
                                           "value shown.")
    body_html = models.TextField(help_text="The report's HTML body as rendered at publication.")
    pdf = models.FileField(upload_to="reports/published/%Y/")
    pdf_sha256 = models.CharField(max_length=64)
    docx = models.FileField(upload_to="reports/published/%Y/")
    docx_sha256 = models.CharField(max_length=64)

    class Meta:
        ordering = ["report", "-number"]
        constraints = [models.UniqueConstraint(fields=["report", "number"],
                                               name="one_publication_per_report_version")]

    def __str__(self) -> str:
        return f"{self.report} version {self.number}, published {self.published_on:%-d %B %Y}"

    @property
    def partnership(self):
        return self.report.partnership

    def file_name(self, fmt: str) -> str:
        report = self.report
        return (f"{report.partnership.slug}-yearly-report-{report.label}"
                f"-v{self.number}.{fmt}")
