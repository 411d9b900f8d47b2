"""Demo figures for Teesside: the seeds' published figures, plus a clearly labelled synthetic
quarterly history (fixed seed) so trends and process control can be shown.

`load()` is idempotent: the catalogue is updated in place, each published set and the
synthetic history are loaded once (their returns are marked by file name)."""

from __future__ import annotations

import random
from decimal import Decimal

from core.models import Area, AreaPopulation
from core.services import system_actor

from . import analysis, catalogue, services
from .models import Benchmark, DataReturn, Indicator, Target

HARTLEPOOL, MIDDLESBROUGH, REDCAR, STOCKTON = "E06000001", "E06000002", "E06000003", "E06000004"

# Children under 18, as the seeds give them (year of the estimate).
POPULATIONS = [
    (HARTLEPOOL, 2018, 20006, "HSCB annual report 2018-19"),
    (HARTLEPOOL, 2020, 20054, "HSSCP annual report 2020-21"),
    (STOCKTON, 2020, 43848, "HSSCP annual report 2020-21"),
    (MIDDLESBROUGH, 2023, 33499, "STSCP annual report 2023-24"),
    (REDCAR, 2023, 28992, "STSCP annual report 2023-24"),
]

# (label, period, area, {indicator code: value}) as published.
PUBLISHED = [
    ("seeds: Hartlepool safeguarding snapshot 2018-19", "2018-19", HARTLEPOOL, {
        "CONTACTS_MONTH": 404, "REFERRALS": 1263, "RE_REFERRALS_PCT": "7.7",
        "EH_EPISODES": 458, "EH_ESCALATED_PCT": "27.5", "CIN_OPEN": 983, "CP_PLANS": 129,
        "SEND_SUPPORT": 150, "CSE_RISK": 30, "MISSING_EPISODES": 528, "MISSING_CHILDREN": 199,
        "MISSING_LAC_EPISODES": 274, "MISSING_LAC_CHILDREN": 49, "LAC": 284,
        "DA_CHILDREN": 408, "DA_REPEAT": 52, "MARAC_CASES": 159, "MARAC_CHILDREN": 190,
        "LADO_REFERRALS": 45, "PRIVATE_FOSTERING": 2, "CHILD_POVERTY_PCT": 36,
        "CP_NEGLECT_PCT": 69, "LAC_NEGLECT_PCT": 61}),
    ("seeds: Hartlepool safeguarding snapshot 2020-21", "2020-21", HARTLEPOOL, {
        "CIN_OPEN": 1438, "CP_PLANS": 245, "CHILD_POVERTY_PCT": 38, "SEND_SUPPORT": 2075,
        "DA_CHILDREN": 1305, "DA_REPEAT": 258, "CONTACTS_MONTH": 444, "CSE_RISK": 12,
        "REFERRALS": 1512, "RE_REFERRALS_PCT": 14, "MISSING_EPISODES": 352,
        "MISSING_CHILDREN": 151, "MISSING_LAC_EPISODES": 150, "MISSING_LAC_CHILDREN": 38,
        "MARAC_CASES": 150, "MARAC_CHILDREN": 321, "LADO_REFERRALS": 47, "EH_EPISODES": 386,
        "EH_ESCALATED": 82, "LAC": 355, "PRIVATE_FOSTERING": 1}),
    ("seeds: Stockton-on-Tees safeguarding snapshot 2020-21", "2020-21", STOCKTON, {
        "CIN_OPEN": 2327, "CP_PLANS": 321, "CHILD_POVERTY_PCT": "35.3",
        "FSM_PRIMARY_PCT": "24.7", "SEND_SUPPORT": 5787, "DA_CHILDREN": 2003, "CSE_RISK": 14,
        "CONTACTS_MONTH": 829, "REFERRALS": 2982, "MARAC_CASES": 250,
        "MISSING_EPISODES": 973, "MISSING_CHILDREN": 299, "RE_REFERRALS_PCT": "23.2",
        "EH_EPISODES": 215, "MISSING_LAC_EPISODES": 438, "MISSING_LAC_CHILDREN": 73,
        "MARAC_CHILDREN": 515, "LAC": 579, "LADO_REFERRALS": 104, "EH_ESCALATED": 19,
        "PRIVATE_FOSTERING": 2}),
    # The STSCP report's rates do not match its own child populations: the validation flags
    # them, and the demo keeps them as published (confirmed), so the warning can be seen.
    ("seeds: South Tees place figures March 2024 (Middlesbrough)", "2023-24", MIDDLESBROUGH, {
        "CP_PLANS": 249, "CP_RATE": "91.4", "LAC": 420, "LAC_RATE": "154.2"}),
    ("seeds: South Tees place figures March 2024 (Redcar and Cleveland)", "2023-24", REDCAR, {
        "CP_PLANS": 316, "CP_RATE": "92.6", "LAC": 525, "LAC_RATE": "153.8"}),
    ("seeds: South Tees contacts March 2024 (Middlesbrough)", "2024-03", MIDDLESBROUGH, {
        "CONTACTS_MONTH": 1143}),
    ("seeds: South Tees contacts March 2024 (Redcar and Cleveland)", "2024-03", REDCAR, {
        "CONTACTS_MONTH": 1619}),
]

