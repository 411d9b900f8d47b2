"""What the health endpoint checks: the database, the cache and the broker. Each answer is
"ok" or "error" with the kind of failure, never a host name, password or stack trace."""

from __future__ import annotations

import time
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connection


def _timed(check) -> dict:
    started = time.perf_counter()
    try:
        detail = check() or {}
        result = {"status": "ok", **detail}
    except Exception as error:  # noqa: BLE001 - any failure is reported, by its type only
        result = {"status": "error", "error": type(error).__name__}
    result["ms"] = round((time.perf_counter() - started) * 1000, 1)
    return result


def _database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"vendor": connection.vendor}


def _cache():
    key, value = f"health:{uuid.uuid4().hex}", uuid.uuid4().hex
    cache.set(key, value, 10)
    read = cache.get(key)
    cache.delete(key)
    if read != value:
        raise RuntimeError("cache did not return what was stored")
    shared = "redis" in settings.CACHES["default"]["BACKEND"].lower()
    return {"shared": shared}


def _broker():
    from celery import current_app

    if current_app.conf.task_always_eager:
        return {"mode": "in-process"}
    with current_app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=2)
    return {"mode": "celery"}


def report() -> tuple[bool, dict]:
    checks = {"database": _timed(_database), "cache": _timed(_cache),
              "broker": _timed(_broker)}
    healthy = all(c["status"] == "ok" for c in checks.values())
    return healthy, {"status": "ok" if healthy else "error", "checks": checks}
