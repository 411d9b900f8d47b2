"""Every error message names its field in the partnership's words (issue 11, item 5).

The test finds every form class the project defines (any module of a project app, outside
tests and migrations), builds it with the arguments it needs, posts it empty and checks each
message: never one of Django's bare defaults, and naming its field's label unless the form
wrote the message itself. A new form that needs arguments of its own gets an entry in
FORM_KWARGS; without one (and without a working default) the test fails and says so."""

import datetime
import importlib
import inspect
import pkgutil
import re
from pathlib import Path

import pytest
from django import forms
from django.apps import apps
from django.conf import settings
from django.urls import reverse

from core.forms import _django_defaults
from core.models import DeadlineRule, Organisation, Role

# Django's own wording: none of it may reach a reader.
BARE_DEFAULTS = re.compile(
    r"This field is required|Enter a valid date|Enter a valid|Select a valid choice|"
    r"Ensure this value|Enter a whole number\.$|Enter a number\.$|Ensure that there are no|"
    r"No file was submitted|This field cannot be", re.IGNORECASE)

PROJECT_APPS = [c.name for c in apps.get_app_configs()
                if Path(c.path).parent == Path(settings.BASE_DIR)]


def _modules():
    for app in PROJECT_APPS:
        package = importlib.import_module(app)
        yield package
        for info in pkgutil.walk_packages(package.__path__, prefix=f"{app}."):
            if re.search(r"\.(tests|migrations|management)(\.|$)", info.name):
                continue
            yield importlib.import_module(info.name)


def project_forms() -> list[type]:
    found = {}
    for module in _modules():
        for _, obj in inspect.getmembers(module, inspect.isclass):
            if not issubclass(obj, forms.BaseForm) or obj.__module__ != module.__name__:
                continue
            if issubclass(obj, forms.ModelForm) and obj._meta.model is None:
                continue  # an abstract base (HubModelForm)
            found[f"{obj.__module__}.{obj.__qualname__}"] = obj
    return [found[k] for k in sorted(found)]


def test_the_discovery_finds_the_forms_of_every_app():
    names = {f"{f.__module__}.{f.__qualname__}" for f in project_forms()}
    # One known form per app with a forms module: the walk reaches them all.
    for known in ["reviews.forms.IncidentForm", "governance.forms.MeetingCreateForm",
                  "learning.forms.ActionCreateForm", "performance.forms.ValueForm",
                  "reports.forms.ActivityForm", "api.forms.ApiTokenForm",
                  "core.structure_forms.PersonForm", "core.views.LoginForm"]:
        assert known in names
    assert len(names) > 60


# ---- the arguments each form needs beyond its data, built from the `world` fixture ----

def _meeting(w):
    return w.objects["meeting"]


def _sources(w):
    from learning.models import Source

    return Source.objects.filter(partnerships=w.partnership)


def _orgs(w):
    return Organisation.objects.filter(partnerships=w.partnership)


def _people(w):
    from core.models import Person

    return Person.objects.all()


def _indicators(w):
    from performance.models import Indicator

    return Indicator.objects.all()


def _themes(w):
    from learning.models import Theme

    return Theme.objects.all()


