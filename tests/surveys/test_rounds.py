"""Setting up, opening, reminding and closing rounds through ``surveys.rounds.services``."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from core.errors import DomainError, PermissionDeniedError
from organisation.models import User
from surveys.models import Invitation, Response, Round, RoundState, TargetGroup
from surveys.rounds import services as rounds
from tests.surveys.conftest import answer, close_round, make_round, open_round, tokens


def test_only_the_executive_office_sets_up_a_round(people, version):
    with pytest.raises(PermissionDeniedError):
        make_round(people["manager"], version)


def test_bad_input_names_the_field(director, version, tree):
    start = timezone.localdate()
    cases = [
        ({"name_sv": ""}, "name_sv"),
        ({"closes_on": start - timedelta(days=1)}, "closes_on"),
        ({"reminder_days": "sju"}, "reminder_days"),
        ({"reminder_days": "30"}, "reminder_days"),
        ({"opens_on": start - timedelta(days=3)}, "opens_on"),
        ({"year": None}, "year"),
    ]
    for change, field in cases:
        fields = {
            "by": director,
            "version": version,
            "name_sv": "Enkät",
            "name_en": "Survey",
            "year": 2026,
            "target_group": TargetGroup.MANAGERS,
            "unit": tree["CITY"],
            "opens_on": start,
            "closes_on": start + timedelta(days=14),
            "reminder_days": "7",
        } | change
        with pytest.raises(DomainError) as refused:
            rounds.round_create(**fields)
        assert refused.value.field == field, change
    assert not Round.objects.exists()


def test_opening_invites_the_managers_with_a_personal_link_each(
    director, version, staff, people, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        round_ = open_round(director, make_round(director, version))
    managers = {p.pk for p in staff["north_managers"] + staff["south_managers"] + staff["office_managers"]}
    managers.add(people["manager"].pk)
    assert set(round_.invitations.values_list("person_id", flat=True)) == managers
    assert round_.state == RoundState.OPEN and round_.invited_count == len(managers)
    assert len(mail.outbox) == len(managers)
    links = {m.body.split("/surveys/answer/")[1].split("/")[0] for m in mail.outbox}
    assert len(links) == len(managers)  # one link each
    # The link itself is not stored: only its hash.
    assert not Invitation.objects.filter(token_hash__in=links).exists()


def test_an_employee_round_invites_everyone_below_its_unit(director, version, staff, tree):
    round_ = open_round(director, make_round(director, version, target_group=TargetGroup.EMPLOYEES, unit=tree["SDF-S"]))
    units = set(round_.invitations.values_list("unit__code", flat=True))
    assert units <= {"SDF-S", "SDF-S-SKO"}
    assert round_.invitations.count() == 9 + 6 + 2  # Skola Södra, the managers and people around Södra


def test_every_cell_an_answer_can_count_for_holds_enough_people_invited(director, version, staff, tree):
    round_ = open_round(director, make_round(director, version, target_group=TargetGroup.EMPLOYEES))
    from collections import Counter

    cells = Counter(round_.invitations.values_list("reporting_unit", "reporting_kind"))
    assert all(n >= 5 for n in cells.values()), cells
    # Stadsledningskontoret has 3 employees, 2 managers and the director invited: 6, so they count for it.
    assert round_.invitations.get(person=staff["office"][0]).reporting_unit.code == "SLK"
    # Björkens äldreboende's 13 count for it; the lone employee of Skola Södra's neighbours go up the tree.
    assert round_.invitations.get(person=staff["north"][0]).reporting_unit.code == "SDF-N-ALD-1"


@pytest.mark.parametrize("minimum", [3, 5, 8])
def test_reporting_cells_never_narrow_below_the_minimum(minimum):
    import random

    rng = random.Random(minimum)
    for _ in range(200):
        paths = ["0001", "00010001", "00010002", "000100010001", "000100010002", "000100020001"]
        members = [(rng.choice(paths), rng.choice(["a", "b", ""])) for _ in range(rng.randint(1, 30))]
        cells = rounds.reporting_cells(members, minimum, top="0001")
        counts = Counter(cells)
        if len(members) >= minimum:
            assert all(n >= minimum for n in counts.values()), (members, cells)
        for (path, _kind), (cell_path, _k) in zip(members, cells, strict=True):
            assert path.startswith(cell_path)


def test_reminders_go_on_their_days_to_those_who_have_not_answered_once_each(director, version, staff):
    round_ = open_round(director, make_round(director, version, reminder_days="7, 14", days=20))
    first, *_ = tokens(round_)
    answer(first, strategy=4)
    mail.outbox.clear()
    day6 = timezone.now() + timedelta(days=6)
    assert rounds.reminders_send(now=day6) == 0
    day7 = timezone.now() + timedelta(days=7)
    sent = rounds.reminders_send(now=day7)
    assert sent == round_.invited_count - 1
    assert rounds.reminders_send(now=day7) == 0  # once each
    assert all("/surveys/answer/" in m.body for m in mail.outbox)
    assert rounds.reminders_send(now=timezone.now() + timedelta(days=15)) == round_.invited_count - 1


def test_the_window_closes_the_round_and_works_out_its_results(director, version, staff):
    round_ = open_round(director, make_round(director, version, days=3, reminder_days=""))
    for token in tokens(round_)[:6]:
        answer(token, strategy=4, time=2)
    assert rounds.rounds_close_due(now=timezone.now() + timedelta(days=3)) == 0  # the last day is still open
    assert rounds.rounds_close_due(now=timezone.now() + timedelta(days=4)) == 1
    round_.refresh_from_db()
    assert round_.state == RoundState.CLOSED and round_.results_at
    assert round_.results.filter(scope="city", question_key="strategy", status="shown").get().mean == 4.0


def test_closing_early_drops_the_drafts(director, version, staff):
    from surveys.answering import services as answering

    round_ = open_round(director, make_round(director, version))
    token = tokens(round_)[0]
    answering.draft_save(token=token, answers={"strategy": "3"})
    assert Invitation.objects.filter(draft__isnull=False).count() == 1
    close_round(director, round_)
    assert Invitation.objects.filter(draft__isnull=False).count() == 0


def test_a_version_with_answers_cannot_change_a_new_one_is_made(director, version, questionnaire, staff):
    round_ = open_round(director, make_round(director, version))
    answer(tokens(round_)[0], strategy=5)
    question = version.questions.get(key="strategy")
    with pytest.raises(DomainError) as refused:
        rounds.question_update(
            question=question, by=director, text_sv="Ny text", text_en="New text", theme="factor", kind="scale"
        )
    assert "new version" in refused.value.message or "ny version" in refused.value.message
    new = rounds.version_create(questionnaire=questionnaire, by=director, note="Clearer wording")
    assert new.number == 2 and new.questions.count() == version.questions.count()
    changed = rounds.question_update(
        question=new.questions.get(key="strategy"),
        by=director,
        text_sv="Vi har tydliga mål för innovation.",
        text_en="We have clear goals for innovation.",
        theme="factor",
        kind="scale",
        asks_something_new=True,
    )
    assert changed.key != "strategy"
    rounds.round_version_switch(round=round_, by=director, expected_version=round_.lock_version, version=new)
    answer(tokens(round_)[1], time=3)
    assert set(Response.objects.values_list("version__number", flat=True)) == {1, 2}


def test_a_stale_edit_is_refused_and_overwrites_nothing(director, version, staff):
    round_ = make_round(director, version)
    stale = round_.lock_version
    fields = {
        "name_sv": "Nytt namn",
        "name_en": "New name",
        "year": round_.year,
        "target_group": round_.target_group,
        "unit": round_.unit,
        "opens_on": round_.opens_on,
        "closes_on": round_.closes_on,
        "reminder_days": "7",
    }
    rounds.round_update(round=round_, by=director, expected_version=stale, **fields)
    with pytest.raises(DomainError) as refused:
        rounds.round_update(round=round_, by=director, expected_version=stale, **(fields | {"name_sv": "Annat"}))
    assert refused.value.code == "conflict"
    assert Round.objects.get().name_sv == "Nytt namn"


def test_the_invitation_and_the_reminder_are_written_in_each_person_s_language(
    director, version, staff, people, django_capture_on_commit_callbacks
):
    manager = people["manager"]
    User.objects.filter(pk=manager.pk).update(language="en")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        round_ = open_round(director, make_round(director, version))
    by_address = {m.to[0]: m for m in mail.outbox}
    english = by_address[manager.email]
    assert english.subject.endswith(f"Your answers are asked for: {round_.name_en}")
    swedish = next(m for to, m in by_address.items() if to != manager.email)
    assert swedish.subject.endswith(f"Vi vill gärna ha dina svar: {round_.name_sv}")
    assert english.body != swedish.body.replace(round_.name_sv, round_.name_en)
    mail.outbox.clear()
    rounds.reminders_send(now=timezone.now() + timedelta(days=7))
    reminded = {m.to[0]: m.subject for m in mail.outbox}
    assert reminded[manager.email].endswith(f"Reminder: {round_.name_en}")
    assert any(s.endswith(f"Påminnelse: {round_.name_sv}") for to, s in reminded.items() if to != manager.email)
