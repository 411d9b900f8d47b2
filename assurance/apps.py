from django.apps import AppConfig


class AssuranceConfig(AppConfig):
    name = "assurance"
    # Extension points core reads (decision 0016): nav entries, home panels, reminders, demo.
    nav: list = []
    home_panels: list = []
