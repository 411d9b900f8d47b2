"""The business unit's API token pages, under /p/<slug>/api-tokens/."""

from django.urls import path

from . import views

app_name = "api_tokens"

urlpatterns = [
    path("", views.ApiTokenListView.as_view(), name="token_list"),
    path("add/", views.ApiTokenCreateView.as_view(), name="token_create"),
    path("<int:pk>/revoke/", views.ApiTokenRevokeView.as_view(), name="token_revoke"),
]
