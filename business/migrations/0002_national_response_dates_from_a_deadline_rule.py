"""A national item's response date comes from the partnership's deadline rule for national
responses (core.DeadlineRule, kind `national_response`; decision 0036) unless the letter
itself sets one. The default rule is added here; every existing item keeps its date: one
equal to the rule's date follows the rule, any other is kept as the letter's own date, and
an item with none stays "no response asked for"."""

import datetime

from django.db import migrations, models

from core import calendar

RULE = {
    "key": "national-response", "name": "Response to a national letter, review or guidance",
    "legal_basis": "The partnership's own time limit: national letters and reviews seldom "
                   "set one in law",
    "source_note": "The business unit answers (or notes) each national item, after the "
                   "Executive has seen it, within three months of its issue unless the letter "
                   "sets its own date. A partnership can set its own period.",
    "count": 3, "unit": "months", "direction": "after", "start_event": "issued",
    "met_event": "responded", "applies_to": "national_response",
}


def add_rule(apps, schema_editor):
    """The default rule (the tests call it again after emptying a live-server database)."""
    Rule = apps.get_model("core", "DeadlineRule")
    if not Rule.objects.filter(key=RULE["key"], partnership__isnull=True).exists():
        Rule.objects.create(**RULE)


def _due(rule, start: datetime.date) -> datetime.date:
    """core.DeadlineRule.due_date, for the historical model (which has no methods)."""
    n = rule.count if rule.direction == "after" else -rule.count
    if rule.unit == "working_days":
        return calendar.add_working_days(start, n)
    if rule.unit == "calendar_days":
        return start + datetime.timedelta(days=n)
    return calendar.add_months(start, n)


def keep_dates(apps, schema_editor):
    add_rule(apps, schema_editor)
    Rule = apps.get_model("core", "DeadlineRule")
    Item = apps.get_model("business", "NationalItem")
    default = Rule.objects.get(key=RULE["key"], partnership__isnull=True)
    for item in Item.objects.all():
        rule = Rule.objects.filter(key=RULE["key"],
                                   partnership_id=item.partnership_id).first() or default
        if item.letter_due is None:
            item.due_basis = "none"
        elif item.letter_due == _due(rule, item.issued_on):
            item.due_basis, item.letter_due = "rule", None
        else:
            item.due_basis = "letter"
        item.save(update_fields=["due_basis", "letter_due"])


def restore_dates(apps, schema_editor):
    Rule = apps.get_model("core", "DeadlineRule")
    Item = apps.get_model("business", "NationalItem")
    default = Rule.objects.filter(key=RULE["key"], partnership__isnull=True).first()
    for item in Item.objects.filter(due_basis="rule"):
        rule = Rule.objects.filter(key=RULE["key"],
                                   partnership_id=item.partnership_id).first() or default
        item.letter_due = _due(rule, item.issued_on) if rule else None
        item.save(update_fields=["letter_due"])
    Rule.objects.filter(applies_to="national_response").delete()


class Migration(migrations.Migration):

    dependencies = [
        ("business", "0001_initial"),
        ("core", "0007_deadline_rules_one_model"),
    ]

    operations = [
        migrations.RenameField("nationalitem", "response_due", "letter_due"),
        migrations.AlterField(
            model_name="nationalitem", name="letter_due",
            field=models.DateField(blank=True, null=True,
                                   verbose_name="Response date set in the letter")),
        migrations.AddField(
            model_name="nationalitem", name="due_basis",
            field=models.CharField(choices=[
                ("rule", "The partnership's time limit for national items"),
                ("letter", "A date the letter itself sets"),
                ("none", "No response asked for")],
                default="rule", max_length=10, verbose_name="Response due")),
        migrations.RunPython(keep_dates, restore_dates),
    ]
