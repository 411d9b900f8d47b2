from django.urls import path

from . import enrolment_views, job_views, structure_views, subject_access_views, views

app_name = "core"

urlpatterns = [
    path("", views.PartnershipHomeView.as_view(), name="partnership_home"),
    path("organisations/", views.OrganisationListView.as_view(), name="organisation_list"),
    path("organisations/add/", structure_views.OrganisationCreateView.as_view(),
         name="organisation_create"),
    path("people/", views.PersonListView.as_view(), name="person_list"),
    path("people/add/", structure_views.PersonCreateView.as_view(), name="person_create"),
    path("people/<int:pk>/", structure_views.PersonDetailView.as_view(), name="person_detail"),
    path("people/<int:pk>/enrolment-code/", enrolment_views.EnrolmentCodeIssueView.as_view(),
         name="enrolment_code_issue"),
    path("areas/", structure_views.AreaListView.as_view(), name="area_list"),
    path("areas/add/", structure_views.AreaCreateView.as_view(), name="area_create"),
    path("areas/<int:pk>/edit/", structure_views.AreaEditView.as_view(), name="area_edit"),
    path("areas/populations/", structure_views.PopulationListView.as_view(),
         name="population_list"),
    path("areas/populations/add/", structure_views.PopulationCreateView.as_view(),
         name="population_create"),
    path("areas/populations/<int:pk>/edit/", structure_views.PopulationEditView.as_view(),
         name="population_edit"),
    path("deadline-rules/", structure_views.DeadlineRuleListView.as_view(), name="rule_list"),
    path("deadline-rules/<int:pk>/edit/", structure_views.DeadlineRuleEditView.as_view(),
         name="rule_edit"),
    path("audit/", views.AuditListView.as_view(), name="audit_list"),
    path("subject-access/", subject_access_views.SubjectAccessView.as_view(),
         name="subject_access"),
    path("subject-access/<int:pk>/export.json", subject_access_views.SubjectAccessExportView.as_view(),
         name="subject_access_export"),
    path("imports/<int:pk>/", job_views.ImportJobView.as_view(), name="import_job"),
]
