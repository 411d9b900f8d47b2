"""Reports for tests, made through the services like real ones."""

import datetime

from core.services import system_actor
from reports import services
from reports.models import ActivityItem, NarrativeBlock, YearlyReport


def make_report(partnership, year_start=2023) -> YearlyReport:
    report = YearlyReport.objects.filter(partnership=partnership, year_start=year_start).first()
    return report or services.report_create(actor=system_actor(), partnership=partnership,
                                            year_start=year_start)


def world_report(w, key="report"):
    if key not in w.objects:
        partnership = w.partnership if key == "report" else w.other
        w.objects[key] = make_report(partnership)
    return w.objects[key]


def world_block(w, kind=NarrativeBlock.Kind.FOREWORD):
    report = world_report(w)
    saved = NarrativeBlock.objects.filter(report=report, kind=kind).first()
    return services.block_save(actor=system_actor(), report=report, kind=kind,
                               data={"body": "A fictional foreword for the test report."},
                               expected_version=saved.version if saved else 0)


def add_activity(partnership, **data) -> ActivityItem:
    data = {"happened_on": datetime.date(2023, 10, 5), "kind": ActivityItem.Kind.TRAINING,
            "title": "Fictional neglect training",
            "safeguarding_impact": "Practitioners use the neglect toolkit.", **data}
    return services.activity_add(actor=system_actor(), partnership=partnership, data=data)


def world_activity(w, key="activity"):
    """An activity of the 2023-24 year: alpha's, or beta's for key "beta_activity"."""
    if key not in w.objects:
        w.objects[key] = add_activity(w.other if key.startswith("beta") else w.partnership)
    return w.objects[key]


def published(report, on=datetime.date(2024, 9, 1)):
    """Sign the report off and publish it (a frozen version) on `on`."""
    from core.services import system_actor

    report.signed_off_on, report.signed_off_by = on, "The lead safeguarding partners"
    report.save()
    services.report_publish(actor=system_actor(), report=report, published_on=on)
    report.refresh_from_db()
    return report


def world_publication(w):
    """The world's report, published yesterday (version 1)."""
    from django.utils import timezone

    report = world_report(w)
    if not report.publications.exists():
        published(report, on=timezone.localdate() - datetime.timedelta(days=1))
    return report.publications.order_by("number").first()


def add_priority(report, **data):
    data = {"title": "Fictional neglect priority", **data}
    return services.priority_add(actor=system_actor(), report=report, data=data)


def world_priority(w, key="priority"):
    """A priority of the 2023-24 report: alpha's, or beta's for key "beta_priority"."""
    if key not in w.objects:
        w.objects[key] = add_priority(world_report(w, "beta_report" if key.startswith("beta")
                                                   else "report"))
    return w.objects[key]


def make_indicator(code="T1", partnership=None, **extra):
    from performance.models import Indicator

    defaults = {"name": f"Test indicator {code}", "section": Indicator.Section.SAFE,
                "topic": Indicator.Topic.CHILD_PROTECTION, "unit": Indicator.Unit.COUNT,
                "partnership": partnership, **extra}
    return Indicator.objects.get_or_create(code=code, defaults=defaults)[0]


def world_measure(w):
    if "measure" not in w.objects:
        w.objects["measure"] = services.measure_add(
            actor=system_actor(), report=world_report(w), priority=world_priority(w),
            indicator=make_indicator("WALK1"))
    return w.objects["measure"]