FORM_KWARGS = {
    "training.forms.CourseForm": lambda w: {"themes": _themes(w)},
    "training.forms.CourseEditForm": lambda w: {"themes": _themes(w)},
    "training.forms.CourseCreateForm": lambda w: {
        "themes": _themes(w), "partnerships": w.partnership.__class__.objects.all()},
    "training.forms.EventForm": lambda w: {"themes": _themes(w)},
    "training.forms.TeamBookingForm": lambda w: {"people": _people(w)},
    "training.forms.AttendanceForm": lambda w: {"bookings": []},
    "training.forms.RegistrationForm": lambda w: {"organisations": _orgs(w)},
    "training.forms.EventAttendanceForm": lambda w: {
        "registrations": apps.get_model("training", "EventRegistration").objects.all()},
    "core.structure_forms.DeadlineRuleForm": lambda w: {
        "rule": DeadlineRule.objects.get(key="rapid-review", partnership=None)},
    "api.forms.ApiTokenForm": lambda w: {"people": [w.people[Role.BUSINESS_UNIT]]},
    "governance.forms.MeetingCreateForm": lambda w: {
        "groups": w.groups["subgroup"].__class__.objects.filter(pk=w.groups["subgroup"].pk)},
    "governance.forms.DecisionForm": lambda w: {"meeting": _meeting(w)},
    "governance.forms.AttendanceForm": lambda w: {
        "people": [w.people[Role.GROUP_MEMBER]], "partnership": w.partnership, "current": {}},
    "learning.forms.ActionCreateForm": lambda w: {"partnership": w.partnership,
                                                  "meeting": _meeting(w)},
    "learning.forms.ChallengeEventForm": lambda w: {"partnership": w.partnership,
                                                    "sources": _sources(w)},
    "learning.forms.ChallengeResponseForm": lambda w: {"organisations": _orgs(w)},
    "learning.forms.DisseminationForm": lambda w: {"sources": _sources(w)},
    "learning.forms.DisseminationEditForm": lambda w: {"sources": _sources(w)},
    "reports.forms.ActivityEditForm": lambda w: {
        "agenda_items": _meeting(w).agenda_items.all()},
    "reports.forms.PriorityForm": lambda w: {"organisations": _orgs(w)},
    "finance.forms.LineForm": lambda w: {"organisations": _orgs(w)},
    "governance.forms.ProcedureForm": lambda w: {
        "groups": w.groups["subgroup"].__class__.objects.all()},
    "governance.forms.ProcedureEditForm": lambda w: {
        "groups": w.groups["subgroup"].__class__.objects.all()},
    "core.views.SetPasswordForm": lambda w: {"user": w.users[Role.BUSINESS_UNIT]},
    "governance.forms.GroupForm": lambda w: {
        "groups": w.groups["subgroup"].__class__.objects.all(),
        "partnerships": w.partnership.__class__.objects.filter(pk=w.partnership.pk)},
    "governance.forms.GroupEditForm": lambda w: {
        "groups": w.groups["subgroup"].__class__.objects.all(),
        "partnerships": w.partnership.__class__.objects.filter(pk=w.partnership.pk)},
    "governance.forms.ChairChangeForm": lambda w: {"people": _people(w)},
    "reports.forms.PriorityEditForm": lambda w: {"organisations": _orgs(w)},
    "reports.forms.MeasureForm": lambda w: {"partnership": w.partnership,
                                            "indicators": _indicators(w)},
    "assurance.forms.CycleForm": lambda w: {"partnership": w.partnership, "kind": "case_audit",
                                            "user": w.users[Role.BUSINESS_UNIT]},
    "assurance.forms.ReturnForm": lambda w: {"questions": _assurance_questions(w),
                                             "answers": {}},
    "assurance.forms.SurveyResponseForm": lambda w: _young_people_survey(w),
}


def _young_people_survey(w):
    """A young people's survey offering an organisation: every field a respondent can get."""
    from assurance.models import Question
    from assurance.tests.helpers import cycle
    from assurance.tools import YOUNG_PEOPLE_SURVEY

    survey = cycle(w, title="Feeling safe", spec=YOUNG_PEOPLE_SURVEY, audience="young_people",
                   orgs=[w.orgs["school"]])
    return {"cycle": survey, "organisations": [w.orgs["school"]],
            "questions": list(Question.objects.filter(section__question_set=survey.question_set))}


def _assurance_questions(w):
    from assurance.models import Question
    from assurance.tests.helpers import tool

    return list(Question.objects.filter(section__question_set=tool(w)))


