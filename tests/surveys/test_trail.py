"""The audit trail of the surveys: who set up, changed, opened and closed which round, and who changed which question,
each with one entry naming who did it — and never anything of an answer."""

from __future__ import annotations

from datetime import timedelta

from auditlog.models import LogEntry
from django.utils import timezone

from surveys.models import Question, Round, RoundState
from surveys.rounds import services as rounds
from tests.surveys.conftest import answer, close_round, make_round, open_round, tokens


def entries(obj) -> list[LogEntry]:
    return list(LogEntry.objects.get_for_object(obj).filter(action=LogEntry.Action.UPDATE).order_by("pk"))


def edit(round_: Round, by, **changes) -> Round:
    fields = {
        "name_sv": round_.name_sv,
        "name_en": round_.name_en,
        "year": round_.year,
        "target_group": round_.target_group,
        "unit": round_.unit,
        "opens_on": round_.opens_on,
        "closes_on": round_.closes_on,
        "reminder_days": round_.reminder_days,
        **changes,
    }
    return rounds.round_update(round=round_, by=by, expected_version=round_.lock_version, **fields)


def test_editing_switching_opening_and_closing_a_round_each_leave_one_entry_naming_who(
    director, version, questionnaire, staff
):
    round_ = make_round(director, version)
    edit(round_, director, name_en="Capacity to innovate, managers 2026")
    [edited] = entries(round_)
    assert edited.actor == director
    assert edited.changes_dict["name_en"] == ["Capacity to innovate 2026", "Capacity to innovate, managers 2026"]

    newer = rounds.version_create(questionnaire=questionnaire, by=director)
    rounds.round_version_switch(round=round_, by=director, expected_version=round_.lock_version, version=newer)
    switched = entries(round_)[-1]
    assert switched.actor == director and set(switched.changes_dict) == {"version"}

    round_ = open_round(director, round_)
    opened = entries(round_)[-1]
    assert opened.actor == director
    assert opened.changes_dict["state"] == [RoundState.DRAFT, RoundState.OPEN]
    assert "invited_count" in opened.changes_dict

    for token in tokens(round_)[:6]:
        answer(token, strategy=4, obstacles="Tiden räcker inte")
    closed_round = close_round(director, round_)
    closed = entries(closed_round)[-1]
    assert closed.actor == director
    assert closed.changes_dict["state"] == [RoundState.OPEN, RoundState.CLOSED]
    assert len(entries(closed_round)) == 4  # one per decision
    # Nothing of an answer: not how many answered, not what the results are.
    for entry in entries(closed_round):
        assert not {"answered_count", "response_counts", "results_at", "lock_version"} & set(entry.changes_dict)
        assert "Tiden räcker inte" not in str(entry.changes)


def test_the_scheduled_close_is_in_the_trail_as_the_schedule(director, version, staff):
    round_ = open_round(director, make_round(director, version, days=3, reminder_days=""))
    assert rounds.rounds_close_due(now=timezone.now() + timedelta(days=4)) == 1
    [closed] = [e for e in entries(round_) if "closed_at" in e.changes_dict]
    assert closed.actor is None
    assert closed.additional_data == {"system": rounds.SCHEDULE}
    assert closed.changes_dict["state"] == [RoundState.OPEN, RoundState.CLOSED]


def test_editing_moving_and_removing_questions_name_who_did_it(director, version, questionnaire):
    draft = rounds.version_create(questionnaire=questionnaire, by=director)
    first, second = draft.questions.order_by("position")[:2]
    rounds.question_update(
        question=first, by=director, text_sv="Ny text", text_en="New text", theme=first.theme, kind=first.kind
    )
    [edited] = entries(first)
    assert edited.actor == director and edited.changes_dict["text_en"][1] == "New text"

    rounds.question_move(question=second, by=director, up=True)
    moved = [entries(q)[-1] for q in (first, second)]
    assert [e.changes_dict["position"] for e in moved] == [["1", "2"], ["2", "1"]]
    assert all(e.actor == director for e in moved)
    assert len(entries(draft.questions.order_by("position")[2])) == 0  # the others did not move

    pk = second.pk
    rounds.question_remove(question=Question.objects.get(pk=pk), by=director)
    [removed] = LogEntry.objects.filter(
        content_type__model="question", object_pk=str(pk), action=LogEntry.Action.DELETE
    )
    assert removed.actor == director
