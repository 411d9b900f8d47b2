"""Business unit pages that maintain the partnership's structure: organisations, people, roles."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import FormView

from . import selectors, services
from .deadlines import kinds_managed_by
from .exports import Column
from .filters import AreaFilter, DeadlineRuleFilter, PopulationFilter
from .models import Area, DeadlineRule, Person, RoleAssignment
from .services import model_create, model_delete
from .structure_forms import (
    AreaForm,
    DeadlineRuleForm,
    OrganisationForm,
    PersonForm,
    PopulationForm,
    RoleAssignmentForm,
)
from .web import (
    HubListView,
    InstanceFormMixin,
    PartnershipMixin,
    ServiceFormView,
    add_service_errors,
    get_in_partnership,
    note_refusal,
)


class OrganisationCreateView(PartnershipMixin, ServiceFormView):
    permission_required = "core.manage_partnership"
    form_class = OrganisationForm
    page_title = "Add an organisation"
    submit_label = "Add organisation"

    def call_service(self, form):
        with transaction.atomic():
            org = model_create(model_class=form._meta.model, data=form.cleaned_data,
                               actor=self.request.user, partnership=self.partnership)
            org.partnerships.add(self.partnership)
        return org

    def success_message(self, org) -> str:
        return f"{org.name} added."

    def get_success_url(self):
        return reverse("core:organisation_list", kwargs={"slug": self.partnership.slug})


class PersonCreateView(PartnershipMixin, ServiceFormView):
    permission_required = "core.manage_partnership"
    form_class = PersonForm
    page_title = "Add a person"
    submit_label = "Add person"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "partnership": self.partnership}

    def call_service(self, form):
        self.person = model_create(model_class=Person, data=form.cleaned_data,
                                   actor=self.request.user, partnership=self.partnership)
        return self.person

    def success_message(self, person) -> str:
        return f"{person.name} added. Now give them a role."

    def get_success_url(self):
        if getattr(self, "person", None) is not None:
            return reverse("core:person_detail",
                           kwargs={"slug": self.partnership.slug, "pk": self.person.pk})
        return reverse("core:person_list", kwargs={"slug": self.partnership.slug})


class PersonDetailView(PartnershipMixin, FormView):
    """A person, their roles in this partnership, and (for the business unit) a role form."""

    permission_required = "core.view_directory"
    template_name = "core/person_detail.html"
    form_class = RoleAssignmentForm

    def get_person(self):
        return get_object_or_404(selectors.people_for(self.partnership), pk=self.kwargs["pk"])

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "partnership": self.partnership}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        person = self.get_person()
        context["person"] = person
        context["roles"] = RoleAssignment.objects.filter(
            person=person, partnership=self.partnership
        ).select_related("group", "organisation")
        context["can_manage"] = self.request.user.has_perm("core.manage_partnership",
                                                           self.partnership)
        return context

    def post(self, request, *args, **kwargs):
        if not request.user.has_perm("core.manage_partnership", self.partnership):
            return self.refuse()
        person = self.get_person()
        if "remove" in request.POST:
            assignment = get_object_or_404(RoleAssignment, pk=request.POST.get("remove"),
                                            person=person, partnership=self.partnership)
            model_delete(instance=assignment, actor=request.user, partnership=self.partnership)
            messages.success(request, "Role removed.")
            return redirect(request.path)
        form = self.get_form()
        if not form.is_valid():
            return self.form_invalid(form)
        data = {**form.cleaned_data, "person": person, "partnership": self.partnership}
        try:
            with transaction.atomic():
                model_create(model_class=RoleAssignment, data=data, actor=request.user,
                             partnership=self.partnership)
        except (ValidationError, IntegrityError) as error:
            if isinstance(error, IntegrityError):
                error = ValidationError(f"{person.name} already has this role.")
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(request, f"Role given to {person.name}.")
        return redirect(request.path)

    def refuse(self):
        from django.core.exceptions import PermissionDenied

        note_refusal(self.request, model="core.RoleAssignment")  # audited by core.middleware
        raise PermissionDenied("Only the business unit gives and removes roles.")


class AreaListView(HubListView):
    permission_required = "core.view_areas"
    template_name = "core/area_list.html"
    filterset_class = AreaFilter
    export_name = "areas"
    export_columns = [
        Column("Code", lambda a: a.ons_code),
        Column("Area", lambda a: a.name),
        Column("Kind", lambda a: a.get_kind_display()),
        Column("Children (latest year)", lambda a: a.latest.children if a.latest else ""),
        Column("Year", lambda a: a.latest.year if a.latest else ""),
    ]

    def base_queryset(self):
        return selectors.areas_for(self.partnership)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_manage"] = self.request.user.has_perm("core.manage_partnership",
                                                           self.partnership)
        return context


class AreaCreateView(PartnershipMixin, ServiceFormView):
    permission_required = "core.manage_partnership"
    form_class = AreaForm
    page_title = "Add an area"
    submit_label = "Add area"

    def call_service(self, form):
        return services.area_create(actor=self.request.user, partnership=self.partnership,
                                    data=form.cleaned_data)

    def success_message(self, area) -> str:
        return f"{area.name} added."

    def get_success_url(self):
        return reverse("core:area_list", kwargs={"slug": self.partnership.slug})


class AreaEditView(AreaCreateView):
    page_title = "Change an area"
    submit_label = "Save changes"

    def get_area(self):
        return get_in_partnership(Area, self.partnership, pk=self.kwargs["pk"])

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.get_area()}

    def call_service(self, form):
        return services.area_update(actor=self.request.user, area=self.get_area(),
                                    data=form.cleaned_data)

    def success_message(self, area) -> str:
        return f"{area.name} saved."


class PopulationListView(HubListView):
    permission_required = "core.view_areas"
    template_name = "core/population_list.html"
    filterset_class = PopulationFilter
    export_name = "child-populations"
    export_columns = [
        Column("Area code", lambda p: p.area.ons_code),
        Column("Area", lambda p: p.area.name),
        Column("Year", lambda p: p.year),
        Column("Children aged 0 to 17", lambda p: p.children),
        Column("Source", lambda p: p.source),
    ]

    def base_queryset(self):
        return selectors.populations_for(self.partnership)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_manage"] = self.request.user.has_perm("core.manage_partnership",
                                                           self.partnership)
        return context


class PopulationCreateView(PartnershipMixin, ServiceFormView):
    permission_required = "core.manage_partnership"
    form_class = PopulationForm
    page_title = "Add a child population"
    submit_label = "Add population"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "partnership": self.partnership}

    def call_service(self, form):
        data = dict(form.cleaned_data)
        area = data.pop("area")
        return services.population_create(actor=self.request.user, area=area, data=data)

    def success_message(self, population) -> str:
        return f"{population.area.name}, {population.year}: {population.children:,} children saved."

    def get_success_url(self):
        return reverse("core:population_list", kwargs={"slug": self.partnership.slug})


class PopulationEditView(PopulationCreateView):
    page_title = "Correct a child population"
    submit_label = "Save correction"

    def get_population(self):
        return get_object_or_404(selectors.populations_for(self.partnership),
                                 pk=self.kwargs["pk"])

    def get_initial(self):
        p = self.get_population()
        return {"area": p.area, "year": p.year, "children": p.children, "source": p.source}

    def call_service(self, form):
        data = dict(form.cleaned_data)
        population = self.get_population()
        if data.pop("area") != population.area:
            raise ValidationError({"area": "A population stays with its area: add one for "
                                           "the other area instead."})
        return services.population_update(actor=self.request.user, population=population,
                                          data=data)


# ---- deadline rules: one list and one edit page for every kind (decision 0017) ----------

class DeadlineRuleListView(HubListView):
    permission_required = "core.manage_deadline_rules"
    template_name = "core/rule_list.html"
    filterset_class = DeadlineRuleFilter
    export_name = "deadline-rules"
    paginate_by = 50
    export_columns = [
        Column("Rule", lambda r: r.name),
        Column("Applies to", lambda r: r.applies_to_label),
        Column("Time limit", lambda r: r.describe),
        Column("Met when", lambda r: r.met_event_label),
        Column("Legal basis", lambda r: r.legal_basis),
        Column("Source", lambda r: r.source_note),
        Column("Changed by this partnership", lambda r: "Yes" if r.partnership_id else "No"),
    ]

    def base_queryset(self):
        kinds = [k.key for k in kinds_managed_by(self.request.user, self.partnership)]
        return selectors.rules_in_force(self.partnership, kinds).order_by("applies_to", "key")


class DeadlineRuleEditView(PartnershipMixin, InstanceFormMixin, ServiceFormView):
    permission_required = "core.manage_deadline_rules"
    template_name = "core/rule_form.html"
    form_class = DeadlineRuleForm
    submit_label = "Save rule"

    @property
    def page_title(self):
        return self.rule.name

    def get_permission_object(self):
        self.rule = get_object_or_404(
            DeadlineRule, Q(partnership__isnull=True) | Q(partnership=self.partnership),
            pk=self.kwargs["pk"])
        kind = self.rule.kind
        if kind is None or not self.request.user.has_perm(kind.perm, self.partnership):
            raise PermissionDenied("You may not change this kind of time limit.")
        return self.partnership

    def get(self, request, *args, **kwargs):
        own = DeadlineRule.objects.filter(key=self.rule.key, partnership=self.partnership).first()
        if self.rule.partnership_id is None and own is not None:
            # The partnership already has its own version of this default: edit that.
            return redirect("core:rule_edit", slug=self.partnership.slug, pk=own.pk)
        return super().get(request, *args, **kwargs)

    def form_instance(self):
        return self.rule

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "rule": self.rule}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "rule": self.rule}

    def call_service(self, form):
        data, version = self.split_version(form)
        return services.save_deadline_rule(actor=self.request.user, partnership=self.partnership,
                                           rule=self.rule, data=data, expected_version=version)

    def success_message(self, result):
        return f"Deadline rule “{result.name}” saved."

    def get_success_url(self):
        return reverse("core:rule_list", kwargs={"slug": self.partnership.slug})
