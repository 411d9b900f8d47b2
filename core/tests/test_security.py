import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from core.models import AuditEvent, Role


def test_privileged_roles_must_pass_two_factor_before_any_page(world, client):
    client.force_login(world.users[Role.BUSINESS_UNIT])
    response = client.get(reverse("core:partnership_home", kwargs={"slug": "alpha"}))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("two_factor"))


def test_a_practitioner_needs_no_second_factor(world, client):
    client.force_login(world.users[Role.PRACTITIONER])
    response = client.get(reverse("core:partnership_home", kwargs={"slug": "alpha"}))
    assert response.status_code == 200


def test_repeated_failed_logins_lock_the_account(world, client):
    user = world.users[Role.GROUP_MEMBER]
    url = reverse("login")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(url, {"username": user.username, "password": "wrong"})
    response = client.post(url, {"username": user.username, "password": "correct horse battery"})
    assert response.status_code == 429
    assert b"Your account is locked" in response.content
    assert AuditEvent.objects.filter(action="login_failed", object_repr=user.username).count() >= 5
    assert "_auth_user_id" not in client.session


def test_a_wrong_password_says_so_and_signs_nobody_in(world, client):
    response = client.post(reverse("login"), {"username": "groupmember", "password": "nope"})
    assert response.status_code == 200
    assert b"Error: Sign in" in response.content
    assert b"enter a correct username and password" in response.content
    assert "_auth_user_id" not in client.session


def test_password_reset_sends_an_email_with_a_link(world, client):
    user = world.users[Role.PRACTITIONER]
    response = client.post(reverse("password_reset"), {"email": user.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "/account/reset/" in mail.outbox[0].body


def test_pages_carry_security_headers_and_a_content_security_policy(world, login):
    client = login(world.users[Role.PRACTITIONER])
    response = client.get(reverse("core:partnership_home", kwargs={"slug": "alpha"}))
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_deploy_check_is_clean_with_production_settings():
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "HUB_PRODUCTION": "1",
        "HUB_SECRET_KEY": "k" * 20 + "9Zq!x" * 10,
        "HUB_ALLOWED_HOSTS": "hub.example.org",
        "DJANGO_SETTINGS_MODULE": "hub.settings",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {**os.environ, "HUB_PRODUCTION": "1", "HUB_SECRET_KEY": ""}
    result = subprocess.run(
        [sys.executable, "-c", "import hub.settings"], cwd=settings.BASE_DIR, env=env,
        capture_output=True, text=True, timeout=60,
    )
    assert result.returncode != 0
    assert "HUB_SECRET_KEY must be set" in result.stderr


@pytest.mark.parametrize("slug", ["no-such-partnership", "beta"])
def test_unknown_or_foreign_partnership_is_refused(world, login, slug):
    client = login(world.users[Role.BUSINESS_UNIT])
    response = client.get(reverse("core:partnership_home", kwargs={"slug": slug}))
    if slug == "beta":
        assert response.status_code == 403
    else:
        assert response.status_code == 404
        assert "There is no partnership called “no-such-partnership”" in response.content.decode()
