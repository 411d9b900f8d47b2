from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "learning"
    nav = [
        (20, "Actions", "learning:action_list", "learning.list_actions"),
        (21, "Learning plan", "learning:plan", "learning.view_plan"),
        (22, "Themes", "learning:thematic_analysis", "learning.view_thematic_analysis"),
        (23, "Challenge events", "learning:challenge_list", "learning.list_challenge_events"),
        (24, "Deep dives", "learning:inquiry_list", "learning.list_inquiries"),
        (25, "Dissemination", "learning:dissemination_list", "learning.list_dissemination"),
        (26, "Improvement plans", "learning:improvement_plan_list",
         "learning.list_improvement_plans"),
    ]
    demo_loader = "learning.demo.load"
    reminder_sources = ["learning.reminders.actions_due"]
