"""The ideas' scheduled jobs: first answers past their date remind the office, then the manager; parked ideas return."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from auditlog.models import LogEntry
from django.conf import settings

from core.models import Notification
from core.scheduling import run_due
from ideas.lock import Stage
from ideas.models import GateDecision, Idea
from tests import factories

STHLM = ZoneInfo("Europe/Stockholm")
SUBMITTED = datetime(2026, 3, 2, 10, tzinfo=STHLM)


def _reminders(person, title):
    return list(
        Notification.objects.filter(recipient=person, message__contains=title).values_list("message", flat=True)
    )


def test_an_idea_past_its_answer_date_reminds_its_office_once_then_its_manager(people):
    idea = factories.idea(author=people["employee"], title="Matsvinn i skolan", notify_office=False, now=SUBMITTED)
    due = SUBMITTED + timedelta(days=settings.SPRANG_FIRST_ANSWER_DAYS)
    assert idea.answer_due_at == due

    run_due(now=due - timedelta(hours=1), only=["ideas.overdue"])
    assert _reminders(people["office"], "Matsvinn") == []

    run_due(now=due + timedelta(hours=1), only=["ideas.overdue"])
    run_due(now=due + timedelta(hours=2), only=["ideas.overdue"])
    assert _reminders(people["office"], "Matsvinn") == [
        "”Matsvinn i skolan” har passerat datumet för första svar. Ge den som skickade idén ett svar."
    ]
    # The nearest office only: not another district's, not the director; the manager not yet.
    for name in ("other_office", "director", "manager"):
        assert _reminders(people[name], "Matsvinn") == []

    a_week_later = due + timedelta(days=7, hours=1)
    run_due(now=a_week_later, only=["ideas.overdue"])
    run_due(now=a_week_later + timedelta(days=1), only=["ideas.overdue"])
    assert len(_reminders(people["manager"], "Matsvinn")) == 1
    assert len(_reminders(people["office"], "Matsvinn")) == 1


def test_an_answered_idea_reminds_nobody(people):
    idea = factories.idea(author=people["employee"], title="Matsvinn i skolan", notify_office=False, now=SUBMITTED)
    factories.move(idea, by=people["office"], to=Stage.PRESTUDY, now=SUBMITTED + timedelta(days=1))
    run_due(now=SUBMITTED + timedelta(days=60), only=["ideas.overdue"])
    assert not Notification.objects.filter(message__contains="första svar").exists()


def test_a_parked_idea_returns_on_its_date_in_the_morning_through_the_lock(people):
    office = people["office"]
    idea = factories.idea(author=people["employee"], title="Lånecyklar", notify_office=False, now=SUBMITTED)
    factories.move(idea, by=office, to=Stage.PARKED, parked_until=date(2026, 4, 1), now=SUBMITTED)
    decisions = GateDecision.objects.filter(idea=idea).count()

    run_due(now=datetime(2026, 3, 31, 12, tzinfo=STHLM), only=["ideas.parked"])
    run_due(now=datetime(2026, 4, 1, 3, tzinfo=STHLM), only=["ideas.parked"])  # the night of its date
    assert Idea.objects.get(pk=idea.pk).stage == Stage.PARKED

    [result] = run_due(now=datetime(2026, 4, 1, 7, tzinfo=STHLM), only=["ideas.parked"])
    assert (result.outcome, result.sent) == ("ran", 1)
    idea.refresh_from_db()
    assert (idea.stage, idea.parked_until, idea.parked_from) == (Stage.IDEA, None, "")
    decision = GateDecision.objects.filter(idea=idea).latest("decided_at", "pk")
    assert (decision.from_stage, decision.to_stage, decision.decided_by) == (Stage.PARKED, Stage.IDEA, office)
    assert decision.rationale == "Datumet då idén skulle tas upp igen, 1 april 2026, har kommit."
    entry = LogEntry.objects.get_for_object(idea).filter(changes__icontains="parked").latest("timestamp")
    assert entry.actor == office
    assert _reminders(people["employee"], "Lånecyklar")[0] == "”Lånecyklar” är tillbaka som idé och bedöms på nytt."

    # Once: a later run moves nothing more.
    run_due(now=datetime(2026, 4, 1, 9, tzinfo=STHLM), only=["ideas.parked"])
    assert GateDecision.objects.filter(idea=idea).count() == decisions + 1
