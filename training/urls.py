from django.urls import path

from . import views

app_name = "training"

urlpatterns = [
    path("", views.CourseListView.as_view(), name="course_list"),
    path("courses/new/", views.CourseCreateView.as_view(), name="course_create"),
    path("courses/<int:pk>/", views.CourseDetailView.as_view(), name="course_detail"),
    path("courses/<int:pk>/edit/", views.CourseEditView.as_view(), name="course_edit"),
    path("courses/<int:pk>/sessions/new/", views.SessionCreateView.as_view(),
         name="session_create"),
    path("sessions/<int:pk>/", views.SessionDetailView.as_view(), name="session_detail"),
    path("sessions/<int:pk>/edit/", views.SessionEditView.as_view(), name="session_edit"),
    path("sessions/<int:pk>/book/", views.SessionBookView.as_view(), name="session_book"),
    path("sessions/<int:pk>/book-staff/", views.TeamBookView.as_view(), name="team_book"),
    path("sessions/<int:pk>/register/", views.RegisterView.as_view(), name="session_register"),
    path("my-training/", views.MyTrainingView.as_view(), name="my_training"),
    path("bookings/<int:pk>/cancel/", views.BookingCancelView.as_view(), name="booking_cancel"),
    path("bookings/<int:pk>/evaluate/", views.EvaluationView.as_view(),
         name="booking_evaluate"),
    path("bookings/<int:pk>/follow-up/", views.FollowUpView.as_view(),
         name="booking_follow_up"),
    path("bookings/<int:pk>/calendar.ics", views.BookingCalendarView.as_view(),
         name="booking_calendar"),
    path("figures/", views.FiguresView.as_view(), name="figures"),
    path("figures/no-show-charge/", views.NoShowChargeCreateView.as_view(),
         name="no_show_charge_create"),
    path("events/", views.EventListView.as_view(), name="event_list"),
    path("events/new/", views.EventCreateView.as_view(), name="event_create"),
    path("events/<int:pk>/", views.EventDetailView.as_view(), name="event_detail"),
    path("events/<int:pk>/register/", views.RegistrationCreateView.as_view(),
         name="event_register"),
    path("events/<int:pk>/contributors/add/", views.ContributorCreateView.as_view(),
         name="event_contributor_add"),
    path("events/<int:pk>/attendance/", views.EventAttendanceView.as_view(),
         name="event_attendance"),
    path("e-learning/", views.CompletionListView.as_view(), name="completion_list"),
    path("e-learning/import/", views.CompletionImportView.as_view(), name="completion_import"),
]
