"""The school register and the Section 175/157 audit's school pages (issue 12 item 4,
decision 0034): the import (all or nothing, updates by URN), the register list, a cycle
asking every school, response per council area, follow-up, reminders, exports, permissions
and the yearly report."""

import datetime
import io

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from assurance import reminders, selectors, services
from assurance.models import Cycle, Return, School
from assurance.tests.helpers import (
    SECTION_11,
    SECTION_175,
    cycle,
    full_answers,
    register,
    s175_cycle,
    submit,
)
from core.models import Area, AuditEvent, Organisation, Role
from core.services import system_actor
from core.tabular import RowsRejected

pytestmark = pytest.mark.django_db

GOOD = {"urn": "900201", "name": "Seaton Dunes Primary (test)", "phase": "primary",
        "area": "Alphaton", "dsl_email": "dsl@seaton-dunes.sch.uk"}


def _url(w, name, **kwargs):
    return reverse(f"assurance:{name}", kwargs={"slug": w.partnership.slug, **kwargs})


def _area(w, name="Betaby", code="E06009992", partnership=None):
    return Area.objects.create(ons_code=code, name=name, kind=Area.Kind.COUNCIL,
                               partnership=partnership or w.partnership)


def _import(w, rows, actor=None):
    return services.school_register_import(actor=actor or w.users["business_unit"],
                                           partnership=w.partnership, rows=rows)


def _problems(w, rows):
    with pytest.raises(RowsRejected) as rejected:
        _import(w, rows)
    return [(p.row, p.field, p.message) for p in rejected.value.errors]


# ---- the import -------------------------------------------------------------------------

def test_the_import_adds_schools_and_their_organisations_and_again_changes_nothing(world):
    _area(world)
    rows = [GOOD, {"urn": "900202", "name": "Moorland FE College (test)", "phase": "FE college",
                   "area": "E06009992", "dsl_email": "Safeguarding@Moorland.ac.uk"}]
    result = _import(world, rows)
    assert (result.created, result.updated, result.unchanged) == (2, 0, 0)
    college = School.objects.select_related("organisation", "area").get(urn="900202")
    assert college.organisation.kind == Organisation.Kind.SCHOOL
    assert college.organisation.name == "Moorland FE College (test)"
    assert world.partnership in college.organisation.partnerships.all()
    assert (college.phase, college.area.name, college.section) == (
        "further_education", "Betaby", "157")
    assert college.dsl_email == "safeguarding@moorland.ac.uk"
    audit = AuditEvent.objects.count()
    again = _import(world, rows)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert AuditEvent.objects.count() == audit
    assert School.objects.count() == 2


def test_reimporting_updates_a_school_by_its_urn(world):
    _area(world)
    _import(world, [GOOD])
    school = School.objects.get(urn="900201")
    changed = {**GOOD, "name": "Seaton Dunes Primary Academy (test)", "area": "Betaby",
               "dsl_email": "new.dsl@seaton-dunes.sch.uk"}
    result = _import(world, [changed])
    assert (result.created, result.updated) == (0, 1)
    school.refresh_from_db()
    assert school.organisation.name == "Seaton Dunes Primary Academy (test)"
    assert school.area.name == "Betaby" and school.version == 2
    assert school.dsl_email == "new.dsl@seaton-dunes.sch.uk"
    assert Organisation.objects.filter(name__startswith="Seaton Dunes").count() == 1


def test_an_organisation_of_kind_school_already_in_the_hub_joins_the_register(world):
    register(world)
    school = School.objects.get(urn="900101")
    assert school.organisation == world.orgs["school"]


