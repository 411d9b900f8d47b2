from django.urls import path

from . import views

app_name = "performance"

urlpatterns = [
    path("", views.ScorecardView.as_view(), name="scorecard"),
    path("indicators/", views.IndicatorListView.as_view(), name="indicator_list"),
    path("indicators/new/", views.IndicatorFormView.as_view(), name="indicator_create"),
    path("indicators/import/", views.CatalogueImportView.as_view(), name="catalogue_import"),
    path("indicators/<str:code>/", views.IndicatorDetailView.as_view(), name="indicator_detail"),
    path("indicators/<str:code>/chart.svg", views.IndicatorChartView.as_view(),
         name="indicator_chart"),
    path("indicators/<str:code>/edit/", views.IndicatorFormView.as_view(), name="indicator_edit"),
    path("indicators/<str:code>/target/", views.TargetView.as_view(), name="target"),
    path("returns/", views.DataReturnListView.as_view(), name="data_return_list"),
    path("returns/value/", views.ValueFormView.as_view(), name="value_form"),
    path("returns/upload/", views.UploadView.as_view(), name="upload"),
    path("returns/<int:pk>/confirm/", views.ConfirmView.as_view(), name="data_return_confirm"),
    path("populations/import/", views.PopulationImportView.as_view(), name="population_import"),
    path("exceptions/", views.ExceptionListView.as_view(), name="exceptions"),
    path("exceptions/agenda/", views.ExceptionToAgendaView.as_view(), name="exception_to_agenda"),
]
