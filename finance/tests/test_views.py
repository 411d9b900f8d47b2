"""The budget pages: what each shows, bad input kept with a message, exports, and a fixed
number of queries however many years and lines."""

from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.models import Role
from finance.models import FinanceLine, FinanceYear
from finance.tests.factories import C, K, make_year


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def _lines(record, n):
    FinanceLine.objects.bulk_create([
        FinanceLine(finance_year=record, kind=K.EXPENDITURE, category=C.OTHER,
                    label=f"Line {i}", amount=Decimal(i)) for i in range(n)])


def test_the_year_list_runs_the_same_queries_for_few_and_many_years_and_lines(world, login):
    client = login(world.users[Role.BUSINESS_UNIT])
    url = reverse("finance:year_list", args=["alpha"])
    for year in (2020, 2021):
        _lines(FinanceYear.objects.create(partnership=world.partnership, year_start=year), 5)
    few = _queries(client, url)
    for year in range(2000, 2020):
        _lines(FinanceYear.objects.create(partnership=world.partnership, year_start=year), 25)
    assert _queries(client, url) == few


def test_the_year_page_runs_the_same_queries_for_5_and_500_lines(world, login):
    client = login(world.users[Role.BUSINESS_UNIT])
    record = make_year(world.partnership)
    url = reverse("finance:year_detail", args=["alpha", record.pk])
    _lines(record, 5)
    few = _queries(client, url)
    _lines(record, 495)
    assert _queries(client, url) == few


def test_the_year_page_shows_totals_by_partner_and_category_and_flags_a_wrong_figure(
        world, login):
    record = make_year(world.partnership)
    FinanceYear.objects.filter(pk=record.pk).update(published_carried_forward=Decimal("2400"))
    client = login(world.users[Role.SCRUTINEER])
    page = client.get(reverse("finance:year_detail", args=["alpha", record.pk])).content.decode()
    assert "Council contribution" in page and "Staffing" in page
    assert "reserves carried forward was published as £2,400 but the lines add up to " \
           "£2,300 (a difference of +100)" in page
    assert "Add a line" not in page  # the scrutineer reads, the business unit keeps
    listing = client.get(reverse("finance:year_list", args=["alpha"])).content.decode()
    assert "1 published figure differs" in listing


def test_the_line_page_keeps_bad_input_with_a_message_naming_the_field(world, login):
    record = make_year(world.partnership, lines=False)
    client = login(world.users[Role.BUSINESS_UNIT])
    url = reverse("finance:line_add", args=["alpha", record.pk])
    page = client.post(url, {"kind": "contribution", "label": "Council",
                             "amount": "-100"}).content.decode()
    assert "Enter amount as a positive number of pounds, not a negative one" in page
    assert 'value="Council"' in page
    page = client.post(url, {"kind": "expenditure", "label": "Room hire",
                             "amount": "100"}).content.decode()
    assert "Choose the category of the spending" in page
    assert not FinanceLine.objects.exists()
    response = client.post(url, {"kind": "expenditure", "category": "supplies",
                                 "label": "Room hire", "amount": "100"})
    assert response.status_code == 302
    assert FinanceLine.objects.get().category == "supplies"


def test_the_import_page_saves_all_rows_or_lists_the_problems_by_row(world, login):
    record = make_year(world.partnership, lines=False)
    client = login(world.users[Role.BUSINESS_UNIT])
    url = reverse("finance:budget_import", args=["alpha", record.pk])
    bad = ("kind,category,line,partner,amount,received,received_on\n"
           "contribution,,,Alphaton Council,1000,,\n"
           "expenditure,,Room hire,,50,,\n")
    response = client.post(url, {"file": SimpleUploadedFile("budget.csv", bad.encode())})
    page = response.content.decode()
    assert "Nothing was saved: 2 rows processed, 1 with problems, listed below." in page
    # The project's problem table: row 2 (the second below the header), its column, why.
    assert "Problems, row by row" in page
    assert [p.as_dict() for p in response.context["problems"]] == [
        {"row": 2, "field": "category", "message": "Choose the category of the spending."}]
    assert not FinanceLine.objects.exists()
    good = bad.replace("expenditure,,", "expenditure,Supplies and support services,")
    response = client.post(url, {"file": SimpleUploadedFile("budget.csv", good.encode())},
                           follow=True)
    assert response.redirect_chain[-1][0] == reverse("finance:year_detail",
                                                     args=["alpha", record.pk])
    assert "2 rows processed and saved from budget.csv into the 2023-24 budget." in (
        response.content.decode())
    assert FinanceLine.objects.count() == 2
    page = client.post(url, {"file": SimpleUploadedFile("budget.csv", b"kind,line\n")}
                       ).content.decode()
    assert "missing: amount" in page


def test_closing_and_reopening_from_the_pages(world, login):
    record = make_year(world.partnership)
    client = login(world.users[Role.BUSINESS_UNIT])
    client.post(reverse("finance:year_close", args=["alpha", record.pk]),
                {"version": record.version})
    record.refresh_from_db()
    assert record.is_closed
    following = FinanceYear.objects.get(year_start=2024)
    FinanceLine.objects.create(finance_year=following, kind=K.OTHER_INCOME, label="Fees",
                               amount=Decimal(1))
    page = client.get(reverse("finance:year_detail", args=["alpha", record.pk])).content.decode()
    assert "It cannot be reopened: 2024-25 already has entries." in page
    page = client.post(reverse("finance:year_reopen", args=["alpha", record.pk]),
                       {"version": record.version}).content.decode()
    assert "cannot be reopened: 2024-25 already has entries" in page
    record.refresh_from_db()
    assert record.is_closed


def test_every_list_exports_csv_and_xlsx(world, login):
    record = make_year(world.partnership)
    client = login(world.users[Role.BUSINESS_UNIT])
    for url, expected in ((reverse("finance:year_list", args=["alpha"]), "2300"),
                          (reverse("finance:year_detail", args=["alpha", record.pk]),
                           "Business manager")):
        csv = client.get(url + "?export=csv")
        assert expected in csv.content.decode("utf-8-sig")
        assert client.get(url + "?export=xlsx").status_code == 200
