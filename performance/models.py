"""The performance management framework: indicators, data returns, values, benchmarks, targets."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from core.models import Area, Organisation, Partnership, TimeStamped, Versioned


class IndicatorQuerySet(models.QuerySet):
    def visible_in(self, partnership):
        """The national catalogue and the partnership's own local indicators."""
        pk = getattr(partnership, "pk", partnership)
        return self.filter(models.Q(partnership__isnull=True) | models.Q(partnership_id=pk))

    def visible_in_any(self, partnership_ids):
        return self.filter(models.Q(partnership__isnull=True)
                           | models.Q(partnership_id__in=list(partnership_ids)))


class Indicator(TimeStamped, Versioned):
    """An indicator of the catalogue: national (no partnership; changed only by the national
    catalogue administrator) or a partnership's own local one (seen only by it).
    See docs/decisions/0009-national-indicator-catalogue.md."""

    class Section(models.TextChoices):
        HEALTHY_LIVES = "healthy_lives", "Healthy lives"
        RIGHT_SUPPORT = "right_support", "Right support at the right time"
        SAFE = "safe", "Safe"

    class Topic(models.TextChoices):
        FRONT_DOOR = "front_door", "Front door and early help"
        CHILD_PROTECTION = "child_protection", "Child protection"
        CHILDREN_IN_CARE = "children_in_care", "Children in care"
        EXPLOITATION_MISSING = "exploitation_missing", "Exploitation and missing"
        DOMESTIC_ABUSE = "domestic_abuse", "Domestic abuse"
        MENTAL_HEALTH = "mental_health", "Mental health"
        A_AND_E = "a_and_e", "A&E attendances"
        WORKFORCE = "workforce", "Allegations and workforce"
        EDUCATION = "education", "Education"

    class Unit(models.TextChoices):
        COUNT = "count", "Count"
        PERCENTAGE = "percentage", "Percentage"
        RATE_10K = "rate_10k", "Rate per 10,000 children"
        RATE_100K = "rate_100k", "Rate per 100,000"
        RANK = "rank", "Rank"
        AVERAGE = "average", "Average"

    class Polarity(models.TextChoices):
        HIGHER = "higher", "Higher is better"
        LOWER = "lower", "Lower is better"
        NEITHER = "neither", "Neither"

    class Frequency(models.TextChoices):
        MONTHLY = "monthly", "Monthly"
        QUARTERLY = "quarterly", "Quarterly"
        YEARLY = "yearly", "Yearly"

    # Null: a national indicator, shared by every partnership.
    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, null=True, blank=True, related_name="indicators",
        help_text="Left empty for a national indicator; set for a partnership's local one")
    code = models.CharField(max_length=40, unique=True)
    name = models.CharField(max_length=200)
    definition = models.TextField(blank=True)
    section = models.CharField(max_length=20, choices=Section.choices)
    topic = models.CharField(max_length=30, choices=Topic.choices)
    unit = models.CharField(max_length=20, choices=Unit.choices)
    polarity = models.CharField(max_length=10, choices=Polarity.choices, default=Polarity.NEITHER)
    source_organisation = models.CharField(max_length=200, blank=True)
    # Which agencies may send it: an organisation of this kind (or the organisation named
    # above). Anything else is sent by the business unit.
    source_kind = models.CharField(
        "Kind of organisation that sends it", max_length=20, blank=True,
        choices=Organisation.Kind.choices,
        help_text="Agency leads of this kind of organisation may send the figure; leave "
                  "empty if only the business unit sends it")
    frequency = models.CharField(max_length=10, choices=Frequency.choices,
                                 default=Frequency.QUARTERLY)
    # A rate per 10,000 is checked against the count it is computed from.
    count_indicator = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="rates",
        help_text="For a rate: the count indicator it is computed from",
    )
    # Counts of children shown in the "village of 100 children" view.
    village_label = models.CharField(
        max_length=80, blank=True,
        help_text="For a count of children: how the village view names them, e.g. 'on a child protection plan'",
    )

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        ordering = ["section", "topic", "code"]
        permissions = [("change_national_indicator",
                        "Can change the national indicator catalogue")]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def clean(self):
        super().clean()
        count = self.count_indicator
        if count is not None and count.partnership_id not in (None, self.partnership_id):
            raise ValidationError({"count_indicator": "Choose a national indicator or one of "
                                                      "this partnership's own."})

    @property
    def is_national(self) -> bool:
        return self.partnership_id is None

    def sent_by(self, organisation) -> bool:
        """Whether `organisation` is a source of this indicator's figures."""
        if self.source_kind and organisation.kind == self.source_kind:
            return True
        source = self.source_organisation.strip().casefold()
        return bool(source) and organisation.name.strip().casefold() == source


