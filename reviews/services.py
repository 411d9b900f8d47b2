"""Every write on the review pathway: validated, atomic and audited in one transaction."""

from __future__ import annotations

import datetime
from typing import Any, TypedDict, Unpack

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone

from core.forms import validate_upload
from core.models import AuditEvent, Organisation, Person
from core.pii import personal_data_errors
from core.policy import require
from core.services import (
    ConcurrentEditError,
    audit_record,
    model_create,
    model_update,
    require_version,
    typed_fields,
)
from core.sources import source_create

from .models import (
    LearningEvent,
    Milestone,
    PracticeReview,
    RapidReview,
    SeriousIncident,
)

# The learning Source model the reviews' `source` field names: reviews sit below learning,
# so they take it from the field (and create Sources through core.sources), not by import.
Source: Any = SeriousIncident._meta.get_field("source").related_model

# Every review record can be history entered after the event (models.BackEntered).
BACK_ENTRY_FIELDS = ["recorded_after", "date_precision"]


class IncidentFields(TypedDict, total=False):
    """A serious incident's own fields, as keyword arguments of notify_incident and
    update_incident (decision 0018); a change gives only the fields it changes."""

    reference: str
    la_aware_on: datetime.date | None
    notified_on: datetime.date | None
    summary: str
    recorded_after: bool
    date_precision: str


INCIDENT_FIELDS = list(IncidentFields.__annotations__)
RAPID_REVIEW_FIELDS = [
    "partners_aware_on", "chronology_summary", "immediate_learning", "local_review",
    "national_review_suggested", "decided_on", "panel_response", "sent_on",
    *BACK_ENTRY_FIELDS,
]
def _no_future_dates(data: dict, labels: dict[str, str]) -> None:
    today = timezone.localdate()
    errors = {
        name: f"{label} cannot be in the future."
        for name, label in labels.items()
        if data.get(name) and data[name] > today
    }
    if errors:
        raise ValidationError(errors)


def _check_reference(partnership, reference: str, exclude_pk=None) -> None:
    clash = SeriousIncident.objects.filter(partnership=partnership, reference__iexact=reference)
    if exclude_pk:
        clash = clash.exclude(pk=exclude_pk)
    if clash.exists():
        raise ValidationError(
            {"reference": f"There is already an incident called “{reference}” in this "
                          "partnership. Choose another pseudonym or reference."}
        )


INCIDENT_DATE_LABELS = {
    "la_aware_on": "The date the local authority became aware",
    "notified_on": "The notification date",
}


def notify_incident(*, actor, partnership, **fields: Unpack[IncidentFields]) -> SeriousIncident:
    """Record a serious incident (and its learning source) for a partnership."""
    require(actor, "reviews.notify_incident", partnership)
    data: dict[str, Any] = typed_fields(fields, IncidentFields)
    data["reference"] = (data.get("reference") or "").strip()
    _no_future_dates(data, INCIDENT_DATE_LABELS)
    _check_reference(partnership, data["reference"])
    with transaction.atomic():
        source = source_create(actor=actor, partnership=partnership,
                               kind=Source.Kind.RAPID_REVIEW,
                               title=f"Serious incident: {data['reference']}")
        return model_create(
            model_class=SeriousIncident, actor=actor, partnership=partnership,
            data={**data, "partnership": partnership, "source": source},
        )


def update_incident(*, actor, incident: SeriousIncident, expected_version: int | None = None,
                    **fields: Unpack[IncidentFields]) -> SeriousIncident:
    require(actor, "reviews.change_incident", incident)
    data: dict[str, Any] = typed_fields(fields, IncidentFields)
    if "reference" in data:
        data = {**data, "reference": data["reference"].strip()}
        _check_reference(incident.partnership, data["reference"], exclude_pk=incident.pk)
    _no_future_dates(data, INCIDENT_DATE_LABELS)
    return model_update(
        instance=incident, fields=INCIDENT_FIELDS, data=data, actor=actor,
        expected_version=expected_version, partnership=incident.partnership,
    )


