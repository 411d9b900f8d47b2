"""Any /api/v1/ path no endpoint matches (an id that is not a number, a slug with a space)
answers like the endpoints do: 401 without a live token, else a JSON 404, never the site's
HTML page."""

from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.views import APIView


@extend_schema(exclude=True)
class NoSuchPath(APIView):
    def _not_found(self, request, *args, **kwargs):
        raise NotFound("There is no such API endpoint or record.")

    get = post = put = patch = delete = _not_found
