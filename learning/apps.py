from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "learning"
    retention_rules = ["learning.retention.RULES"]
    nav = [
        ("Learning", 20, "Actions", "learning:action_list", "learning.list_actions"),
        ("Learning", 20, "My actions", "learning:my_actions", "learning.list_my_actions"),
        ("Learning", 21, "Learning plan", "learning:plan", "learning.view_plan"),
        ("Learning", 22, "Themes", "learning:thematic_analysis",
         "learning.view_thematic_analysis"),
        ("Learning", 23, "Challenge events", "learning:challenge_list",
         "learning.list_challenge_events"),
        ("Learning", 24, "Deep dives", "learning:inquiry_list", "learning.list_inquiries"),
        ("Learning", 25, "Dissemination", "learning:dissemination_list",
         "learning.list_dissemination"),
        ("Learning", 26, "Improvement plans", "learning:improvement_plan_list",
         "learning.list_improvement_plans"),
    ]
    home_panels = ["learning.home.my_actions_panel", "learning.home.group_actions_panel"]
    demo_loader = "learning.demo.load"
    reminder_sources = ["learning.reminders.actions_due"]