@pytest.mark.parametrize("change, field, words", [
    ({"area": "Nowhere"}, "area", "not a council area"),
    ({"urn": "12345"}, "urn", "six digits"),
    ({"urn": "ABC123"}, "urn", "six digits"),
    ({"dsl_email": "not-an-email"}, "dsl_email", "not an e-mail"),
    ({"dsl_email": "lead@gmail.com"}, "dsl_email", "work e-mail"),
    ({"name": "  "}, "name", "Enter the school's name"),
    ({"phase": "grammar-ish"}, "phase", "not a phase"),
    ({"name": "Alphaton Council"}, "name", "another organisation"),
])
def test_one_bad_row_saves_nothing_and_is_named(world, change, field, words):
    rows = [GOOD, {**GOOD, "urn": "900202", "name": "Second School (test)", **change},
            {**GOOD, "urn": "900203", "name": "Third School (test)"}]
    before = (School.objects.count(), Organisation.objects.count(), AuditEvent.objects.count())
    problems = _problems(world, rows)
    assert [(row, f) for row, f, _ in problems] == [(2, field)]
    assert words in problems[0][2]
    assert (School.objects.count(), Organisation.objects.count(),
            AuditEvent.objects.count()) == before


def test_a_urn_twice_in_the_file_names_the_second_row(world):
    problems = _problems(world, [GOOD, {**GOOD, "name": "Other School (test)"}])
    assert problems == [(2, "urn", "URN 900201 is also on row 1.")]
    assert not School.objects.exists()


def test_an_area_of_another_partnership_or_not_a_council_is_refused(world):
    _area(world, "Gammaby", "E06009993", partnership=world.other)
    Area.objects.create(ons_code="TEST", name="Whole of Alpha", kind=Area.Kind.PARTNERSHIP,
                        partnership=world.partnership)
    assert [p[:2] for p in _problems(world, [{**GOOD, "area": "Gammaby"},
                                             {**GOOD, "urn": "900202", "name": "B (test)",
                                              "area": "Whole of Alpha"}])] == [
        (1, "area"), (2, "area")]


def test_a_urn_on_another_partnerships_register_is_refused(world):
    _area(world, "Gammaby", "E06009993", partnership=world.other)
    services.school_register_import(actor=system_actor(), partnership=world.other,
                                    rows=[{**GOOD, "area": "Gammaby"}])
    problems = _problems(world, [{**GOOD, "name": "Taken Over (test)"}])
    assert problems[0][:2] == (1, "urn") and "another partnership" in problems[0][2]


def test_the_import_page_saves_a_csv_and_lists_a_bad_files_problems_by_row(world, login):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = login(world.users[Role.BUSINESS_UNIT])
    header = "urn,name,phase,area,dsl_email\n"
    good = SimpleUploadedFile("register.csv", (header + ",".join(GOOD.values()) + "\n")
                              .encode(), content_type="text/csv")
    response = client.post(_url(world, "school_import"), {"file": good})
    assert response.status_code == 302 and School.objects.count() == 1
    page = client.get(response["Location"]).content.decode()
    assert "1 schools added" in page and "Seaton Dunes Primary (test)" in page
    bad = SimpleUploadedFile("register.csv", (
        header + "900301,Good One (test),primary,Alphaton,dsl@one.sch.uk\n"
        "900302,Bad One (test),primary,Atlantis,dsl@two.sch.uk\n").encode(),
        content_type="text/csv")
    page = client.post(_url(world, "school_import"), {"file": bad}).content.decode()
    assert "Nothing was saved" in page and "Atlantis" in page
    assert School.objects.count() == 1


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_template_has_the_columns_the_import_reads(world, login, fmt):
    client = login(world.users[Role.BUSINESS_UNIT])
    response = client.get(_url(world, "school_template", fmt=fmt))
    assert response.status_code == 200
    if fmt == "csv":
        header = response.content.decode("utf-8-sig").splitlines()[0]
    else:
        sheet = load_workbook(io.BytesIO(response.content)).active
        header = ",".join(c.value for c in sheet[1])
    assert header.split(",") == services.REGISTER_COLUMNS
    assert "Alphaton" in (response.content.decode("utf-8-sig") if fmt == "csv" else
                          str([c.value for c in sheet[2]]))


# ---- the register list --------------------------------------------------------------------

