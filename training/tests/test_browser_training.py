"""Browser journey (issue 13): a practitioner finds a course on the public training calendar,
signs in and books; on the day the business unit marks them attended; they evaluate the
session; the figures move. axe-core checks every page visited."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from conftest import assert_accessible, expect_error_page
from core.models import Role
from learning.models import Theme
from training.models import Booking, Session

from .factories import make_course, make_session

pytestmark = pytest.mark.browser


def test_practitioner_books_from_the_public_calendar_attends_and_evaluates(
        world, page, browser_login):
    course = make_course(world.partnership, title="Hidden men: partners in the household",
                         themes=[Theme.objects.get(name="Hidden men")])
    session = make_session(course, days=14, capacity=12)
    bu, practitioner = world.users[Role.BUSINESS_UNIT], world.users[Role.PRACTITIONER]
    # An agency lead reads the figures (no second two-factor sign-in within one code's life).
    reader = world.users[Role.AGENCY_LEAD]

    # The figures before: no evaluations.
    browser_login(reader)
    page.goto("/p/alpha/training/figures/")
    assert_accessible(page)
    expect(page.get_by_text("No evaluations yet").first).to_be_visible()
    page.context.clear_cookies()

    # The public calendar, signed out: the course links to signing in, then to the session.
    page.goto("/public/alpha/training/")
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("Hidden men: partners in the household")).click()
    page.get_by_label("Username").fill(practitioner.get_username())
    page.get_by_label("Password").fill("correct horse battery")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"**/p/alpha/training/sessions/{session.pk}/")
    assert_accessible(page)
    page.get_by_role("button", name="Book a place").click()
    expect(page.get_by_text("You are booked.")).to_be_visible()
    assert_accessible(page)
    booking = Booking.objects.get(session=session, person=world.people[Role.PRACTITIONER])
    assert booking.status == "booked"
    page.goto("/p/alpha/training/my-training/")
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("Add to calendar")).click()
    assert download.value.suggested_filename.endswith(".ics")
    page.context.clear_cookies()

    # On the day: the business unit takes the register.
    now = timezone.now()
    Session.objects.filter(pk=session.pk).update(
        starts_at=now - datetime.timedelta(hours=1), ends_at=now + datetime.timedelta(hours=2))
    browser_login(bu)
    page.goto(f"/p/alpha/training/sessions/{session.pk}/register/")
    assert_accessible(page)
    page.get_by_role("group", name=re.compile("Practitioner Example")).get_by_label(
        "Attended").check()
    page.get_by_role("button", name="Save attendance").click()
    expect(page.get_by_text("Attendance saved (1 changed).")).to_be_visible()
    page.context.clear_cookies()

    # The practitioner evaluates: bad input first, then the real answers.
    browser_login(practitioner)
    page.goto("/p/alpha/training/my-training/")
    page.get_by_role("link", name=re.compile("^Evaluate")).click()
    assert_accessible(page)
    page.get_by_role("button", name="Send the evaluation").click()
    expect_error_page(page, "Choose how you would rate the session")
    assert_accessible(page)
    page.get_by_role("group", name=re.compile("rate the session overall")).get_by_label(
        "Excellent").check()
    page.get_by_role("group", name=re.compile("before the session")).get_by_label("2").check()
    page.get_by_role("group", name=re.compile("How confident are you now")).get_by_label(
        "4").check()
    page.get_by_label("What will change in your practice?").fill(
        "Ask who lives in and visits the home at every visit.")
    page.get_by_role("button", name="Send the evaluation").click()
    expect(page.get_by_text("Thank you: your evaluation is saved.")).to_be_visible()
    assert_accessible(page)
    page.context.clear_cookies()

    # The figures moved.
    browser_login(reader)
    page.goto("/p/alpha/training/figures/")
    expect(page.get_by_text("100% (1 of 1 evaluations)")).to_be_visible()
    expect(page.get_by_text("a change of +2.0")).to_be_visible()
    assert_accessible(page)


def test_a_refused_completions_import_lists_its_problems_by_row_and_passes_axe(
        world, page, browser_login, live_server, tmp_path):
    make_course(world.partnership, title="Safeguarding awareness", delivery="e_learning")
    bad = tmp_path / "completions.csv"
    bad.write_text("course,organisation,month,completions\n"
                   "Safeguarding awareness,Alpha Police,2024-03,²\n")
    browser_login(world.users[Role.BUSINESS_UNIT])
    page.goto("/p/alpha/training/e-learning/import/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Completions file (CSV or Excel)").set_input_files(str(bad))
    page.get_by_role("button", name="Import the completions").click()
    problems = page.get_by_role("table", name="Problems, row by row")
    expect(problems).to_contain_text("not a whole number of 0 or more")
    assert_accessible(page)
