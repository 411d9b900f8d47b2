from django import forms

from core.forms import DateInput, HubDateField, HubForm, VersionField
from core.tabular import check_table_file

from .models import FinanceLine


def _pounds(label: str, **kwargs) -> forms.DecimalField:
    return forms.DecimalField(
        label=label, required=False, min_value=0, decimal_places=2, max_digits=12,
        error_messages={"min_value": f"Enter {label.lower().replace(' (£)', '')} as a "
                                     "positive number of pounds, not a negative one"},
        **kwargs)


class YearCreateForm(HubForm):
    year_start = forms.IntegerField(
        label="Financial year starting in", min_value=2000, max_value=2100,
        help_text="The year the financial year starts in: 2024 for 1 April 2024 to 31 March "
                  "2025")
    brought_forward = _pounds(
        "Reserves brought forward (£)",
        help_text="Leave empty if the year before is closed in the hub: its carried-forward "
                  "reserve is used")


class YearForm(HubForm):
    brought_forward = _pounds("Reserves brought forward (£)")
    published_income = _pounds(
        "Published total income (£)",
        help_text="As the partnership's report or budget paper printed it; the hub checks it "
                  "against the lines")
    published_expenditure = _pounds("Published total expenditure (£)")
    published_balance = forms.DecimalField(
        label="Published balance for the year (£)", required=False, decimal_places=2,
        max_digits=12, help_text="Income less expenditure; it may be negative")
    published_carried_forward = _pounds("Published reserves carried forward (£)")
    notes = forms.CharField(label="Notes", required=False,
                            widget=forms.Textarea(attrs={"rows": 3}))
    version = VersionField()


class LineForm(HubForm):
    kind = forms.ChoiceField(label="Kind of line", choices=FinanceLine.Kind.choices)
    category = forms.ChoiceField(
        label="Category", required=False,
        choices=[("", "Not spending")] + list(FinanceLine.Category.choices),
        help_text="Spending only: what the money was spent on")
    label = forms.CharField(
        label="Line", max_length=200, required=False,
        help_text="For example Development Manager. For an in-kind contribution, what was "
                  "given")
    organisation = forms.ModelChoiceField(
        queryset=None, required=False, label="Partner",
        help_text="For a contribution, the partner paying it; for an in-kind contribution, "
                  "who gave it")
    amount = _pounds("Amount (£)",
                     help_text="For a contribution, the amount agreed. An in-kind "
                               "contribution can be recorded without a value")
    received = _pounds("Received (£)", help_text="Contributions only: how much has arrived")
    received_on = HubDateField(label="Date received", required=False, widget=DateInput(),
                               past_only=True)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind == FinanceLine.Kind.EXPENDITURE and not data.get("category") \
                and "category" not in self.errors:
            self.add_error("category", "Choose the category of the spending")
        return data


class VersionOnlyForm(HubForm):
    """Closing or reopening a year: the version the page showed."""

    version = VersionField()


class BudgetImportForm(HubForm):
    file = forms.FileField(
        label="Budget file",
        help_text="CSV or Excel (XLSX) with the columns kind, category, line, partner, "
                  "amount, received and received_on")

    def clean_file(self):
        return check_table_file(self.cleaned_data["file"])