def _check_people(partnership, agencies, panel_members) -> None:
    errors = {}
    org_ids = set(Organisation.objects.filter(partnerships=partnership).values_list("pk", flat=True))
    if any(o.pk not in org_ids for o in agencies):
        errors["agencies"] = "Choose agencies that belong to this partnership."
    allowed_people = set(
        Person.objects.filter(roles__partnership=partnership).values_list("pk", flat=True)
    ) | set(Person.objects.filter(organisation__partnerships=partnership).values_list("pk", flat=True))
    if any(p.pk not in allowed_people for p in panel_members):
        errors["panel_members"] = "Choose panel members who work with this partnership."
    if errors:
        raise ValidationError(errors)


def save_rapid_review(
    *,
    actor,
    incident: SeriousIncident,
    data: dict,
    agencies,
    panel_members,
    expected_version: int | None = None,
) -> RapidReview:
    """Start the incident's rapid review, or update it (decision, Panel response, sent date).
    Updating needs the version the user opened (0 if it was not started then: refused)."""
    require(actor, "reviews.change_incident", incident)
    data = {k: v for k, v in data.items() if k in RAPID_REVIEW_FIELDS}
    agencies, panel_members = list(agencies), list(panel_members)
    _no_future_dates(data, {
        "partners_aware_on": "The date the partners became aware",
        "decided_on": "The decision date",
        "sent_on": "The completed date",
    })
    _check_people(incident.partnership, agencies, panel_members)
    partnership = incident.partnership
    review = RapidReview.objects.filter(incident=incident).first()
    with transaction.atomic():
        if review is None:
            source = source_create(actor=actor, partnership=partnership,
                                   kind=Source.Kind.RAPID_REVIEW,
                                   title=f"Rapid review: {incident.reference}")
            return model_create(
                model_class=RapidReview, actor=actor, partnership=partnership,
                data={**data, "incident": incident, "source": source},
                m2m={"agencies": agencies, "panel_members": panel_members},
            )
        # Agencies and panel are version-checked with the fields (decision 0002).
        return model_update(
            instance=review, fields=RAPID_REVIEW_FIELDS, data=data, actor=actor,
            m2m={"agencies": agencies, "panel_members": panel_members},
            expected_version=expected_version, partnership=partnership,
        )


# ---- local child safeguarding practice reviews (and historic reviews) ----

PRACTICE_REVIEW_FIELDS = [
    "pseudonym", "kind", "decided_on", "reviewer_name", "reviewer_organisation",
    "reviewer_approved_on", "terms_of_reference", "practitioner_involvement",
    "family_involvement", "draft_received_on", "signed_off_on", "sent_to_panel_on",
    "published_on", "removed_on", "publication_summary", *BACK_ENTRY_FIELDS,
]
PRACTICE_REVIEW_DATE_LABELS = {
    "decided_on": "The decision date",
    "reviewer_approved_on": "The date the Executive approved the reviewer",
    "draft_received_on": "The date the draft was received",
    "signed_off_on": "The sign-off date",
    "sent_to_panel_on": "The date the final report was sent",
    "published_on": "The publication date",
    "removed_on": "The date it was taken down",
}


def _source_kind(kind: str) -> str:
    if kind == PracticeReview.Kind.HISTORIC_SCR:
        return Source.Kind.SERIOUS_CASE_REVIEW
    if kind == PracticeReview.Kind.OTHER:
        return Source.Kind.LEARNING_REVIEW
    return Source.Kind.PRACTICE_REVIEW


def _source_title(kind: str, pseudonym: str) -> str:
    if kind == PracticeReview.Kind.HISTORIC_SCR:
        return f"Serious case review: {pseudonym}"
    if kind == PracticeReview.Kind.OTHER:
        return f"Learning review: {pseudonym}"
    return f"Practice review: {pseudonym}"


