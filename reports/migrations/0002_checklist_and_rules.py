"""The Working Together 2023 contents checklist for the yearly report, and the default
time limits on publishing and circulating it."""

from django.db import migrations

WT = "Working Together to Safeguard Children 2023, chapter 2, "

CHECKLIST = [
    ("impact-evidence", "Evidence of the impact of the work of the safeguarding partners and "
     "relevant agencies, including training, on outcomes for children and families",
     WT + "yearly report (evidence of impact, including training)", "impact"),
    ("little-progress", "An analysis of any areas where there has been little or no evidence "
     "of progress on agreed priorities",
     WT + "yearly report (areas of little or no progress)", "little_progress"),
    ("review-recommendations", "Decisions and actions taken on the recommendations of local "
     "and national child safeguarding practice reviews, and the improvements that followed",
     WT + "yearly report; chapter 5 (child safeguarding practice reviews)", "reviews"),
    ("voice", "How feedback from children and families was sought and used to inform the "
     "partners' work and influence services",
     WT + "yearly report (feedback from children and families)", "voice"),
    ("funding", "Contributions to and use of the partnership's funding",
     WT + "yearly report (funding); Children Act 2004 section 16I", "funding"),
    ("scrutiny", "Independent scrutiny of the arrangements, and its conclusion",
     WT + "independent scrutiny and the yearly report", "scrutiny"),
    ("sign-off", "Signed off by the lead safeguarding partners",
     WT + "lead safeguarding partners' responsibilities", "sign_off"),
    ("publication", "Published, and sent to the Child Safeguarding Practice Review Panel and "
     "Foundations, within the configured periods",
     WT + "yearly report (publication and sending); Children Act 2004 section 16G",
     "publication"),
]

RULES = [
    {"key": "report-published", "name": "Yearly report published",
     "legal_basis": "Children Act 2004 section 16G; Working Together 2023, chapter 2",
     "source_note": "Partners must publish a report at least once in every 12-month period. "
                    "Six months after the end of the reporting year (30 September) is the "
                    "hub's default; a partnership can set its own.",
     "count": 6, "unit": "months", "start_event": "year_end", "met_event": "published"},
    {"key": "report-sent-national-panel", "name": "Report sent to the national Panel",
     "legal_basis": "Working Together 2023, chapter 2 (yearly report)",
     "source_note": "Send a copy to the Child Safeguarding Practice Review Panel within "
                    "seven days of publication.",
     "count": 7, "unit": "calendar_days", "start_event": "published",
     "met_event": "sent_national_panel"},
    {"key": "report-sent-foundations", "name": "Report sent to Foundations",
     "legal_basis": "Working Together 2023, chapter 2 (yearly report)",
     "source_note": "Send a copy to Foundations (the What Works Centre for children and "
                    "families) within seven days of publication.",
     "count": 7, "unit": "calendar_days", "start_event": "published",
     "met_event": "sent_foundations"},
]


def add_checklist(apps, schema_editor):
    """The checklist items (the tests call it again after emptying a live-server database;
    the rules now live in core, migration 0007)."""
    Item = apps.get_model("reports", "ChecklistItem")
    for order, (key, title, source, test) in enumerate(CHECKLIST, start=1):
        Item.objects.update_or_create(
            key=key, defaults={"order": order, "title": title, "source_reference": source,
                               "test": test})


def add_defaults(apps, schema_editor):
    add_checklist(apps, schema_editor)
    Rule = apps.get_model("reports", "ReportDeadlineRule")
    for rule in RULES:
        if not Rule.objects.filter(key=rule["key"], partnership__isnull=True).exists():
            Rule.objects.create(**rule)


def remove_defaults(apps, schema_editor):
    apps.get_model("reports", "ChecklistItem").objects.all().delete()
    apps.get_model("reports", "ReportDeadlineRule").objects.filter(
        partnership__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_initial")]
    operations = [migrations.RunPython(add_defaults, remove_defaults)]