def _bulk_schools(w, n, start=0):
    area = w.objects["area"]
    orgs = Organisation.objects.bulk_create(
        [Organisation(name=f"Bulk School {i} (test)", kind=Organisation.Kind.SCHOOL)
         for i in range(start, start + n)])
    School.objects.bulk_create(
        [School(organisation=o, partnership=w.partnership, urn=str(800000 + start + i),
                phase="primary", area=area, dsl_email=f"dsl{start + i}@bulk.sch.uk")
         for i, o in enumerate(orgs)])
    Organisation.partnerships.through.objects.bulk_create(
        [Organisation.partnerships.through(organisation_id=o.pk, partnership_id=w.partnership.pk)
         for o in orgs])
    return orgs


def test_the_register_filters_by_area_and_phase_and_exports(world, login):
    _area(world)
    _import(world, [GOOD, {"urn": "900202", "name": "Betaby High (test)", "phase": "secondary",
                           "area": "Betaby", "dsl_email": "dsl@betaby-high.sch.uk"}])
    client = login(world.users[Role.SCRUTINEER])
    betaby = Area.objects.get(name="Betaby")
    page = client.get(_url(world, "school_list"), {"area": betaby.pk}).content.decode()
    assert "Betaby High (test)" in page and "Seaton Dunes" not in page
    page = client.get(_url(world, "school_list"), {"phase": "primary"}).content.decode()
    assert "Seaton Dunes" in page and "Betaby High" not in page
    csv = client.get(_url(world, "school_list"), {"export": "csv"}).content.decode("utf-8-sig")
    assert csv.splitlines()[0] == "urn,name,phase,area,dsl_email,section"
    assert "900202,Betaby High (test),secondary,Betaby,dsl@betaby-high.sch.uk,175" in csv
    xlsx = client.get(_url(world, "school_list"), {"export": "xlsx"})
    assert load_workbook(io.BytesIO(xlsx.content)).active.max_row == 3


def test_another_partnerships_schools_are_not_on_alphas_register(world, login):
    _area(world, "Gammaby", "E06009993", partnership=world.other)
    services.school_register_import(actor=system_actor(), partnership=world.other,
                                    rows=[{**GOOD, "area": "Gammaby"}])
    page = login(world.users[Role.BUSINESS_UNIT]).get(_url(world, "school_list"))
    assert "Seaton Dunes" not in page.content.decode()
    assert login(world.users["outsider"]).get(_url(world, "school_list")).status_code == 403


def test_the_register_and_the_schools_page_run_a_fixed_number_of_queries(world, login):
    client = login(world.users[Role.BUSINESS_UNIT])

    def count(url):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    _bulk_schools(world, 10)
    few = s175_cycle(world, title="Few")
    counts = (count(_url(world, "school_list")), count(_url(world, "cycle_schools", pk=few.pk)))
    _bulk_schools(world, 490, start=10)
    many = s175_cycle(world, title="Many")
    assert Return.objects.filter(cycle=many).count() == 500
    assert (count(_url(world, "school_list")),
            count(_url(world, "cycle_schools", pk=many.pk))) == counts


# ---- a Section 175/157 cycle --------------------------------------------------------------

def test_opening_a_section_175_cycle_asks_every_school_on_the_register_once(world):
    register(world)
    chosen = [world.orgs["school"], world.orgs["council"]]  # a school chosen too: still once
    c = cycle(world, title="S175 2024", spec=SECTION_175, orgs=chosen)
    asked = sorted(Return.objects.filter(cycle=c).values_list("organisation__name", flat=True))
    assert asked == ["Alpha Academy", "Alphaton Council", "Beacon Primary (test)"]


def test_a_section_175_cycle_with_no_school_on_the_register_is_refused(world):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="import the school register"):
        cycle(world, title="S175 empty", spec=SECTION_175, orgs=[])
    assert not Cycle.objects.exists()


def test_a_section_11_cycle_does_not_take_the_register(world):
    register(world)
    c = cycle(world, title="S11", spec=SECTION_11, orgs=[world.orgs["council"]])
    assert Return.objects.filter(cycle=c).count() == 1


def test_the_cycle_form_opens_a_section_175_cycle_without_choosing_schools(world, login):
    register(world)
    client = login(world.users[Role.BUSINESS_UNIT])
    from assurance.tests.helpers import tool

    qs = tool(world, SECTION_175)
    response = client.post(_url(world, "cycle_create") + "?kind=section_175", {
        "title": "Schools audit 2025", "question_set": qs.pk, "opens_on": "2025-01-06",
        "due_on": "2025-03-31"})
    assert response.status_code == 302
    assert Return.objects.filter(cycle__title="Schools audit 2025").count() == 2


