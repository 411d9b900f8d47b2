from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = "Yearly report"
    nav = [("Yearly report", 60, "Yearly reports", "reports:report_list",
            "reports.view_report")]
    demo_loader = "reports.demo.load"
    deadline_kinds = ["reports.models.DEADLINE_KINDS"]
