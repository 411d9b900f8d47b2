from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    nav = [
        (0, "Home", "core:partnership_home", "core.view_partnership"),
        (80, "Organisations", "core:organisation_list", "core.view_directory"),
        (81, "People", "core:person_list", "core.view_directory"),
        (82, "Areas", "core:area_list", "core.view_areas"),
        (90, "Audit trail", "core:audit_list", "core.view_audit"),
    ]

    def ready(self):
        from . import signals  # noqa: F401
