"""Load test on loopback, run on demand (never in the test suite):

    python -m bench.load --database-url postgres://USER@HOST:5432/DBNAME [--users 100]
        [--seconds 60] [--workers 4]

Needs the national data set in that database: run `python -m bench --database-url URL`
first (it builds it). Starts gunicorn on a free loopback port against the database, signs
the bench reader in (sessions made here, so the users do not all hash a password at once),
gives it an API token, then runs locust headless: USERS simulated users for SECONDS
opening the busiest pages and the API (bench/locustfile.py). Prints the median and 95th
percentile of each page type, each as a ratio to the trivial view measured in the same run,
and the number of server errors; exits with 1 if there was any.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from .__main__ import _setup

HERE = Path(__file__).resolve().parent


def _targets(sessions: int) -> dict:
    """What the simulated users open, and their sessions and API token."""
    from django.conf import settings
    from django.test import Client

    from api.services import api_token_create
    from core.models import Area, Partnership, User
    from core.services import system_actor
    from performance.models import Indicator
    from performance.selectors import periods_for

    user = User.objects.get(username="bench")
    partnerships = list(Partnership.objects.filter(slug__startswith="bench-").order_by("pk"))
    areas: dict[int, list[str]] = {}
    for partnership_id, code in Area.objects.filter(partnership__in=partnerships).values_list(
            "partnership_id", "ons_code"):
        areas.setdefault(partnership_id, []).append(code)
    keys = []
    for _ in range(sessions):
        client = Client()
        client.force_login(user)
        keys.append(client.cookies[settings.SESSION_COOKIE_NAME].value)
    _, token = api_token_create(actor=system_actor(), user=user, partnership=partnerships[0],
                                system_name="Load test")
    first_area = Area.objects.filter(partnership=partnerships[0]).order_by("pk").first()
    return {
        "session_cookie": settings.SESSION_COOKIE_NAME,
        "sessions": keys,
        "token": token,
        "partnerships": [(p.slug, areas[p.pk]) for p in partnerships],
        "api_areas": areas[partnerships[0].pk],
        "indicators": list(Indicator.objects.order_by("code").values_list("code", flat=True)),
        "periods": periods_for(first_area)[1:17],  # earlier periods than the newest
    }


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_until_up(base: str, process, seconds: int = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit("gunicorn stopped before it answered")
        try:
            urllib.request.urlopen(base + "/account/login/", timeout=10)
            return
        except (urllib.error.URLError, OSError):
            time.sleep(0.5)
    raise SystemExit("gunicorn did not answer in time")


def _read_stats(prefix: str) -> tuple[dict, dict]:
    pages = {}
    with open(prefix + "_stats.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["Name"] == "Aggregated":
                continue
            pages[row["Name"]] = {"requests": int(row["Request Count"]),
                                  "failures": int(row["Failure Count"]),
                                  "median_ms": float(row["Median Response Time"]),
                                  "p95_ms": float(row["95%"])}
    errors: dict[str, int] = {}
    with open(prefix + "_failures.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            errors[f"{row['Name']}: {row['Error']}"] = int(row["Occurrences"])
    return pages, errors


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--spawn-rate", type=int, default=20, help="users started a second")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=4, help="threads per worker")
    args = parser.parse_args(argv)
    _setup(args.database_url)
    from django.db import connection

    targets = _targets(sessions=min(args.users, 20))
    connection.close()
    work = Path(tempfile.mkdtemp(prefix="hub-load-"))
    (work / "targets.json").write_text(json.dumps(targets), encoding="utf-8")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings",
           "BENCH_LOAD_TARGETS": str(work / "targets.json")}
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "hub.wsgi:application", "--bind",
         f"127.0.0.1:{port}", "--workers", str(args.workers), "--threads", str(args.threads),
         "--worker-class", "gthread", "--log-level", "warning",
         # Longer than a user's pause, as behind a proxy: a connection the server closes
         # while the client reuses it is a client-side error, not the site's.
         "--keep-alive", "75"],
        env=env, cwd=HERE.parent)
    try:
        _wait_until_up(base, server)
        prefix = str(work / "load")
        subprocess.run(
            [sys.executable, "-m", "locust", "-f", str(HERE / "locustfile.py"), "--headless",
             "--users", str(args.users), "--spawn-rate", str(args.spawn_rate),
             "--run-time", f"{args.seconds}s", "--host", base, "--csv", prefix,
             "--only-summary", "--loglevel", "WARNING", "--exit-code-on-error", "0"],
            env=env, cwd=HERE.parent, check=True)
    finally:
        server.terminate()
        server.wait(timeout=30)
    pages, errors = _read_stats(prefix)
    server_errors = sum(n for name, n in errors.items() if "server error" in name)
    _print(pages, errors, server_errors, args)
    return 1 if server_errors else 0


def _print(pages: dict, errors: dict, server_errors: int, args) -> None:
    from django.db import connection

    trivial = pages["trivial view"]
    total = sum(p["requests"] for p in pages.values())
    print(f"\nLoad: {args.users} users for {args.seconds} s, gunicorn {args.workers} workers x "
          f"{args.threads} threads, {connection.vendor} on loopback; {total:,} requests")
    print(f"  {'page type':32} {'requests':>8} {'median ms':>10} {'p95 ms':>8} "
          f"{'median x':>9} {'p95 x':>7}")
    for name, p in sorted(pages.items(), key=lambda item: item[0] != "trivial view"):
        print(f"  {name:32} {p['requests']:8,d} {p['median_ms']:10.0f} {p['p95_ms']:8.0f} "
              f"{p['median_ms'] / trivial['median_ms']:9.1f} "
              f"{p['p95_ms'] / trivial['p95_ms']:7.1f}")
    print(f"  server errors (5xx): {server_errors}; other failures: "
          f"{sum(errors.values()) - server_errors}")
    for name, n in errors.items():
        print(f"    {n:6d}  {name}")
    print("  ratios are to the trivial view's median and p95 in the same run")


if __name__ == "__main__":
    sys.exit(main())
