"""Places were given as count + 1, so a removal followed by an addition could put two
questions in one place. Renumber 1, 2, 3 ... in the order they are shown (place, then id)
before the next migration makes the place unique."""

from django.db import migrations


def renumber(apps, schema_editor):
    for model_name, parent in (("ChallengeQuestion", "event_id"), ("PlanObjective", "plan_id")):
        model = apps.get_model("learning", model_name)
        place, last_parent = 0, None
        for pk, parent_id, order in (model.objects.order_by(parent, "order", "id")
                                     .values_list("pk", parent, "order")):
            place = 1 if parent_id != last_parent else place + 1
            last_parent = parent_id
            if order != place:
                model.objects.filter(pk=pk).update(order=place)


class Migration(migrations.Migration):

    dependencies = [
        ("learning", "0007_recommendation_smart_is_computed"),
    ]

    operations = [
        migrations.RunPython(renumber, migrations.RunPython.noop),
    ]
