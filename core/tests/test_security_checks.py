"""Security checks kept in CI (issue 15, item 8): the production headers, the sign-in's expiry,
no debug page or stack trace for anyone. The deploy check is in test_security.py, the
upload checks in test_uploads.py, the authorisation walks in test_permission_walk.py (web)
and api/tests/test_api_walk.py (API)."""

import datetime
import json
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from api.tests.helpers import api_client
from core.models import Role

PRODUCTION_ENV = {
    **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
    "HUB_PRODUCTION": "1",
    "HUB_SECRET_KEY": "k" * 20 + "9Zq!x" * 10,
    "HUB_ALLOWED_HOSTS": "hub.example.org",
    "DJANGO_SETTINGS_MODULE": "hub.settings",
}

# Run in a fresh process with the production settings: the sign-in page, as a browser
# reaching the hub over HTTPS through its proxy sees it. (Static files are named without the
# manifest that collectstatic writes at deployment; nothing else is changed.)
_PROBE = """
import json, django
django.setup()
from django.conf import settings
from django.test import Client, override_settings
plain = {**settings.STORAGES, "staticfiles": {
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
with override_settings(STORAGES=plain):
    response = Client().get("/account/login/", HTTP_HOST="hub.example.org",
                            HTTP_X_FORWARDED_PROTO="https")
cookie = response.cookies["csrftoken"]
print(json.dumps({"status": response.status_code, "headers": dict(response.items()),
                  "cookie": {"secure": bool(cookie["secure"]), "samesite": cookie["samesite"]}}))
"""


def test_production_sends_the_security_headers_and_a_strict_content_security_policy():
    result = subprocess.run([sys.executable, "-c", _PROBE], cwd=settings.BASE_DIR,
                            env=PRODUCTION_ENV, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    headers = seen["headers"]
    assert seen["status"] == 200
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    csp = dict(d.strip().split(" ", 1) for d in headers["Content-Security-Policy"].split(";"))
    assert csp["default-src"] == "'self'" and csp["script-src"] == "'self'"
    assert csp["frame-ancestors"] == "'none'" and csp["object-src"] == "'none'"
    assert "unsafe-inline" not in headers["Content-Security-Policy"]
    assert "unsafe-eval" not in headers["Content-Security-Policy"]
    assert seen["cookie"] == {"secure": True, "samesite": "Lax"}


def test_plain_http_is_sent_to_https_in_production():
    probe = ("import django; django.setup(); from django.test import Client; "
             "r = Client().get('/account/login/', HTTP_HOST='hub.example.org'); "
             "print(r.status_code, r['Location'])")
    result = subprocess.run([sys.executable, "-c", probe], cwd=settings.BASE_DIR,
                            env=PRODUCTION_ENV, capture_output=True, text=True, timeout=120)
    assert result.stdout.split() == ["301", "https://hub.example.org/account/login/"], (
        result.stdout + result.stderr)


def test_production_refuses_to_start_with_the_debug_page_on():
    result = subprocess.run([sys.executable, "-c", "import hub.settings"],
                            cwd=settings.BASE_DIR, env={**PRODUCTION_ENV, "HUB_DEBUG": "1"},
                            capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert "HUB_DEBUG must be off in production" in result.stderr


def test_api_answers_carry_the_security_headers(world):
    response = api_client(world.users[Role.BUSINESS_UNIT]).get("/api/v1/indicators/")
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert "default-src 'self'" in response["Content-Security-Policy"]


# ---- the sign-in expires ----

def test_a_sign_in_lasts_a_working_day_and_ends_with_the_browser(world, login):
    assert settings.SESSION_COOKIE_AGE == 8 * 60 * 60
    client = login(world.users[Role.PRACTITIONER])
    response = client.get(reverse("core:partnership_home", kwargs={"slug": "alpha"}))
    assert response.status_code == 200
    client.session.save()
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    # The browser keeps it only while it is open: no date, no max-age.
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert not cookie["expires"] and not cookie["max-age"]


def test_a_sign_in_older_than_a_working_day_is_refused(world, login, monkeypatch):
    client = login(world.users[Role.PRACTITIONER])
    url = reverse("core:partnership_home", kwargs={"slug": "alpha"})
    assert client.get(url).status_code == 200
    later = timezone.now() + datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE + 60)
    monkeypatch.setattr(timezone, "now", lambda: later)
    # With sessions cached in Redis, Redis drops the key when its time runs out in real time;
    # moving the clock cannot do that, so the test empties the cache as Redis would have.
    from django.core.cache import cache

    cache.clear()
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


# ---- no debug page, no stack trace ----

class Boom(Exception):
    pass


def _explode(*args, **kwargs):
    raise Boom("secret internal detail /srv/hub/core/views.py line 42")


@pytest.mark.parametrize("where", ["page", "api"])
def test_a_server_error_shows_the_hubs_error_page_and_nothing_of_the_fault(
        world, login, monkeypatch, where):
    assert settings.DEBUG is False
    if where == "page":
        from core import views

        monkeypatch.setattr(views, "home_panels", _explode)
        client = login(world.users[Role.PRACTITIONER])
        client.raise_request_exception = False
        response = client.get(reverse("core:partnership_home", kwargs={"slug": "alpha"}))
    else:
        from performance import selectors

        monkeypatch.setattr(selectors, "indicators_catalogue", _explode)
        client = api_client(world.users[Role.BUSINESS_UNIT])
        client.raise_request_exception = False
        response = client.get("/api/v1/indicators/")
    assert response.status_code == 500
    text = response.content.decode()
    assert "Sorry, there is a problem with the service" in text
    for leak in ("Traceback", "Boom", "secret internal detail", "/srv/", "line 42",
                 "settings", "SECRET_KEY"):
        assert leak not in text, leak


def test_an_unknown_page_shows_the_hubs_page_not_djangos_debug_page(world, login):
    client: Client = login(world.users[Role.PRACTITIONER])
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    text = response.content.decode()
    assert "Safeguarding Partnership Hub" in text
    assert "URLconf" not in text and "Using the URLconf" not in text
