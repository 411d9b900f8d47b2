from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "governance"
    retention_rules = ["governance.retention.RULES"]
    nav = [
        ("Governance", 10, "Meetings", "governance:meeting_list", "governance.list_groups"),
        ("Governance", 11, "Groups", "governance:group_list", "governance.list_groups"),
        ("Governance", 12, "Decisions", "governance:decision_list", "governance.list_groups"),
    ]
    home_panels = ["governance.home.next_meetings_panel"]
