from django.apps import AppConfig


class PerformanceConfig(AppConfig):
    name = "performance"
    verbose_name = "Performance"
    nav = [(30, "Performance", "performance:scorecard", "performance.view_scorecard")]
    demo_loader = "performance.demo.load"
