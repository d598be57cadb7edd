"""An event as an iCalendar file (RFC 5545): one VEVENT, times in UTC, text escaped, long lines folded.

Written out here rather than with a library: a single VEVENT of a handful of properties is all the
city sends, and the rules that matter (CRLF, escaping of text values, folding at 75 octets without
splitting a UTF-8 character) are few and tested.
"""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import urlsplit

from django.conf import settings

from spread.models import Event

#: The longest a content line may be, in octets, without its CRLF (RFC 5545 section 3.1).
LINE_OCTETS = 75


def escape_text(value: str) -> str:
    """A TEXT value (RFC 5545 section 3.3.11): backslash, semicolon and comma escaped, line breaks as ``\\n``."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def utc(moment: datetime) -> str:
    """A DATE-TIME in UTC form (``20270315T080000Z``)."""
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def fold(line: str) -> str:
    """One content line folded into lines of at most 75 octets, each continuation starting with a space."""
    pieces: list[str] = []
    current = ""
    size = 0
    limit = LINE_OCTETS
    for char in line:
        width = len(char.encode())
        if size + width > limit:
            pieces.append(current)
            current, size = " ", 1  # the continuation's leading space counts
        current += char
        size += width
    pieces.append(current)
    return "\r\n".join(pieces)


def site_host() -> str:
    return urlsplit(settings.SPRANG_SITE_URL).hostname or "localhost"


def event_uid(event: Event) -> str:
    """Stable for the event, so a calendar updates the same entry when it gets the file again."""
    return f"event-{event.pk}@{site_host()}"


def event_ics(event: Event, *, now: datetime) -> str:
    """The event as a calendar file (``text/calendar``) to attach to a mail or download."""
    page = f"{settings.SPRANG_SITE_URL.rstrip('/')}{event.get_absolute_url()}"
    location = event.place or event.online_url
    description = event.description
    if event.online_url:
        description = f"{description}\n\n{event.online_url}" if description else event.online_url
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Sprang//Events//SV",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:{event_uid(event)}",
        f"DTSTAMP:{utc(now)}",
        f"DTSTART:{utc(event.starts_at)}",
        f"DTEND:{utc(event.ends_at)}",
        f"SEQUENCE:{event.version}",
        f"SUMMARY:{escape_text(event.title)}",
        f"DESCRIPTION:{escape_text(description)}",
    ]
    if location:
        lines.append(f"LOCATION:{escape_text(location)}")
    lines.append(f"URL:{page}")
    lines.append(f"STATUS:{'CANCELLED' if event.cancelled_at else 'CONFIRMED'}")
    lines += ["END:VEVENT", "END:VCALENDAR"]
    return "".join(f"{fold(line)}\r\n" for line in lines)
