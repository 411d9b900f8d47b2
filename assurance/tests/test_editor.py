"""The tool editor (issue 12, item 1): moving and removing questions, adding, renaming,
moving and removing sections. A tool in use changes in its next version; the old version,
its answers and its summary stay as they were; places stay unique and contiguous."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from assurance import selectors, services
from assurance.models import Question, QuestionSet, SetSection
from assurance.tests.helpers import cycle, submit, tool
from core.models import AuditEvent
from core.services import system_actor

pytestmark = pytest.mark.django_db

ACTOR = system_actor


def _places(qs):
    sections = list(qs.sections.order_by("order"))
    return ([s.order for s in sections],
            {s.title: list(s.questions.order_by("order").values_list("order", flat=True))
             for s in sections})


def _contiguous(qs):
    sections, questions = _places(qs)
    assert sections == list(range(1, len(sections) + 1))
    for orders in questions.values():
        assert orders == list(range(1, len(orders) + 1))


def _codes(section):
    return list(section.questions.order_by("order").values_list("code", flat=True))


def test_moving_questions_and_sections_of_an_unused_tool_changes_it_in_place(world):
    qs = tool(world)
    first = qs.sections.get(order=1)
    assert _codes(first) == ["s11-1", "s11-1-evidence", "s11-1-file"]
    q = Question.objects.get(section=first, code="s11-1-file")
    moved = services.question_move(actor=ACTOR(), question=q, direction="up")
    assert moved.section.question_set == qs
    assert _codes(first) == ["s11-1", "s11-1-file", "s11-1-evidence"]
    services.section_move(actor=ACTOR(), section=first, direction="down")
    assert qs.sections.get(order=2).pk == first.pk
    assert QuestionSet.objects.filter(key=qs.key).count() == 1
    _contiguous(qs)
    assert AuditEvent.objects.filter(model="assurance.Question", object_id=str(q.pk),
                                     action="change").exists()


def test_moving_past_either_end_is_refused_with_a_clear_message(world):
    qs = tool(world)
    first = qs.sections.get(order=1)
    top = Question.objects.get(section=first, order=1)
    with pytest.raises(ValidationError, match="already first, so it cannot move up"):
        services.question_move(actor=ACTOR(), question=top, direction="up")
    last = qs.sections.order_by("-order").first()
    with pytest.raises(ValidationError, match="already last, so it cannot move down"):
        services.section_move(actor=ACTOR(), section=last, direction="down")
    with pytest.raises(ValidationError, match="up or down"):
        services.question_move(actor=ACTOR(), question=top, direction="sideways")
    _contiguous(qs)


def test_changes_to_a_tool_in_use_go_into_a_new_version_and_old_answers_stay(world):
    qs = tool(world)
    c = cycle(world)
    ret = submit(c.returns.get(organisation=world.orgs["council"]))
    before = [(s.title, [(r.question.code, r.answer.display() if r.answer else None)
                         for r in s.rows]) for s in selectors.return_sections(ret)]
    summary_before = [(r.code, r.average) for r in selectors.summary(c).rows]

    first = qs.sections.get(order=1)
    q = Question.objects.get(section=first, code="s11-1-evidence")
    moved = services.question_move(actor=ACTOR(), question=q, direction="down")
    new = moved.section.question_set
    assert new != qs and new.number == qs.number + 1 and new.previous == qs
    # Every further change goes into that same, still unused, new version.
    removed_from = services.question_remove(actor=ACTOR(), question=q)
    assert removed_from == new
    added = services.section_add(actor=ACTOR(), qs=qs, title="Standard 9: Voice of the child")
    assert added.question_set == new
    renamed = services.section_rename(actor=ACTOR(), section=first, title="Standard 1: Leaders")
    assert renamed.question_set == new
    services.section_move(actor=ACTOR(), section=added, direction="up")
    last = new.sections.order_by("-order").exclude(pk=added.pk).first()
    services.section_remove(actor=ACTOR(), section=last)
    assert QuestionSet.objects.filter(key=qs.key).count() == 2
    _contiguous(new)
    assert "s11-1-evidence" not in _codes(new.sections.get(title="Standard 1: Leaders"))

    # The old version, the return's answers and its summary are as they were.
    ret.refresh_from_db()
    assert [(s.title, [(r.question.code, r.answer.display() if r.answer else None)
                       for r in s.rows]) for s in selectors.return_sections(ret)] == before
    assert [(r.code, r.average) for r in selectors.summary(c).rows] == summary_before
    assert _codes(qs.sections.get(order=1)) == ["s11-1", "s11-1-evidence", "s11-1-file"]
    _contiguous(qs)


def test_removing_closes_up_places_and_the_last_of_a_kind_is_refused(world):
    qs = tool(world)
    first = qs.sections.get(order=1)
    services.question_remove(actor=ACTOR(), question=first.questions.get(order=1))
    assert _codes(first) == ["s11-1-evidence", "s11-1-file"]
    services.question_remove(actor=ACTOR(), question=first.questions.get(order=2))
    with pytest.raises(ValidationError, match="only question of .* a section needs at least one"):
        services.question_remove(actor=ACTOR(), question=first.questions.get())
    services.section_remove(actor=ACTOR(), section=qs.sections.get(order=3))
    _contiguous(qs)
    for section in list(qs.sections.exclude(pk=first.pk)):
        services.section_remove(actor=ACTOR(), section=section)
    with pytest.raises(ValidationError, match="only section"):
        services.section_remove(actor=ACTOR(), section=first)
    assert qs.sections.count() == 1


def test_section_titles_are_checked(world):
    qs = tool(world)
    with pytest.raises(ValidationError, match="Enter the section's title"):
        services.section_add(actor=ACTOR(), qs=qs, title="   ")
    taken = qs.sections.first().title
    with pytest.raises(ValidationError, match="already has a section called"):
        services.section_add(actor=ACTOR(), qs=qs, title=taken.upper())
    section = services.section_add(actor=ACTOR(), qs=qs, title="New  standard")
    assert section.title == "New standard" and section.order == qs.sections.count()


def test_only_the_business_unit_edits_a_tool(world):
    qs = tool(world)
    q = qs.sections.first().questions.first()
    for role in ("scrutineer", "agency_lead", "partner_delegate"):
        with pytest.raises(PermissionDenied):
            services.question_move(actor=world.users[role], question=q, direction="down")
        with pytest.raises(PermissionDenied):
            services.section_add(actor=world.users[role], qs=qs, title="Extra")


def test_the_buttons_post_and_say_what_happened(world, client, login):
    qs = tool(world)
    cycle(world)  # in use: changes make version 2
    login(world.users["business_unit"])
    page = client.get(reverse("assurance:tool_detail", args=["alpha", qs.pk])).content.decode()
    assert 'name="direction" value="down"' in page and "Move up" in page
    q = qs.sections.get(order=1).questions.get(order=1)
    url = reverse("assurance:question_move", args=["alpha", q.pk])
    assert client.get(url).status_code == 405  # POST only
    response = client.post(url, {"direction": "up"}, follow=True)
    assert "already first" in response.content.decode()
    assert QuestionSet.objects.filter(key=qs.key).count() == 1  # a refused move makes nothing
    response = client.post(url, {"direction": "down"}, follow=True)
    text = response.content.decode()
    assert "is moved down" in text and "version 2 of the tool" in text
    new = QuestionSet.objects.get(key=qs.key, number=2)
    assert response.redirect_chain[-1][0].endswith(f"/tools/{new.pk}/")
    section = new.sections.get(order=1)
    response = client.post(reverse("assurance:section_rename", args=["alpha", section.pk]),
                           {"title": ""})
    assert response.status_code == 200 and "error" in response.content.decode()
    client.post(reverse("assurance:section_rename", args=["alpha", section.pk]),
                {"title": "Leadership"})
    assert SetSection.objects.get(pk=section.pk).title == "Leadership"
    client.post(reverse("assurance:section_add", args=["alpha", new.pk]), {"title": "Extra"})
    extra = new.sections.get(title="Extra")
    client.post(reverse("assurance:section_move", args=["alpha", extra.pk]), {"direction": "up"})
    client.post(reverse("assurance:question_remove", args=["alpha",
                                                           section.questions.last().pk]))
    client.post(reverse("assurance:section_remove", args=["alpha", extra.pk]))
    assert not new.sections.filter(title="Extra").exists()
    _contiguous(new)
    assert QuestionSet.objects.filter(key=qs.key).count() == 2
