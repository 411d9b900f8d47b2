from django.urls import path

from . import views

app_name = "business"

urlpatterns = [
    path("national/", views.NationalListView.as_view(), name="national_list"),
    path("national/new/", views.NationalCreateView.as_view(), name="national_create"),
    path("national/<int:pk>/", views.NationalDetailView.as_view(), name="national_detail"),
    path("national/<int:pk>/edit/", views.NationalEditView.as_view(), name="national_edit"),
    path("scrutiny/", views.ScrutinyListView.as_view(), name="scrutiny_list"),
    path("scrutiny/new/", views.ScrutinyCreateView.as_view(), name="scrutiny_create"),
    path("scrutiny/<int:pk>/", views.ScrutinyDetailView.as_view(), name="scrutiny_detail"),
    path("scrutiny/<int:pk>/edit/", views.ScrutinyEditView.as_view(), name="scrutiny_edit"),
    path("scrutiny/appointments/", views.AppointmentListView.as_view(),
         name="appointment_list"),
    path("scrutiny/appointments/new/", views.AppointmentCreateView.as_view(),
         name="appointment_create"),
    path("scrutiny/appointments/<int:pk>/edit/", views.AppointmentEditView.as_view(),
         name="appointment_edit"),
    path("scrutiny/statements/", views.StatementListView.as_view(), name="statement_list"),
    path("scrutiny/statements/<int:year>/", views.StatementEditView.as_view(),
         name="statement_edit"),
    path("scrutiny/statements/<int:year>/approve/", views.StatementApproveView.as_view(),
         name="statement_approve"),
    path("communication/", views.CommunicationListView.as_view(), name="communication_list"),
    path("communication/new/", views.CommunicationCreateView.as_view(),
         name="communication_create"),
    path("communication/import/", views.CommunicationImportView.as_view(),
         name="communication_import"),
    path("communication/<int:pk>/edit/", views.CommunicationEditView.as_view(),
         name="communication_edit"),
    path("voice/", views.VoiceListView.as_view(), name="voice_list"),
    path("voice/new/", views.VoiceCreateView.as_view(), name="voice_create"),
    path("voice/<int:pk>/edit/", views.VoiceEditView.as_view(), name="voice_edit"),
]
