"""The partnership's budget by financial year (1 April to 31 March): partner contributions
(agreed and received), other income, spending by category, in-kind contributions and
reserves. No total is stored: finance.selectors computes every total and balance. The
figures a partnership published are kept as typed, so the hub can show where they disagree
with the sum of their lines."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from core.models import Organisation, Partnership, TimeStamped, Versioned

MONEY = {"max_digits": 12, "decimal_places": 2, "null": True, "blank": True}


def year_label(year_start: int) -> str:
    return f"{year_start}-{(year_start + 1) % 100:02d}"


class FinanceYear(TimeStamped, Versioned):
    """A partnership's budget for one financial year. Open while lines are recorded; closed
    when the year's accounts are final, which carries its reserve into the next year."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT,
                                    related_name="finance_years")
    year_start = models.PositiveIntegerField(
        "Financial year", help_text="The year it starts in: 2024 for 2024-25.")
    # None until recorded: the report says "not recorded" rather than printing £0.
    brought_forward = models.DecimalField("Reserves brought forward (£)", **MONEY)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    closed_on = models.DateField(null=True, blank=True)
    # What the partnership published (its report or budget paper), as typed; checked
    # against the lines, never used as a total.
    published_income = models.DecimalField("Published total income (£)", **MONEY)
    published_expenditure = models.DecimalField("Published total expenditure (£)", **MONEY)
    published_balance = models.DecimalField("Published balance for the year (£)", **MONEY)
    published_carried_forward = models.DecimalField("Published reserves carried forward (£)",
                                                    **MONEY)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["partnership", "-year_start"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "year_start"],
                                    name="finance_one_year_per_partnership"),
            models.CheckConstraint(
                condition=Q(brought_forward__isnull=True) | Q(brought_forward__gte=0),
                name="finance_brought_forward_not_negative",
                violation_error_message="Enter the reserves as a positive number of pounds."),
        ]

    def __str__(self) -> str:
        return f"{self.partnership.short_name} budget {self.label}"

    @property
    def label(self) -> str:
        return year_label(self.year_start)

    @property
    def is_closed(self) -> bool:
        return self.status == self.Status.CLOSED


class FinanceLine(TimeStamped):
    """One line of a year's budget. A contribution is agreed (amount) and received
    (received, received_on); spending has a category; an in-kind contribution says what was
    given and by whom, its value optional and never in the totals."""

    class Kind(models.TextChoices):
        CONTRIBUTION = "contribution", "Partner contribution"
        OTHER_INCOME = "other_income", "Other income"
        EXPENDITURE = "expenditure", "Expenditure"
        IN_KIND = "in_kind", "In-kind contribution (not in the totals)"

    class Category(models.TextChoices):
        STAFFING = "staffing", "Staffing"
        STAFF_DEVELOPMENT = "staff_development", "Staff training and conferences"
        TRAVEL = "travel", "Travel and transport"
        SUBSCRIPTIONS = "subscriptions", "Fees, grants and subscriptions"
        TRAINING = "training", "Multi-agency training and events"
        REVIEWS = "reviews", "Safeguarding practice reviews"
        SCRUTINY = "scrutiny", "Scrutiny, audit and critical friends"
        SUPPLIES = "supplies", "Supplies and support services"
        OTHER = "other", "Other"

    INCOME = {Kind.CONTRIBUTION, Kind.OTHER_INCOME}

    finance_year = models.ForeignKey(FinanceYear, on_delete=models.CASCADE, related_name="lines")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    category = models.CharField(max_length=20, choices=Category.choices, blank=True,
                                help_text="What the money was spent on (spending only).")
    # For an in-kind contribution: what was given. It may be recorded without a value.
    label = models.CharField("Line", max_length=200, blank=True)
    organisation = models.ForeignKey(Organisation, on_delete=models.SET_NULL, null=True,
                                     blank=True, related_name="+")
    # A contribution's agreed amount; the amount of any other line.
    amount = models.DecimalField("Amount (£)", **MONEY)
    received = models.DecimalField("Received (£)", **MONEY)
    received_on = models.DateField("Date received", null=True, blank=True)

    class Meta:
        ordering = ["finance_year", "kind", "category", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gte=0),
                name="finance_line_amount_positive",
                violation_error_message="Enter the amount as a positive number of pounds."),
            models.CheckConstraint(
                condition=Q(received__isnull=True) | Q(received__gte=0),
                name="finance_line_received_positive",
                violation_error_message="Enter the amount received as a positive number "
                                        "of pounds."),
            models.CheckConstraint(
                condition=~Q(kind="expenditure") | ~Q(category=""),
                name="finance_spending_has_a_category",
                violation_error_message="Choose the category of the spending."),
        ]

    def __str__(self) -> str:
        return self.describe

    @property
    def partnership(self):
        return self.finance_year.partnership

    @property
    def name(self) -> str:
        """The line as a table shows it: its label, else the partner's name."""
        if self.label.strip():
            return self.label.strip()
        return self.organisation.name if self.organisation_id else ""

    def clean(self):
        errors = {}
        for name in ("amount", "received"):
            value = getattr(self, name)
            if value is not None and value < 0:
                errors[name] = ("Enter the amount as a positive number of pounds, not a "
                                "negative one.")
        if self.kind == self.Kind.EXPENDITURE and not self.category:
            errors["category"] = "Choose the category of the spending."
        if self.kind != self.Kind.EXPENDITURE and self.category:
            errors["category"] = "Only spending has a category; leave it empty."
        if self.kind != self.Kind.CONTRIBUTION and (self.received is not None
                                                    or self.received_on is not None):
            errors["received"] = "Only a partner contribution is agreed and received."
        if self.received_on is not None and self.received is None:
            errors["received"] = "Enter the amount received on that date."
        if self.kind == self.Kind.IN_KIND:
            if not self.label.strip() and self.organisation_id is None:
                errors["label"] = ("Say what was given, or choose the partner who gave it "
                                   "(or both).")
        else:
            if not self.label.strip() and not (self.kind == self.Kind.CONTRIBUTION
                                               and self.organisation_id):
                errors["label"] = ("Enter what the line is for"
                                   + (", or choose the partner." if self.kind ==
                                      self.Kind.CONTRIBUTION else "."))
            if self.amount is None:
                errors["amount"] = ("Enter the agreed amount in pounds."
                                    if self.kind == self.Kind.CONTRIBUTION
                                    else "Enter the amount in pounds.")
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
