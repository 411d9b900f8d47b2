from django.urls import path

from . import views

app_name = "finance"

urlpatterns = [
    path("", views.YearListView.as_view(), name="year_list"),
    path("new/", views.YearCreateView.as_view(), name="year_create"),
    path("<int:pk>/", views.YearDetailView.as_view(), name="year_detail"),
    path("<int:pk>/edit/", views.YearEditView.as_view(), name="year_edit"),
    path("<int:pk>/lines/add/", views.LineAddView.as_view(), name="line_add"),
    path("<int:pk>/import/", views.BudgetImportView.as_view(), name="budget_import"),
    path("<int:pk>/close/", views.YearCloseView.as_view(), name="year_close"),
    path("<int:pk>/reopen/", views.YearReopenView.as_view(), name="year_reopen"),
    path("lines/<int:pk>/remove/", views.LineRemoveView.as_view(), name="line_remove"),
]
