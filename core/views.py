import base64

import qrcode
import qrcode.image.svg
from django import forms
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.generic import TemplateView
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import filters, policy, selectors
from . import health as health_checks
from . import two_factor as two_factor_services
from .exports import Column
from .forms import HubForm
from .models import Partnership
from .web import HubListView, PartnershipMixin


class LoginForm(HubForm, auth_views.AuthenticationForm):
    pass


class LoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    form_class = LoginForm


@never_cache
@require_GET
def health(request):
    """For load balancers and monitoring: 200 when the database, cache and broker answer,
    503 otherwise. No sign-in, and nothing in it a stranger could use."""
    healthy, body = health_checks.report()
    return JsonResponse(body, status=200 if healthy else 503)


@login_required
def home(request):
    """Send people to their partnership; with several, to the first (the switcher changes it)."""
    scope = policy.scope_of(request.user)
    partnership = Partnership.objects.filter(pk__in=scope.partnership_ids()).first()
    if partnership is None:
        return render(request, "core/no_role.html", status=403)
    return redirect("core:partnership_home", slug=partnership.slug)


@login_required
def switch_partnership(request):
    slug = request.GET.get("to", "")
    partnership = Partnership.objects.filter(slug=slug).first()
    if partnership is None:
        raise Http404(f"There is no partnership called “{slug}”.")
    if not request.user.has_perm("core.view_partnership", partnership):
        messages.error(request, f"You do not have a role in {partnership.name}.")
        return redirect("home")
    return redirect("core:partnership_home", slug=partnership.slug)


class PartnershipHomeView(PartnershipMixin, TemplateView):
    template_name = "core/partnership_home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["home_panels"] = home_panels(self.request, self.partnership)
        return context


def home_panels(request, partnership):
    """What each role's home page shows: panels the apps declare on their AppConfig as
    `home_panels = ["dotted.path.to.function"]`. Each function decides from the policy layer
    whether the reader gets it and returns a dict with `template`, an optional `order`
    (lower first, default 50) and its context, or None."""
    from django.apps import apps
    from django.utils.module_loading import import_string

    panels = []
    for config in apps.get_app_configs():
        for path in getattr(config, "home_panels", []):
            panel = import_string(path)(request, partnership)
            if panel:
                panels.append(panel)
    return sorted(panels, key=lambda p: p.get("order", 50))


class OrganisationListView(HubListView):
    permission_required = "core.view_directory"
    template_name = "core/organisation_list.html"
    filterset_class = filters.OrganisationFilter
    export_name = "organisations"
    export_columns = [
        Column("Name", lambda o: o.name),
        Column("Kind", lambda o: o.get_kind_display()),
        Column("Statutory partner", lambda o: "Yes" if o.is_statutory_partner else "No"),
    ]

    def base_queryset(self):
        return selectors.organisations_for(self.partnership)


class PersonListView(HubListView):
    permission_required = "core.view_directory"
    template_name = "core/person_list.html"
    filterset_class = filters.PersonFilter
    export_name = "people"
    export_columns = [
        Column("Name", lambda p: p.name),
        Column("Job title", lambda p: p.job_title),
        Column("Organisation", lambda p: p.organisation),
    ]

    def base_queryset(self):
        return selectors.people_for(self.partnership)


class AuditListView(HubListView):
    permission_required = "core.view_audit"
    template_name = "core/audit_list.html"
    filterset_class = filters.AuditFilter
    paginate_by = 50
    export_name = "audit-trail"
    export_columns = [
        Column("When", lambda e: e.at.isoformat(timespec="seconds")),
        Column("Who", lambda e: e.actor_name or "(not signed in)"),
        Column("What", lambda e: e.get_action_display()),
        Column("Record type", lambda e: e.model),
        Column("Record", lambda e: e.object_repr),
        Column("Record id", lambda e: e.object_id),
        Column("Changes", lambda e: e.changes or ""),
    ]

    def base_queryset(self):
        return selectors.audit_events_for(self.partnership)


class TokenForm(HubForm):
    token = forms.CharField(
        label="Security code", max_length=20,
        help_text="The 6-digit code from your authenticator app, or one of your backup codes",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "spellcheck": "false"}),
    )