BENCHMARKS = [
    ("CP_RATE", "england", "2023-24", "43.2", "STSCP annual report 2023-24 (March 2024)"),
    ("CP_RATE", "region", "2023-24", "64.8", "STSCP annual report 2023-24 (North East)"),
    # The report gives England's looked-after rate as 73 in one place and 71 in another.
    ("LAC_RATE", "england", "2023-24", "71", "STSCP annual report 2023-24 (also given as 73)"),
    ("CHILD_POVERTY_PCT", "england", "2020-21", "31", "HSSCP annual report 2020-21"),
    ("CHILD_POVERTY_PCT", "region", "2020-21", "37", "HSSCP annual report 2020-21"),
    ("FSM_PRIMARY_PCT", "england", "2020-21", "20.8", "HSSCP annual report 2020-21"),
    ("CP_NEGLECT_PCT", "england", "2018-19", "50", "HSCB annual report 2018-19 (approximately)"),
]

# Illustrative targets (value, tolerance), set for every partnership with demo areas.
TARGETS = {
    "RE_REFERRALS_PCT": ("20", "3"),
    "CP_RATE": ("70", "15"),
    "LAC_RATE": ("120", "20"),
}

SYNTHETIC_LABEL = "synthetic quarterly history (demo, generated, not real figures)"
SYNTHETIC_SEED = 20240331
# Quarterly levels to wander around: (count code, rate code or "", level per 10,000 children)
SYNTHETIC_SERIES = [("CP_PLANS", "CP_RATE", 80), ("LAC", "LAC_RATE", 130),
                    ("REFERRALS", "", 160), ("MISSING_EPISODES", "", 45),
                    ("DA_CHILDREN", "", 110)]
SYNTHETIC_PERCENT = [("RE_REFERRALS_PCT", 18)]
FIRST_QUARTER, QUARTERS = "2019-20 Q1", 20


def _loaded(area, label: str) -> bool:
    return DataReturn.objects.filter(partnership=area.partnership, filename=label,
                                     status=DataReturn.Status.SAVED).exists()


