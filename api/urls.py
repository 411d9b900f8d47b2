"""The REST API, version 1. Views live with their app (performance/api.py).

The paths are deliberately unnamed: the permission walk expects a sign-in redirect for
anonymous requests, while an API answers 401; performance/tests/test_api.py walks them
for every role instead."""

from django.urls import path

from finance import api as finance_api
from governance import api as governance_api
from performance import api as performance_api

urlpatterns = [
    path("v1/indicators/", performance_api.IndicatorListCreate.as_view()),
    path("v1/indicators/<str:code>/values/", performance_api.IndicatorValues.as_view()),
    path("v1/data-returns/", performance_api.DataReturnCreate.as_view()),
    path("v1/budgets/", finance_api.BudgetList.as_view()),
    path("v1/budgets/<int:year_start>/", finance_api.BudgetDetail.as_view()),
    path("v1/procedures/", governance_api.ProcedureList.as_view()),
]
