from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "api"
    nav = [("Partnership", 91, "API tokens", "api_tokens:token_list", "api.manage_tokens")]

    def ready(self):
        from . import schema  # noqa: F401  (registers the token's OpenAPI security scheme)
