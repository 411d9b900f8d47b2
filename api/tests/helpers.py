"""An API client carrying a real token (decision 0008), for tests of any app's API."""

from rest_framework.test import APIClient

from api.services import api_token_create
from core.models import RoleAssignment
from core.services import system_actor


def api_client(user=None, partnership=None) -> APIClient:
    """A client sending `user`'s token, bound to `partnership` (default: their first)."""
    client = APIClient()
    if user is not None:
        partnership = partnership or RoleAssignment.objects.filter(
            person__user=user).first().partnership
        _, key = api_token_create(actor=system_actor(), user=user, partnership=partnership,
                                  system_name="Test system")
        client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client
