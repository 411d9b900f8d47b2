"""Issue 9, done means: a partnership's past year (2021-22) created from nothing, the way a
business unit adopting the hub mid-way would enter it, through the services only (the core
structure through factories, where no service exists). The yearly report is then produced
in HTML, PDF and Word by the yearly_report command, and every headline figure is checked
against an independent count from the records with the year boundary rule (1 April 2021 to
31 March 2022 inclusive), the three formats agreeing.

Each count has records on its edges: 31 March 2021 (the day before the year: out),
1 April 2021 (in), 31 March 2022 (in) and 1 April 2022 (the day after: out), so a count that
slips by a day at either end changes the figure. reports/tests/test_year_bounds.py checks the
same rules one count at a time; this test checks the whole year and the three formats. The
case reviews are history entered after the event ("recorded after the event"), one with its
dates known to the month only, and none of them may show as overdue on the business unit's
home page."""

import datetime
import html as markup
import io
import re
from decimal import Decimal

import pypdf
import pytest
from django.core.management import call_command
from django.db.models import Q, Sum
from django.urls import reverse
from django.utils import timezone
from docx import Document

from core.models import Organisation, Role
from core.services import system_actor
from core.tests.factories import (
    AreaFactory,
    AreaPopulationFactory,
    OrganisationFactory,
    PartnershipFactory,
    PersonFactory,
    RoleAssignmentFactory,
    UserFactory,
)
from finance import services as finance
from finance.models import FinanceLine
from governance import services as governance
from governance.models import Attendance, Group, Meeting
from learning import services as learning
from learning.models import Action, Source
from performance import catalogue
from performance import services as performance
from performance.models import IndicatorValue
from reports import selectors
from reports import services as reports
from reports.models import ActivityItem, NarrativeBlock
from reviews import services as reviews
from reviews.models import LearningEvent, PracticeReview, RapidReview

D = datetime.date
START, END = D(2021, 4, 1), D(2022, 3, 31)
BEFORE, AFTER = D(2021, 3, 31), D(2022, 4, 1)  # the days either side of the year
HISTORY = {"recorded_after": True}
MONTH_ONLY = {"recorded_after": True, "date_precision": "month"}
DONE = [Action.Status.COMPLETED, Action.Status.SIGNED_OFF]


def _in_year(field):
    return Q(**{f"{field}__gte": START, f"{field}__lte": END})


def _at(day, hour=10):
    return timezone.make_aware(datetime.datetime(day.year, day.month, day.day, hour))


# ---- the year, entered through the services ----

def _structure():
    """Partnership, area, population, organisations and the business unit: no service
    creates these yet, so factories (as the enrolment of a new partnership would)."""
    p = PartnershipFactory(slug="northfold", name="Northfold Safeguarding Children Partnership",
                           short_name="NSCP")
    area = AreaFactory(partnership=p, ons_code="E06008801", name="Northfold")
    AreaPopulationFactory(area=area, year=2021, children=52_000)
    orgs = {
        "council": OrganisationFactory(name="Northfold Council",
                                       kind=Organisation.Kind.LOCAL_AUTHORITY),
        "police": OrganisationFactory(name="Northfold Police", kind=Organisation.Kind.POLICE),
        "school": OrganisationFactory(name="Northfold Academy",
                                      kind=Organisation.Kind.SCHOOL),
    }
    for org in orgs.values():
        org.partnerships.add(p)
    user = UserFactory(username="northfold-bu")
    person = PersonFactory(name="Nell Example", user=user, organisation=orgs["council"],
                           email="nell@example.org")
    RoleAssignmentFactory(person=person, partnership=p, role=Role.BUSINESS_UNIT)
    executive = Group.objects.create(name="Northfold Executive", kind=Group.Kind.EXECUTIVE)
    executive.partnerships.add(p)
    return p, orgs, user, person, executive