def _check_practice_review(partnership, data: dict, *, rapid_review=None,
                           exclude_pk=None) -> None:
    """Rules that need the database or other records; the model checks the dates' order."""
    errors: dict[str, str] = {}
    pseudonym = data.get("pseudonym", "")
    clash = PracticeReview.objects.filter(partnership=partnership, pseudonym__iexact=pseudonym)
    if exclude_pk:
        clash = clash.exclude(pk=exclude_pk)
    if pseudonym and clash.exists():
        # Suggest telling them apart by the year, as partnerships name reviews "Liam (2024)".
        year = (data.get("decided_on") or timezone.localdate()).year
        suggestion = f"{pseudonym} ({year})"
        taken = PracticeReview.objects.filter(partnership=partnership,
                                              pseudonym__iexact=suggestion).exists()
        errors["pseudonym"] = (f"There is already a review called “{pseudonym}” in this "
                               "partnership. "
                               + ("Choose another pseudonym." if taken else
                                  f"Add the year to tell them apart, for example "
                                  f"“{suggestion}”."))
    for name, reasons in personal_data_errors(
            publication_summary=data.get("publication_summary", "")).items():
        errors[name] = " ".join(reasons)
    if rapid_review is not None:
        if rapid_review.incident.partnership_id != partnership.pk:
            errors["rapid_review"] = "Choose a rapid review of this partnership."
        elif rapid_review.local_review is not True:
            errors["rapid_review"] = ("This rapid review did not decide to hold a local "
                                      "review. Record that decision on the rapid review first.")
        elif PracticeReview.objects.filter(rapid_review=rapid_review).exclude(
                pk=exclude_pk).exists():
            errors["rapid_review"] = "This rapid review already has its practice review."
        elif data.get("kind") == PracticeReview.Kind.HISTORIC_SCR:
            errors["kind"] = ("A historic serious case review predates rapid reviews: leave "
                              "the rapid review empty.")
        elif data.get("decided_on") and data["decided_on"] < rapid_review.partners_aware_on:
            errors["decided_on"] = ("The decision date cannot be before the partners became "
                                    "aware of the incident.")
    if errors:
        raise ValidationError(errors)


def practice_review_create(*, actor, partnership, data: dict, panel_members=(),
                           rapid_review: RapidReview | None = None) -> PracticeReview:
    """Record a practice review (from the rapid review that decided on it, or directly for a
    historic or other learning review) with its learning source, in one transaction."""
    require(actor, "reviews.add_practice_review", partnership)
    data = {k: v for k, v in data.items() if k in PRACTICE_REVIEW_FIELDS}
    data["pseudonym"] = (data.get("pseudonym") or "").strip()
    panel_members = list(panel_members)
    _no_future_dates(data, PRACTICE_REVIEW_DATE_LABELS)
    _check_practice_review(partnership, data, rapid_review=rapid_review)
    _check_people(partnership, [], panel_members)
    kind = data.get("kind") or PracticeReview.Kind.INDIVIDUAL
    # Check the record before the source exists, so bad input leaves nothing behind.
    PracticeReview(partnership=partnership, rapid_review=rapid_review, **data).full_clean(
        exclude=["source"])
    with transaction.atomic():
        source = source_create(actor=actor, partnership=partnership, kind=_source_kind(kind),
                               title=_source_title(kind, data["pseudonym"]))
        return model_create(
            model_class=PracticeReview, actor=actor, partnership=partnership,
            data={**data, "partnership": partnership, "rapid_review": rapid_review,
                  "source": source},
            m2m={"panel_members": panel_members},
        )


def practice_review_update(*, actor, review: PracticeReview, data: dict, panel_members=None,
                           expected_version: int | None = None) -> PracticeReview:
    """Change a practice review (its progress, dates, panel and public summary). The learning
    source follows a change of pseudonym or kind."""
    require(actor, "reviews.change_practice_review", review)
    data = {k: v for k, v in data.items() if k in PRACTICE_REVIEW_FIELDS}
    if "pseudonym" in data:
        data["pseudonym"] = (data["pseudonym"] or "").strip()
    partnership = review.partnership
    _no_future_dates(data, PRACTICE_REVIEW_DATE_LABELS)
    merged = {name: getattr(review, name) for name in PRACTICE_REVIEW_FIELDS} | data
    _check_practice_review(partnership, merged, rapid_review=review.rapid_review,
                           exclude_pk=review.pk)
    if panel_members is not None:
        panel_members = list(panel_members)
        _check_people(partnership, [], panel_members)
    with transaction.atomic():
        review = model_update(
            instance=review, fields=PRACTICE_REVIEW_FIELDS, data=data, actor=actor,
            m2m={"panel_members": panel_members} if panel_members is not None else None,
            expected_version=expected_version, partnership=partnership,
        )
        source = review.source
        kind, title = _source_kind(review.kind), _source_title(review.kind, review.pseudonym)
        if (source.kind, source.title) != (kind, title):
            source.kind, source.title = kind, title
            source.save(update_fields=["kind", "title", "updated_at"])
        return review