def load(stdout=None) -> dict:
    """Load the demo figures for the Teesside areas that exist. Safe to run again."""
    actor = system_actor()  # the demo acts as the system, named so in the audit trail
    services.catalogue_import(actor=actor, rows=catalogue.rows())
    areas = {a.ons_code: a for a in Area.objects.filter(
        ons_code__in=[HARTLEPOOL, MIDDLESBROUGH, REDCAR, STOCKTON], partnership__isnull=False)}
    for code, year, children, source in POPULATIONS:
        if code in areas:
            AreaPopulation.objects.get_or_create(area=areas[code], year=year,
                                                 defaults={"children": children, "source": source})
    indicators = {i.code: i for i in Indicator.objects.filter(
        code__in={b[0] for b in BENCHMARKS} | set(TARGETS))}
    for code, kind, period, value, source in BENCHMARKS:
        Benchmark.objects.get_or_create(indicator=indicators[code], kind=kind, period=period,
                                        defaults={"value": Decimal(value), "source": source})
    for partnership in {a.partnership for a in areas.values()}:
        for code, (value, tolerance) in TARGETS.items():
            Target.objects.get_or_create(partnership=partnership, indicator=indicators[code],
                                         defaults={"value": Decimal(value),
                                                   "tolerance": Decimal(tolerance)})
    loaded = 0
    for label, period, code, figures in PUBLISHED:
        area = areas.get(code)
        if area is None or _loaded(area, label):
            continue
        rows = [{"indicator_code": k, "area_code": code, "period": period, "value": str(v),
                 "note": label} for k, v in figures.items()]
        services.data_return_submit(actor=actor, rows=rows, method=DataReturn.Method.DEMO,
                                    partnership=area.partnership, filename=label,
                                    confirm_warnings=True)
        loaded += len(rows)
    synthetic = 0
    for code in sorted(areas):
        area = areas[code]
        label = f"{SYNTHETIC_LABEL}: {area.name}"
        if _loaded(area, label):
            continue
        rows = synthetic_history(area, _children(area))
        services.data_return_submit(actor=actor, rows=rows, method=DataReturn.Method.DEMO,
                                    partnership=area.partnership, filename=label,
                                    synthetic=True, confirm_warnings=True)
        synthetic += len(rows)
    result = {"areas": len(areas), "published_values": loaded, "synthetic_values": synthetic,
              "background_imports": _background_import(areas)}
    if stdout is not None:
        stdout.write(f"Performance demo: {result}\n")
    return result


BACKGROUND_FILE = "middlesbrough-quarterly-history-demo.csv"


def _background_import(areas) -> int:
    """A large return sent in the background (decision 0038), as the demo's other writes by
    the system actor, refused for one bad row, so its job page shows the outcome and the problem by row.
    Through the real path: the stored file, the job and the task. Loaded once."""
    from django.core.files.base import ContentFile

    from core import jobs
    from core.models import ImportJob

    from . import tasks

    area = areas.get(MIDDLESBROUGH)
    sender = system_actor()
    if area is None or ImportJob.objects.filter(
            partnership=area.partnership, filename=BACKGROUND_FILE).exists():
        return 0
    rows = synthetic_history(area, _children(area)) * 2  # sent twice over: 2 x the history
    rows[len(rows) // 2]["value"] = "n/a"
    lines = ["indicator_code,area_code,period,value"] + [
        f"{r['indicator_code']},{r['area_code']},{r['period']},{r['value']}" for r in rows]
    upload = ContentFile("\n".join(lines).encode(), name=BACKGROUND_FILE)
    job = jobs.import_job_start(actor=sender, partnership=area.partnership,
                                permission="performance.submit_return", kind=tasks.KIND,
                                upload=upload, total_rows=len(rows))
    tasks.import_data_return(job.pk)
    return 1


def _children(area) -> int:
    latest = area.populations.order_by("-year").first()
    return latest.children if latest else 30000


def synthetic_history(area, children: int) -> list[dict]:
    """A reproducible quarterly history for one area: a wandering level, with a sustained
    shift in the last eight quarters of one series so the process control has a signal."""
    rng = random.Random(f"{SYNTHETIC_SEED}:{area.ons_code}")
    start = analysis.parse_period(FIRST_QUARTER)
    periods = [start.shifted(i).label for i in range(QUARTERS)]
    rows = []
    shifted_series = rng.randrange(len(SYNTHETIC_SERIES))
    for index, (count_code, rate_code, level) in enumerate(SYNTHETIC_SERIES):
        rate = level * rng.uniform(0.8, 1.2)
        for q, period in enumerate(periods):
            rate = max(1.0, rate + rng.gauss(0, level * 0.04))
            shown = rate * (1.25 if index == shifted_series and q >= QUARTERS - 8 else 1)
            count = round(shown * children / 10000)
            rows.append(_row(count_code, area, period, count))
            if rate_code:
                rows.append(_row(rate_code, area, period,
                                 analysis.rate_per_10000(count, children)))
    for code, level in SYNTHETIC_PERCENT:
        value = level * rng.uniform(0.8, 1.2)
        for period in periods:
            value = min(60.0, max(2.0, value + rng.gauss(0, 1.5)))
            rows.append(_row(code, area, period, analysis.round1(Decimal(str(value)))))
    return rows


def _row(code, area, period, value) -> dict:
    return {"indicator_code": code, "area_code": area.ons_code, "period": period,
            "value": str(value), "note": "synthetic"}
