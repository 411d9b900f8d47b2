"""The default statutory clock. Each partnership's business unit can adjust these; an edit
makes a partnership's own copy, so the defaults here stay as they are."""

from django.db import migrations

WT2023 = "Working Together to Safeguard Children 2023, chapter 5"

DEFAULT_RULES = [
    {
        "key": "notify-panel",
        "name": "Serious incident notified to the national Panel",
        "legal_basis": "Children Act 2004, section 16C; " + WT2023,
        "source_note": "The local authority must notify the Child Safeguarding Practice "
                       "Review Panel of a serious incident within 5 working days of "
                       "becoming aware of it.",
        "count": 5, "unit": "working_days", "direction": "after",
        "start_event": "la_aware", "met_event": "panel_notified",
        "applies_to": "serious_incident", "minimum_period": False,
    },
    {
        "key": "rapid-review",
        "name": "Rapid review completed and sent to the Panel",
        "legal_basis": WT2023 + " (rapid reviews)",
        "source_note": "The safeguarding partners should complete a rapid review and send it "
                       "to the Panel within 15 working days of becoming aware of the "
                       "incident.",
        "count": 15, "unit": "working_days", "direction": "after",
        "start_event": "partners_aware", "met_event": "rapid_review_sent",
        "applies_to": "rapid_review", "minimum_period": False,
    },
    {
        "key": "lcspr-published",
        "name": "Local practice review completed and published",
        "legal_basis": WT2023 + " (local child safeguarding practice reviews)",
        "source_note": "A local child safeguarding practice review should be completed and "
                       "published within 6 months of the decision to hold it.",
        "count": 6, "unit": "months", "direction": "after",
        "start_event": "review_decided", "met_event": "published",
        "applies_to": "practice_review", "minimum_period": False,
    },
    {
        "key": "final-report-sent",
        "name": "Final report sent to the Panel and the Secretary of State",
        "legal_basis": WT2023 + " (publication of reviews)",
        "source_note": "The safeguarding partners send the final report to the Panel and the "
                       "Secretary of State at least 7 working days before it is published.",
        "count": 7, "unit": "working_days", "direction": "before",
        "start_event": "published", "met_event": "final_report_sent",
        "applies_to": "practice_review", "minimum_period": False,
    },
    {
        "key": "public-site",
        "name": "Published review kept on the public site",
        "legal_basis": "Local rule of the partnerships (not statutory)",
        "source_note": "The Teesside partnerships keep a published review on their public "
                       "website for 12 months after publication.",
        "count": 12, "unit": "months", "direction": "after",
        "start_event": "published", "met_event": "removed",
        "applies_to": "practice_review", "minimum_period": True,
    },
]


def add_defaults(apps, schema_editor):
    DeadlineRule = apps.get_model("reviews", "DeadlineRule")
    for rule in DEFAULT_RULES:
        DeadlineRule.objects.update_or_create(
            key=rule["key"], partnership=None,
            defaults={k: v for k, v in rule.items() if k != "key"},
        )


def remove_defaults(apps, schema_editor):
    DeadlineRule = apps.get_model("reviews", "DeadlineRule")
    DeadlineRule.objects.filter(
        partnership=None, key__in=[r["key"] for r in DEFAULT_RULES]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("reviews", "0001_initial")]

    operations = [migrations.RunPython(add_defaults, remove_defaults)]
