"""Two-factor enrolment needs a one-time code from the business unit; backup codes work once
(decision 0008)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from core import two_factor
from core.models import AuditEvent, EnrolmentCode, Role

PASSWORD = "correct horse battery"


def code_of(device) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def sign_in(client, user):
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def issue(world, user=None):
    user = user or world.users[Role.SCRUTINEER]
    return two_factor.enrolment_code_issue(
        actor=world.users[Role.BUSINESS_UNIT], user=user, partnership=world.partnership)


def home_url():
    return reverse("core:partnership_home", kwargs={"slug": "alpha"})


def test_a_two_factor_user_without_a_device_cannot_enrol_with_the_password_alone(world, client):
    user = world.users[Role.SCRUTINEER]
    sign_in(client, user)
    response = client.get(reverse("two_factor"))
    assert b"Enter your enrolment code" in response.content
    assert b"Key:" not in response.content  # no authenticator secret is shown
    assert not TOTPDevice.objects.filter(user=user).exists()
    # Guessing a TOTP code for a device that does not exist gets nowhere either.
    response = client.post(reverse("two_factor"), {"token": "123456"})
    assert b"Enter your enrolment code" in response.content
    assert client.get(home_url()).status_code == 302
    assert not TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def test_with_a_valid_code_the_user_enrols_and_sees_backup_codes_once(world, client):
    user = world.users[Role.SCRUTINEER]
    record, code = issue(world)
    assert code.replace("-", "") not in record.code_hash and len(record.code_hash) == 64
    sign_in(client, user)
    response = client.post(reverse("two_factor"), {"enrolment_code": code.lower()})
    assert response.status_code == 302
    response = client.get(response["Location"])
    assert b"Set up two-factor authentication" in response.content
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(reverse("two_factor"), {"token": code_of(device)})
    assert response.status_code == 200
    assert b"Your backup codes" in response.content
    codes = list(StaticToken.objects.filter(device__user=user).values_list("token", flat=True))
    assert len(codes) == 10 and all(c.encode() in response.content for c in codes)
    device.refresh_from_db()
    assert device.confirmed
    record.refresh_from_db()
    assert record.used_at is not None
    assert client.get(home_url()).status_code == 200
    actions = set(AuditEvent.objects.filter(model="core.EnrolmentCode")
                  .values_list("action", flat=True))
    assert actions == {AuditEvent.Action.CREATE, AuditEvent.Action.USED}


def test_the_link_carries_the_code(world, client):
    _, code = issue(world)
    sign_in(client, world.users[Role.SCRUTINEER])
    response = client.get(reverse("two_factor"), {"code": code})
    assert response.status_code == 302
    assert b"Set up two-factor" in client.get(response["Location"]).content


@pytest.mark.parametrize("problem", ["expired", "used", "someone_else", "wrong"])
def test_an_expired_used_or_wrong_code_is_refused(world, client, problem):
    user = world.users[Role.SCRUTINEER]
    record, code = issue(world, user=world.users[Role.PARTNER_DELEGATE]
                         if problem == "someone_else" else user)
    if problem == "expired":
        EnrolmentCode.objects.filter(pk=record.pk).update(
            expires_at=timezone.now() - datetime.timedelta(minutes=1))
    elif problem == "used":
        EnrolmentCode.objects.filter(pk=record.pk).update(used_at=timezone.now())
    elif problem == "wrong":
        code = "AAAA-BBBB-CCCC-DDDD"
    sign_in(client, user)
    response = client.post(reverse("two_factor"), {"enrolment_code": code})
    assert response.status_code == 200
    expected = {"expired": b"has expired", "used": b"already been used"}.get(problem, b"not right")
    assert expected in response.content
    assert "enrolment_code_id" not in client.session
    assert b"Set up two-factor" not in client.get(reverse("two_factor")).content


def test_a_code_cannot_be_used_twice(world, client):
    user = world.users[Role.SCRUTINEER]
    record, code = issue(world)
    sign_in(client, user)
    client.post(reverse("two_factor"), {"enrolment_code": code})
    device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
    two_factor.enrolment_complete(user=user, enrolment=record, device=device)
    with pytest.raises(Exception, match="already been used"):
        two_factor.enrolment_complete(user=user, enrolment=record, device=device)
    with pytest.raises(Exception, match="already been used"):
        two_factor.enrolment_code_check(user=user, code=code)


def test_only_the_business_unit_of_the_persons_partnership_issues_codes(world):
    target = world.users[Role.SCRUTINEER]
    for role in ("agency_lead", "scrutineer", "outsider"):
        with pytest.raises(PermissionDenied):
            two_factor.enrolment_code_issue(actor=world.users[role], user=target,
                                            partnership=world.partnership)
    with pytest.raises(Exception, match="has no role"):
        two_factor.enrolment_code_issue(actor=world.users["outsider"], user=target,
                                        partnership=world.other)
    assert not EnrolmentCode.objects.exists()


def test_the_business_unit_page_shows_the_code_once(world, login):
    client = login(world.users[Role.BUSINESS_UNIT])
    url = reverse("core:enrolment_code_issue",
                  kwargs={"slug": "alpha", "pk": world.people[Role.SCRUTINEER].pk})
    response = client.post(url)
    assert response.status_code == 200
    record = EnrolmentCode.objects.get()
    shown = response.context["code"]
    assert record.code_hash == two_factor.hash_code(shown)
    assert f"?code={shown}".encode() in response.content
    assert shown.encode() not in client.get(url).content
    # Not for someone outside the partnership.
    other = reverse("core:enrolment_code_issue",
                    kwargs={"slug": "alpha", "pk": world.people["outsider"].pk})
    assert client.post(other).status_code == 404


def test_an_administrator_issues_a_code_from_the_command(world, capsys):
    call_command("enrolment_code", "scrutineer", "--partnership", "alpha")
    code = capsys.readouterr().out.splitlines()[0]
    record = two_factor.enrolment_code_check(user=world.users[Role.SCRUTINEER], code=code)
    assert record.issued_by.username == "system"


def enrolled(user):
    device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
    codes = two_factor._backup_codes_replace(user=user)
    return device, codes


def test_a_backup_code_signs_in_once_and_not_twice(world, client):
    user = world.users[Role.BUSINESS_UNIT]
    _, codes = enrolled(user)
    sign_in(client, user)
    response = client.post(reverse("two_factor"), {"token": codes[3], "next": home_url()})
    assert response.status_code == 302 and response["Location"] == home_url()
    assert client.get(home_url()).status_code == 200
    assert AuditEvent.objects.filter(action=AuditEvent.Action.USED,
                                     model="otp_static.StaticDevice").count() == 1

    client.post(reverse("logout"))
    sign_in(client, user)
    response = client.post(reverse("two_factor"), {"token": codes[3]})
    assert response.status_code == 200
    assert b"The security code is not right" in response.content
    assert client.get(home_url()).status_code == 302
    assert StaticToken.objects.filter(device__user=user).count() == 9


def test_regenerating_backup_codes_needs_a_current_code(world, client):
    user = world.users[Role.BUSINESS_UNIT]
    device, old = enrolled(user)
    sign_in(client, user)
    client.post(reverse("two_factor"), {"token": code_of(device)})
    response = client.post(reverse("backup_codes"), {"token": "000000"})
    assert b"The security code is not right" in response.content
    assert set(StaticToken.objects.values_list("token", flat=True)) == set(old)
    device.refresh_from_db()
    device.last_t = -1  # the code was used to sign in; allow it once more
    device.save()
    device.throttle_reset()  # and forget the wrong attempt's back-off
    response = client.post(reverse("backup_codes"), {"token": code_of(device)})
    assert b"Your new backup codes" in response.content
    new = set(StaticToken.objects.values_list("token", flat=True))
    assert len(new) == 10 and not new & set(old)
    assert StaticDevice.objects.filter(user=user).count() == 1


def test_the_demo_logins_keep_their_authenticator(world):
    """Devices made outside enrolment (the demo loader, tests) still sign in as before."""
    user = world.users[Role.SCRUTINEER]
    device = TOTPDevice.objects.create(user=user, name="Demo authenticator", confirmed=True)
    from django.test import Client

    client = sign_in(Client(), user)
    response = client.post(reverse("two_factor"), {"token": code_of(device)})
    assert response.status_code == 302