class DataReturn(TimeStamped):
    """One submission of values: who sent it, when and how. Values point back at it."""

    class Method(models.TextChoices):
        FORM = "form", "Form"
        UPLOAD = "upload", "Upload (CSV / XLSX)"
        API = "api", "API"
        DEMO = "demo", "Demo data"

    class Status(models.TextChoices):
        PENDING = "pending", "Awaiting confirmation of warnings"
        SAVED = "saved", "Saved"
        DISCARDED = "discarded", "Discarded"

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT,
                                    related_name="data_returns")
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                     null=True, blank=True, related_name="data_returns")
    method = models.CharField(max_length=10, choices=Method.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SAVED)
    filename = models.CharField(max_length=200, blank=True)
    row_count = models.PositiveIntegerField(default=0)
    synthetic = models.BooleanField(default=False, help_text="Generated demo data, not real figures")
    # While pending: the checked rows and the warnings the sender must confirm.
    pending_rows = models.JSONField(default=list, blank=True)
    warnings = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        from core.templatetags.hub import count_noun

        return (f"Data return {self.pk} ({self.get_method_display()}, "
                f"{count_noun(self.row_count, 'row')})")


class IndicatorValue(TimeStamped):
    """The current value for one area, indicator and period."""

    class PeriodType(models.TextChoices):
        YEAR = "year", "Financial year"
        QUARTER = "quarter", "Quarter"
        MONTH = "month", "Month"

    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="values")
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="indicator_values")
    period = models.CharField(max_length=12, help_text="2021-22, 2021-22 Q3 or 2024-03")
    period_type = models.CharField(max_length=10, choices=PeriodType.choices)
    period_start = models.DateField()
    value = models.DecimalField(max_digits=14, decimal_places=4)
    note = models.CharField(max_length=500, blank=True)
    synthetic = models.BooleanField(default=False)
    data_return = models.ForeignKey(DataReturn, on_delete=models.PROTECT, related_name="values")
    # Derived when values are saved (performance.derived; decision 0032), so pages read
    # them instead of recomputing a series on every view.
    previous_value = models.DecimalField(max_digits=14, decimal_places=4, null=True,
                                         blank=True, editable=False)
    year_before_value = models.DecimalField(max_digits=14, decimal_places=4, null=True,
                                            blank=True, editable=False)
    spc = models.JSONField(null=True, blank=True, editable=False)
    newest = models.BooleanField(default=False, editable=False)

    class Meta:
        ordering = ["indicator", "area", "period_start"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "area", "period"],
                                    name="one_value_per_indicator_area_period")
        ]
        indexes = [
            # Ranks compare every area's value in one period: read from this index alone.
            models.Index(fields=["period", "indicator", "value"]),
            models.Index(fields=["area", "period_type", "period_start"]),
            # The scorecard's newest period and the exceptions page read only these.
            models.Index(fields=["area", "indicator"], condition=models.Q(newest=True),
                         name="newest_value_per_area"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.area.ons_code} {self.period}: {self.value}"


class ValueCorrection(models.Model):
    """The value a correction replaced, and the return that had sent it."""

    # PROTECT: a value's corrections are its history; deleting the value never takes them.
    value = models.ForeignKey(IndicatorValue, on_delete=models.PROTECT, related_name="corrections")
    previous_value = models.DecimalField(max_digits=14, decimal_places=4)
    previous_note = models.CharField(max_length=500, blank=True)
    previous_return = models.ForeignKey(DataReturn, on_delete=models.PROTECT, related_name="+")
    corrected_by = models.ForeignKey(DataReturn, on_delete=models.PROTECT,
                                     related_name="corrections")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["value", "-at", "-id"]

    def __str__(self) -> str:
        return f"{self.value_id}: was {self.previous_value}"


class Benchmark(TimeStamped):
    class Kind(models.TextChoices):
        ENGLAND = "england", "England"
        REGION = "region", "Region"
        NEIGHBOURS = "neighbours", "Statistical neighbours"

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="benchmarks")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    period = models.CharField(max_length=12)
    value = models.DecimalField(max_digits=14, decimal_places=4)
    source = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["indicator", "period", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "kind", "period"],
                                    name="one_benchmark_per_kind_period")
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.get_kind_display()} {self.period}: {self.value}"


class Target(TimeStamped):
    """A partnership's target for an indicator; within tolerance of it is amber."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE,
                                    related_name="indicator_targets")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    value = models.DecimalField(max_digits=14, decimal_places=4)
    tolerance = models.DecimalField(max_digits=14, decimal_places=4, default=0)

    class Meta:
        ordering = ["partnership", "indicator"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "indicator"],
                                    name="one_target_per_partnership_indicator")
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} target {self.value} ± {self.tolerance}"
