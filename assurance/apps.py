"""case audits, Section 11, Section 175/157, surveys and self-assessments on one question-set engine (issue 12)"""
from django.apps import AppConfig


class AssuranceConfig(AppConfig):
    name = "assurance"
    verbose_name = "Quality assurance"
    # Extension points core reads (decision 0016): nav entries, home panels, reminders, demo.
    nav = [
        # After case reviews, before training (45): its own orders, so the section's place
        # never rests on how two labels sort.
        ("Assurance", 42, "Audits and returns", "assurance:home", "assurance.view"),
        ("Assurance", 43, "Audit tools", "assurance:tool_list", "assurance.view"),
        ("Assurance", 44, "Surveys and self-assessments", "assurance:surveys",
         "assurance.read_all"),
    ]
    home_panels = ["assurance.home.returns_panel"]
    demo_loader = "assurance.demo.load"
    deadline_kinds = ["assurance.clock.DEADLINE_KINDS"]
    reminder_sources = ["assurance.reminders.returns_due"]
