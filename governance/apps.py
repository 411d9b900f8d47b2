from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "governance"
    nav = [
        (10, "Meetings", "governance:meeting_list", "governance.list_groups"),
        (11, "Groups", "governance:group_list", "governance.list_groups"),
        (12, "Decisions", "governance:decision_list", "governance.list_groups"),
    ]
