"""The REST API, version 1. Views live with their app (performance/api.py).

The paths are deliberately unnamed: the permission walk expects a sign-in redirect for
anonymous requests, while an API answers 401; performance/tests/test_api.py walks them
for every role instead."""

from django.urls import path, re_path

from assurance import api as assurance_api
from business import api as business_api
from finance import api as finance_api
from governance import api as governance_api
from performance import api as performance_api
from training import api as training_api

from .fallback import NoSuchPath

urlpatterns = [
    path("v1/indicators/", performance_api.IndicatorListCreate.as_view()),
    path("v1/indicators/<str:code>/values/", performance_api.IndicatorValues.as_view()),
    path("v1/data-returns/", performance_api.DataReturnCreate.as_view()),
    path("v1/assurance/returns/", assurance_api.OpenReturns.as_view()),
    path("v1/assurance/returns/<int:pk>/answers/", assurance_api.ReturnAnswers.as_view()),
    path("v1/partnerships/<slug:slug>/national-items/",
         business_api.NationalItemList.as_view()),
    path("v1/partnerships/<slug:slug>/scrutiny-activities/",
         business_api.ScrutinyActivityList.as_view()),
    path("v1/partnerships/<slug:slug>/communication/", business_api.CommunicationList.as_view()),
    path("v1/partnerships/<slug:slug>/voice/", business_api.VoiceList.as_view()),
    path("v1/training/courses/", training_api.CourseList.as_view()),
    path("v1/training/sessions/", training_api.SessionList.as_view()),
    path("v1/training/completions/", training_api.CompletionImport.as_view()),
    path("v1/budgets/", finance_api.BudgetList.as_view()),
    path("v1/budgets/<int:year_start>/", finance_api.BudgetDetail.as_view()),
    path("v1/procedures/", governance_api.ProcedureList.as_view()),
    # Last: whatever the paths above do not match answers in JSON too.
    re_path(r"^v1/", NoSuchPath.as_view()),
]
