from django.apps import AppConfig


class PerformanceConfig(AppConfig):
    name = "performance"
    verbose_name = "Performance"
    nav = [
        ("Performance", 50, "Scorecard", "performance:scorecard", "performance.view_scorecard"),
        ("Performance", 51, "Indicators", "performance:indicator_list",
         "performance.view_scorecard"),
        ("Performance", 52, "Data returns", "performance:data_return_list",
         "performance.view_scorecard"),
        ("Performance", 53, "Exceptions", "performance:exceptions", "performance.view_scorecard"),
        ("Partnership", 84, "Import child populations", "performance:population_import",
         "core.manage_partnership"),
    ]
    home_panels = ["performance.home.returns_panel"]
    demo_loader = "performance.demo.load"
