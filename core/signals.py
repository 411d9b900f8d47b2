"""Sign-ins and failed sign-ins go to the audit trail (Django's auth signals are the only hook)."""

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from .models import AuditEvent
from .services import audit_record


@receiver(user_logged_in)
def record_login(sender, request, user, **kwargs):
    audit_record(actor=user, action=AuditEvent.Action.LOGIN, model="core.User",
                 object_repr=user.get_username(), path=getattr(request, "path", ""))


@receiver(user_login_failed)
def record_login_failed(sender, credentials, request=None, **kwargs):
    audit_record(actor=None, action=AuditEvent.Action.LOGIN_FAILED, model="core.User",
                 object_repr=str(credentials.get("username", ""))[:150],
                 path=getattr(request, "path", "") if request else "")
