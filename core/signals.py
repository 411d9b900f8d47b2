"""Sign-ins and failed sign-ins go to the audit trail (Django's auth signals are the only hook)."""

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from .home import PREVIOUS_LOGIN_KEY
from .models import AuditEvent
from .services import audit_record


@receiver(user_logged_in)
def record_login(sender, request, user, **kwargs):
    # Keep when they signed in before (the sign-in rows of the audit trail), so the home
    # page can say what is new since then; Django has already moved last_login to now.
    session = getattr(request, "session", None)
    if session is not None:
        previous = (AuditEvent.objects.filter(actor=user, action=AuditEvent.Action.LOGIN)
                    .values_list("at", flat=True).first())
        session[PREVIOUS_LOGIN_KEY] = previous.isoformat() if previous else ""
    audit_record(actor=user, action=AuditEvent.Action.LOGIN, model="core.User",
                 object_repr=user.get_username(), path=getattr(request, "path", ""))


@receiver(user_login_failed)
def record_login_failed(sender, credentials, request=None, **kwargs):
    audit_record(actor=None, action=AuditEvent.Action.LOGIN_FAILED, model="core.User",
                 object_repr=str(credentials.get("username", ""))[:150],
                 path=getattr(request, "path", "") if request else "")
