"""Budgets recorded on the yearly report's finance page move here, row for row: each year
with its reserves and each line with its kind, label, partner and amount. The report kept no
spending category: its spending lines become "Other" until the business unit sorts them."""

from django.db import migrations


def copy_budgets(apps, schema_editor):
    OldYear = apps.get_model("reports", "FinanceYear")
    OldLine = apps.get_model("reports", "FinanceLine")
    Year = apps.get_model("finance", "FinanceYear")
    Line = apps.get_model("finance", "FinanceLine")
    years = {}
    for old in OldYear.objects.order_by("pk"):
        years[old.pk] = Year.objects.create(
            partnership_id=old.partnership_id, year_start=old.year_start,
            brought_forward=old.brought_forward, version=old.version)
    Line.objects.bulk_create([
        Line(finance_year=years[old.finance_year_id], kind=old.kind,
             category="other" if old.kind == "expenditure" else "",
             label=old.label, organisation_id=old.organisation_id, amount=old.amount)
        for old in OldLine.objects.order_by("pk")])


def copy_back(apps, schema_editor):
    OldYear = apps.get_model("reports", "FinanceYear")
    OldLine = apps.get_model("reports", "FinanceLine")
    Year = apps.get_model("finance", "FinanceYear")
    for year in Year.objects.order_by("pk"):
        old = OldYear.objects.create(partnership_id=year.partnership_id,
                                     year_start=year.year_start,
                                     brought_forward=year.brought_forward)
        OldLine.objects.bulk_create([
            OldLine(finance_year=old, kind=line.kind, label=line.label,
                    organisation_id=line.organisation_id, amount=line.amount)
            for line in year.lines.order_by("pk")])


class Migration(migrations.Migration):

    dependencies = [
        ("finance", "0001_budget_by_financial_year"),
        ("reports", "0009_database_constraints"),
    ]

    operations = [migrations.RunPython(copy_budgets, copy_back)]
