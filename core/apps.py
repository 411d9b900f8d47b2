from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    # (section, order, label, url name, permission): see core.nav.
    nav = [
        ("Home", 0, "Home", "core:partnership_home", "core.view_partnership"),
        ("Partnership", 80, "Organisations", "core:organisation_list", "core.view_directory"),
        ("Partnership", 81, "People", "core:person_list", "core.view_directory"),
        ("Partnership", 82, "Areas", "core:area_list", "core.view_areas"),
        ("Partnership", 83, "Child populations", "core:population_list", "core.view_areas"),
        ("Partnership", 84, "Deadline rules", "core:rule_list", "core.manage_deadline_rules"),
        ("Partnership", 90, "Audit trail", "core:audit_list", "core.view_audit"),
        ("Partnership", 91, "Subject access requests", "core:subject_access",
         "core.answer_subject_access"),
    ]
    home_panels = ["core.home.whats_new_panel"]
    retention_rules = ["core.retention_rules.RULES"]

    def ready(self):
        from . import signals  # noqa: F401
