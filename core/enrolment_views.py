"""The business unit issues a one-time enrolment code (decision 0008)."""

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import selectors
from . import two_factor as two_factor_services
from .forms import HubForm
from .web import PartnershipMixin, ServiceFormView, add_service_errors


class EnrolmentCodeIssueView(PartnershipMixin, ServiceFormView):
    """Confirm, then show the new code and link once (only a hash is kept)."""

    permission_required = "core.manage_partnership"
    form_class = HubForm
    submit_label = "Issue enrolment code"
    template_name = "core/enrolment_code_issue.html"

    def get_person(self):
        person = get_object_or_404(
            selectors.people_for(self.partnership).filter(
                roles__partnership=self.partnership, user__isnull=False),
            pk=self.kwargs["pk"])
        return person

    def get_context_data(self, **kwargs):
        self.person = self.get_person()
        self.page_title = f"Issue an enrolment code for {self.person.name}"
        context = super().get_context_data(**kwargs)
        context["person"] = self.person
        context["has_authenticator"] = TOTPDevice.objects.filter(
            user_id=self.person.user_id, confirmed=True).exists()
        context["hours"] = int(two_factor_services.ENROLMENT_CODE_LIFETIME.total_seconds() // 3600)
        return context

    def form_valid(self, form):
        person = self.get_person()
        try:
            record, code = two_factor_services.enrolment_code_issue(
                actor=self.request.user, user=person.user, partnership=self.partnership)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        link = self.request.build_absolute_uri(f"{reverse('two_factor')}?code={code}")
        return render(self.request, "core/enrolment_code_issued.html", {
            "partnership": self.partnership, "person": person, "code": code, "link": link,
            "record": record,
            "person_url": self.get_success_url(),
        })

    def get_success_url(self):
        return reverse("core:person_detail",
                       kwargs={"slug": self.partnership.slug, "pk": self.kwargs["pk"]})
