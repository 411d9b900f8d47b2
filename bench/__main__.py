"""Benchmarks of the performance framework, run on demand (never in the test suite).

    python -m bench [--scale 1.0] [--database-url URL] [--pages 50]

Builds a fresh database (SQLite in the temporary directory unless --database-url names
one; that database is emptied first, so never point it at real data), generates a national-scale data
set, then measures, in the same run:
  1. the validated import (performance.services.data_return_submit, one return per
     partnership) against a raw insert of the same rows through the database driver;
  2. the latency (median, p95) and query counts of the scorecard and an indicator page
     against a trivial page of the same app behind the same sign-in and permission checks;
  3. the time to produce one partnership's yearly report (a full year of records) as
     HTML, PDF and DOCX (bench/reports.py).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time


def _setup(database_url: str | None) -> str:
    # Never the ambient DATABASE_URL: the benchmark empties the database it is given.
    os.environ["DATABASE_URL"] = database_url or (
        "sqlite:///" + os.path.join(tempfile.gettempdir(), "hub-bench.sqlite3"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    import django

    django.setup()
    return os.environ["DATABASE_URL"]


def _fresh_database(url: str) -> None:
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor == "sqlite":
        connection.close()
        path = connection.settings_dict["NAME"]
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(f"{path}{suffix}"):
                os.remove(f"{path}{suffix}")
    else:
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
    call_command("migrate", verbosity=0)


def _world(scale):
    """Partnerships, areas with populations, the catalogue, and a signed-in agency lead."""
    from core.models import (
        Area,
        AreaPopulation,
        Organisation,
        Partnership,
        Person,
        Role,
        RoleAssignment,
        User,
    )
    from core.services import system_actor
    from performance import services

    from .generator import area_code, catalogue_rows, partnership_of_area, population

    partnerships = Partnership.objects.bulk_create([
        Partnership(slug=f"bench-{i}", name=f"Bench Safeguarding Children Partnership {i}",
                    short_name=f"BSCP{i}") for i in range(scale.partnerships)])
    areas = Area.objects.bulk_create([
        Area(ons_code=area_code(n), name=f"Bench area {n}",
             partnership=partnerships[partnership_of_area(n, scale)]) for n in range(scale.areas)])
    AreaPopulation.objects.bulk_create([
        AreaPopulation(area=a, year=year, children=population(n))
        for n, a in enumerate(areas) for year in range(2014, 2025)])
    rows = catalogue_rows(scale)
    services.catalogue_import(actor=system_actor(), rows=rows)
    org = Organisation.objects.create(name="Bench council", kind="local_authority")
    # The services ask the policy layer: returns are sent by each partnership's business
    # unit (which may send every indicator); the pages are read by an agency lead (a role
    # without the two-factor step, so a scripted sign-in reaches the pages).
    sender = User.objects.create_user("bench-sender", password="bench-not-secret")
    user = User.objects.create_user("bench", password="bench-not-secret")
    for account, role in ((sender, Role.BUSINESS_UNIT), (user, Role.AGENCY_LEAD)):
        person = Person.objects.create(name=f"Bench {account.username}", user=account,
                                       organisation=org)
        RoleAssignment.objects.bulk_create([
            RoleAssignment(person=person, role=role, partnership=p, organisation=org)
            for p in partnerships])
    return partnerships, areas, rows, user


def _areas_by_partnership(scale):
    from .generator import partnership_of_area

    grouped: dict[int, list[int]] = {}
    for n in range(scale.areas):
        grouped.setdefault(partnership_of_area(n, scale), []).append(n)
    return grouped


def bench_import(scale, partnerships, indicators) -> dict:
    from django.db import connection

    from core.models import User
    from performance import services
    from performance.models import DataReturn, IndicatorValue

    from .generator import rows_for_area

    sender = User.objects.get(username="bench-sender")
    grouped = _areas_by_partnership(scale)
    total, validated = 0, 0.0
    for p_index, area_numbers in grouped.items():
        rows = [r for n in area_numbers for r in rows_for_area(n, scale, indicators)]
        started = time.perf_counter()  # the return as a sender's file gives it, checked
        services.data_return_submit(actor=sender, rows=rows, method=DataReturn.Method.UPLOAD,
                                    partnership=partnerships[p_index], confirm_warnings=False)
        validated += time.perf_counter() - started
        total += len(rows)
    assert IndicatorValue.objects.count() == total

    # The floor: the same rows, exactly as stored, written again by the fastest path the
    # driver has (PostgreSQL COPY; SQLite one prepared statement run for every row in one
    # transaction). Only the write is timed.
    table = IndicatorValue._meta.db_table
    columns = [f.column for f in IndicatorValue._meta.concrete_fields if f.column != "id"]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(columns)} FROM {table}")
        stored = cursor.fetchall()
        # Straight through the driver: the ORM's delete would load every row first. A fresh
        # import has no corrections pointing at them.
        cursor.execute(f"DELETE FROM {table}")
    raw = _raw_write(table, columns, stored)
    assert IndicatorValue.objects.count() == total
    return {"rows": total, "validated_s": validated, "raw_s": raw,
            "validated_rows_per_s": total / validated, "raw_rows_per_s": total / raw,
            "ratio": raw / validated}


def _raw_write(table: str, columns: list[str], rows: list[tuple]) -> float:
    """Seconds to write `rows` (as the driver read them) by the driver's fastest path."""
    import json

    from django.db import connection, transaction

    started = time.perf_counter()
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor, cursor.cursor.copy(
                    f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row([json.dumps(v) if isinstance(v, dict | list) else v
                                    for v in row])
        else:
            connection.ensure_connection()
            connection.connection.executemany(
                f"INSERT INTO {table} ({', '.join(columns)}) "
                f"VALUES ({', '.join('?' * len(columns))})", rows)
    return time.perf_counter() - started


def bench_pages(partnerships, user, repeats: int) -> dict:
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from core.models import Area

    client = Client()
    client.force_login(user)
    slug = partnerships[0].slug
    area = Area.objects.filter(partnership=partnerships[0]).order_by("ons_code").first()
    scorecard = (f"/p/{slug}/performance/", {"area": area.ons_code})
    pages = {
        "trivial view": (f"/bench/p/{slug}/trivial/", {}, False),
        "scorecard": (*scorecard, False),
        "scorecard, cold (cache emptied)": (*scorecard, True),
        "indicator page": (f"/p/{slug}/performance/indicators/CP_RATE/", {}, False),
        "indicator page, cold": (f"/p/{slug}/performance/indicators/CP_RATE/", {}, True),
        "indicator chart (SVG), cold": (
            f"/p/{slug}/performance/indicators/CP_RATE/chart.svg", {}, True),
        "exceptions": (f"/p/{slug}/performance/exceptions/", {}, False),
        "exceptions, cold": (f"/p/{slug}/performance/exceptions/", {}, True),
    }
    for name, (path, params, _cold) in pages.items():
        response = client.get(path, params)  # warm-up
        assert response.status_code == 200, (name, response.status_code)
    # Round by round, each page once per round, so a spell of load from elsewhere on the
    # machine falls on every page alike rather than on one page's block of requests.
    times: dict[str, list[float]] = {name: [] for name in pages}
    for _ in range(repeats):
        for name, (path, params, cold) in pages.items():
            if cold:
                cache.clear()
            else:
                client.get(path, params)  # a cold page before it emptied the cache
            started = time.perf_counter()
            client.get(path, params)
            times[name].append((time.perf_counter() - started) * 1000)
    results = {}
    for name, (path, params, cold) in pages.items():
        if cold:
            cache.clear()
        else:
            client.get(path, params)  # warm again: a cold page before emptied the cache
        with CaptureQueriesContext(connection) as ctx:
            client.get(path, params)
        measured = sorted(times[name])
        results[name] = {"median_ms": statistics.median(measured),
                         "p95_ms": measured[max(0, int(len(measured) * 0.95) - 1)],
                         "queries": len(ctx.captured_queries)}
    return results


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=float, default=1.0,
                        help="fraction of the national number of areas and partnerships")
    parser.add_argument("--quarters", type=int, default=40)
    parser.add_argument("--indicators", type=int, default=150)
    parser.add_argument("--pages", type=int, default=50, help="requests per page timed")
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--pages-only", action="store_true",
                        help="keep the data of the previous run and time the pages only")
    parser.add_argument("--report-runs", type=int, default=5,
                        help="runs of each yearly report format timed (0: none)")
    parser.add_argument("--reports-only", action="store_true",
                        help="keep the data of the previous run and time the yearly report "
                             "only (its year of records is added if missing)")
    args = parser.parse_args(argv)
    url = _setup(args.database_url)

    from django.db import connection

    from .generator import Scale

    scale = Scale(areas=max(1, round(153 * args.scale)),
                  partnerships=max(1, round(139 * args.scale)),
                  indicators=args.indicators, quarters=args.quarters)
    print(f"Database: {connection.vendor} ({connection.settings_dict['NAME']})")
    print(f"Scale: {scale.areas} areas, {scale.partnerships} partnerships, "
          f"{scale.indicators} indicators, {scale.quarters} quarters = {scale.values:,} values")
    if args.reports_only:
        from core.models import Partnership

        _report_bench(Partnership.objects.filter(slug__startswith="bench-").order_by("pk")
                      .first(), args.report_runs)
        return 0
    if args.pages_only:
        from core.models import Partnership, User

        partnerships = list(Partnership.objects.filter(slug__startswith="bench-")
                            .order_by("pk"))
        user = User.objects.get(username="bench")
        pages = bench_pages(partnerships, user, args.pages)
        _print_pages(pages, args.pages)
        return 0
    _fresh_database(url)
    partnerships, _areas, indicators, user = _world(scale)

    result = bench_import(scale, partnerships, indicators)
    with connection.cursor() as cursor:
        # Planner statistics, and on PostgreSQL the visibility map that lets the ranks read
        # the (period, indicator, value) index alone, as autovacuum gives after a bulk load.
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    print(f"\nImport of {result['rows']:,} rows")
    print(f"  validated (services, all-or-nothing):         {result['validated_s']:7.1f} s "
          f"{result['validated_rows_per_s']:>10,.0f} rows/s")
    floor = "COPY" if connection.vendor == "postgresql" else "one prepared executemany"
    print(f"  floor: the same rows by {floor + ':':26} {result['raw_s']:7.1f} s "
          f"{result['raw_rows_per_s']:>10,.0f} rows/s")
    print(f"  validated speed / floor speed: {result['ratio']:.2f}")

    _print_pages(bench_pages(partnerships, user, args.pages), args.pages)
    if args.report_runs:
        _report_bench(partnerships[0], args.report_runs)
    return 0


def _report_bench(partnership, runs: int) -> None:
    from reports.models import YearlyReport

    from .reports import YEAR, bench_reports, build_year, print_reports

    if not YearlyReport.objects.filter(partnership=partnership, year_start=YEAR).exists():
        started = time.perf_counter()
        build_year(partnership)
        print(f"\nA year of records for {partnership.short_name} built in "
              f"{time.perf_counter() - started:.1f} s")
    print_reports(bench_reports(partnership, runs), runs)


def _print_pages(pages: dict, repeats: int) -> None:
    trivial = pages["trivial view"]["median_ms"]
    print(f"\nPages ({repeats} requests each, after a warm-up)")
    print(f"  {'page':32} {'median ms':>10} {'p95 ms':>8} {'queries':>8} {'x trivial':>10}")
    for name, figures in pages.items():
        print(f"  {name:32} {figures['median_ms']:10.1f} {figures['p95_ms']:8.1f} "
              f"{figures['queries']:8d} {figures['median_ms'] / trivial:10.1f}")
    print("  target: every page, cold, at most 5x the trivial view (pages cache their figures")
    print("  under the data version; 'cold' empties the cache before every request)")


if __name__ == "__main__":
    sys.exit(main())
