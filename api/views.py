"""The business unit's pages for its partnership's API tokens: list, create, revoke."""

from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.urls import reverse

from core.exports import Column
from core.models import Person, User
from core.web import (
    HubListView,
    PartnershipMixin,
    ServiceFormView,
    add_service_errors,
    get_in_partnership,
)

from . import services
from .forms import ApiTokenForm, ConfirmForm
from .models import ApiToken


def _who(token) -> str:
    person = getattr(token.user, "person", None)
    return f"{person.name} ({token.user.get_username()})" if person else token.user.get_username()


class ApiTokenListView(HubListView):
    permission_required = "api.manage_tokens"
    template_name = "api/token_list.html"
    export_name = "api-tokens"
    export_columns = [
        Column("Token starts", lambda t: t.prefix),
        Column("System", lambda t: t.system_name),
        Column("Acts as", _who),
        Column("Created", lambda t: t.created_at.isoformat(timespec="seconds")),
        Column("Expires", lambda t: t.expires_at.isoformat(timespec="seconds")),
        Column("Last used", lambda t: t.last_used_at.isoformat(timespec="seconds")
               if t.last_used_at else ""),
        Column("Status", lambda t: t.status),
    ]

    def base_queryset(self):
        return services.tokens_for(self.partnership)


class ApiTokenCreateView(PartnershipMixin, ServiceFormView):
    permission_required = "api.manage_tokens"
    form_class = ApiTokenForm
    page_title = "Create an API token"
    submit_label = "Create token"

    def people(self):
        return (Person.objects.filter(roles__partnership=self.partnership, user__isnull=False,
                                      user__is_active=True, user__is_superuser=False)
                .select_related("user").distinct().order_by("name"))

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "people": self.people()}

    def form_valid(self, form):
        user = User.objects.filter(pk=form.cleaned_data["user"]).first()
        try:
            if user is None:
                raise ValidationError({"user": "Choose a person."})
            token, key = services.api_token_create(
                actor=self.request.user, user=user, partnership=self.partnership,
                system_name=form.cleaned_data["system_name"], days=form.cleaned_data["days"])
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        return render(self.request, "api/token_created.html", {
            "partnership": self.partnership, "token": token, "key": key, "who": _who(token),
            "list_url": self.get_success_url()})

    def get_success_url(self):
        return reverse("api_tokens:token_list", kwargs={"slug": self.partnership.slug})


class ApiTokenRevokeView(PartnershipMixin, ServiceFormView):
    permission_required = "api.manage_tokens"
    form_class = ConfirmForm
    submit_label = "Revoke token"
    destructive = True
    template_name = "api/token_revoke.html"

    def get_token(self):
        return get_in_partnership(ApiToken.objects.select_related("user__person"),
                                  self.partnership, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        self.token = self.get_token()
        self.page_title = f"Revoke the token for {self.token.system_name}"
        context = super().get_context_data(**kwargs)
        context.update(token=self.token, who=_who(self.token))
        return context

    def call_service(self, form):
        return services.api_token_revoke(actor=self.request.user, token=self.get_token())

    def success_message(self, token) -> str:
        return f"The token for {token.system_name} is revoked: it no longer works."

    def get_success_url(self):
        return reverse("api_tokens:token_list", kwargs={"slug": self.partnership.slug})