class SetUpTokenForm(HubForm):
    token = forms.CharField(
        label="Security code", max_length=6, min_length=6,
        help_text="The 6-digit code from your authenticator app",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class EnrolmentCodeForm(HubForm):
    enrolment_code = forms.CharField(
        label="Enrolment code", max_length=40,
        help_text="The code your business unit gave you, for example ABCD-EFGH-JKLM-NPQR",
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )


def _safe_next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return "/"
    return target


ENROLMENT_SESSION_KEY = "enrolment_code_id"


def _enrolment_step(request):
    """Before setting up an authenticator: a valid enrolment code (typed, or from the link
    /account/two-factor/?code=...) is needed; its id is kept in the session until used."""
    given = request.GET.get("code") if request.method == "GET" else None
    form = EnrolmentCodeForm(request.POST or None)
    if given:
        form = EnrolmentCodeForm({"enrolment_code": given})
    if (given or request.method == "POST") and form.is_valid():
        try:
            record = two_factor_services.enrolment_code_check(
                user=request.user, code=form.cleaned_data["enrolment_code"])
        except ValidationError as error:
            form.add_error("enrolment_code", error.messages[0])
        else:
            request.session[ENROLMENT_SESSION_KEY] = record.pk
            return redirect(f"{reverse('two_factor')}?{urlencode({'next': _safe_next(request)})}")
    return render(request, "registration/enrolment_code.html",
                  {"form": form, "next": _safe_next(request)})


@login_required
def two_factor(request):
    """Verify a security code (authenticator or backup code); on first use, and only with an
    enrolment code, set up the authenticator app with a QR code."""
    device = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
    setting_up = device is None
    enrolment = None
    if setting_up:
        enrolment = two_factor_services.usable_enrolment_code(
            request.user, request.session.get(ENROLMENT_SESSION_KEY))
        if enrolment is None:
            return _enrolment_step(request)
        device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
        if device is None:
            device = TOTPDevice.objects.create(user=request.user, name="Authenticator app",
                                               confirmed=False)
    form = (SetUpTokenForm if setting_up else TokenForm)(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token = form.cleaned_data["token"].strip()
        if setting_up and device.verify_token(token):
            try:
                codes = two_factor_services.enrolment_complete(
                    user=request.user, enrolment=enrolment, device=device)
            except ValidationError as error:
                request.session.pop(ENROLMENT_SESSION_KEY, None)
                messages.error(request, error.messages[0])
                return redirect("two_factor")
            request.session.pop(ENROLMENT_SESSION_KEY, None)
            otp_login(request, device)
            return render(request, "registration/backup_codes.html",
                          {"codes": codes, "next": _safe_next(request), "enrolled": True})
        if not setting_up:
            if device.verify_token(token):
                otp_login(request, device)
                return redirect(_safe_next(request))
            backup = two_factor_services.backup_code_verify(user=request.user, code=token)
            if backup is not None:
                otp_login(request, backup)
                left = backup.token_set.count()
                messages.warning(request, f"You signed in with a backup code. You have {left} "
                                          "left; make new ones from “Backup codes” when low.")
                return redirect(_safe_next(request))
        form.add_error("token", "The security code is not right, or it has expired. "
                                "Enter the code your app shows now, or a backup code.")
    context = {"form": form, "setting_up": setting_up, "next": _safe_next(request)}
    if setting_up:
        image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage)
        context["qr_svg"] = mark_safe(image.to_string(encoding="unicode"))
        context["secret"] = base64.b32encode(device.bin_key).decode()
    return render(request, "registration/two_factor.html", context)


class RegenerateBackupCodesForm(HubForm):
    token = forms.CharField(
        label="Security code", max_length=6, min_length=6,
        help_text="The 6-digit code your authenticator app shows now",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


@login_required
def backup_codes(request):
    """Replace your backup codes (the old ones stop working); needs a current code."""
    if not request.user.is_verified() or not TOTPDevice.objects.filter(
            user=request.user, confirmed=True).exists():
        raise PermissionDenied("Backup codes are for accounts with two-factor authentication.")
    form = RegenerateBackupCodesForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = two_factor_services.backup_codes_regenerate(
                user=request.user, current_code=form.cleaned_data["token"])
        except ValidationError as error:
            form.add_error("token", error.messages[0])
        else:
            return render(request, "registration/backup_codes.html",
                          {"codes": codes, "next": "/", "enrolled": False})
    left = sum(d.token_set.count() for d in StaticDevice.objects.filter(user=request.user))
    return render(request, "registration/backup_codes_new.html", {"form": form, "left": left})


def forbidden(request, exception=None):
    message = str(exception) if exception and str(exception) else "Your role does not allow this."
    return render(request, "403.html", {"message": message}, status=403)


def not_found(request, exception=None):
    message = str(exception) if exception and "There is no" in str(exception) else ""
    return render(request, "404.html", {"message": message}, status=404)


class PasswordResetForm(HubForm, auth_views.PasswordResetForm):
    pass


class SetPasswordForm(HubForm, auth_views.SetPasswordForm):
    pass
