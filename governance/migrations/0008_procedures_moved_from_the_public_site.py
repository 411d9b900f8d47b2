"""The procedures the public site kept (edited in the Django admin) move into the register,
row for row, with their partnerships; what changed becomes the first version on record (its
number was never recorded). A next review typed on or before the last review, which the
register refuses, is left for the review rule to set. Adds the default procedure-review rule."""

from django.db import migrations

RULE = {"key": "procedure-review", "name": "Procedure reviewed",
        "legal_basis": "Working Together to Safeguard Children 2023, chapter 2 (the "
                       "partnership's arrangements and procedures kept under review)",
        "source_note": "Three years after the last review is the hub's default; a partnership "
                       "can set its own.",
        "count": 36, "unit": "months", "direction": "after", "start_event": "last_reviewed",
        "met_event": "reviewed", "applies_to": "procedure_review"}


def move(apps, schema_editor):
    Old = apps.get_model("public", "Procedure")
    New = apps.get_model("governance", "Procedure")
    Version = apps.get_model("governance", "ProcedureVersion")
    for old in Old.objects.order_by("pk"):
        next_due = old.next_review_due
        if next_due and old.last_reviewed_on and next_due <= old.last_reviewed_on:
            next_due = None
        new = New.objects.create(
            title=old.title, summary=old.summary, url=old.url, owner_group_id=old.owner_group_id,
            last_reviewed_on=old.last_reviewed_on, next_review_due=next_due,
            published=old.published)
        # Row by row in the link tables: both models name their reverse accessor
        # "procedures", and the historical related manager then writes nothing.
        Link = New.partnerships.through
        Link.objects.bulk_create([
            Link(procedure_id=new.pk, partnership_id=pid)
            for pid in Old.partnerships.through.objects.filter(
                procedure_id=old.pk).values_list("partnership_id", flat=True)])
        if old.what_changed.strip():
            Version.objects.create(procedure=new, number="unnumbered",
                                   adopted_on=old.last_reviewed_on or old.created_at.date(),
                                   what_changed=old.what_changed, url=old.url)


def add_rule(apps, schema_editor):
    Rule = apps.get_model("core", "DeadlineRule")
    if not Rule.objects.filter(key=RULE["key"], partnership__isnull=True).exists():
        Rule.objects.create(**RULE)


def remove_rule(apps, schema_editor):
    apps.get_model("core", "DeadlineRule").objects.filter(
        key=RULE["key"], partnership__isnull=True).delete()


class Migration(migrations.Migration):

    dependencies = [
        ("governance", "0007_procedures_register"),
        ("public", "0001_initial"),
        ("core", "0007_deadline_rules_one_model"),
    ]

    operations = [migrations.RunPython(move, migrations.RunPython.noop),
                  migrations.RunPython(add_rule, remove_rule)]
