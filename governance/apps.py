from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "governance"
    retention_rules = ["governance.retention.RULES"]
    nav = [
        ("Governance", 10, "Meetings", "governance:meeting_list", "governance.list_groups"),
        ("Governance", 11, "Groups", "governance:group_list", "governance.list_groups"),
        ("Governance", 12, "Decisions", "governance:decision_list", "governance.list_groups"),
        ("Governance", 13, "Procedures", "governance:procedure_list",
         "governance.view_procedures"),
    ]
    home_panels = ["governance.home.next_meetings_panel"]
    deadline_kinds = ["governance.models.PROCEDURE_DEADLINE_KINDS"]
    reminder_sources = ["governance.reminders.procedure_reviews"]
    demo_loader = "governance.demo.load"
