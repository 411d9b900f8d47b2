"""Training's home-page panel: the reader's next sessions and evaluations still to send."""

from django.utils import timezone

from .models import Booking
from .selectors import bookings_of, training_for_themes


def my_training_panel(request, partnership):
    user = request.user
    person = getattr(user, "person", None)
    if person is None or not user.has_perm("training.book", partnership):
        return None
    now = timezone.now()
    bookings = list(bookings_of(person).filter(partnership=partnership)
                    .exclude(status=Booking.Status.CANCELLED))
    coming = [b for b in bookings if b.session.starts_at >= now][::-1][:5]
    to_evaluate = [b for b in bookings if b.attendance == Booking.Attendance.ATTENDED
                   and not hasattr(b, "evaluation")][:5]
    if not coming and not to_evaluate:
        return None
    return {"template": "training/_my_training_panel.html", "order": 45,
            "coming": coming, "to_evaluate": to_evaluate}


def theme_training_panel(request, partnership, themes):
    """On the learning themes page: the training that answered each theme, with attendance."""
    if not request.user.has_perm("training.view_programme", partnership) or not themes:
        return None
    answered = training_for_themes(partnership, [t.pk for t in themes])
    return {"template": "training/_theme_panel.html",
            "rows": [(theme, answered.get(theme.pk, []),
                      sum(c["attended"] for c in answered.get(theme.pk, [])))
                     for theme in themes]}