def _governance(p, executive, person):
    """Meetings on the edges of the year (held), one planned only; a decision and who
    attended at one of them."""
    actor = system_actor()
    meetings = {}
    for day in (BEFORE, START, D(2021, 9, 15), END, AFTER):
        meetings[day] = governance.meeting_create(
            actor=actor, partnership=p, group=executive, title="Executive",
            starts_at=_at(day), ends_at=_at(day, 12),
            status=Meeting.Status.PLANNED if day == D(2021, 9, 15) else Meeting.Status.HELD)
    governance.decision_record(actor=actor, partnership=p, meeting=meetings[START],
                               text="Adopt the neglect strategy for 2021-22.")
    governance.attendance_record(actor=actor, partnership=p, meeting=meetings[START],
                                 entries=[{"person": person,
                                           "status": Attendance.Status.PRESENT}])
    return meetings


def _incident(p, reference, aware, *, local=None, decided=None, sent=None, **back):
    actor = system_actor()
    incident = reviews.notify_incident(actor=actor, partnership=p, **{
        "reference": reference, "la_aware_on": aware, "notified_on": aware + datetime.timedelta(
            days=2) if sent else None, "summary": "Fictional incident.", **HISTORY, **back})
    return reviews.save_rapid_review(
        actor=actor, incident=incident,
        data={"partners_aware_on": aware, "local_review": local, "decided_on": decided,
              "sent_on": sent, **HISTORY, **back},
        agencies=[], panel_members=[], expected_version=0)


def _practice(p, pseudonym, *, kind="historic_scr", rapid=None, briefing=False, **data):
    actor = system_actor()
    review = reviews.practice_review_create(
        actor=actor, partnership=p, rapid_review=rapid,
        data={"pseudonym": pseudonym, "kind": kind, **HISTORY, **data})
    if briefing:
        review = reviews.practice_review_set_briefing(
            actor=actor, review=review, url=f"https://example.org/{pseudonym.lower()}.pdf",
            expected_version=review.version)
    return review


def _reviews(p):
    """Rapid reviews and practice reviews on the year's edges, all entered after the event."""
    rapid_first = _incident(p, "Child A", START, local=True, decided=START, sent=D(2021, 4, 20))
    _incident(p, "Child B", END, local=True, decided=END)
    _incident(p, "Child C", BEFORE, local=True, decided=BEFORE, sent=D(2021, 4, 15))
    _incident(p, "Child D", AFTER, local=False, sent=D(2022, 4, 20))
    _incident(p, "Child E", D(2021, 8, 2), local=False)  # never sent: not recorded
    # The local review of Child A, published in the year; its dates known to the month only.
    heron = _practice(p, "Heron", kind="individual", rapid=rapid_first, briefing=True,
                      decided_on=START, signed_off_on=D(2021, 10, 1),
                      published_on=D(2021, 11, 1), date_precision="month")
    reviews.learning_event_add(actor=system_actor(), review=heron, held_on=D(2021, 12, 1),
                               title="Heron learning event", attendees=40)
    reviews.learning_event_add(actor=system_actor(), review=heron, held_on=AFTER,
                               title="Heron learning event again", attendees=25)
    _practice(p, "Robin", kind="individual", decided_on=D(2021, 5, 1), signed_off_on=END)
    _practice(p, "Quail", kind="individual", decided_on=END, signed_off_on=AFTER)
    _practice(p, "Pipit", kind="individual", decided_on=BEFORE, signed_off_on=D(2021, 6, 1))
    _practice(p, "Owl", kind="individual", decided_on=AFTER)
    _practice(p, "Kite", signed_off_on=D(2021, 2, 1), published_on=START)
    _practice(p, "Swift", signed_off_on=D(2022, 1, 1), published_on=END, briefing=True)
    _practice(p, "Lark", signed_off_on=D(2021, 1, 1), published_on=BEFORE, briefing=True)
    _practice(p, "Moth", signed_off_on=D(2022, 2, 1), published_on=AFTER, briefing=True)
    return heron


def _complete(action, on):
    return learning.action_update(actor=system_actor(), action=action,
                                  data={"status": Action.Status.COMPLETED, "completed_on": on},
                                  expected_version=action.version)


