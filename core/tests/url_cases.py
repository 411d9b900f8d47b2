from core.tests.walk import ALL_ROLES, READERS, SIGNED_IN, WORKERS, UrlCase


def _population(w):
    from core.models import AreaPopulation

    population = AreaPopulation.objects.get(area=w.objects["area"], year=2023)
    return {"slug": "alpha", "pk": population.pk}


def _default_rule(key):
    def kwargs(w):
        from core.models import DeadlineRule

        return {"slug": "alpha", "pk": DeadlineRule.objects.get(key=key, partnership=None).pk}
    return kwargs


def _rule_post(w):
    from core.models import DeadlineRule

    rule = DeadlineRule.objects.get(key="report-published", partnership=None)
    return {"name": rule.name, "legal_basis": rule.legal_basis, "count": 5, "unit": rule.unit,
            "direction": rule.direction, "start_event": rule.start_event,
            "met_event": rule.met_event, "version": rule.version}


def _beta_rule(w):
    from core.models import DeadlineRule

    default = DeadlineRule.objects.get(key="notify-panel", partnership=None)
    rule, _ = DeadlineRule.objects.get_or_create(
        key=default.key, partnership=w.other,
        defaults={"name": default.name, "legal_basis": default.legal_basis, "count": 4,
                  "unit": default.unit, "start_event": default.start_event,
                  "met_event": default.met_event, "applies_to": default.applies_to})
    return {"slug": "alpha", "pk": rule.pk}


def _import_job(w):
    from core.models import ImportJob

    job, _ = ImportJob.objects.get_or_create(
        partnership=w.partnership, kind="performance.data_return", filename="return.csv",
        defaults={"created_by": w.users["business_unit"], "upload": "imports/return.csv",
                  "total_rows": 3000})
    return {"slug": "alpha", "pk": job.pk}


BU = frozenset({"business_unit"})

CASES = [
    UrlCase("health", kwargs=lambda w: {}, public=True, note="load balancers' health check"),
    UrlCase("home", kwargs=lambda w: {}, allowed=SIGNED_IN, ok_status=(302,)),
    UrlCase("switch_partnership", kwargs=lambda w: {}, data=lambda w: {"to": w.partnership.slug}, allowed=SIGNED_IN, ok_status=(302,),
            refused_status=(302,), note="refusal redirects home with a message"),
    UrlCase("core:partnership_home", allowed=ALL_ROLES),
    UrlCase("core:organisation_list", allowed=WORKERS),
    UrlCase("core:person_list", allowed=WORKERS),
    UrlCase("core:organisation_create", allowed=frozenset({"business_unit"})),
    UrlCase("core:person_create", allowed=frozenset({"business_unit"})),
    UrlCase("core:person_detail", kwargs=lambda w: {"slug": "alpha", "pk": w.people["group_member"].pk},
            allowed=WORKERS),
    UrlCase("core:person_detail", kwargs=lambda w: {"slug": "alpha", "pk": w.people["group_member"].pk},
            allowed=frozenset({"business_unit"}), method="post", data=lambda w: {"role": "practitioner"},
            ok_status=(302,), note="giving a role"),
    UrlCase("core:enrolment_code_issue",
            kwargs=lambda w: {"slug": "alpha", "pk": w.people["scrutineer"].pk},
            allowed=frozenset({"business_unit"})),
    UrlCase("core:enrolment_code_issue",
            kwargs=lambda w: {"slug": "alpha", "pk": w.people["scrutineer"].pk},
            allowed=frozenset({"business_unit"}), method="post", data=lambda w: {},
            note="issuing shows the code once"),
    UrlCase("core:area_list", allowed=WORKERS),
    UrlCase("core:area_create", allowed=frozenset({"business_unit"})),
    UrlCase("core:area_create", allowed=frozenset({"business_unit"}), method="post",
            data=lambda w: {"name": "Alpha police area", "ons_code": "E23009991",
                            "kind": "police_force"},
            ok_status=(302,), note="adding a police force area"),
    UrlCase("core:area_edit", kwargs=lambda w: {"slug": "alpha", "pk": w.objects["area"].pk},
            allowed=frozenset({"business_unit"})),
    UrlCase("core:area_edit", kwargs=lambda w: {"slug": "alpha", "pk": w.objects["area"].pk},
            allowed=frozenset({"business_unit"}), method="post",
            data=lambda w: {"name": "Alphaton", "ons_code": "E06009991", "kind": "council"},
            ok_status=(302,), note="saving an area"),
    UrlCase("core:population_list", allowed=WORKERS),
    UrlCase("core:population_create", allowed=frozenset({"business_unit"})),
    UrlCase("core:population_create", allowed=frozenset({"business_unit"}), method="post",
            data=lambda w: {"area": w.objects["area"].pk, "year": 2021, "children": 39000},
            ok_status=(302,), note="adding a yearly population"),
    UrlCase("core:population_edit", kwargs=_population, allowed=frozenset({"business_unit"})),
    UrlCase("core:population_edit", kwargs=_population, allowed=frozenset({"business_unit"}),
            method="post", data=lambda w: {"area": w.objects["area"].pk, "year": 2023,
                                           "children": 40100},
            ok_status=(302,), note="correcting a population"),
    UrlCase("core:audit_list", allowed=frozenset({"business_unit"})),
    UrlCase("core:subject_access", allowed=BU),
    UrlCase("core:subject_access", allowed=BU, data=lambda w: {"q": "a"}, note="a search"),
    UrlCase("core:subject_access_export",
            kwargs=lambda w: {"slug": "alpha", "pk": w.people["group_member"].pk}, allowed=BU,
            note="a person only Alpha knows: its business unit answers"),
    UrlCase("core:import_job", kwargs=_import_job, allowed=BU,
            note="a background import: its sender (here the business unit) and the business unit"),
    UrlCase("login", kwargs=lambda w: {}, public=True),
    UrlCase("two_factor", kwargs=lambda w: {}, allowed=SIGNED_IN),
    UrlCase("backup_codes", kwargs=lambda w: {}, allowed=READERS | {"outsider"},
            note="only accounts signed in with two-factor authentication"),
    UrlCase("password_reset", kwargs=lambda w: {}, public=True),
    UrlCase("password_reset_done", kwargs=lambda w: {}, public=True),
    UrlCase("password_reset_confirm", kwargs=lambda w: {"uidb64": "MQ", "token": "bad-token"},
            public=True),
    UrlCase("password_reset_complete", kwargs=lambda w: {}, public=True),
    UrlCase("public:home", public=True),
    UrlCase("api-schema", kwargs=lambda w: {}, public=True),
    UrlCase("api-docs", kwargs=lambda w: {}, public=True),
    UrlCase("core:rule_list", allowed=BU),
    UrlCase("core:rule_edit", kwargs=_default_rule("rapid-review"), allowed=BU),
    UrlCase("core:rule_edit", kwargs=_default_rule("report-published"), allowed=BU),
    UrlCase("core:rule_edit", kwargs=_default_rule("report-published"), method="post",
            data=_rule_post, allowed=BU, ok_status=(302,),
            note="makes the partnership's own copy"),
    UrlCase("core:rule_edit", kwargs=_beta_rule, allowed=frozenset(), refused_status=(403, 404),
            note="another partnership's own rule"),
]
__all__ = ["CASES", "READERS"]
