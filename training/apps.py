"""the multi-agency programme, bookings, attendance, evaluations, events and e-learning (issue 13)"""
from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "training"
    # Extension points core reads (decision 0016): nav entries, home panels, reminders, demo.
    nav = [
        ("Training", 45, "Programme", "training:course_list", "training.view_programme"),
        ("Training", 46, "My training", "training:my_training", "training.book"),
        ("Training", 47, "Events", "training:event_list", "training.view_programme"),
        ("Training", 48, "Training figures", "training:figures", "training.view_figures"),
        ("Training", 49, "E-learning", "training:completion_list", "training.view_figures"),
    ]
    home_panels = ["training.home.my_training_panel"]
    # Read by learning's themes page (decision 0023).
    theme_panels = ["training.home.theme_training_panel"]
    demo_loader = "training.demo.load"
    deadline_kinds = ["training.clock.DEADLINE_KINDS"]
    reminder_sources = ["training.reminders.evaluations_due"]