def form_kwargs(form_class, w) -> dict:
    key = f"{form_class.__module__}.{form_class.__qualname__}"
    if key in FORM_KWARGS:
        return FORM_KWARGS[key](w)
    needed = [p for p in inspect.signature(form_class.__init__).parameters.values()
              if p.kind == p.KEYWORD_ONLY and p.default is p.empty]
    if [p.name for p in needed] == ["partnership"]:
        return {"partnership": w.partnership}
    if needed:
        pytest.fail(f"{key} needs {', '.join(p.name for p in needed)}: add it to FORM_KWARGS "
                    "in core/tests/test_error_messages.py")
    return {}


def build(form_class, w, data):
    kwargs = form_kwargs(form_class, w)
    try:
        return form_class(data=data, **kwargs)
    except TypeError as error:  # pragma: no cover - the message says what to do
        pytest.fail(f"{form_class.__qualname__} cannot be built ({error}): add its arguments "
                    "to FORM_KWARGS in core/tests/test_error_messages.py")


def _given_messages(form, name) -> set[str]:
    """The messages the form's author wrote for a field (not Django's, not the hub's)."""
    field = form.fields[name]
    defaults = _django_defaults(field)
    ours = getattr(field, "hub_message_keys", ())
    return {str(m) for k, m in field.error_messages.items()
            if k not in ours and m != defaults.get(k)}


def _label_words(field, name) -> str:
    label = str(field.label or name.replace("_", " ")).strip()
    return label.removesuffix("(optional)").rstrip(" ?:").lower()


def check_messages(form, form_class) -> list[str]:
    problems = []
    for name, messages in form.errors.items():
        for message in messages:
            where = f"{form_class.__qualname__}.{name or 'form'}: {message!r}"
            if BARE_DEFAULTS.search(message):
                problems.append(f"{where} is Django's default wording")
                continue
            if name == "__all__" or form.fields[name].widget.is_hidden:
                continue  # the form's own message, or a hidden field's (shown at the top)
            field = form.fields[name]
            if (_label_words(field, name) not in message.lower()
                    and message not in _given_messages(form, name)):
                problems.append(f"{where} does not name the field ({field.label!r})")
    return problems


FORMS = project_forms()


@pytest.mark.parametrize("form_class", FORMS, ids=lambda f: f"{f.__module__}.{f.__qualname__}")
def test_an_empty_post_gets_messages_naming_each_field(world, form_class):
    form = build(form_class, world, {})
    form.is_valid()
    assert check_messages(form, form_class) == []


def test_the_empty_incident_form_names_both_fields(db):
    from reviews.forms import IncidentForm

    form = IncidentForm(data={})
    assert not form.is_valid()
    assert form.errors == {"reference": ["Enter the pseudonym or reference"],
                           "la_aware_on": ["Enter the date the local authority became aware"]}


def _bad_values(form):
    """Input of the wrong shape for every field of a kind: too long, not a date, out of bounds,
    not one of the choices."""
    data = {}
    for name, field in form.fields.items():
        if field.widget.is_hidden or field.disabled:
            continue
        if isinstance(field, forms.DateTimeField):
            data[name] = "2023-02-30T10:00"
        elif isinstance(field, forms.DateField):
            data[name] = "2023-02-30"
        elif isinstance(field, forms.TimeField):
            data[name] = "25:61"
        elif isinstance(field, forms.IntegerField | forms.DecimalField):
            bound = field.min_value if field.min_value is not None else None
            data[name] = str(bound - 1) if bound is not None else "many"
        elif isinstance(field, forms.ModelMultipleChoiceField):
            data[name] = ["999999"]
        elif isinstance(field, forms.ModelChoiceField | forms.ChoiceField):
            data[name] = "no-such-choice"
        elif isinstance(field, forms.CharField) and field.max_length:
            data[name] = "x" * (field.max_length + 1)
    return data


