from django.urls import path

from . import views

app_name = "governance"

urlpatterns = [
    path("groups/", views.GroupListView.as_view(), name="group_list"),
    path("groups/new/", views.GroupCreateView.as_view(), name="group_create"),
    path("groups/<int:pk>/", views.GroupDetailView.as_view(), name="group_detail"),
    path("groups/<int:pk>/edit/", views.GroupEditView.as_view(), name="group_edit"),
    path("groups/<int:pk>/chair/", views.GroupChairView.as_view(), name="group_chair"),
    path("groups/<int:pk>/plan-meetings/", views.MeetingGenerateView.as_view(),
         name="meeting_generate"),
    path("meetings/", views.MeetingListView.as_view(), name="meeting_list"),
    path("meetings/new/", views.MeetingCreateView.as_view(), name="meeting_create"),
    path("meetings/<int:pk>/", views.MeetingDetailView.as_view(), name="meeting_detail"),
    path("meetings/<int:pk>/edit/", views.MeetingEditView.as_view(), name="meeting_edit"),
    path("meetings/<int:pk>/agenda/add/", views.AgendaItemCreateView.as_view(),
         name="agenda_item_create"),
    path("meetings/<int:pk>/attendance/", views.AttendanceEditView.as_view(),
         name="attendance_edit"),
    path("meetings/<int:pk>/decisions/add/", views.DecisionCreateView.as_view(),
         name="decision_create"),
    path("agenda-items/<int:pk>/papers/add/", views.PaperUploadView.as_view(),
         name="paper_upload"),
    path("agenda-items/<int:pk>/escalate/", views.AgendaItemEscalateView.as_view(),
         name="agenda_item_escalate"),
    path("papers/<int:pk>/download/", views.PaperDownloadView.as_view(), name="paper_download"),
    path("decisions/", views.DecisionListView.as_view(), name="decision_list"),
    path("procedures/", views.ProcedureListView.as_view(), name="procedure_list"),
    path("procedures/new/", views.ProcedureCreateView.as_view(), name="procedure_create"),
    path("procedures/<int:pk>/", views.ProcedureDetailView.as_view(),
         name="procedure_detail"),
    path("procedures/<int:pk>/edit/", views.ProcedureEditView.as_view(),
         name="procedure_edit"),
    path("procedures/<int:pk>/versions/add/", views.ProcedureVersionAddView.as_view(),
         name="procedure_version_add"),
]
