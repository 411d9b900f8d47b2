from django.shortcuts import redirect
from django.urls import reverse

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
