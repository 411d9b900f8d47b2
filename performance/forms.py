from django import forms
from django.core.exceptions import ValidationError

from core.forms import HubForm, HubModelForm, VersionField
from core.tabular import check_table_file

from . import analysis
from .models import Indicator


def _area_label(area) -> str:
    """An area as a chooser names it: a geography that is not a council's says what it is."""
    if area.kind == area.Kind.COUNCIL:
        return area.name
    return f"{area.name}, {area.get_kind_display().lower()}"


class ValueForm(HubForm):
    """One value, typed in."""

    indicator = forms.ModelChoiceField(queryset=Indicator.objects.none(), label="Indicator",
                                       to_field_name="code")
    area = forms.ChoiceField(label="Area")
    period = forms.CharField(label="Period", max_length=12,
                             help_text="A financial year (2021-22), a quarter (2021-22 Q3) or a "
                                       "month (2024-03)")
    value = forms.CharField(label="Value", max_length=30,
                            help_text="A number. Percentages as 0 to 100, without the % sign")
    note = forms.CharField(label="Note (optional)", required=False, max_length=500,
                           widget=forms.Textarea(attrs={"rows": 2}))
    confirm = forms.BooleanField(
        label="I have checked the warning and the value is right", required=False)

    def __init__(self, *args, areas=(), partnership=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = Indicator.objects.visible_in(
            partnership).order_by("code")
        self.fields["area"].choices = [("", "Choose an area")] + [
            (a.ons_code, _area_label(a) + f" ({a.ons_code})") for a in areas]
        self._style()

    def clean_period(self):
        try:
            return analysis.reported_period(self.cleaned_data["period"]).label
        except ValueError as error:
            raise ValidationError(str(error)) from None

    def clean_value(self):
        try:
            analysis.figure_value(self.cleaned_data["value"])
        except ValueError as error:
            raise ValidationError(str(error)) from None
        return self.cleaned_data["value"]

    def as_row(self) -> dict:
        data = self.cleaned_data
        return {"indicator_code": data["indicator"].code, "area_code": data["area"],
                "period": data["period"], "value": data["value"], "note": data["note"]}


class UploadForm(HubForm):
    file = forms.FileField(
        label="Data return file",
        help_text="CSV or Excel (XLSX) with the columns indicator_code, area_code, period, "
                  "value and, optionally, note",
    )

    def clean_file(self):
        return check_table_file(self.cleaned_data["file"])


class CatalogueImportForm(HubForm):
    file = forms.FileField(
        label="Catalogue file",
        help_text="CSV or Excel (XLSX) with the columns of the catalogue download",
    )

    def clean_file(self):
        return check_table_file(self.cleaned_data["file"])


class IndicatorForm(HubModelForm):
    class Meta:
        model = Indicator
        fields = ["code", "name", "definition", "section", "topic", "unit", "polarity",
                  "source_organisation", "source_kind", "frequency", "count_indicator",
                  "village_label"]
        widgets = {"definition": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, partnership=None, **kwargs):
        super().__init__(*args, **kwargs)
        # A local indicator may be computed from a national count or one of its own.
        owner = self.instance.partnership if self.instance.pk else partnership
        self.fields["count_indicator"].queryset = Indicator.objects.visible_in(owner)
        self.instance.partnership = owner


class IndicatorEditForm(IndicatorForm):
    version = VersionField()


class ScorecardForm(HubForm):
    area = forms.ChoiceField(label="Area")
    period = forms.ChoiceField(label="Period", required=False)

    def __init__(self, *args, areas=(), periods=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = [(a.ons_code, _area_label(a)) for a in areas]
        self.fields["period"].choices = [(p, p) for p in periods]
        self._style()


class TargetForm(HubForm):
    value = forms.DecimalField(label="Target", max_digits=14, decimal_places=4,
                               help_text="On or better than this is green")
    tolerance = forms.DecimalField(label="Tolerance", max_digits=14, decimal_places=4,
                                   min_value=0, initial=0,
                                   help_text="Worse than the target by up to this much is "
                                             "amber; beyond it, red")


class PopulationImportForm(HubForm):
    file = forms.FileField(
        label="File of mid-year estimates",
        help_text="CSV or Excel (XLSX) with the columns area_code (the area's code), year and "
                  "children (the population aged 0 to 17)",
    )
    source = forms.CharField(label="Source", required=False, max_length=200,
                             help_text="e.g. ONS mid-year population estimates, June 2021")

    def clean_file(self):
        return check_table_file(self.cleaned_data["file"])
