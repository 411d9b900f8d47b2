from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "reviews"
    retention_rules = ["reviews.retention.RULES"]
    verbose_name = "Serious incidents and case reviews"
    nav = [
        ("Case reviews", 40, "Serious incidents", "reviews:incident_list",
         "reviews.list_incidents"),
        ("Case reviews", 41, "Practice reviews", "reviews:practice_review_list",
         "reviews.list_practice_reviews"),
    ]
    home_panels = ["reviews.selectors.deadlines_panel"]
    demo_loader = "reviews.demo.load"
    deadline_kinds = ["reviews.clock.DEADLINE_KINDS"]
    reminder_sources = ["reviews.reminders.statutory_deadlines"]
