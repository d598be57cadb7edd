"""Applicants with drafts are reminded before the call closes; jurors with applications to score, once a week."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from core.models import Notification
from core.scheduling import run_due

STHLM = ZoneInfo("Europe/Stockholm")


def _reminded(person, text):
    return list(Notification.objects.filter(recipient=person, message__contains=text).values_list("message", flat=True))


def test_a_draft_reminds_its_applicant_seven_and_one_days_before_the_call_closes(people, resident_stipend_draft):
    resident = people["resident"]
    for moment in (datetime(2026, 4, 22, 12, tzinfo=STHLM),):
        run_due(now=moment, only=["calls.drafts"])
    assert _reminded(resident, "inte inskickad") == []
    for day in (23, 23, 25):
        run_due(now=datetime(2026, 4, day, 12, tzinfo=STHLM), only=["calls.drafts"])
    assert _reminded(resident, "inte inskickad") == [
        "Din ansökan till ”Innovationsstipendiet 2026” är inte inskickad. Utlysningen stänger 30 april 2026 klockan 23:59."
    ]
    run_due(now=datetime(2026, 4, 29, 21, tzinfo=STHLM), only=["calls.drafts"])  # evening: later
    assert len(_reminded(resident, "inte inskickad")) == 1
    run_due(now=datetime(2026, 4, 30, 7, tzinfo=STHLM), only=["calls.drafts"])
    run_due(now=datetime(2026, 5, 1, 12, tzinfo=STHLM), only=["calls.drafts"])  # closed
    assert len(_reminded(resident, "inte inskickad")) == 2


def test_jurors_with_applications_to_score_are_reminded_once_a_week(people, jurors, with_jury):
    monday = datetime(2026, 6, 1, 8, tzinfo=STHLM)
    run_due(now=monday, only=["calls.jury"])
    run_due(now=monday.replace(hour=15), only=["calls.jury"])
    run_due(now=datetime(2026, 6, 3, 9, tzinfo=STHLM), only=["calls.jury"])
    expected = ["”Innovationsfonden 2026”: ansökningar som väntar på dina poäng: 1."]
    assert _reminded(jurors["expert"], "väntar på dina poäng") == expected
    assert _reminded(jurors["chair"], "väntar på dina poäng") == expected
    # Recused from the application, and so nothing to score.
    assert _reminded(jurors["north"], "väntar på dina poäng") == []
    run_due(now=datetime(2026, 6, 8, 8, tzinfo=STHLM), only=["calls.jury"])
    assert len(_reminded(jurors["expert"], "väntar på dina poäng")) == 2
