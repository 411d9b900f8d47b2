from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "training"
    # Extension points core reads (decision 0016): nav entries, home panels, reminders, demo.
    nav: list = []
    home_panels: list = []