def _learning(p, heron, meeting, orgs):
    """Heron's finding, recommendation and actions (one evidenced and signed off), and the
    meeting's actions, due and finished on the edges of the year."""
    actor = system_actor()
    finding = learning.finding_create(actor=actor, partnership=p, source=heron.source,
                                      text="Neglect was not recognised early enough.")
    rec = learning.recommendation_create(actor=actor, finding=finding, **{
        "text": "Train practitioners in the graded care profile.",
        "lead_organisation": orgs["council"]})

    def review_action(title, due, completed=None):
        action = learning.action_create_for_recommendation(
            actor=actor, recommendation=rec, title=title, due_date=due,
            owner_organisation=orgs["council"])
        return _complete(action, completed) if completed else action

    a = review_action("Graded care profile training", START, END)
    learning.evidence_add(actor=actor, action=a, description="Attendance register",
                          url="https://example.org/register")
    a.refresh_from_db()
    learning.action_sign_off(actor=actor, action=a, expected_version=a.version)
    review_action("Neglect audit", END, D(2022, 6, 1))           # open at the end: counts
    review_action("Neglect toolkit refresh", AFTER, D(2022, 5, 1))  # due after: out
    review_action("Early help leaflet", D(2020, 12, 1), BEFORE)     # done before: out
    review_action("Health visitor briefing", D(2020, 12, 1), START)  # done on day one: in

    def meeting_action(title, due, completed=None):
        action = learning.action_create(actor=actor, partnership=p, source=meeting.source,
                                        title=title, due_date=due,
                                        owner_organisation=orgs["police"])
        return _complete(action, completed) if completed else action

    meeting_action("Police referral pathway", D(2021, 6, 30), D(2021, 7, 1))
    meeting_action("Schools briefing", END, AFTER)
    meeting_action("Missing children protocol", D(2021, 11, 30))   # overdue in the year
    meeting_action("Housing protocol", AFTER)                       # due after the year
    meeting_action("Old protocol", BEFORE)                          # due before the year


def _performance(p):
    actor = system_actor()
    performance.catalogue_import(actor=actor, rows=catalogue.rows())
    rows = [{"indicator_code": "LAC", "area_code": "E06008801", "period": period,
             "value": value} for period, value in (("2020-21", 280), ("2021-22", 301))]
    performance.data_return_submit(actor=actor, rows=rows, method="form", partnership=p,
                                   confirm_warnings=True)


def _report(p, orgs):
    actor = system_actor()
    report = reports.report_create(actor=actor, partnership=p, year_start=2021)
    for kind, body in ((NarrativeBlock.Kind.FOREWORD, "Northfold foreword for 2021-22."),
                       (NarrativeBlock.Kind.IMPACT, "Neglect is recognised sooner."),
                       (NarrativeBlock.Kind.SCRUTINY, "The scrutineer's view of 2021-22.")):
        reports.block_save(actor=actor, report=report, kind=kind,
                           data={"title": NarrativeBlock.Kind(kind).label, "body": body},
                           expected_version=0)
    reports.priority_add(actor=actor, report=report, data={
        "title": "Neglect", "lead_partner": orgs["council"],
        "impact": "Earlier help for neglected children."})
    budget = finance.year_create(actor=actor, partnership=p, data={
        "year_start": 2021, "brought_forward": Decimal("10000")})
    for kind, org, amount in (("contribution", "council", "50000"),
                              ("contribution", "police", "30000"),
                              ("other_income", None, "2500"),
                              ("expenditure", None, "70000")):
        finance.line_add(actor=actor, record=budget, data={
            "kind": kind, "organisation": orgs[org] if org else None,
            "category": "staffing" if kind == "expenditure" else "",
            "label": {"expenditure": "Business unit", "other_income": "Training fees"}.get(
                kind, "Partner contribution"),
            "amount": Decimal(amount)})
    finance.line_add(actor=actor, record=budget, data={
        "kind": "in_kind", "organisation": orgs["school"], "label": "Venue for the conference"})
    for on, title in ((START, "Neglect conference"), (END, "Year-end practitioner forum"),
                      (BEFORE, "Forum of the year before"), (AFTER, "Forum of the year after")):
        reports.activity_add(actor=actor, partnership=p, data={
            "happened_on": on, "kind": ActivityItem.Kind.EVENT, "title": title,
            "attendees": 120, "facilitators": 4,
            "safeguarding_impact": "Practitioners use the graded care profile."})
    report.refresh_from_db()
    report = reports.publication_update(actor=actor, report=report, data={
        "vision": "Children in Northfold are safe.", "signed_off_on": D(2022, 9, 1),
        "signed_off_by": "The lead safeguarding partners", "published_url": ""},
        expected_version=report.version)
    publication = reports.report_publish(actor=actor, report=report,
                                         published_on=D(2022, 9, 15))
    return report, publication


