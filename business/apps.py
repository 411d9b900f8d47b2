from django.apps import AppConfig


class BusinessConfig(AppConfig):
    name = "business"
    # Extension points core reads (decision 0016): nav entries, home panels, reminders, demo.
    nav: list = []
    home_panels: list = []
