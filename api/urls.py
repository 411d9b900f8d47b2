"""The REST API, version 1. Views live with their app (performance/api.py).

The paths are deliberately unnamed: the permission walk expects a sign-in redirect for
anonymous requests, while an API answers 401; performance/tests/test_api.py walks them
for every role instead."""

from django.urls import path

from business import api as business_api
from performance import api as performance_api

urlpatterns = [
    path("v1/indicators/", performance_api.IndicatorListCreate.as_view()),
    path("v1/indicators/<str:code>/values/", performance_api.IndicatorValues.as_view()),
    path("v1/data-returns/", performance_api.DataReturnCreate.as_view()),
    path("v1/partnerships/<slug:slug>/national-items/",
         business_api.NationalItemList.as_view()),
    path("v1/partnerships/<slug:slug>/scrutiny-activities/",
         business_api.ScrutinyActivityList.as_view()),
    path("v1/partnerships/<slug:slug>/communication/", business_api.CommunicationList.as_view()),
    path("v1/partnerships/<slug:slug>/voice/", business_api.VoiceList.as_view()),
]