def practice_review_set_briefing(*, actor, review: PracticeReview, file=None,
                                 url: str = "",
                                 expected_version: int | None = None) -> PracticeReview:
    """Attach the seven-minute briefing, as a document or as a link (one replaces the
    other). Changes the review, so it needs the version the user opened (decision 0002)."""
    require(actor, "reviews.change_practice_review", review)
    require_version(expected_version)
    url = (url or "").strip()
    if file is None and not url:
        raise ValidationError({"file": "Choose the briefing document, or give a link to it."})
    if file is not None and url:
        raise ValidationError({"url": "Give the briefing as a file or a link, not both."})
    if file is not None:
        try:
            validate_upload(file)
        except ValidationError as error:
            raise ValidationError({"file": error.messages}) from None
    else:
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError:
            raise ValidationError(
                {"url": "Enter the link in the right format, like https://www.example.org/"
                        "briefing.pdf"}) from None
    before = {"briefing_file": review.briefing_file.name, "briefing_url": review.briefing_url}
    with transaction.atomic():
        locked = PracticeReview.objects.select_for_update().get(pk=review.pk)
        if locked.version != expected_version:
            raise ConcurrentEditError()
        if file is not None:
            locked.briefing_file.save(file.name.rsplit("/", 1)[-1], file, save=False)
            locked.briefing_url = ""
        else:
            locked.briefing_file = ""
            locked.briefing_url = url
        locked.version += 1
        locked.save(update_fields=["briefing_file", "briefing_url", "version", "updated_at"])
        audit_record(actor=actor, action=AuditEvent.Action.CHANGE, obj=locked,
                     partnership=locked.partnership,
                     changes={"briefing": {"from": before,
                                           "to": {"briefing_file": locked.briefing_file.name,
                                                  "briefing_url": locked.briefing_url}}})
    return locked


def _not_future(value, label: str, field: str) -> None:
    if value and value > timezone.localdate():
        raise ValidationError({field: f"{label} cannot be in the future."})


def milestone_add(*, actor, review: PracticeReview, name: str, due_on,
                  done_on=None) -> Milestone:
    require(actor, "reviews.change_practice_review", review)
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": "Enter the milestone, for example “Draft report to "
                                       "the panel”."})
    _not_future(done_on, "The date it was done", "done_on")
    if review.decided_on and due_on and due_on < review.decided_on:
        raise ValidationError({"due_on": "A milestone cannot be due before the decision to "
                                         "hold the review."})
    return model_create(model_class=Milestone, actor=actor, partnership=review.partnership,
                        data={"review": review, "name": name, "due_on": due_on,
                              "done_on": done_on})


def milestone_complete(*, actor, milestone: Milestone, done_on,
                       expected_version: int) -> Milestone:
    require(actor, "reviews.change_practice_review", milestone.review)
    if done_on is None:
        raise ValidationError({"done_on": "Enter the date the milestone was done."})
    _not_future(done_on, "The date it was done", "done_on")
    review = milestone.review
    if review.decided_on and done_on < review.decided_on:
        raise ValidationError({"done_on": "A milestone cannot be done before the decision to "
                                          "hold the review."})
    return model_update(instance=milestone, fields=["done_on"], data={"done_on": done_on},
                        actor=actor, expected_version=expected_version,
                        partnership=review.partnership)


def learning_event_add(*, actor, review: PracticeReview, held_on, title: str,
                       attendees=None) -> LearningEvent:
    require(actor, "reviews.change_practice_review", review)
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": "Enter the event’s title."})
    if review.decided_on and held_on and held_on < review.decided_on:
        raise ValidationError({"held_on": "A learning event cannot be before the decision to "
                                          "hold the review."})
    if attendees is not None and held_on and held_on > timezone.localdate():
        raise ValidationError({"attendees": "Record attendance once the event has taken "
                                            "place."})
    return model_create(model_class=LearningEvent, actor=actor, partnership=review.partnership,
                        data={"review": review, "held_on": held_on, "title": title,
                              "attendees": attendees})
