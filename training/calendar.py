"""A booking as an iCalendar (RFC 5545) event, so a learner can put it in their calendar."""

from __future__ import annotations

import datetime

from django.utils import timezone


def _escape(text: str) -> str:
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n"))


def _utc(value) -> str:
    return value.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def _fold(line: str) -> str:
    """Lines longer than 75 octets are folded (RFC 5545 3.1)."""
    out, data = [], line.encode()
    while len(data) > 75:
        cut = 75 if not out else 74
        while cut and (data[cut] & 0xC0) == 0x80:  # do not split a UTF-8 character
            cut -= 1
        out.append(data[:cut].decode())
        data = data[cut:]
    out.append(data.decode())
    return "\r\n ".join(out)


def booking_ical(booking, request) -> str:
    session = booking.session
    where = session.venue or session.link or "Online"
    lines = [
        "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Safeguarding Partnership Hub//Training//EN",
        "METHOD:PUBLISH", "BEGIN:VEVENT",
        f"UID:training-booking-{booking.pk}@{request.get_host().split(':')[0]}",
        f"DTSTAMP:{_utc(timezone.now())}",
        f"DTSTART:{_utc(session.starts_at)}", f"DTEND:{_utc(session.ends_at)}",
        f"SUMMARY:{_escape(session.course.title)}",
        f"LOCATION:{_escape(where)}",
        f"DESCRIPTION:{_escape(session.course.get_level_display())}"
        + (f"\\nJoin: {_escape(session.link)}" if session.link else "")
        + (f"\\nTrainers: {_escape(session.trainers)}" if session.trainers else ""),
        "STATUS:" + ("CANCELLED" if session.is_cancelled else "CONFIRMED"),
        "END:VEVENT", "END:VCALENDAR",
    ]
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
