"""Lessons recorded with the decisions that close an idea or move it to spread, and the spread gate's condition."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone

from core.errors import DomainError
from ideas import gates, selectors
from ideas import services as idea_services
from ideas.lessons import Effect, Factor, LessonEntry, lessons_asked, lessons_required
from ideas.lock import Stage
from ideas.models import Idea, Lesson
from sample_data.demo.spread_examples_for_ideas import publish_example
from spread.models import Example, ExampleStatus
from tests import factories
from tests.ideas.test_decide import shown, summary_links
from tests.ideas.test_views import error_message, sv

OPTIONAL_HINT = (
    "If something already helped or blocked the idea, choose it and say how in a sentence. "
    "Others learn from it: the lessons of every idea are counted."
)
REQUIRED_HINT = (
    "Choose at least one factor that helped or blocked the idea and say how in a sentence. "
    "Others learn from it: the lessons of every idea are counted."
)
NO_EXAMPLE = (
    "The idea moves to spread only when it is published as a good example: write down what others can use "
    "(the problem, what was done and its effect) first."
)
MONEY = LessonEntry(Factor.MONEY, Effect.BLOCKED, "Driftkostnaden efter piloten fanns inte i budgeten.")


@pytest.fixture
def idea(people):
    return factories.idea(author=people["employee"], title="Nattfasta på Björken")


def idea_at(people, stage: str) -> Idea:
    idea = factories.idea(author=people["employee"], title=f"Idé i {stage}")
    path = (Stage.PRESTUDY, Stage.PILOT, Stage.IMPLEMENTATION, Stage.SPREAD)
    for step in path[: path.index(stage) + 1] if stage in path else ():
        factories.move(idea, by=people["office"], to=step)
    return Idea.objects.get(pk=idea.pk)


def lesson_names(page) -> set[str]:
    return {name for name in shown(page) if name.startswith("lesson_")}


# --- when the lessons are asked and required -------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "target", "parked_from", "asked", "required"),
    [
        (Stage.IDEA, Stage.PRESTUDY, "", False, False),
        (Stage.IDEA, Stage.PARKED, "", False, False),
        (Stage.IDEA, Stage.CLOSED, "", True, False),
        (Stage.PRESTUDY, Stage.CLOSED, "", True, False),
        (Stage.PILOT, Stage.CLOSED, "", True, True),
        (Stage.IMPLEMENTATION, Stage.CLOSED, "", True, True),
        (Stage.SPREAD, Stage.CLOSED, "", True, True),
        (Stage.IMPLEMENTATION, Stage.SPREAD, "", True, True),
        (Stage.PARKED, Stage.CLOSED, Stage.PRESTUDY, True, False),
        (Stage.PARKED, Stage.CLOSED, Stage.PILOT, True, True),
        # Taken up again in spread: its lessons were recorded when it first got there.
        (Stage.PARKED, Stage.SPREAD, Stage.SPREAD, False, False),
    ],
)
def test_lessons_are_asked_at_closing_and_spread_and_required_from_a_pilot_on(
    source, target, parked_from, asked, required
):
    assert lessons_asked(source, target, parked_from=parked_from) is asked
    assert lessons_required(source, target, parked_from=parked_from) is required


# --- the decide page ---------------------------------------------------------------------------------


def test_the_lessons_fieldset_shows_only_for_closing_and_spread(client, people, idea):
    client.force_login(people["office"])
    assert not lesson_names(client.get(f"/ideas/{idea.pk}/decide/?to=prestudy"))
    assert not lesson_names(client.get(f"/ideas/{idea.pk}/decide/?to=parked"))
    page = client.get(f"/ideas/{idea.pk}/decide/?to=closed")
    assert lesson_names(page) == {f"lesson_{f}" for f in Factor.values} | {f"lesson_{f}_note" for f in Factor.values}
    html = page.content.decode()
    legend = re.search(
        r'<div class="govuk-form-group" id="lessons">\s*<fieldset[^>]*>\s*<legend.*?</legend>', html, re.S
    )
    assert legend and sv("What helped and what blocked the idea") in legend.group(0)
    # Each factor is a fieldset of its own, with helped, blocked and not relevant, "not relevant" chosen.
    assert html.count('class="govuk-form-group sprang-lesson') == len(Factor.values)
    assert re.search(r'name="lesson_money" type="radio" value="" checked', html)
    assert sv(OPTIONAL_HINT) in html


def test_spread_asks_for_lessons_and_the_page_says_they_are_required(client, people):
    idea = idea_at(people, Stage.IMPLEMENTATION)
    client.force_login(people["manager"])
    page = client.get(f"/ideas/{idea.pk}/decide/?to=spread")
    assert len(lesson_names(page)) == 2 * len(Factor.values)
    assert sv(REQUIRED_HINT) in page.content.decode()


def test_a_required_lesson_missing_is_named_at_the_first_factor_and_nothing_typed_is_lost(client, people):
    idea = idea_at(people, Stage.PILOT)
    client.force_login(people["office"])
    data = shown(client.get(f"/ideas/{idea.pk}/decide/?to=closed"))
    data.update(closed_reason="no_effect", rationale="Piloten gav inte den effekt vi hoppades på.")
    response = client.post(f"/ideas/{idea.pk}/decide/?to=closed", data)
    assert response.status_code == 200
    assert (
        "id_lesson_strategy_0",
        f"{sv('A clear strategy and goals')}: "
        + sv("Say what helped or blocked the idea: choose at least one factor and write a sentence."),
    ) in summary_links(response)
    assert "Piloten gav inte den effekt vi hoppades på." in response.content.decode()
    assert Idea.objects.get(pk=idea.pk).stage == Stage.PILOT


def test_a_choice_without_a_sentence_and_a_sentence_without_a_choice_are_named_at_their_fields(client, people):
    idea = idea_at(people, Stage.PILOT)
    client.force_login(people["office"])
    data = shown(client.get(f"/ideas/{idea.pk}/decide/?to=closed"))
    data.update(
        closed_reason="no_effect",
        rationale="Piloten gav inte den effekt vi hoppades på.",
        lesson_money="blocked",
        lesson_rules_note="Dataskyddsreglerna stoppade delningen av uppgifter.",
    )
    response = client.post(f"/ideas/{idea.pk}/decide/?to=closed", data)
    assert [target for target, _text in summary_links(response)] == ["id_lesson_money_note", "id_lesson_rules_0"]
    assert sv("Write a sentence on how it helped or blocked, or choose “Not relevant”.") in error_message(
        response, "lesson_money_note"
    )
    assert sv("Choose whether it helped or blocked, or clear the sentence.") in error_message(response, "lesson_rules")
    html = response.content.decode()
    assert re.search(r'name="lesson_money" type="radio" value="blocked" checked', html)
    assert "Dataskyddsreglerna stoppade delningen av uppgifter." in html
    assert not Lesson.objects.exists()


def test_closing_with_lessons_records_them_and_the_idea_page_shows_them(client, people):
    idea = idea_at(people, Stage.PILOT)
    client.force_login(people["office"])
    data = shown(client.get(f"/ideas/{idea.pk}/decide/?to=closed"))
    data.update(
        closed_reason="too_costly",
        rationale="Kostnaden är för hög för nyttan.",
        lesson_money="blocked",
        lesson_money_note="  Driftkostnaden efter piloten fanns inte i budgeten.  ",
        lesson_acceptance="helped",
        lesson_acceptance_note="De äldre tyckte om tjänsten.",
    )
    response = client.post(f"/ideas/{idea.pk}/decide/?to=closed", data)
    assert response.status_code == 302
    decision = Idea.objects.get(pk=idea.pk).decisions.get(to_stage=Stage.CLOSED)
    assert {(lesson.factor, lesson.effect, lesson.note) for lesson in decision.lessons.all()} == {
        ("money", "blocked", "Driftkostnaden efter piloten fanns inte i budgeten."),
        ("acceptance", "helped", "De äldre tyckte om tjänsten."),
    }
    detail = client.get(f"/ideas/{idea.pk}/").content.decode()
    assert "Driftkostnaden efter piloten fanns inte i budgeten." in detail
    assert sv("Users' acceptance") in detail


def test_closing_a_fresh_idea_needs_no_lesson(client, people, idea):
    client.force_login(people["office"])
    data = shown(client.get(f"/ideas/{idea.pk}/decide/?to=closed"))
    data.update(closed_reason="duplicate", rationale="En annan idé gäller samma sak.")
    assert client.post(f"/ideas/{idea.pk}/decide/?to=closed", data).status_code == 302
    assert Idea.objects.get(pk=idea.pk).stage == Stage.CLOSED
    assert not Lesson.objects.exists()


# --- the service's rules ---------------------------------------------------------------------------------


def _close(idea, people, **kwargs):
    return idea_services.gate_decide(
        idea=idea,
        decided_by=people["office"],
        to_stage=Stage.CLOSED,
        rationale="Idén läggs ner.",
        closed_reason="too_costly",
        **kwargs,
    )


def test_the_service_refuses_closing_a_pilot_without_lessons(people):
    idea = idea_at(people, Stage.PILOT)
    with pytest.raises(DomainError) as excinfo:
        _close(idea, people)
    assert excinfo.value.field == "lessons"
    assert Idea.objects.get(pk=idea.pk).stage == Stage.PILOT


@pytest.mark.parametrize(
    "lessons",
    [
        [LessonEntry("weather", Effect.HELPED, "Vädret var fint.")],
        [LessonEntry(Factor.MONEY, "maybe", "Pengar fanns.")],
        [LessonEntry(Factor.MONEY, Effect.HELPED, "   ")],
        [MONEY, LessonEntry(Factor.MONEY, Effect.HELPED, "Fonden betalade.")],
    ],
    ids=["unknown factor", "unknown effect", "no sentence", "a factor twice"],
)
def test_the_service_refuses_a_lesson_that_is_not_whole(people, lessons):
    idea = idea_at(people, Stage.PILOT)
    with pytest.raises(DomainError) as excinfo:
        _close(idea, people, lessons=lessons)
    assert excinfo.value.field == "lessons"
    assert Idea.objects.get(pk=idea.pk).stage == Stage.PILOT
    assert not Lesson.objects.exists()


def test_the_service_refuses_lessons_on_a_move_that_does_not_ask_for_them(people, idea):
    with pytest.raises(DomainError) as excinfo:
        factories.move(idea, by=people["office"], to=Stage.PRESTUDY, lessons=[MONEY])
    assert excinfo.value.field == "lessons"
    assert Idea.objects.get(pk=idea.pk).stage == Stage.IDEA


def test_a_lesson_is_kept_with_its_decision_and_lessons_of_gives_them_oldest_first(people):
    idea = idea_at(people, Stage.SPREAD)  # moved with the default lesson
    factories.move(idea, by=people["office"], to=Stage.CLOSED, lessons=[MONEY])
    found = selectors.lessons_of(idea)
    assert [(lesson.factor, lesson.decision.to_stage) for lesson in found] == [
        (Factor.TIME, Stage.SPREAD),
        (Factor.MONEY, Stage.CLOSED),
    ]
    other = idea_at(people, Stage.PRESTUDY)
    assert selectors.lessons_of(other) == []


# --- the spread gate's condition -------------------------------------------------------------------------


def _spread(idea, people):
    return idea_services.gate_decide(
        idea=idea,
        decided_by=people["manager"],
        to_stage=Stage.SPREAD,
        rationale="Tre stadsdelar vill pröva arbetssättet.",
        checklist={"assessed": True},
        lessons=[LessonEntry(Factor.LEADERSHIP, Effect.HELPED, "Chefen frågade efter resultaten varje vecka.")],
    )


def test_the_spread_gate_refuses_without_a_published_example_and_then_allows(client, people):
    idea = idea_at(people, Stage.IMPLEMENTATION)
    with pytest.raises(DomainError) as excinfo:
        _spread(idea, people)
    assert excinfo.value.field == "to_stage"
    assert Idea.objects.get(pk=idea.pk).stage == Stage.IMPLEMENTATION

    client.force_login(people["manager"])
    page = client.get(f"/ideas/{idea.pk}/decide/?to=spread").content.decode()
    assert 'id="gate-conditions"' in page
    assert sv(NO_EXAMPLE) in page

    example = publish_example(idea, at=timezone.now())
    Example.objects.filter(pk=example.pk).update(status=ExampleStatus.UNPUBLISHED)
    with pytest.raises(DomainError):
        _spread(Idea.objects.get(pk=idea.pk), people)

    Example.objects.filter(pk=example.pk).update(status=ExampleStatus.PUBLISHED)
    assert 'id="gate-conditions"' not in client.get(f"/ideas/{idea.pk}/decide/?to=spread").content.decode()
    _spread(Idea.objects.get(pk=idea.pk), people)
    assert Idea.objects.get(pk=idea.pk).stage == Stage.SPREAD


def test_the_gate_condition_refusal_is_shown_at_the_top_of_the_form_with_what_was_typed(client, people):
    idea = idea_at(people, Stage.IMPLEMENTATION)
    client.force_login(people["manager"])
    data = shown(client.get(f"/ideas/{idea.pk}/decide/?to=spread"))
    data.update(
        rationale="Tre stadsdelar vill pröva arbetssättet.",
        check_assessed="on",
        lesson_leadership="helped",
        lesson_leadership_note="Chefen frågade efter resultaten varje vecka.",
    )
    response = client.post(f"/ideas/{idea.pk}/decide/?to=spread", data)
    assert response.status_code == 200
    html = response.content.decode()
    summary = re.search(r'<div class="govuk-error-summary__body">(.*?)</div>', html, re.S).group(1)
    assert sv(NO_EXAMPLE) in summary
    assert "Chefen frågade efter resultaten varje vecka." in html
    assert Idea.objects.get(pk=idea.pk).stage == Stage.IMPLEMENTATION


def test_another_apps_condition_is_consulted_and_links_to_its_fix(client, people, idea):
    gates.condition(
        "test.named_owner",
        target=Stage.PRESTUDY,
        check=lambda i: "" if i.coach_id else "Name a coach first.",
        fix=lambda i: (f"/ideas/{i.pk}/#coach", "Name the coach"),
    )
    try:
        client.force_login(people["office"])
        page = client.get(f"/ideas/{idea.pk}/decide/?to=prestudy").content.decode()
        assert "Name a coach first." in page
        assert f'href="/ideas/{idea.pk}/#coach">Name the coach</a>' in page
        with pytest.raises(DomainError, match="Name a coach first."):
            factories.move(idea, by=people["office"], to=Stage.PRESTUDY)
        idea_services.coach_assign(idea=idea, coach=people["coach"], by=people["office"])
        factories.move(Idea.objects.get(pk=idea.pk), by=people["office"], to=Stage.PRESTUDY)
        assert gates.unmet(Idea.objects.get(pk=idea.pk), Stage.PRESTUDY) == []
    finally:
        gates.withdraw("test.named_owner")


def test_the_spread_checklist_no_longer_asks_for_a_description(client, people):
    idea = idea_at(people, Stage.IMPLEMENTATION)
    client.force_login(people["manager"])
    data = shown(client.get(f"/ideas/{idea.pk}/decide/?to=spread"))
    assert {name for name in data if name.startswith("check_")} == {"check_assessed", "check_contact"}
