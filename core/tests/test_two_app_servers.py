"""Stateless app servers: two app processes (gunicorn, different ports) on the same
PostgreSQL and Redis. A sign-in on one is good on the other, and a data return sent through
one shows its figure on the other's cached scorecard at once.

Runs when DATABASE_URL is PostgreSQL and REDIS_URL is set (.ci/run's PostgreSQL pass)."""

import http.cookiejar
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from api.services import api_token_create
from core.models import Role
from core.services import system_actor
from performance import catalogue, services

pytestmark = pytest.mark.skipif(
    not (os.environ.get("DATABASE_URL", "").startswith("postgres")
         and os.environ.get("REDIS_URL")),
    reason="needs DATABASE_URL=postgres://... and REDIS_URL (the CI's PostgreSQL pass)")

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "two servers, one truth"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _database_url() -> str:
    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def servers(tmp_path):
    env = {**os.environ, "DATABASE_URL": _database_url(), "REDIS_URL": settings.REDIS_URL,
           "HUB_ALLOWED_HOSTS": "127.0.0.1", "HUB_MEDIA_ROOT": str(tmp_path / "media"),
           "HUB_LOG_LEVEL": "WARNING", "HUB_REQUEST_LOG_LEVEL": "WARNING"}
    started = []
    for _ in range(2):
        port = _free_port()
        process = subprocess.Popen(
            [str(Path(sys.executable).parent / "gunicorn"), "hub.wsgi", "--bind",
             f"127.0.0.1:{port}", "--workers", "1", "--timeout", "120"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        started.append((process, f"http://127.0.0.1:{port}"))
    try:
        for process, base in started:
            deadline = time.monotonic() + 120
            while True:
                try:
                    with urllib.request.urlopen(f"{base}/health/", timeout=30) as response:
                        health = json.load(response)
                    break
                except OSError:  # not listening yet (URLError, refused, timed out)
                    if process.poll() is not None or time.monotonic() > deadline:
                        raise RuntimeError(process.stderr.read().decode()[-2000:]) from None
                    time.sleep(0.5)
            assert health["checks"]["cache"]["shared"] is True
            assert health["checks"]["database"]["vendor"] == "postgresql"
        yield [base for _, base in started]
    finally:
        for process, _ in started:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=30)


def _browser():
    return urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))


def _sign_in(browser, base, username):
    page = browser.open(f"{base}/account/login/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    data = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "username": username,
                                   "password": PASSWORD}).encode()
    request = urllib.request.Request(f"{base}/account/login/", data=data,
                                     headers={"Referer": f"{base}/account/login/"})
    browser.open(request).read()


def _send_return(base, key, value, period):
    body = json.dumps({"rows": [{"indicator_code": "LAC", "area_code": "E06009991",
                                 "period": period, "value": value}]}).encode()
    request = urllib.request.Request(f"{base}/api/v1/data-returns/", data=body, method="POST",
                                     headers={"Authorization": f"Token {key}",
                                              "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        assert response.status == 201


def test_a_return_sent_through_one_server_shows_on_the_other_at_once(transactional_db,
                                                                     world, servers, settings):
    one, other = servers
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]  # theirs
    services.catalogue_import(actor=system_actor(), rows=catalogue.rows())
    member = world.users[Role.GROUP_MEMBER]
    member.set_password(PASSWORD)
    member.save()
    _, key = api_token_create(actor=system_actor(), user=world.users[Role.BUSINESS_UNIT],
                              partnership=world.partnership, system_name="Two servers")

    browser = _browser()
    _sign_in(browser, one, member.username)  # signed in on one ...
    scorecard = "/p/alpha/performance/"
    _send_return(one, key, 4321, "2023-24")
    for base in (one, other):  # ... and the session is good on the other
        page = browser.open(base + scorecard).read().decode()
        assert ">4321<" in page and "Sign in" not in page
    assert ">4321<" in browser.open(other + scorecard).read().decode()  # now from the cache

    _send_return(one, key, 5678, "2024-25")
    page = browser.open(other + scorecard).read().decode()
    assert ">5678<" in page
    _send_return(other, key, 6789, "2025-26")
    assert ">6789<" in browser.open(one + scorecard).read().decode()
