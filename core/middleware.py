import logging
import re
import time
import uuid

from django.conf import settings
from django.db.models import Model
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers

from .logs import request_id
from .policy import requires_two_factor

ALLOWED_PREFIXES = ("/account/", "/static/", "/public/")

request_log = logging.getLogger("hub.requests")
# An id a load balancer or proxy sent is kept if it is plain; anything else gets a new one,
# so a header cannot inject text into the logs.
GOOD_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")


class RequestIdMiddleware:
    """Gives every request an id (the incoming X-Request-ID, or a new one), puts it on every
    log line written while serving it, echoes it in the response's X-Request-ID header and
    logs one line per request: method, path, status, duration."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        rid = incoming if GOOD_REQUEST_ID.fullmatch(incoming) else uuid.uuid4().hex
        request.request_id = rid
        token = request_id.set(rid)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = rid
            user = getattr(request, "user", None)
            request_log.info(
                "%s %s %s", request.method, request.path, response.status_code,
                extra={"method": request.method, "path": request.path,
                       "status": response.status_code,
                       "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                       "user_id": user.pk if user is not None and user.is_authenticated
                       else None})
            return response
        finally:
            request_id.reset(token)


class TwoFactorRequiredMiddleware:
    """Privileged roles must complete a TOTP check before they see anything else."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and not request.path.startswith(ALLOWED_PREFIXES)
            and not user.is_verified()
            and requires_two_factor(user)
        ):
            return redirect(f"{reverse('two_factor')}?next={request.get_full_path()}")
        return self.get_response(request)


# Where a refusal is written to the audit trail: the signed-in pages and the API.
AUDITED_PREFIXES = ("/p/", "/api/")


class RefusalAuditMiddleware:
    """Every refusal is audited, whatever refused it (decision 0001): a 403 from a
    partnership page or the API, and a 404 from a page of restricted records (an id tried
    under the wrong partnership's slug). Views only describe what was refused
    (core.web.note_refusal); this writes the one row. Anonymous visitors are sent to sign in
    before any refusal, and public pages' 404s are not recorded."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        status = response.status_code
        if status in (403, 404) and request.path.startswith(AUDITED_PREFIXES):
            noted = getattr(request, "hub_refusal", None)
            if status == 403 or (noted is not None and request.user.is_authenticated):
                self.audit(request, noted or {})
        return response

    @staticmethod
    def audit(request, noted: dict) -> None:
        from .models import AuditEvent, Partnership
        from .services import audit_record

        obj = noted.get("obj")
        if obj is not None and not isinstance(obj, Model):
            obj = None
        partnership = getattr(obj, "partnership", None) if obj is not None else None
        if not isinstance(partnership, Partnership):
            partnership = getattr(request, "partnership", None)
            shared = list(obj.partnerships.all()) if hasattr(obj, "partnerships") else None
            if shared and partnership not in shared:
                partnership = shared[0]  # a record of another partnership: tell its owners
        if partnership is None and request.resolver_match is not None:
            slug = request.resolver_match.kwargs.get("slug")
            partnership = Partnership.objects.filter(slug=slug).first() if slug else None
        audit_record(actor=getattr(request, "user", None), action=AuditEvent.Action.REFUSED,
                     obj=obj, partnership=partnership, model=noted.get("model", ""),
                     object_repr=noted.get("object_repr", ""),
                     path=request.get_full_path())


# The public site is the same for everyone, so browsers and proxies may keep it.
PUBLIC_PREFIXES = ("/public/",)


class NoStoreWhenSignedInMiddleware:
    """Pages, exports and downloads seen by a signed-in user carry case and partnership
    detail: send them `Cache-Control: no-store` (and private), so neither the browser nor a
    shared proxy keeps a copy after the user signs out. The public site and static files
    keep their normal caching."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Signed in when the request arrived (a sign-out's page too), or once the view has
        # authenticated it (the API's token authentication sets request.user in the view).
        user = getattr(request, "user", None)
        signed_in = bool(user is not None and user.is_authenticated)
        response = self.get_response(request)
        signed_in = signed_in or bool(getattr(request, "user", None)
                                      and request.user.is_authenticated)
        path = request.path
        if signed_in and not path.startswith(PUBLIC_PREFIXES) and not path.startswith(
                "/" + settings.STATIC_URL.lstrip("/")):
            add_never_cache_headers(response)
        return response
