"""Asking for advice, routing it to the right office, answering it, pointing to examples and making it an idea."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from core.errors import ConflictError, DomainError, PermissionDeniedError
from core.models import Notification
from ideas.models import Idea
from organisation.models import Role
from spread.advice import services
from spread.models import AdviceStatus
from tests import factories
from tests.spread.advice.conftest import ask

pytestmark = pytest.mark.django_db

IDEA = {
    "title": "Digitala lås i hemtjänsten",
    "problem": "Personalen hämtar nycklar flera gånger om dagen.",
    "audience": "Hemtjänstpersonal.",
    "proposal": "Digitala lås som öppnas med mobilen.",
    "expected_value": "Mindre tid på nycklar.",
    "kind": "process",
    "values": ["economic"],
}


def test_a_request_goes_to_the_askers_administration_and_its_office_is_told(people, tree):
    advice = ask(people["employee"])
    assert advice.unit == tree["SDF-N"]  # Björkens äldreboende belongs to Norra stadsdelsförvaltningen
    told = set(Notification.objects.filter(url=advice.get_absolute_url()).values_list("recipient__name", flat=True))
    assert "Olle Kontor" in told
    assert "Sofia Södra" not in told  # another administration's office
    assert "Anna Anställd" not in told


def test_a_request_from_another_administration_goes_to_its_own_office(people, tree):
    advice = ask(people["colleague"])
    assert advice.unit == tree["SDF-S"]
    told = set(Notification.objects.filter(url=advice.get_absolute_url()).values_list("recipient__name", flat=True))
    assert told == {"Sofia Södra"}


def test_the_city_office_above_hears_too(people, tree):
    city_office = factories.person(unit=tree["SLK"], role=Role.OFFICE, role_unit=tree["CITY"], name="Stina Stad")
    advice = ask(people["employee"])
    assert Notification.objects.filter(recipient=city_office, url=advice.get_absolute_url()).exists()


def test_the_answer_is_due_as_an_ideas_first_answer(people):
    now = timezone.now()
    advice = ask(people["employee"], now=now)
    assert advice.answer_due_at == now + timedelta(days=settings.SPRANG_FIRST_ANSWER_DAYS)
    assert not advice.is_overdue
    late = ask(people["employee"], now=now - timedelta(days=settings.SPRANG_FIRST_ANSWER_DAYS + 1))
    assert late.is_overdue


def test_a_named_coach_must_coach_the_askers_organisation_and_is_told(people, tree):
    advice = ask(people["employee"], coach=people["coach"])
    assert advice.coach == people["coach"]
    assert Notification.objects.filter(recipient=people["coach"], url=advice.get_absolute_url()).exists()
    south_coach = factories.person(unit=tree["SDF-S"], role=Role.COACH, name="Sven Södercoach")
    with pytest.raises(DomainError) as refused:
        ask(people["employee"], coach=south_coach)
    assert refused.value.field == "coach"
    assert list(services.coaches_for(tree["SDF-N"])) == [people["coach"]]


@pytest.mark.parametrize("role", ["resident", "supplier"])
def test_only_city_staff_ask(people, role):
    with pytest.raises(PermissionDeniedError):
        ask(people[role])


@pytest.mark.parametrize(("field", "values"), [("subject", {"subject": "  "}), ("question", {"question": ""})])
def test_subject_and_question_are_needed(people, field, values):
    with pytest.raises(DomainError) as refused:
        ask(people["employee"], **values)
    assert refused.value.field == field


def test_the_office_answers_pointing_to_published_examples_and_the_asker_is_told(people, asked, examples):
    services.advice_answer(
        advice=asked,
        by=people["office"],
        expected_version=asked.version,
        answer="Titta på hur Äldreomsorg Norra gjorde.",
        examples=[examples["locks"]],
    )
    asked.refresh_from_db()
    assert asked.status == AdviceStatus.ANSWERED
    assert asked.answered_by == people["office"]
    assert list(asked.examples.all()) == [examples["locks"]]
    assert Notification.objects.filter(recipient=people["employee"], url=asked.get_absolute_url()).exists()


def test_an_unpublished_example_is_refused(people, asked, examples):
    with pytest.raises(DomainError) as refused:
        services.advice_answer(
            advice=asked,
            by=people["office"],
            expected_version=asked.version,
            answer="Se här.",
            examples=[examples["draft"]],
        )
    assert refused.value.field == "examples"
    asked.refresh_from_db()
    assert asked.status == AdviceStatus.OPEN


def test_the_named_coach_answers_but_not_another_office(people):
    advice = ask(people["employee"], coach=people["coach"])
    with pytest.raises(PermissionDeniedError):
        services.advice_answer(advice=advice, by=people["other_office"], expected_version=1, answer="Hej")
    with pytest.raises(PermissionDeniedError):
        services.advice_answer(advice=advice, by=people["manager"], expected_version=1, answer="Hej")
    services.advice_answer(advice=advice, by=people["coach"], expected_version=1, answer="Vi ses på fredag.")
    assert advice.status == AdviceStatus.ANSWERED


def test_two_answering_at_once_the_second_is_refused(people, asked):
    stale = type(asked).objects.get(pk=asked.pk)
    services.advice_answer(advice=asked, by=people["office"], expected_version=1, answer="Först.")
    with pytest.raises((ConflictError, PermissionDeniedError)):
        services.advice_answer(advice=stale, by=people["director"], expected_version=1, answer="Sedan.")
    asked.refresh_from_db()
    assert asked.answer == "Först."


def test_an_old_version_is_refused_while_still_open(people, asked):
    with pytest.raises(ConflictError):
        services.advice_answer(advice=asked, by=people["office"], expected_version=7, answer="Svar")
    asked.refresh_from_db()
    assert asked.status == AdviceStatus.OPEN


def test_the_asker_sends_the_question_in_as_an_idea_and_is_its_author(people, asked, tree):
    services.advice_answer(
        advice=asked, by=people["office"], expected_version=1, answer="Skicka in det som en idé!", suggest_idea=True
    )
    idea = services.advice_to_idea(
        advice=asked, by=people["employee"], expected_version=asked.version, unit=tree["SDF-N-ALD-1"], **IDEA
    )
    asked.refresh_from_db()
    assert asked.status == AdviceStatus.BECAME_IDEA
    assert asked.idea == idea
    assert idea.author == people["employee"]
    assert idea.stage == "idea" and idea.answer_due_at is not None
    # The office that answered hears that it became an idea.
    assert Notification.objects.filter(recipient=people["office"], url=idea.get_absolute_url()).exists()


def test_only_the_asker_makes_it_an_idea(people, asked, tree):
    with pytest.raises(PermissionDeniedError):
        services.advice_to_idea(advice=asked, by=people["office"], expected_version=1, unit=tree["SDF-N-ALD-1"], **IDEA)
    assert not Idea.objects.exists()


def test_a_refused_idea_leaves_the_request_and_saves_no_idea(people, asked):
    with pytest.raises(DomainError) as refused:
        services.advice_to_idea(advice=asked, by=people["employee"], expected_version=1, unit=None, **IDEA)
    assert refused.value.field == "unit"
    with pytest.raises(ConflictError):
        services.advice_to_idea(
            advice=asked, by=people["employee"], expected_version=5, unit=people["employee"].unit, **IDEA
        )
    assert not Idea.objects.exists()
    asked.refresh_from_db()
    assert asked.status == AdviceStatus.OPEN and asked.idea is None


def test_it_becomes_an_idea_only_once(people, asked):
    services.advice_to_idea(
        advice=asked, by=people["employee"], expected_version=1, unit=people["employee"].unit, **IDEA
    )
    with pytest.raises(PermissionDeniedError):
        services.advice_to_idea(
            advice=asked, by=people["employee"], expected_version=asked.version, unit=people["employee"].unit, **IDEA
        )
    assert Idea.objects.count() == 1
