from django.urls import path

from . import schools, surveys, views

app_name = "assurance"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("cycles/new/", views.CycleCreateView.as_view(), name="cycle_create"),
    path("cycles/<int:pk>/", views.CycleDetailView.as_view(), name="cycle_detail"),
    path("cycles/<int:pk>/summary/", views.CycleSummaryView.as_view(), name="cycle_summary"),
    path("cycles/<int:pk>/cases/new/", views.CaseCreateView.as_view(), name="case_create"),
    path("cases/<int:pk>/grade/", views.CaseGradeView.as_view(), name="case_grade"),
    path("returns/<int:pk>/", views.ReturnDetailView.as_view(), name="return_detail"),
    path("returns/<int:pk>/answer/", views.ReturnEditView.as_view(), name="return_edit"),
    path("returns/<int:pk>/moderate/", views.ReturnModerateView.as_view(),
         name="return_moderate"),
    path("returns/<int:pk>/challenge/", views.ChallengeCreateView.as_view(),
         name="challenge_create"),
    path("returns/<int:pk>/export.<str:fmt>", views.ReturnExportView.as_view(),
         name="return_export"),
    path("returns/<int:pk>/evidence/<int:answer>/", views.EvidenceDownloadView.as_view(),
         name="evidence_download"),
    path("challenges/<int:pk>/outcome/", views.ChallengeConcludeView.as_view(),
         name="challenge_conclude"),
    path("schools/", schools.SchoolListView.as_view(), name="school_list"),
    path("schools/import/", schools.SchoolImportView.as_view(), name="school_import"),
    path("schools/template.<str:fmt>", schools.SchoolTemplateView.as_view(),
         name="school_template"),
    path("cycles/<int:pk>/schools/", schools.CycleSchoolsView.as_view(), name="cycle_schools"),
    path("cycles/<int:pk>/schools/remind/", schools.SchoolRemindView.as_view(),
         name="school_remind"),
    path("tools/", views.ToolListView.as_view(), name="tool_list"),
    path("tools/new/", views.ToolCreateView.as_view(), name="tool_create"),
    path("tools/<int:pk>/", views.ToolDetailView.as_view(), name="tool_detail"),
    path("questions/<int:pk>/edit/", views.QuestionEditView.as_view(), name="question_edit"),
    path("sections/<int:pk>/questions/new/", views.QuestionAddView.as_view(),
         name="question_add"),
    path("questions/<int:pk>/move/", views.QuestionMoveView.as_view(), name="question_move"),
    path("questions/<int:pk>/remove/", views.QuestionRemoveView.as_view(),
         name="question_remove"),
    path("tools/<int:pk>/sections/new/", views.SectionAddView.as_view(), name="section_add"),
    path("sections/<int:pk>/rename/", views.SectionRenameView.as_view(), name="section_rename"),
    path("sections/<int:pk>/move/", views.SectionMoveView.as_view(), name="section_move"),
    path("sections/<int:pk>/remove/", views.SectionRemoveView.as_view(), name="section_remove"),
    # Surveys and self-assessments (decision 0035).
    path("surveys/", surveys.SurveysView.as_view(), name="surveys"),
    path("surveys/<int:pk>/", surveys.SurveyDetailView.as_view(), name="survey_detail"),
    path("surveys/<int:pk>/settings/", surveys.SurveySettingsView.as_view(),
         name="survey_settings"),
    path("surveys/<int:pk>/results/", surveys.SurveyResultsView.as_view(),
         name="survey_results"),
    path("cycles/<int:pk>/close/", surveys.CycleCloseView.as_view(), name="cycle_close"),
    # The public response page: the token is the credential (no sign-in unless the survey
    # asks for it).
    path("respond/<str:token>/", surveys.SurveyRespondView.as_view(), name="survey_respond"),
]
