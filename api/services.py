"""API tokens: create, revoke, authenticate (decision 0008). Every write asks the policy
layer and writes its audit row in the same transaction."""

from __future__ import annotations

import datetime
import hashlib
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from core import policy
from core.models import AuditEvent, RoleAssignment
from core.services import audit_record

from .models import ApiToken

TOKEN_PREFIX = "hub_"
DEFAULT_LIFETIME_DAYS = 365
MAX_LIFETIME_DAYS = 730
# Use of a token is audited at most once an hour; last_used_at is kept to the minute.
USE_AUDIT_EVERY = datetime.timedelta(hours=1)
LAST_USED_EVERY = datetime.timedelta(minutes=1)


class TokenRefused(Exception):
    """The token is unknown, revoked, expired, or its user may no longer use it."""


def hash_token(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def api_token_create(*, actor, user, partnership, system_name: str,
                     days: int = DEFAULT_LIFETIME_DAYS) -> tuple[ApiToken, str]:
    """A token for `user`'s organisation system in `partnership`. Returns the record and the
    token, which is never stored and so can be shown only now."""
    policy.require(actor, "api.manage_tokens", partnership,
                   "Only the business unit may create API tokens.")
    system_name = (system_name or "").strip()
    errors = {}
    if not system_name:
        errors["system_name"] = "Enter the name of the system that will use the token."
    elif len(system_name) > 200:
        errors["system_name"] = "The system's name must be 200 characters or fewer."
    if not 1 <= int(days) <= MAX_LIFETIME_DAYS:
        errors["days"] = f"A token lasts between 1 and {MAX_LIFETIME_DAYS} days."
    if user.is_superuser or not user.is_active:
        errors["user"] = "API tokens are for active people with a role, not administrators."
    elif not RoleAssignment.objects.filter(person__user=user, partnership=partnership).exists():
        errors["user"] = f"{user.get_username()} has no role in {partnership.name}."
    if errors:
        raise ValidationError(errors)
    key = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user, partnership=partnership, system_name=system_name,
            token_hash=hash_token(key), prefix=key[:12], created_by=actor,
            expires_at=timezone.now() + datetime.timedelta(days=int(days)),
        )
        audit_record(actor=actor, action=AuditEvent.Action.CREATE, obj=token,
                     partnership=partnership,
                     changes={"for": user.get_username(), "system": system_name,
                              "expires_at": token.expires_at})
    return token, key


def api_token_revoke(*, actor, token: ApiToken) -> ApiToken:
    policy.require(actor, "api.manage_tokens", token.partnership,
                   "Only the business unit may revoke API tokens.")
    now = timezone.now()
    with transaction.atomic():
        revoked = ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
            revoked_at=now, revoked_by=actor)
        if revoked:
            token.revoked_at, token.revoked_by = now, actor
            audit_record(actor=actor, action=AuditEvent.Action.CHANGE, obj=token,
                         partnership=token.partnership,
                         changes={"status": {"from": "Active", "to": "Revoked"}})
    return token


def api_token_authenticate(*, key: str, path: str = "") -> ApiToken:
    """The live token for `key`, its user narrowed to the token's partnership, with its use
    recorded; TokenRefused otherwise."""
    token = (ApiToken.objects.select_related("user", "partnership")
             .filter(token_hash=hash_token(key or "")).first())
    if token is None:
        raise TokenRefused("Invalid token.")
    if token.revoked_at is not None:
        raise TokenRefused("This token has been revoked.")
    now = timezone.now()
    if token.expires_at <= now:
        raise TokenRefused("This token has expired.")
    user = token.user
    if not user.is_active or user.is_superuser:
        raise TokenRefused("This token's account may not use the API.")
    scope = policy.limit_scope_to(user, token.partnership)
    if not scope.roles:
        raise TokenRefused("This token's account no longer has a role in its partnership.")
    _record_use(token, now, path)
    return token


def _record_use(token: ApiToken, now, path: str) -> None:
    due = Q(last_use_audited_at__isnull=True) | Q(last_use_audited_at__lte=now - USE_AUDIT_EVERY)
    with transaction.atomic():
        if ApiToken.objects.filter(due, pk=token.pk).update(last_used_at=now,
                                                            last_use_audited_at=now):
            audit_record(actor=token.user, action=AuditEvent.Action.USED, obj=token,
                         partnership=token.partnership, path=path,
                         changes={"system": token.system_name})
            token.last_used_at = token.last_use_audited_at = now
            return
    if token.last_used_at is None or token.last_used_at <= now - LAST_USED_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now


def tokens_for(partnership):
    """The partnership's API tokens, newest first, with who they act as."""
    return (ApiToken.objects.filter(partnership=partnership)
            .select_related("user__person", "created_by", "revoked_by"))

