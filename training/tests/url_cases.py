from core.models import Role
from core.tests.walk import ALL_ROLES, READERS, WORKERS, UrlCase
from training.models import Booking

from .factories import make_booking, make_course, make_event, make_session

BU = frozenset({"business_unit"})
TEAM = frozenset({"business_unit", "agency_lead"})
NOBODY = frozenset()
NOT_SHOWN = (403, 404)


def _slug_pk(pk_of):
    return lambda w: {"slug": w.partnership.slug, "pk": pk_of(w)}


def _course(w, partnership=None):
    key = f"course-{(partnership or w.partnership).slug}"
    if key not in w.objects:
        w.objects[key] = make_course(partnership or w.partnership)
    return w.objects[key]


def _session(w, partnership=None, days=14):
    return make_session(_course(w, partnership), days=days)


def _practitioner_booking(w, *, attended=False, evaluated=False):
    from training.models import Evaluation

    session = _session(w, days=-1 if attended else 14)
    booking = make_booking(session, w.people[Role.PRACTITIONER], w.partnership,
                           attendance=Booking.Attendance.ATTENDED if attended else "")
    if evaluated:
        Evaluation.objects.create(booking=booking, rating=4, confidence_before=2,
                                  confidence_after=4, practice_change="Ask about hidden men")
    return booking


def _beta_booking(w):
    person = w.people["outsider"]
    return make_booking(_session(w, w.other), person, w.other)


CASES = [
    UrlCase("training:course_list", allowed=ALL_ROLES),
    UrlCase("training:course_create", allowed=BU),
    UrlCase("training:course_detail", kwargs=_slug_pk(lambda w: _course(w).pk),
            allowed=ALL_ROLES),
    UrlCase("training:course_detail", kwargs=_slug_pk(lambda w: _course(w, w.other).pk),
            allowed=NOBODY, refused_status=NOT_SHOWN, note="another partnership's course"),
    UrlCase("training:course_edit", kwargs=_slug_pk(lambda w: _course(w).pk), allowed=BU),
    UrlCase("training:session_create", kwargs=_slug_pk(lambda w: _course(w).pk), allowed=BU),
    UrlCase("training:session_detail", kwargs=_slug_pk(lambda w: _session(w).pk),
            allowed=ALL_ROLES),
    UrlCase("training:session_detail", kwargs=_slug_pk(lambda w: _session(w, w.other).pk),
            allowed=NOBODY, refused_status=NOT_SHOWN, note="another partnership's session"),
    UrlCase("training:session_edit", kwargs=_slug_pk(lambda w: _session(w).pk), allowed=BU),
    UrlCase("training:session_book", kwargs=_slug_pk(lambda w: _session(w).pk),
            method="post", allowed=ALL_ROLES, ok_status=(302,)),
    UrlCase("training:team_book", kwargs=_slug_pk(lambda w: _session(w).pk), allowed=TEAM),
    UrlCase("training:session_register", kwargs=_slug_pk(lambda w: _session(w).pk),
            allowed=READERS),
    UrlCase("training:my_training", allowed=ALL_ROLES),
    UrlCase("training:booking_cancel", kwargs=_slug_pk(lambda w: _practitioner_booking(w).pk),
            allowed=BU | {"practitioner"}),
    UrlCase("training:booking_cancel", kwargs=_slug_pk(lambda w: _beta_booking(w).pk),
            allowed=NOBODY, refused_status=NOT_SHOWN, note="another partnership's booking"),
    UrlCase("training:booking_evaluate",
            kwargs=_slug_pk(lambda w: _practitioner_booking(w, attended=True).pk),
            allowed=frozenset({"practitioner"})),
    UrlCase("training:booking_follow_up",
            kwargs=_slug_pk(lambda w: _practitioner_booking(w, attended=True,
                                                            evaluated=True).pk),
            allowed=frozenset({"practitioner"})),
    UrlCase("training:booking_calendar",
            kwargs=_slug_pk(lambda w: _practitioner_booking(w).pk),
            allowed=frozenset({"practitioner"})),
    UrlCase("training:figures", allowed=WORKERS),
    UrlCase("training:no_show_charge_create", allowed=BU),
    UrlCase("training:event_list", allowed=ALL_ROLES),
    UrlCase("training:event_create", allowed=BU),
    UrlCase("training:event_detail", kwargs=_slug_pk(lambda w: make_event(w.partnership).pk),
            allowed=ALL_ROLES),
    UrlCase("training:event_detail", kwargs=_slug_pk(lambda w: make_event(w.other).pk),
            allowed=NOBODY, refused_status=NOT_SHOWN, note="another partnership's event"),
    UrlCase("training:event_register", kwargs=_slug_pk(lambda w: make_event(w.partnership).pk),
            allowed=BU),
    UrlCase("training:event_contributor_add",
            kwargs=_slug_pk(lambda w: make_event(w.partnership).pk), allowed=BU),
    UrlCase("training:event_attendance",
            kwargs=_slug_pk(lambda w: make_event(w.partnership).pk), allowed=BU),
    UrlCase("training:completion_list", allowed=WORKERS),
    UrlCase("training:completion_import", allowed=BU),
]