@pytest.fixture
def year(db):
    p, orgs, user, person, executive = _structure()
    meetings = _governance(p, executive, person)
    heron = _reviews(p)
    _learning(p, heron, meetings[START], orgs)
    _performance(p)
    report, publication = _report(p, orgs)
    return {"partnership": p, "user": user, "report": report, "publication": publication}


# ---- each headline, counted again from the records ----

def _review_actions(p):
    qs = Action.objects.filter(partnership=p, source__kind__in=[
        Source.Kind.PRACTICE_REVIEW, Source.Kind.RAPID_REVIEW,
        Source.Kind.SERIOUS_CASE_REVIEW, Source.Kind.LEARNING_REVIEW,
        Source.Kind.NATIONAL_REVIEW])
    return qs.filter((Q(due_date__lte=END) & (Q(completed_on__isnull=True)
                                               | Q(completed_on__gte=START)))
                     | _in_year("completed_on"))


def _plan(p):
    return Action.objects.filter(partnership=p).filter(_in_year("due_date")
                                                       | _in_year("completed_on"))


def _money(p, *kinds):
    return FinanceLine.objects.filter(finance_year__partnership=p,
                                      finance_year__year_start=2021,
                                      kind__in=kinds).aggregate(n=Sum("amount"))["n"]


# key -> (count from the records, the count the edges above give)
def independent_counts(p):
    rapid = RapidReview.objects.filter(incident__partnership=p).filter(
        _in_year("partners_aware_on"))
    reviews_ = PracticeReview.objects.filter(partnership=p)
    started = reviews_.filter(kind__in=["individual", "thematic"]).filter(
        _in_year("decided_on"))
    published = reviews_.filter(_in_year("published_on"))
    held = Meeting.objects.filter(group__partnerships=p, status=Meeting.Status.HELD).filter(
        starts_at__date__gte=START, starts_at__date__lte=END)
    income = _money(p, "contribution", "other_income")
    expenditure = _money(p, "expenditure")
    brought = p.finance_years.get(year_start=2021).brought_forward
    return {
        "rapid_reviews": (rapid.count(), 3),                              # A, B, E
        "local_reviews_decided": (rapid.filter(local_review=True).count(), 2),
        "practice_reviews_started": (started.count(), 3),                 # Heron, Robin, Quail
        "practice_reviews_completed": (started.filter(signed_off_on__lte=END).count(), 2),
        "practice_reviews_published": (published.count(), 3),             # Kite, Heron, Swift
        "briefings": (published.exclude(briefing_url="").count(), 2),     # Heron, Swift
        "review_actions": (_review_actions(p).count(), 3),
        "review_actions_done": (_review_actions(p).filter(
            _in_year("completed_on"), status__in=DONE).count(), 2),
        "actions_completed": (_plan(p).filter(_in_year("completed_on"),
                                              status__in=DONE).count(), 3),
        "actions_overdue": (_plan(p).filter(status__in=Action.OPEN_STATUSES,
                                            due_date__lte=END).count(), 1),
        "meetings_held": (held.count(), 2),
        "income": (income, Decimal("82500")),
        "expenditure": (expenditure, Decimal("70000")),
        "reserves": (brought + income - expenditure, Decimal("22500")),
    }


def _formats(report, tmp_path) -> dict[str, str]:
    """The report as the yearly_report command writes it, in each format, as text."""
    out = {}
    for fmt in ("html", "pdf", "docx"):
        path = tmp_path / f"report.{fmt}"
        call_command("yearly_report", partnership="northfold", year="2021-22", format=fmt,
                     out=str(path), stdout=io.StringIO())
        out[fmt] = path.read_bytes()
    html = out["html"].decode()
    pdf = " ".join(page.extract_text() or "" for page in pypdf.PdfReader(
        io.BytesIO(out["pdf"])).pages)
    document = Document(io.BytesIO(out["docx"]))
    docx = " ".join([para.text for para in document.paragraphs]
                    + [c.text for t in document.tables for r in t.rows for c in r.cells])
    return {"raw_html": html, "html": " ".join(markup.unescape(html).split()), "pdf": " ".join(pdf.split()),
            "docx": " ".join(docx.split()),
            # The headline table is the first table (the finance table repeats labels).
            "docx_headlines": {r.cells[0].text: r.cells[1].text
                               for r in document.tables[0].rows[1:]}}


