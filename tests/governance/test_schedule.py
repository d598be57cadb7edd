"""Reports not yet submitted: their writers are reminded a week and a day before the deadline, each once."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from core.models import Notification
from core.scheduling import run_due

STHLM = ZoneInfo("Europe/Stockholm")


def _at(month, day, hour=10):
    return datetime(2026, month, day, hour, tzinfo=STHLM)


def _reminded(person):
    return list(
        Notification.objects.filter(recipient=person, message__contains="2026").values_list("message", flat=True)
    )


def test_a_draft_report_reminds_its_writers_seven_and_one_days_before_in_their_language(people, report):
    manager, office = people["manager"], people["office"]
    manager.language = "en"
    manager.save(update_fields=["language"])
    assert str(report.deadline) == "2026-05-15"

    run_due(now=_at(5, 7), only=["governance.report_deadlines"])
    assert _reminded(manager) == []

    for moment in (_at(5, 8), _at(5, 8, 15), _at(5, 13)):
        run_due(now=moment, only=["governance.report_deadlines"])
    assert _reminded(manager) == [
        "The report of Norra stadsdelsförvaltningen for Tertial report 1 (January–April) 2026 is due on 15 May 2026 and has not been submitted."
    ]
    assert len(_reminded(office)) == 1
    assert _reminded(office)[0].startswith("Rapporten från Norra stadsdelsförvaltningen")

    run_due(now=_at(5, 14, 2), only=["governance.report_deadlines"])  # at night: later
    assert len(_reminded(manager)) == 1
    run_due(now=_at(5, 14, 7), only=["governance.report_deadlines"])
    run_due(now=_at(5, 15), only=["governance.report_deadlines"])
    run_due(now=_at(5, 16), only=["governance.report_deadlines"])
    assert len(_reminded(manager)) == 2
    assert len(_reminded(office)) == 2
    # The city's own office and the director write no district's report.
    assert _reminded(people["director"]) == []
