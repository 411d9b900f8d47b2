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
