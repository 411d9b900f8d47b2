"""Training's home-page panel: the reader's next sessions and evaluations still to send."""

from django.utils import timezone

from .models import Booking
from .selectors import bookings_of


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
