"""How the OpenAPI schema describes API tokens (drf-spectacular extension)."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.ApiTokenAuthentication"
    name = "apiToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": (
                "Send `Authorization: Token <token>`. A token is issued for one organisation "
                "system and one partnership (`manage.py create_api_token USERNAME --partnership "
                "SLUG --system NAME`); it acts with its user's role in that partnership only, "
                "and requests about another partnership are refused. It is shown once, stored "
                "only as a hash, expires (365 days unless set otherwise) and can be revoked by "
                "the partnership's business unit at /p/<partnership>/api-tokens/. Its use is "
                "recorded in the audit trail."
            ),
        }


# The one shape of an error answer: DRF's {"detail": ...}, the hub's {"errors": ...} (by row
# for returns, by field for the catalogue) or a serializer's messages by field.
ERROR_SCHEMA = {
    "type": "object",
    "description": "What was wrong; nothing was saved.",
    "properties": {
        "detail": {"type": "string"},
        "errors": {"oneOf": [{"type": "array", "items": {}}, {"type": "object"}]},
        "warnings": {"type": "array", "items": {}},
        "message": {"type": "string"},
        "more_errors": {"type": "integer"},
    },
    "additionalProperties": {"type": "array", "items": {}},
}
_ERROR = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}


def document_errors(result, generator, request, public):
    """Give every operation the error answers it can give (drf-spectacular postprocessing
    hook), so a client, and the fuzz test, know them all: 401 and 403 everywhere, 400 where
    there is input, 404 where the path names a record, 413 and 415 where there is a body."""
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    for path, item in result.get("paths", {}).items():
        for operation in item.values():
            answers = {
                "401": "No valid token: it is missing, unknown, revoked or expired.",
                "403": "The token's role may not do this, or not in this partnership.",
            }
            if operation.get("parameters") or operation.get("requestBody"):
                answers["400"] = "The request is not valid; the errors say why."
            if "{" in path:
                answers["404"] = "There is no such record, or none the caller may see."
            if operation.get("requestBody"):
                answers["413"] = "The request is too large."
                answers["415"] = "The body is not JSON."
            responses = operation.setdefault("responses", {})
            for status, description in answers.items():
                responses.setdefault(status, {"description": description, "content": _ERROR})
    return result