def test_every_headline_equals_the_records_in_every_format(year, tmp_path):
    p, report = year["partnership"], year["report"]
    assembly = selectors.assemble(report, charts=False)
    headlines = {h.key: h for h in assembly.headlines}
    counts = independent_counts(p)
    assert set(counts) == set(headlines), "every headline has its count from the records"
    text = _formats(report, tmp_path)
    html_cells = dict(re.findall(
        r'data-headline="(\w+)"><th[^>]*>[^<]*</th><td[^>]*>([^<]*)</td>', text["raw_html"]))
    for key, (from_records, expected) in counts.items():
        h = headlines[key]
        assert from_records == expected, f"{key}: the records hold {from_records}"
        assert h.value == from_records, f"{key}: the report says {h.value}"
        assert html_cells[key] == h.display, key
        assert text["docx_headlines"][h.label] == h.display, key
        assert f"{h.label} {h.display}" in text["pdf"], key
        for fmt in ("html", "pdf", "docx"):
            assert h.rule.split(",")[0][:40] in text[fmt], (key, fmt)
    # The publication froze the same figures.
    frozen = {h["key"]: h["display"] for h in year["publication"].headlines}
    assert frozen == {k: h.display for k, h in headlines.items()}


def test_the_rest_of_the_year_is_printed_in_every_format(year, tmp_path):
    p = year["partnership"]
    text = _formats(year["report"], tmp_path)
    lac = IndicatorValue.objects.get(indicator__code="LAC", area__partnership=p,
                                     period="2021-22")
    events = LearningEvent.objects.filter(review__partnership=p).filter(_in_year("held_on"))
    for fmt in ("html", "pdf", "docx"):
        found = text[fmt]
        # Blocks, priorities and the year's activities (never those either side of it).
        for words in ("Northfold foreword for 2021-22.", "Neglect is recognised sooner.",
                      "The scrutineer's view of 2021-22.", "Earlier help for neglected",
                      "Neglect conference", "Year-end practitioner forum",
                      "Venue for the conference"):
            assert words.replace("'", "’") in found or words in found, (fmt, words)
        assert "Forum of the year before" not in found and "year after" not in found, fmt
        # Learning events of the year and their practitioners, counted from the records.
        assert events.count() == 1
        assert f"{events.aggregate(n=Sum('attendees'))['n']} practitioners" in found, fmt
        # The local figure as returned, formatted for people.
        assert f"{lac.value:,.0f}" in found and "Children looked after" in found, fmt
        # Published reviews of the year only, the month-only date marked and explained.
        assert "Heron" in found and "Kite" in found and "Swift" in found, fmt
        assert "Lark" not in found and "Moth" not in found, fmt
        assert "November 2021 (month only)" in found, fmt
        assert "only the month and year are known" in found, fmt
        assert "1 April 2021" in found and "31 March 2022" in found, fmt


def test_back_entered_history_is_not_overdue_on_the_business_units_home(year, client):
    from conftest import verify_two_factor

    p, user = year["partnership"], year["user"]
    client.force_login(user)
    verify_two_factor(client, user)
    page = client.get(reverse("core:partnership_home", kwargs={"slug": p.slug}))
    assert page.status_code == 200
    html = page.content.decode()
    assert "No statutory deadline is overdue or due within 5 working days." in html
    for ref in ("Child A", "Child B", "Child C", "Child D", "Child E", "Heron", "Robin",
                "Quail", "Pipit", "Owl"):
        assert ref not in html, ref
    # And the reminders name none of them either.
    from core import reminders

    texts = [r.text for r in reminders.collect(timezone.localdate())
             if r.partnership == p.short_name]
    assert not [t for t in texts if t.startswith(("Child ", "Heron", "Robin", "Quail",
                                                  "Pipit", "Owl"))]
