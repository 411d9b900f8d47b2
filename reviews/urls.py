from django.urls import path

from . import views

app_name = "reviews"

urlpatterns = [
    path("incidents/", views.IncidentListView.as_view(), name="incident_list"),
    path("incidents/new/", views.IncidentCreateView.as_view(), name="incident_create"),
    path("incidents/<int:pk>/", views.IncidentDetailView.as_view(), name="incident_detail"),
    path("incidents/<int:pk>/edit/", views.IncidentEditView.as_view(), name="incident_edit"),
    path("incidents/<int:pk>/rapid-review/", views.RapidReviewEditView.as_view(),
         name="rapid_review_edit"),
]

urlpatterns += [
    path("practice-reviews/", views.PracticeReviewListView.as_view(),
         name="practice_review_list"),
    path("practice-reviews/new/", views.PracticeReviewCreateView.as_view(),
         name="practice_review_create"),
    path("practice-reviews/<int:pk>/", views.PracticeReviewDetailView.as_view(),
         name="practice_review_detail"),
    path("practice-reviews/<int:pk>/edit/", views.PracticeReviewEditView.as_view(),
         name="practice_review_edit"),
    path("practice-reviews/<int:pk>/milestones/new/", views.MilestoneAddView.as_view(),
         name="milestone_add"),
    path("practice-reviews/<int:pk>/milestones/<int:milestone>/done/",
         views.MilestoneCompleteView.as_view(), name="milestone_complete"),
    path("practice-reviews/<int:pk>/learning-events/new/",
         views.LearningEventAddView.as_view(), name="learning_event_add"),
    path("practice-reviews/<int:pk>/briefing/", views.BriefingView.as_view(),
         name="briefing_edit"),
    path("practice-reviews/<int:pk>/briefing/download/", views.BriefingDownloadView.as_view(),
         name="briefing_download"),
]
