from django.apps import AppConfig


class BusinessConfig(AppConfig):
    name = "business"
    # Extension points core reads (decision 0016): nav entries, home panels, reminders, demo.
    nav = [
        ("Partnership business", 70, "National agenda", "business:national_list",
         "business.view_business"),
        ("Partnership business", 71, "Independent scrutiny", "business:scrutiny_list",
         "business.view_business"),
        ("Partnership business", 72, "Communication", "business:communication_list",
         "business.view_business"),
        ("Partnership business", 73, "Voice of the child", "business:voice_list",
         "business.view_business"),
    ]
    home_panels: list = []
    demo_loader = "business.demo.load"
    reminder_sources = ["business.reminders.national_responses_due"]
    # The time limit on answering a national item (decision 0036).
    deadline_kinds = ["business.clock.DEADLINE_KINDS"]
