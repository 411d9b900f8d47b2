"""Budgets and procedures over the API: the same computed figures and the same policy as
the pages, for the token's partnership only."""

from decimal import Decimal

from api.tests.helpers import api_client
from core.models import Role
from finance.models import FinanceYear
from finance.tests.factories import make_year
from governance.tests.procedure_helpers import make_procedure


def test_the_budget_endpoints_give_the_computed_figures_and_flags(world):
    record = make_year(world.partnership)
    FinanceYear.objects.filter(pk=record.pk).update(published_income=Decimal("5000"))
    make_year(world.other)
    client = api_client(world.users[Role.SCRUTINEER], world.partnership)
    [year] = client.get("/api/v1/budgets/").json()
    assert (year["year"], year["income"], year["expenditure"], year["carried_forward"]) == (
        "2023-24", "5500.00", "4200.00", "2300.00")
    assert year["published_figures_that_differ"] == [
        {"figure": "Total income", "published": "5000.00", "lines_add_up_to": "5500.00"}]
    detail = client.get("/api/v1/budgets/2023/").json()
    assert {line["line"] for line in detail["lines"]} == {
        "Council contribution", "Training fees", "Business manager"}
    assert client.get("/api/v1/budgets/2019/").status_code == 404


def test_roles_that_do_not_read_the_budget_are_refused(world):
    make_year(world.partnership)
    for role in (Role.GROUP_MEMBER, Role.AGENCY_LEAD):
        response = api_client(world.users[role], world.partnership).get("/api/v1/budgets/")
        assert response.status_code == 403, role
    assert api_client().get("/api/v1/budgets/").status_code == 401


def test_the_procedures_endpoint_lists_the_register_with_versions(world):
    make_procedure(world.partnership)
    make_procedure(world.other, title="Beta only")
    rows = api_client(world.users[Role.GROUP_MEMBER], world.partnership).get(
        "/api/v1/procedures/").json()
    assert [(r["title"], r["next_review_due"]) for r in rows] == [
        ("Neglect strategy", "2027-03-01")]
    assert api_client(world.users[Role.PRACTITIONER], world.partnership).get(
        "/api/v1/procedures/").status_code == 403
