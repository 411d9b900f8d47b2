"""Default time limits for a training place: the evaluation within 5 working days of the
session, the impact follow-up within 3 months (decision 0017; a partnership may change its
own)."""

from django.db import migrations

DEFAULT_RULES = [
    {"key": "training-evaluation", "name": "Evaluation sent after the session",
     "legal_basis": "Partnership's training evaluation policy",
     "source_note": "Every participant completes an evaluation so the impact on their "
                    "practice can be reported to the Executive (STSCP yearly report 2023-24).",
     "count": 5, "unit": "working_days", "direction": "after",
     "start_event": "session_ended", "met_event": "evaluated", "applies_to": "training_place"},
    {"key": "training-impact-follow-up", "name": "Impact follow-up some months later",
     "legal_basis": "Working Together: the yearly report shows the impact of training",
     "source_note": "Feedback straight after a course shows satisfaction, not impact: the "
                    "follow-up asks whether practice changed.",
     "count": 3, "unit": "months", "direction": "after",
     "start_event": "session_ended", "met_event": "followed_up",
     "applies_to": "training_place"},
]


def add_defaults(apps, schema_editor):
    Rule = apps.get_model("core", "DeadlineRule")
    for rule in DEFAULT_RULES:
        if not Rule.objects.filter(key=rule["key"], partnership__isnull=True).exists():
            Rule.objects.create(**rule)


class Migration(migrations.Migration):

    dependencies = [
        ("training", "0001_initial"),
        ("core", "0007_deadline_rules_one_model"),
    ]

    operations = [migrations.RunPython(add_defaults, migrations.RunPython.noop)]
