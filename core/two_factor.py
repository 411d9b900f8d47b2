"""Two-factor enrolment and backup codes (decision 0008).

An account of a two-factor role sets up its authenticator app only with a one-time
enrolment code issued by the business unit of one of its partnerships (or an
administrator). Only a hash of the code is kept; it expires and works once. After
enrolling, the person is shown ten single-use backup codes, which sign in in place of the
authenticator's code and can be replaced (with a current code from the app).
"""

from __future__ import annotations

import datetime
import hashlib
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import policy
from .models import AuditEvent, EnrolmentCode, RoleAssignment
from .services import audit_record

ENROLMENT_CODE_LIFETIME = datetime.timedelta(hours=72)
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I: read aloud or copied
CODE_LENGTH = 16
BACKUP_CODE_COUNT = 10
BACKUP_DEVICE_NAME = "Backup codes"

WRONG_CODE = "This enrolment code is not right. Check it, or ask your business unit for a new one."
USED_CODE = "This enrolment code has already been used. Ask your business unit for a new one."
EXPIRED_CODE = "This enrolment code has expired. Ask your business unit for a new one."


def normalise_code(code: str) -> str:
    return "".join(ch for ch in (code or "").upper() if ch.isalnum())


def hash_code(code: str) -> str:
    return hashlib.sha256(normalise_code(code).encode()).hexdigest()


def format_code(code: str) -> str:
    return "-".join(code[i:i + 4] for i in range(0, len(code), 4))


def enrolment_code_issue(*, actor, user, partnership=None) -> tuple[EnrolmentCode, str]:
    """Issue a code for `user`, who must hold a role in `partnership` (an administrator may
    issue one without a partnership). Returns the record and the code, which is never
    stored and so can be shown only now."""
    policy.require(actor, "core.manage_partnership", partnership,
                   "Only the business unit may issue enrolment codes.")
    if partnership is not None and not RoleAssignment.objects.filter(
            person__user=user, partnership=partnership).exists():
        raise ValidationError(f"{user.get_username()} has no role in {partnership.name}.")
    if not user.is_active or not user.has_usable_password():
        raise ValidationError("This account cannot sign in.")
    plain = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    with transaction.atomic():
        record = EnrolmentCode.objects.create(
            user=user, partnership=partnership, code_hash=hash_code(plain),
            issued_by=actor, expires_at=timezone.now() + ENROLMENT_CODE_LIFETIME,
        )
        audit_record(actor=actor, action=AuditEvent.Action.CREATE, obj=record,
                     partnership=partnership,
                     changes={"for": user.get_username(), "expires_at": record.expires_at})
    return record, format_code(plain)


def enrolment_code_check(*, user, code: str) -> EnrolmentCode:
    """The usable enrolment code `code` of `user`, or a ValidationError saying why not."""
    record = EnrolmentCode.objects.filter(code_hash=hash_code(code), user=user).first()
    if record is None or not normalise_code(code):
        raise ValidationError(WRONG_CODE)
    if record.used_at is not None:
        raise ValidationError(USED_CODE)
    if record.expires_at <= timezone.now():
        raise ValidationError(EXPIRED_CODE)
    return record


def usable_enrolment_code(user, code_id) -> EnrolmentCode | None:
    if not code_id:
        return None
    return EnrolmentCode.objects.filter(
        pk=code_id, user=user, used_at__isnull=True, expires_at__gt=timezone.now()).first()


def enrolment_complete(*, user, enrolment: EnrolmentCode, device: TOTPDevice) -> list[str]:
    """Use the code (once), confirm the authenticator, and issue backup codes (returned)."""
    now = timezone.now()
    with transaction.atomic():
        used = EnrolmentCode.objects.filter(
            pk=enrolment.pk, user=user, used_at__isnull=True, expires_at__gt=now,
        ).update(used_at=now)
        if used != 1:
            raise ValidationError(USED_CODE)
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        audit_record(actor=user, action=AuditEvent.Action.USED, obj=enrolment,
                     partnership=enrolment.partnership,
                     object_repr=f"Enrolment code for {user.get_username()}")
        audit_record(actor=user, action=AuditEvent.Action.CREATE, obj=device,
                     partnership=enrolment.partnership,
                     object_repr=f"Authenticator app of {user.get_username()}")
        return _backup_codes_replace(user=user)


def _backup_codes_replace(*, user) -> list[str]:
    device, _ = StaticDevice.objects.get_or_create(
        user=user, name=BACKUP_DEVICE_NAME, defaults={"confirmed": True})
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    audit_record(actor=user, action=AuditEvent.Action.CREATE, obj=device,
                 object_repr=f"{BACKUP_CODE_COUNT} backup codes for {user.get_username()}")
    return codes


def backup_codes_regenerate(*, user, current_code: str) -> list[str]:
    """Replace a person's backup codes; needs a current code from their authenticator app."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None or not device.verify_token((current_code or "").strip()):
        raise ValidationError("The security code is not right, or it has expired. "
                              "Enter the code your app shows now.")
    with transaction.atomic():
        return _backup_codes_replace(user=user)


def backup_code_verify(*, user, code: str) -> StaticDevice | None:
    """The backup-code device if `code` is one of the person's unused backup codes (it is
    then used up), else None."""
    token = "".join(ch for ch in (code or "").lower() if ch.isalnum())
    for device in StaticDevice.objects.filter(user=user, confirmed=True):
        if device.verify_token(token):
            audit_record(actor=user, action=AuditEvent.Action.USED, obj=device,
                         object_repr=f"Backup code of {user.get_username()}",
                         changes={"left": device.token_set.count()})
            return device
    return None
