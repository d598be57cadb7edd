"""The event as an iCalendar file (RFC 5545): properties, UTC times, escaping, folding, CRLF."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from spread.events.calendar import escape_text, event_ics, fold
from spread.models import Event

STHLM = ZoneInfo("Europe/Stockholm")


def unfold(text: str) -> list[str]:
    return text.replace("\r\n ", "").split("\r\n")


def test_text_values_are_escaped():
    assert escape_text("a\\b;c,d\ne") == "a\\\\b\\;c\\,d\\ne"
    assert escape_text("rad 1\r\nrad 2") == "rad 1\\nrad 2"


def test_long_lines_are_folded_at_75_octets_without_splitting_a_character():
    line = "SUMMARY:" + "åäö" * 60
    folded = fold(line)
    parts = folded.split("\r\n")
    assert len(parts) > 1
    assert all(len(p.encode()) <= 75 for p in parts)
    assert all(p.startswith(" ") for p in parts[1:])
    assert "".join([parts[0], *(p[1:] for p in parts[1:])]) == line


@pytest.mark.django_db
def test_the_event_as_a_vevent_in_utc_with_its_place_and_address(people):
    event = Event(
        pk=7,
        title="Goda exempelmässan, våren; 2027",
        description="Rad ett\nRad två",
        starts_at=datetime(2027, 3, 15, 9, 0, tzinfo=STHLM),
        ends_at=datetime(2027, 3, 15, 12, 30, tzinfo=STHLM),
        place="Stadshuset, Blå hallen",
        online_url="https://meet.example.se/abc",
        capacity=10,
        organiser=people["office"],
        version=3,
    )
    text = event_ics(event, now=datetime(2027, 2, 1, 8, 0, tzinfo=UTC))
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert "\n" not in text.replace("\r\n", "")
    lines = unfold(text)
    assert "VERSION:2.0" in lines and "BEGIN:VEVENT" in lines and "END:VEVENT" in lines
    assert "UID:event-7@127.0.0.1" in lines
    assert "DTSTAMP:20270201T080000Z" in lines
    assert "DTSTART:20270315T080000Z" in lines  # 09:00 in Stockholm in winter time
    assert "DTEND:20270315T113000Z" in lines
    assert "SEQUENCE:3" in lines
    assert "SUMMARY:Goda exempelmässan\\, våren\\; 2027" in lines
    assert "LOCATION:Stadshuset\\, Blå hallen" in lines
    assert "DESCRIPTION:Rad ett\\nRad två\\n\\nhttps://meet.example.se/abc" in lines
    assert "URL:http://127.0.0.1:8000/spread/events/7/" in lines
    assert "STATUS:CONFIRMED" in lines
    assert all(len(raw.encode()) <= 75 for raw in text.split("\r\n"))
