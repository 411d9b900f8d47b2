"""the partnership's budget by financial year: contributions, income, spending, reserves (issue 14)"""
from django.apps import AppConfig


class FinanceConfig(AppConfig):
    name = "finance"
    verbose_name = "Finance"
    # Extension points core reads (decision 0016): nav entries, home panels, reminders, demo.
    nav = [("Governance", 15, "Budget", "finance:year_list", "finance.view_budget")]
    home_panels: list = []
    demo_loader = "finance.demo.load"
