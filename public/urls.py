from django.urls import path

from . import views

app_name = "public"

urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:slug>/", views.home, name="home"),
    path("<slug:slug>/reports/", views.reports, name="reports"),
    path("<slug:slug>/reports/<int:pk>/", views.report, name="report"),
    path("<slug:slug>/reports/<int:pk>/pdf/", views.report_pdf, name="report_pdf"),
    path("<slug:slug>/reviews/", views.reviews, name="reviews"),
    path("<slug:slug>/reviews/<int:pk>/briefing/", views.briefing, name="briefing"),
    path("<slug:slug>/procedures/", views.procedures, name="procedures"),
    path("<slug:slug>/training/", views.training, name="training"),
    path("<slug:slug>/you-said-we-did/", views.you_said_we_did, name="you_said_we_did"),
]