@pytest.mark.parametrize("form_class", FORMS, ids=lambda f: f"{f.__module__}.{f.__qualname__}")
def test_bad_input_gets_messages_naming_each_field(world, form_class):
    form = build(form_class, world, {})
    form = build(form_class, world, _bad_values(form))
    form.is_valid()
    assert check_messages(form, form_class) == []


def test_the_hub_wording_of_each_kind_of_message(db):
    from core.forms import HubForm

    class Example(HubForm):
        title = forms.CharField(max_length=5)
        due_on = forms.DateField(label="Due date")
        done_on = forms.DateField(label="Done on")
        status = forms.ChoiceField(choices=[("a", "A")], label="Status")
        runs_from = forms.ChoiceField(choices=[("a", "A")], label="Runs from")
        count = forms.IntegerField(label="How many", min_value=1, max_value=9)
        amount = forms.DecimalField(label="Amount (£)", max_digits=4, decimal_places=2)
        note = forms.CharField(label="Note (optional)", max_length=3, required=False)
        own = forms.CharField(label="Own", error_messages={"required": "Say something"})
        confirm = forms.BooleanField(label="I have checked it")

    empty = Example(data={}).errors
    assert empty["title"] == ["Enter the title"]
    assert empty["due_on"] == ["Enter the due date"]
    assert empty["done_on"] == ["Enter a date for “Done on”"]
    assert empty["status"] == ["Choose the status"]
    assert empty["runs_from"] == ["Choose an option for “Runs from”"]
    assert empty["count"] == ["Enter how many"]
    assert empty["own"] == ["Say something"]  # a form's own message is kept
    assert empty["confirm"] == ["Tick “I have checked it” to go on"]
    bad = Example(data={"title": "abcdefg", "due_on": "2023-02-30", "done_on": "soon",
                        "status": "b", "count": "0", "amount": "123.456", "note": "abcd",
                        "own": "x"}).errors
    assert bad["title"] == ["Enter 5 characters or fewer for the title (it has 7)."]
    assert bad["due_on"] == ["Enter a real date for the due date"]
    assert bad["done_on"] == ["Enter a real date for “Done on”"]
    assert bad["status"] == ["Choose one of the options for the status"]
    assert bad["count"] == ["Enter 1 or more for how many"]
    assert bad["amount"] == ["Enter no more than 4 digits for the amount (£)"]
    assert bad["note"] == ["Enter 3 characters or fewer for the note (it has 4)."]
    assert Example(data={"count": "10"}).errors["count"] == ["Enter 9 or less for how many"]
    assert Example(data={"count": "lots"}).errors["count"] == [
        "Enter a whole number for how many"]


def test_a_relabelled_field_is_named_by_its_new_label(world):
    from reviews.forms import PracticeReviewForm

    form = PracticeReviewForm(data={"rapid_review": "999999"}, partnership=world.partnership,
                              creating=True)
    assert form.errors["rapid_review"] == [
        "Choose one of the options for the rapid review that decided to hold it"]


# ---- the page: each message once, naming its field ----

def test_the_empty_incident_page_shows_each_message_once(world, login):
    client = login(world.users[Role.BUSINESS_UNIT])
    body = client.post(reverse("reviews:incident_create", args=["alpha"]), {}).content.decode()
    assert "There is a problem" in body
    assert "This field is required" not in body
    for message in ["Enter the pseudonym or reference",
                    "Enter the date the local authority became aware"]:
        # Once in the summary at the top and once beside the field.
        assert body.count(message) == 2, message


def test_an_over_long_reference_is_named_on_the_page(world, login):
    client = login(world.users[Role.BUSINESS_UNIT])
    body = client.post(reverse("reviews:incident_create", args=["alpha"]),
                       {"reference": "x" * 200, "la_aware_on": datetime.date(2024, 1, 10)}
                       ).content.decode()
    assert "Ensure this value" not in body
    assert "characters or fewer for the pseudonym or reference" in body
