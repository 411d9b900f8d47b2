from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers

from .policy import requires_two_factor

ALLOWED_PREFIXES = ("/account/", "/static/", "/public/")


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
