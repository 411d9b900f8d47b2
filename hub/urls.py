from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView

from core import views as core_views

from .api_docs import api_docs

handler403 = "core.views.forbidden"
handler404 = "core.views.not_found"

account = [
    path("login/", core_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("two-factor/", core_views.two_factor, name="two_factor"),
    path("backup-codes/", core_views.backup_codes, name="backup_codes"),
    path("password-reset/", auth_views.PasswordResetView.as_view(
        form_class=core_views.PasswordResetForm), name="password_reset"),
    path("password-reset/sent/", auth_views.PasswordResetDoneView.as_view(),
         name="password_reset_done"),
    path("reset/<uidb64>/<token>/", auth_views.PasswordResetConfirmView.as_view(
        form_class=core_views.SetPasswordForm), name="password_reset_confirm"),
    path("reset/done/", auth_views.PasswordResetCompleteView.as_view(),
         name="password_reset_complete"),
]

urlpatterns = [
    path("", core_views.home, name="home"),
    path("health/", core_views.health, name="health"),
    path("switch/", core_views.switch_partnership, name="switch_partnership"),
    path("account/", include(account)),
    path("p/<slug:slug>/", include("core.urls")),
    path("p/<slug:slug>/governance/", include("governance.urls")),
    path("p/<slug:slug>/learning/", include("learning.urls")),
    path("p/<slug:slug>/reviews/", include("reviews.urls")),
    path("p/<slug:slug>/finance/", include("finance.urls")),
    path("p/<slug:slug>/assurance/", include("assurance.urls")),
    path("p/<slug:slug>/training/", include("training.urls")),
    path("p/<slug:slug>/business/", include("business.urls")),
    path("p/<slug:slug>/performance/", include("performance.urls")),
    path("p/<slug:slug>/reports/", include("reports.urls")),
    path("p/<slug:slug>/api-tokens/", include("api.web_urls")),
    path("public/", include("public.urls")),
    path("api/", include("api.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", api_docs, name="api-docs"),
    path("admin/", admin.site.urls),
]
