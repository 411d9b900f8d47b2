"""The API answers in JSON, whatever went wrong with the request.

DRF turns its own exceptions into JSON; this handler adds the ones Django raises before or
around a view: a request body over the size limit (413), a request Django finds suspicious
(400) and a model validation error a service raised (400)."""

from __future__ import annotations

from django.core.exceptions import RequestDataTooBig, SuspiciousOperation, ValidationError
from rest_framework import status
from rest_framework.exceptions import APIException, ParseError
from rest_framework.views import exception_handler


class RequestTooLarge(APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "The request is too large."
    default_code = "request_too_large"


def too_large(limit: int) -> RequestTooLarge:
    return RequestTooLarge(
        f"The request is too large: send at most {limit // (1024 * 1024)} MB in one request, "
        "or split the return into several.")


def api_exception_handler(exc, context):
    from django.conf import settings

    if isinstance(exc, RequestDataTooBig):
        exc = too_large(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
    elif isinstance(exc, SuspiciousOperation):
        exc = ParseError("The request could not be read.")
    elif isinstance(exc, ValidationError):
        from rest_framework.response import Response

        errors = exc.message_dict if hasattr(exc, "error_dict") else exc.messages
        return Response({"errors": errors}, status=status.HTTP_400_BAD_REQUEST)
    return exception_handler(exc, context)
