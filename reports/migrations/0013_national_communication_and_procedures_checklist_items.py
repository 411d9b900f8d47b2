"""Three more Working Together 2023 checklist items the partnership's records now answer
(issue 14): responses to national reviews and letters, communication, and procedures with
the threshold document. Items are shared by every partnership, so existing ones get them."""

from django.db import migrations

WT = "Working Together to Safeguard Children 2023, chapter 2, "

ITEMS = [
    ("wt2023-national", 60,
     "Decisions and actions taken on national child safeguarding practice reviews, letters "
     "and guidance from government and the national Panel, answered on time",
     WT + "yearly report (national reviews' recommendations); chapter 5 (the national "
     "Panel)", "national"),
    ("wt2023-communication", 70,
     "How the partners communicated with practitioners, agencies and the public, and whom "
     "it reached",
     WT + "yearly report (multi-agency working and engagement)", "communication"),
    ("wt2023-procedures", 80,
     "Multi-agency procedures and the threshold document kept under review, with what "
     "changed",
     WT + "multi-agency safeguarding arrangements (the threshold document and local "
     "procedures)", "procedures"),
]


def add(apps, schema_editor):
    Item = apps.get_model("reports", "ChecklistItem")
    for key, order, title, source, test in ITEMS:
        Item.objects.update_or_create(key=key, defaults={
            "guidance": "wt2023", "order": order, "title": title, "source_reference": source,
            "test": test})


def remove(apps, schema_editor):
    apps.get_model("reports", "ChecklistItem").objects.filter(
        key__in=[i[0] for i in ITEMS]).delete()


class Migration(migrations.Migration):

    dependencies = [("reports", "0012_finance_moves_to_the_finance_app")]

    operations = [migrations.RunPython(add, remove)]
