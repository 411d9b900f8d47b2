from django.db import migrations

ITEMS = [
    ("wt2023", "wt2023-assurance", 50,
     "Evidence of the impact of the partners' work on multi-agency practice from the year's "
     "quality assurance: the case audits, Section 11 and Section 175/157 returns, their "
     "findings and what changed",
     "Working Together to Safeguard Children 2023, chapter 2 (the yearly report: evidence of "
     "impact; multi-agency quality assurance)"),
]


def add(apps, schema_editor):
    Item = apps.get_model("reports", "ChecklistItem")
    for guidance, key, order, title, source in ITEMS:
        Item.objects.update_or_create(key=key, defaults={
            "guidance": guidance, "order": order, "title": title, "source_reference": source,
            "test": "assurance"})


def remove(apps, schema_editor):
    apps.get_model("reports", "ChecklistItem").objects.filter(
        key__in=[i[1] for i in ITEMS]).delete()


class Migration(migrations.Migration):

    dependencies = [("reports", "0010_deadline_rules_one_model")]

    operations = [migrations.RunPython(add, remove)]
