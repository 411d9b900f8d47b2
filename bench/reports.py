"""Yearly report benchmark: a full year of records for one partnership, on top of the
national performance data set, then the time to assemble and render each format.

The year (2023-24) is deterministic: groups meeting on their cadence with agenda items
flagged for the report, serious incidents with rapid reviews, practice reviews with
learning events, a combined action plan of thousands of actions, a hundred activity items,
finance, narrative, priorities and the publication log, and yearly figures for every
indicator in the partnership's areas (this year and last, so changes are computed)."""

from __future__ import annotations

import datetime
import random
import statistics
import time
from decimal import Decimal

YEAR = 2023
SEED = 2324


def build_year(partnership, *, meetings=60, incidents=12, reviews=6, actions=3000,
               activities=120) -> None:
    from django.db import transaction
    from django.utils import timezone

    from core.models import Area, Organisation
    from finance.models import FinanceLine, FinanceYear
    from governance.models import AgendaItem, Group, Meeting
    from learning.models import Action, Source
    from performance.models import DataReturn, Indicator, IndicatorValue
    from reports.models import (
        ActivityItem,
        NarrativeBlock,
        Priority,
        PublicationEvent,
        YearlyReport,
    )
    from reviews.models import LearningEvent, PracticeReview, RapidReview, SeriousIncident

    rng = random.Random(SEED)
    start = datetime.date(YEAR, 4, 1)
    tz = timezone.get_current_timezone()
    with transaction.atomic():
        orgs = Organisation.objects.bulk_create([
            Organisation(name=f"{partnership.slug} {kind} {i}", kind=kind)
            for i, kind in enumerate(["local_authority", "police", "icb"]
                                     + ["relevant_agency"] * 20 + ["school"] * 30)])
        partnership.organisations.add(*orgs)
        groups = []
        for i in range(8):
            group = Group.objects.create(name=f"{partnership.slug} group {i}",
                                         kind="executive" if i == 0 else "sub_group",
                                         reports_to=groups[0] if groups else None,
                                         cadence_every=6, cadence_unit="weeks")
            group.partnerships.add(partnership)
            groups.append(group)
        sources = Source.objects.bulk_create([
            Source(kind="meeting", title=f"Meeting {i}") for i in range(meetings)])
        Source.partnerships.through.objects.bulk_create([
            Source.partnerships.through(source_id=s.pk, partnership_id=partnership.pk)
            for s in sources])
        meeting_rows = []
        for i, source in enumerate(sources):
            day = start + datetime.timedelta(days=(i * 364) // meetings)
            at = datetime.datetime.combine(day, datetime.time(10), tz)
            meeting_rows.append(Meeting(group=groups[i % len(groups)], title=f"Meeting {i}",
                                        starts_at=at, ends_at=at + datetime.timedelta(hours=2),
                                        status="held", source=source))
        held = Meeting.objects.bulk_create(meeting_rows)
        AgendaItem.objects.bulk_create([
            AgendaItem(meeting=m, order=k, title=f"Item {k} of {m.title}",
                       kind="assurance" if k < 2 else "discussion",
                       assurance_service="lado" if k < 2 else "",
                       findings="Generated findings.", include_in_annual_report=k < 2)
            for m in held for k in range(4)])
        Action.objects.bulk_create([
            Action(partnership=partnership, source=sources[i % len(sources)],
                   title=f"Action {i}", due_date=start + datetime.timedelta(days=i % 365),
                   status=rng.choice(["not_started", "in_progress", "completed", "signed_off"]),
                   completed_on=start + datetime.timedelta(days=i % 300))
            for i in range(actions)])
        for i in range(incidents):
            aware = start + datetime.timedelta(days=i * 28)
            incident = SeriousIncident.objects.create(
                partnership=partnership, reference=f"Bird {i}", la_aware_on=aware,
                notified_on=aware, source=Source.objects.create(kind="rapid_review",
                                                                title=f"Incident {i}"))
            RapidReview.objects.create(
                incident=incident, partners_aware_on=aware, local_review=i % 2 == 0,
                decided_on=aware + datetime.timedelta(days=14), sent_on=aware,
                source=Source.objects.create(kind="rapid_review", title=f"Rapid review {i}"))
        for i in range(reviews):
            decided = start + datetime.timedelta(days=i * 40)
            review = PracticeReview.objects.create(
                partnership=partnership, pseudonym=f"Review {i}", decided_on=decided,
                draft_received_on=decided + datetime.timedelta(days=100),
                signed_off_on=decided + datetime.timedelta(days=120),
                published_on=decided + datetime.timedelta(days=150),
                briefing_url="https://bench.example/briefing",
                source=Source.objects.create(kind="practice_review", title=f"Review {i}"))
            LearningEvent.objects.bulk_create([
                LearningEvent(review=review, held_on=decided + datetime.timedelta(days=160 + k),
                              title=f"Event {k}", attendees=40) for k in range(3)])
        kinds = [k.value for k in ActivityItem.Kind]
        ActivityItem.objects.bulk_create([
            ActivityItem(partnership=partnership, kind=kinds[i % len(kinds)],
                         happened_on=start + datetime.timedelta(days=(i * 3) % 365),
                         title=f"Activity {i}", description="Generated description.",
                         safeguarding_impact="Generated impact.", reach=i)
            for i in range(activities)])
        report = YearlyReport.objects.create(
            partnership=partnership, year_start=YEAR, vision="A generated vision.",
            signed_off_on=datetime.date(YEAR + 1, 6, 1), signed_off_by="Generated partners",
            published_on=datetime.date(YEAR + 1, 7, 1))
        NarrativeBlock.objects.bulk_create([
            NarrativeBlock(report=report, kind=kind, title=label, approved_version=1,
                           body="<p>Generated paragraph.</p>" * 6)
            for kind, label in NarrativeBlock.Kind.choices])
        Priority.objects.bulk_create([
            Priority(report=report, order=i, title=f"Priority {i}", aim="Aim.", done="Done.",
                     impact="Impact.", next_steps="Next.", for_next_year=i >= 4)
            for i in range(8)])
        PublicationEvent.objects.bulk_create([
            PublicationEvent(report=report, recipient_kind=kind, recipient=kind,
                             on=datetime.date(YEAR + 1, 7, 3))
            for kind in ("national_panel", "foundations", "scrutiny_panel")])
        finance = FinanceYear.objects.create(partnership=partnership, year_start=YEAR,
                                             brought_forward=Decimal(50000))
        FinanceLine.objects.bulk_create([
            FinanceLine(finance_year=finance, kind=kind, label=f"{kind} {i}",
                        category="other" if kind == "expenditure" else "",
                        amount=Decimal(1000 + i))
            for i, kind in enumerate(["contribution"] * 8 + ["expenditure"] * 12)])
        # Yearly figures for the partnership's areas: this year and the year before.
        data_return = DataReturn.objects.create(partnership=partnership, method="upload")
        now = timezone.now()
        values = []
        for area in Area.objects.filter(partnership=partnership):
            for indicator in Indicator.objects.all():
                for year in (YEAR - 1, YEAR):
                    values.append(IndicatorValue(
                        indicator=indicator, area=area,
                        period=f"{year}-{(year + 1) % 100:02d}", period_type="year",
                        period_start=datetime.date(year, 4, 1),
                        value=Decimal(rng.randint(1, 90)), data_return=data_return,
                        created_at=now, updated_at=now))
        IndicatorValue.objects.bulk_create(values, batch_size=1000)
        # Loaded past the services: derive their stored figures as a return would.
        from core.services import system_actor
        from performance.services import derived_refresh

        derived_refresh(actor=system_actor(), partnership=partnership)


def bench_reports(partnership, repeats: int) -> dict:
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from reports import render, selectors
    from reports.models import YearlyReport

    report = YearlyReport.objects.get(partnership=partnership, year_start=YEAR)
    with CaptureQueriesContext(connection) as ctx:
        assembly = selectors.assemble(report)
    results = {"queries": len(ctx.captured_queries), "activity": assembly.activity_count,
               "actions": assembly.actions.total, "figures": len(assembly.figures)}
    for fmt in render.FORMATS:
        render.render(selectors.assemble(report), fmt)  # warm-up (fonts, converters)
        times, sizes = [], 0
        for _ in range(repeats):
            cache.clear()  # charts are drawn again: the first download after a change
            started = time.perf_counter()
            content = render.render(selectors.assemble(report), fmt)
            times.append(time.perf_counter() - started)
            sizes = len(content)
        results[fmt] = {"median_s": statistics.median(times), "max_s": max(times),
                        "bytes": sizes}
    return results


def print_reports(result: dict, repeats: int) -> None:
    print(f"\nYearly report {YEAR}-{(YEAR + 1) % 100:02d} of one partnership "
          f"({result['activity']} activities in the month-by-month account, "
          f"{result['actions']:,} actions, {result['figures']} yearly figures); assembled "
          f"in {result['queries']} queries")
    print(f"  {'format':8} {'median s':>9} {'max s':>7} {'size KB':>8}   ({repeats} runs each, "
          "cache emptied, so charts are drawn every time)")
    for fmt in ("html", "pdf", "docx"):
        r = result[fmt]
        print(f"  {fmt:8} {r['median_s']:9.2f} {r['max_s']:7.2f} {r['bytes'] / 1024:8.0f}")
