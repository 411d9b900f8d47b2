from django.db import migrations

# (key, applies_to, name, count, unit, legal basis, source)
DEFAULTS = [
    ("section-11-return", "section_11_return", "Section 11 return due after the cycle opens",
     3, "months", "Children Act 2004, section 11 (the partnership sets the timetable)",
     "The partnership's Section 11 timetable: returns a term after the cycle opens."),
    ("section-175-return", "section_175_return",
     "Section 175/157 return due after the audit opens", 2, "months",
     "Education Act 2002, sections 175 and 157 (the partnership sets the timetable)",
     "The yearly schools audit: returns within half a term."),
    ("case-audit-return", "case_audit_return",
     "Agency case audit return due after the programme opens", 20, "working_days",
     "Working Together to Safeguard Children (multi-agency quality assurance)",
     "Agencies audit their own records before the audit day."),
]


def add(apps, schema_editor):
    Rule = apps.get_model("core", "DeadlineRule")
    for key, applies_to, name, count, unit, basis, note in DEFAULTS:
        Rule.objects.get_or_create(key=key, partnership=None, defaults={
            "applies_to": applies_to, "name": name, "count": count, "unit": unit,
            "legal_basis": basis, "source_note": note, "direction": "after",
            "start_event": "cycle_opened", "met_event": "return_submitted"})


def remove(apps, schema_editor):
    apps.get_model("core", "DeadlineRule").objects.filter(
        key__in=[d[0] for d in DEFAULTS], partnership=None).delete()


class Migration(migrations.Migration):

    dependencies = [
        ("assurance", "0001_initial"),
        ("core", "0007_deadline_rules_one_model"),
    ]

    operations = [migrations.RunPython(add, remove)]
