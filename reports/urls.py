from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.ReportListView.as_view(), name="report_list"),
    path("new/", views.ReportCreateView.as_view(), name="report_create"),
    path("<int:pk>/", views.ReportDetailView.as_view(), name="report_detail"),
    path("<int:pk>/report/", views.ReportPreviewView.as_view(), name="report_preview"),
    path("<int:pk>/download/<str:fmt>/", views.ReportDownloadView.as_view(),
         name="report_download"),
    path("<int:pk>/text/<str:kind>/", views.BlockEditView.as_view(), name="block_edit"),
    path("<int:pk>/text/<int:block>/approve/", views.BlockApproveView.as_view(),
         name="block_approve"),
    path("<int:pk>/activity/new/", views.ActivityAddView.as_view(), name="activity_add"),
    path("<int:pk>/activity/<int:item>/edit/", views.ActivityEditView.as_view(),
         name="activity_edit"),
    path("<int:pk>/activity/<int:item>/remove/", views.ActivityRemoveView.as_view(),
         name="activity_remove"),
    path("<int:pk>/priorities/new/", views.PriorityAddView.as_view(), name="priority_add"),
    path("<int:pk>/priorities/<int:priority>/edit/", views.PriorityEditView.as_view(),
         name="priority_edit"),
    path("<int:pk>/priorities/<int:priority>/remove/", views.PriorityRemoveView.as_view(),
         name="priority_remove"),
    path("<int:pk>/priorities/<int:priority>/move/", views.PriorityMoveView.as_view(),
         name="priority_move"),
    path("<int:pk>/priorities/<int:priority>/measures/new/", views.MeasureAddView.as_view(),
         name="measure_add"),
    path("<int:pk>/priorities/<int:priority>/measures/<int:measure>/remove/",
         views.MeasureRemoveView.as_view(), name="measure_remove"),
    path("<int:pk>/finance/", views.FinanceView.as_view(), name="finance"),
    path("<int:pk>/publication/", views.PublicationView.as_view(), name="publication"),
    path("<int:pk>/publish/", views.ReportPublishView.as_view(), name="report_publish"),
    path("<int:pk>/published/<int:number>/<str:fmt>/", views.PublicationDownloadView.as_view(),
         name="publication_download"),
    path("<int:pk>/publication/log/new/", views.PublicationEventAddView.as_view(),
         name="publication_event_add"),
]
