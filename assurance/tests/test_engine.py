"""The question-set engine and Section 11 returns: versions, validation, carry-forward,
one return for every partnership, moderation and challenge."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from assurance import selectors, services
from assurance.models import Answer, Cycle, Question, QuestionSet, Return
from assurance.tests.helpers import cycle, full_answers, submit, tool
from core.services import ConcurrentEditError, system_actor
from core.tests.files import pdf_upload, png_bytes

pytestmark = pytest.mark.django_db


def _return(c, org):
    return Return.objects.select_related("cycle__question_set").get(cycle=c, organisation=org)


def test_editing_a_question_in_use_makes_a_new_version_and_old_answers_stay(world):
    c = cycle(world)
    ret = submit(_return(c, world.orgs["council"]), rating=2)
    old_question = Question.objects.get(section__question_set=c.question_set, code="s11-1")
    before = selectors.summary(c).rows[0]

    changed = services.question_update(actor=system_actor(), question=old_question, data={
        "text": "Senior leaders own safeguarding.", "scale": ["Red", "Amber", "Green"],
        "required": True, "hint": "", "answer_type": "rating"})

    assert changed.section.question_set.number == 2
    assert changed.section.question_set.key == c.question_set.key
    old_question.refresh_from_db()
    assert old_question.text.startswith("Senior managers are committed")
    assert old_question.scale == ["Not met", "Partly met", "Met", "Met and embedded"]
    answer = Answer.objects.get(ret=ret, question=old_question)
    assert answer.display() == "2 – Partly met"
    c.refresh_from_db()
    assert c.question_set.number == 1
    assert selectors.summary(c).rows[0] == before
    # A second edit goes into the same, still unused, new version.
    again = services.question_update(actor=system_actor(), question=old_question,
                                     data={"text": "Leaders own it."})
    assert again.section.question_set == changed.section.question_set
    assert QuestionSet.objects.filter(key=c.question_set.key).count() == 2


def test_an_unused_version_is_edited_in_place(world):
    qs = tool(world)
    question = Question.objects.get(section__question_set=qs, code="s11-2")
    services.question_update(actor=system_actor(), question=question, data={"text": "New."})
    assert QuestionSet.objects.filter(key=qs.key).count() == 1
    question.refresh_from_db()
    assert question.text == "New."


def test_a_rating_outside_the_scale_is_refused_naming_the_question_and_nothing_is_saved(world):
    ret = _return(cycle(world), world.orgs["police"])
    with pytest.raises(ValidationError) as error:
        services.answers_save(actor=system_actor(), ret=ret, expected_version=ret.version,
                              values={"s11-1": 7, "s11-1-evidence": "Board minutes."})
    assert "The rating for question s11-1 must be on its scale: 1 Not met" in \
        error.value.message_dict["q_s11-1"][0]
    assert not Answer.objects.filter(ret=ret).exists()


def test_submitting_with_a_required_answer_missing_keeps_the_draft(world):
    ret = _return(cycle(world), world.orgs["police"])
    values = full_answers(ret)
    del values["s11-8"]
    with pytest.raises(ValidationError) as error:
        services.answers_save(actor=system_actor(), ret=ret, values=values, submit=True,
                              expected_version=ret.version)
    assert error.value.message_dict == {"q_s11-8": [
        "Answer question s11-8 before you submit: your other answers are saved as a draft."]}
    ret.refresh_from_db()
    assert ret.status == Return.Status.DRAFT
    assert Answer.objects.filter(ret=ret).count() == len(values)


def test_evidence_of_the_wrong_type_is_refused(world):
    ret = _return(cycle(world), world.orgs["police"])
    image = SimpleUploadedFile("standard1.png", png_bytes(), content_type="image/png")
    with pytest.raises(ValidationError) as error:
        services.answers_save(actor=system_actor(), ret=ret, expected_version=ret.version,
                              values={"s11-1-file": image, "s11-1": 3})
    message = error.value.message_dict["q_s11-1-file"][0]
    assert message.startswith("The evidence for question s11-1-file: The file must be a "
                              "document")
    assert not Answer.objects.filter(ret=ret).exists()
    pdf = pdf_upload("standard1.pdf", "Standard 1 evidence")
    services.answers_save(actor=system_actor(), ret=ret, expected_version=ret.version,
                          values={"s11-1-file": pdf})
    stored = Answer.objects.get(ret=ret, question__code="s11-1-file")
    assert stored.evidence.name.endswith(".pdf") and stored.display().startswith("standard1")


def test_a_stale_version_is_refused(world):
    ret = _return(cycle(world), world.orgs["police"])
    services.answers_save(actor=system_actor(), ret=ret, values={"s11-1": 3},
                          expected_version=ret.version)
    with pytest.raises(ConcurrentEditError):
        services.answers_save(actor=system_actor(), ret=ret, values={"s11-1": 4},
                              expected_version=1)


def test_one_return_serves_every_partnership_and_the_next_cycle_carries_it_forward(world):
    world.orgs["police"].partnerships.add(world.other)
    first = cycle(world, title="Section 11 2022", also=[world.other],
                  orgs=[world.orgs["police"]])
    assert set(first.partnerships.all()) == {world.partnership, world.other}
    ret = submit(_return(first, world.orgs["police"]), rating=2)
    # Both partnerships see the one return.
    assert selectors.return_in(world.partnership, ret.pk) == ret
    assert selectors.return_in(world.other, ret.pk) == ret
    assert Return.objects.filter(organisation=world.orgs["police"]).count() == 1

    services.cycle_close(actor=system_actor(), cycle=first, expected_version=first.version)
    second = cycle(world, title="Section 11 2024", also=[world.other], previous=first,
                   orgs=[world.orgs["police"]])
    new = _return(second, world.orgs["police"])
    carried = {a.question.code: a for a in new.answers.select_related("question")}
    assert carried["s11-1"].rating == 2 and not carried["s11-1"].changed
    assert carried["s11-1"].carried["shown"] == "2 – Partly met"
    services.answers_save(actor=system_actor(), ret=new, values={"s11-1": 4},
                          expected_version=new.version)
    changed = Answer.objects.get(ret=new, question__code="s11-1")
    assert changed.changed and changed.display() == "4 – Met and embedded"
    assert selectors.summary(second).rows[0].previous_average == 2.0


def test_moderation_and_challenge(world):
    ret = submit(_return(cycle(world), world.orgs["council"]))
    with pytest.raises(ValidationError) as error:
        services.return_moderate(actor=system_actor(), ret=ret, note=" ", accept=False,
                                 expected_version=ret.version)
    assert "moderation_note" in error.value.message_dict
    challenge = services.challenge_raise(actor=system_actor(), ret=ret, data={
        "questions": "How do you know training changed practice?",
        "panel_on": datetime.date.today()})
    ret = services.return_moderate(actor=system_actor(), ret=ret, note="Evidence seen.",
                                   expected_version=ret.version)
    assert ret.status == Return.Status.MODERATED
    with pytest.raises(ValidationError):
        services.challenge_conclude(actor=system_actor(), challenge=challenge, data={
            "outcome": ""}, expected_version=challenge.version)
    done = services.challenge_conclude(actor=system_actor(), challenge=challenge, data={
        "outcome": "Assurance given.", "panel_on": datetime.date.today()},
        expected_version=challenge.version)
    assert done.status == done.Status.CONCLUDED


def test_agency_lead_edits_only_their_own_organisations_draft(world):
    c = cycle(world)
    lead = world.users["agency_lead"]
    school, council = _return(c, world.orgs["school"]), _return(c, world.orgs["council"])
    assert lead.has_perm("assurance.edit_return", school)
    assert not lead.has_perm("assurance.view_return", council)
    with pytest.raises(PermissionDenied):
        services.answers_save(actor=lead, ret=council, values={"s11-1": 3},
                              expected_version=council.version)
    submit(school, actor=lead)
    school.refresh_from_db()
    assert not lead.has_perm("assurance.edit_return", school)  # submitted: no more edits
    assert lead.has_perm("assurance.view_return", school)
    assert world.users["scrutineer"].has_perm("assurance.view_return", council)
    assert not world.users["scrutineer"].has_perm("assurance.edit_return", council)


def test_the_summary_counts_submitted_returns_only(world):
    c = cycle(world)
    submit(_return(c, world.orgs["council"]), rating=4)
    submit(_return(c, world.orgs["police"]), rating=2)
    services.answers_save(actor=system_actor(), ret=_return(c, world.orgs["school"]),
                          values={"s11-1": 1}, expected_version=1)  # a draft: not counted
    row = selectors.summary(c).rows[0]
    assert row.counts == [0, 1, 0, 1] and row.average == 3.0 and row.answered == 2
    assert selectors.summary(c).returns_done == 2 and selectors.summary(c).returns_expected == 3


def test_a_cycle_due_before_it_opens_is_refused(world):
    with pytest.raises(ValidationError) as error:
        cycle(world, due_in=-20)
    assert "due_on" in error.value.message_dict
    assert not Cycle.objects.exists()


def test_schools_needing_follow_up_and_findings_per_question(world):
    from assurance.tools import SECTION_175

    c = cycle(world, title="Section 175 2024", spec=SECTION_175, orgs=[world.orgs["school"],
                                                                        world.orgs["council"]])
    school = _return(c, world.orgs["school"])
    values = full_answers(school)
    values["s175-scr"] = "no"
    services.answers_save(actor=system_actor(), ret=school, values=values, submit=True,
                          expected_version=school.version)
    result = selectors.summary(c)
    scr = next(r for r in result.choice_rows if r.code == "s175-scr")
    assert scr.counts == [("Yes", 0), ("Partly", 0), ("No", 1)]
    assert [(f.organisation, f.reasons) for f in result.follow_up] == [
        ("Alpha Academy", ["s175-scr: no"])]
    Cycle.objects.filter(pk=c.pk).update(due_on=datetime.date.today() - datetime.timedelta(1))
    c.refresh_from_db()
    late = selectors.needs_follow_up(c)
    assert [f.organisation for f in late] == ["Alpha Academy", "Alphaton Council"]
    assert late[1].reasons[0].startswith("not submitted by")