def _two_areas(w):
    """Three schools in Alphaton, two in Betaby; a S175 cycle asking them all."""
    _area(w)
    _import(w, [{"urn": f"90030{i}", "name": f"School {i} (test)", "phase": "primary",
                 "area": "Alphaton" if i < 3 else "Betaby", "dsl_email": f"dsl@s{i}.sch.uk"}
                for i in range(5)])
    return s175_cycle(w)


def test_the_response_rate_per_area_counts_submitted_and_moderated_returns(world, login):
    c = _two_areas(world)
    rets = {r.organisation.name: r for r in Return.objects.filter(cycle=c)
            .select_related("organisation", "cycle")}
    submit(rets["School 0 (test)"])
    ret = submit(rets["School 3 (test)"])
    services.return_moderate(actor=system_actor(), ret=ret, note="Seen.",
                             expected_version=ret.version)
    response = selectors.school_response(c)
    assert [(a.area, a.asked, a.responded, a.rate) for a in response.areas] == [
        ("Alphaton", 3, 1, 33.3), ("Betaby", 2, 1, 50.0)]
    assert (response.overall.asked, response.overall.responded, response.overall.rate) == (
        5, 2, 40.0)
    client = login(world.users[Role.PARTNER_DELEGATE])
    page = client.get(_url(world, "cycle_schools", pk=c.pk)).content.decode()
    assert "2 of 5 schools and colleges have responded (40.0%)" in page
    assert 'alt="Bar chart of the share of schools' in page and "Betaby 50.0%" in page
    csv = client.get(_url(world, "cycle_schools", pk=c.pk),
                     {"export": "csv", "table": "areas"}).content.decode("utf-8-sig")
    assert "Alphaton,3,1,33.3" in csv and "All areas,5,2,40.0" in csv
    xlsx = client.get(_url(world, "cycle_schools", pk=c.pk), {"export": "xlsx",
                                                               "table": "schools"})
    rows = list(load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    assert len(rows) == 6 and ("School 3 (test)", "900303", "Betaby", "Primary", "Moderated") \
        == rows[4][:5]


def test_the_schools_needing_follow_up_are_listed_and_exported(world, login):
    c = _two_areas(world)
    rets = list(Return.objects.filter(cycle=c).select_related("cycle", "organisation")
                .order_by("organisation__name"))
    values = {**full_answers(rets[0]), "s175-dsl": "no"}
    services.answers_save(actor=system_actor(), ret=rets[0], values=values, submit=True,
                          expected_version=rets[0].version)
    for ret in rets[1:]:
        submit(ret)
    page = login(world.users[Role.BUSINESS_UNIT]).get(_url(world, "cycle_schools", pk=c.pk))
    assert "s175-dsl: no" in page.content.decode()
    Cycle.objects.filter(pk=c.pk).update(due_on=datetime.date.today() - datetime.timedelta(1))
    c.refresh_from_db()
    follow = selectors.schools_to_follow_up(c)
    assert [(f.school, f.urn, f.area) for f in follow] == [("School 0 (test)", "900300",
                                                            "Alphaton")]
    csv = login(world.users[Role.SCRUTINEER]).get(
        _url(world, "cycle_schools", pk=c.pk),
        {"export": "csv", "table": "follow-up"}).content.decode("utf-8-sig")
    assert "School 0 (test),900300,Alphaton,dsl@s0.sch.uk,s175-dsl: no" in csv
    assert "School 1" not in csv


def test_an_overdue_school_needs_follow_up(world):
    c = _two_areas(world)
    Cycle.objects.filter(pk=c.pk).update(due_on=datetime.date.today() - datetime.timedelta(3))
    c.refresh_from_db()
    follow = selectors.schools_to_follow_up(c)
    assert len(follow) == 5 and all("not submitted by" in f.reasons[0] for f in follow)


def test_a_section_11_cycle_has_no_schools_page(world, login):
    c = cycle(world, title="S11")
    client = login(world.users[Role.BUSINESS_UNIT])
    assert client.get(_url(world, "cycle_schools", pk=c.pk)).status_code == 404


def test_another_partnerships_cycle_is_not_found_under_alphas_address(world, login):
    _area(world, "Gammaby", "E06009993", partnership=world.other)
    services.school_register_import(actor=system_actor(), partnership=world.other,
                                    rows=[{**GOOD, "area": "Gammaby"}])
    beta = services.cycle_open(
        actor=system_actor(), partnership=world.other, partnerships=[], organisations=[],
        data={"kind": "section_175", "title": "Beta S175", "opens_on": datetime.date.today(),
              "due_on": datetime.date.today(), "question_set": services.question_set_create(
                  actor=system_actor(), partnership=world.other, data=SECTION_175["data"],
                  sections=SECTION_175["sections"])})
    client = login(world.users[Role.BUSINESS_UNIT])
    assert client.get(_url(world, "cycle_schools", pk=beta.pk)).status_code == 404
    assert client.post(_url(world, "school_remind", pk=beta.pk)).status_code == 404


# ---- reminders ----------------------------------------------------------------------------

def test_the_button_reminds_each_school_not_responded_once_a_day(world, login):
    c = s175_cycle(world)
    submit(Return.objects.select_related("cycle").get(cycle=c, organisation__name="Beacon "
                                                                                 "Primary (test)"))
    client = login(world.users[Role.BUSINESS_UNIT])
    response = client.post(_url(world, "school_remind", pk=c.pk), follow=True)
    assert "Reminders sent to 1 school." in response.content.decode()
    assert len(mail.outbox) == 1
    # Alpha Academy's designated safeguarding lead, and its lead in the hub.
    lead = world.people[Role.AGENCY_LEAD]
    assert set(mail.outbox[0].to) == {"dsl@alpha-academy.sch.uk", lead.email.lower()} - {""}
    assert "Alpha Academy" in mail.outbox[0].subject
    event = AuditEvent.objects.get(model=selectors.SCHOOL_REMINDER)
    assert event.actor == world.users[Role.BUSINESS_UNIT]
    response = client.post(_url(world, "school_remind", pk=c.pk), follow=True)
    assert "Reminders sent to 0 schools. 1 already reminded today" in response.content.decode()
    assert len(mail.outbox) == 1


def test_only_the_business_unit_may_send_reminders(world, login):
    c = s175_cycle(world)
    for role in (Role.SCRUTINEER, Role.AGENCY_LEAD):
        assert login(world.users[role]).post(
            _url(world, "school_remind", pk=c.pk)).status_code == 403
    assert not mail.outbox
    assert login(world.users[Role.BUSINESS_UNIT]).get(
        _url(world, "school_remind", pk=c.pk)).status_code == 405


def test_a_closed_cycle_reminds_nobody(world):
    c = s175_cycle(world)
    c = services.cycle_close(actor=system_actor(), cycle=c, expected_version=c.version)
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.school_reminders_send(actor=system_actor(), cycle=c)
    assert not mail.outbox


def test_the_daily_reminders_go_to_the_dsl_unless_reminded_from_the_page_today(world):
    c = s175_cycle(world, due_in=3)
    today = datetime.date.today()
    emails = {r.email for r in reminders.returns_due(today)}
    assert {"dsl@alpha-academy.sch.uk", "dsl@beacon.sch.uk"} <= emails
    services.school_reminders_send(actor=system_actor(), cycle=c)
    emails = {r.email for r in reminders.returns_due(today)}
    assert not emails & {"dsl@alpha-academy.sch.uk", "dsl@beacon.sch.uk"}


# ---- each school's return and permissions ----------------------------------------------------

@pytest.mark.parametrize("fmt, start", [("docx", b"PK"), ("pdf", b"%PDF")])
def test_a_schools_lead_exports_its_own_return_and_not_anothers(world, login, fmt, start):
    c = s175_cycle(world)
    own = Return.objects.get(cycle=c, organisation=world.orgs["school"])
    other = Return.objects.get(cycle=c, organisation__name="Beacon Primary (test)")
    client = login(world.users[Role.AGENCY_LEAD])
    response = client.get(_url(world, "return_export", pk=own.pk, fmt=fmt))
    assert response.status_code == 200 and response.content.startswith(start)
    assert client.get(_url(world, "return_export", pk=other.pk, fmt=fmt)).status_code == 403
    page = login(world.users[Role.BUSINESS_UNIT]).get(_url(world, "cycle_schools", pk=c.pk))
    assert _url(world, "return_export", pk=own.pk, fmt=fmt) in page.content.decode()


def test_a_schools_lead_edits_only_its_own_return(world, login):
    c = s175_cycle(world)
    own = Return.objects.select_related("cycle").get(cycle=c, organisation=world.orgs["school"])
    other = Return.objects.select_related("cycle").get(cycle=c,
                                                       organisation__name="Beacon Primary (test)")
    lead = world.users[Role.AGENCY_LEAD]
    services.answers_save(actor=lead, ret=own, values={"s175-dsl": "yes"},
                          expected_version=own.version)
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.answers_save(actor=lead, ret=other, values={"s175-dsl": "yes"},
                              expected_version=other.version)
    home = login(lead).get(_url(world, "home")).content.decode()
    assert "Alpha Academy" in home and "Beacon Primary" not in home


def test_the_schools_lead_may_not_import_the_register(world):
    from django.core.exceptions import PermissionDenied

    for role in (Role.AGENCY_LEAD, Role.SCRUTINEER, Role.PARTNER_DELEGATE):
        with pytest.raises(PermissionDenied):
            _import(world, [GOOD], actor=world.users[role])
    assert not School.objects.exists()


# ---- the yearly report --------------------------------------------------------------------

def test_the_yearly_report_gives_the_response_rate_per_area(world):
    from docx import Document

    from reports import render
    from reports.selectors import assemble
    from reports.tests.helpers import make_report

    c = _two_areas(world)
    Cycle.objects.filter(pk=c.pk).update(opens_on=datetime.date(2023, 9, 1),
                                         due_on=datetime.date(2023, 12, 1))
    for ret in Return.objects.filter(cycle=c, organisation__name__in=[
            "School 0 (test)", "School 1 (test)", "School 3 (test)"]).select_related("cycle"):
        submit(ret)
    a = assemble(make_report(world.partnership, 2023), charts=False)
    [(title, response)] = a.assurance.schools
    assert title == "Section 175 audit 2024"
    assert [(r.area, r.responded, r.asked, r.rate) for r in response.areas] == [
        ("Alphaton", 2, 3, 66.7), ("Betaby", 1, 2, 50.0)]
    assert response.overall.rate == 60.0
    html = render.body_html(a)
    assert "schools and colleges that responded, by council area" in html
    assert "3 of 5" in html and "60.0%" in html
    docx = Document(io.BytesIO(render.render(a, "docx")))
    cells = [cell.text for t in docx.tables for r in t.rows for cell in r.cells]
    assert "Betaby" in cells and "60.0%" in cells


def test_a_name_in_other_letter_case_finds_the_organisation_not_a_twin(world):
    register(world, rows=[{**GOOD, "name": "ALPHA ACADEMY"}])
    school = School.objects.select_related("organisation").get()
    assert school.organisation_id == world.orgs["school"].pk
    assert school.organisation.name == "ALPHA ACADEMY"  # the register's spelling wins
    assert Organisation.objects.filter(name__iexact="alpha academy").count() == 1


def test_the_daily_run_emails_each_dsl_once_however_often_it_runs(world):
    from core.reminders import send_once

    s175_cycle(world, due_in=3)
    today = datetime.date.today()
    assert send_once(today)
    to_dsl = [m for m in mail.outbox if m.to == ["dsl@beacon.sch.uk"]]
    assert len(to_dsl) == 1 and "Beacon Primary (test)" in to_dsl[0].body
    assert send_once(today) is None
    assert len([m for m in mail.outbox if m.to == ["dsl@beacon.sch.uk"]]) == 1
