from datetime import timedelta

import pytest
from django.utils import timezone, translation

from challenges.challenges import services
from challenges.models import Audience, Challenge, ChallengeStatus, Response, Route
from core.errors import ConflictError, DomainError, PermissionDeniedError
from ideas.lock import Stage
from ideas.models import Source
from organisation.models import PersonKind
from tests import factories
from tests.challenges.challenges.conftest import close, idea_fields, make_challenge
from tests.challenges.conftest import routed_need, write_need

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _in_english():
    """The refusals in English, whatever the translations hold."""
    with translation.override("en"):
        yield


def test_the_office_writes_a_draft_and_publishes_it(people):
    challenge = make_challenge(people, publish=False)
    assert challenge.status == ChallengeStatus.DRAFT and challenge.unit == challenge.need.unit
    assert challenge.contact == people["office"]
    published = services.challenge_publish(challenge=challenge, by=people["office"], expected_version=challenge.version)
    assert published.status == ChallengeStatus.PUBLISHED and published.published_by == people["office"]
    assert published.is_public


def test_only_a_need_routed_to_a_challenge_may_have_one(people):
    need = routed_need(writer=people["manager"], office=people["office"], route=Route.OPENLAB)
    with pytest.raises(PermissionDeniedError):
        services.challenge_create(
            need=need,
            by=people["office"],
            title="T",
            question="Q",
            background="B",
            audience=Audience.RESIDENTS,
            opens_at=timezone.now(),
            closes_at=timezone.now() + timedelta(days=3),
            criteria="C",
        )
    draft = write_need(people["manager"])
    with pytest.raises(PermissionDeniedError):
        services.challenge_create(
            need=draft,
            by=people["office"],
            title="T",
            question="Q",
            background="B",
            audience=Audience.RESIDENTS,
            opens_at=timezone.now(),
            closes_at=timezone.now() + timedelta(days=3),
            criteria="C",
        )


def test_another_units_office_may_not_publish_from_the_need(people):
    with pytest.raises(PermissionDeniedError):
        services.challenge_create(
            need=routed_need(writer=people["manager"], office=people["office"]),
            by=people["other_office"],
            title="T",
            question="Q",
            background="B",
            audience=Audience.RESIDENTS,
            opens_at=timezone.now(),
            closes_at=timezone.now() + timedelta(days=3),
            criteria="C",
        )


def test_an_internal_route_may_ask_only_staff(people):
    with pytest.raises(DomainError) as refused:
        make_challenge(people, route=Route.INTERNAL_CHALLENGE, audience=Audience.RESIDENTS)
    assert refused.value.field == "audience"
    assert "only city staff" in refused.value.message


def test_the_office_may_not_address_staff_outside_its_own_part_of_the_city(people, tree):
    with pytest.raises(DomainError) as refused:
        make_challenge(
            people, route=Route.INTERNAL_CHALLENGE, audience=Audience.UNIT_STAFF, audience_unit=tree["SDF-S"]
        )
    assert refused.value.field == "audience_unit"
    assert "Norra" in refused.value.message or "within your own part" in refused.value.message
    with pytest.raises(DomainError) as refused:
        make_challenge(people, route=Route.INTERNAL_CHALLENGE, audience=Audience.ALL_STAFF)
    assert refused.value.field == "audience"
    # The director may ask all staff.
    challenge = make_challenge(
        people, route=Route.INTERNAL_CHALLENGE, audience=Audience.ALL_STAFF, by=people["director"]
    )
    assert challenge.audience == Audience.ALL_STAFF


def test_a_challenge_closes_after_it_opens(people):
    with pytest.raises(DomainError) as refused:
        make_challenge(people, opens_in=timedelta(days=2), closes_in=timedelta(days=1))
    assert refused.value.field == "closes_at"


def test_an_answer_is_an_idea_tied_to_the_challenge_and_counted(people, public_challenge):
    resident = people["resident"]
    idea, answer = services.answer_submit(challenge=public_challenge, author=resident, **idea_fields(resident))
    assert answer is not None and answer.idea == idea and answer.response == Response.PENDING
    assert idea.source == Source.RESIDENT and idea.stage == Stage.IDEA
    public_challenge.refresh_from_db()
    assert public_challenge.answer_count == 1 == public_challenge.answers.count()


def test_a_supplier_and_a_university_person_answer_with_their_own_source(people):
    challenge = make_challenge(people, audience=Audience.ANYONE)
    _idea, _a = services.answer_submit(
        challenge=challenge, author=people["supplier"], **idea_fields(people["supplier"])
    )
    assert _idea.source == Source.SUPPLIER
    student = factories.person(kind=PersonKind.UNIVERSITY, name="Stina Student")
    idea, answer = services.answer_submit(challenge=challenge, author=student, **idea_fields(student))
    assert answer is not None and idea.source == Source.UNIVERSITY


def test_an_answer_after_closing_becomes_an_ordinary_idea(people, public_challenge):
    close(public_challenge)
    idea, answer = services.answer_submit(
        challenge=public_challenge, author=people["resident"], **idea_fields(people["resident"])
    )
    assert answer is None and idea.pk
    public_challenge.refresh_from_db()
    assert public_challenge.answer_count == 0 and not public_challenge.answers.exists()


def test_someone_not_asked_may_not_answer(people, public_challenge, internal_challenge):
    with pytest.raises(PermissionDeniedError):
        services.answer_submit(challenge=public_challenge, author=people["supplier"], **idea_fields(people["supplier"]))
    with pytest.raises(PermissionDeniedError):
        services.answer_submit(
            challenge=internal_challenge, author=people["resident"], **idea_fields(people["resident"])
        )
    with pytest.raises(PermissionDeniedError):
        # Södra's staff are not asked by Norra's internal challenge.
        services.answer_submit(
            challenge=internal_challenge, author=people["colleague"], **idea_fields(people["colleague"])
        )
    idea, answer = services.answer_submit(
        challenge=internal_challenge, author=people["employee"], **idea_fields(people["employee"])
    )
    assert answer is not None


def test_a_challenge_not_yet_open_refuses_answers(people):
    challenge = make_challenge(people, opens_in=timedelta(days=2))
    with pytest.raises(DomainError):
        services.answer_submit(challenge=challenge, author=people["resident"], **idea_fields(people["resident"]))


def test_a_refused_idea_leaves_no_answer(people, public_challenge):
    with pytest.raises(DomainError) as refused:
        services.answer_submit(
            challenge=public_challenge, author=people["resident"], **idea_fields(people["resident"], title="")
        )
    assert refused.value.field == "title"
    public_challenge.refresh_from_db()
    assert public_challenge.answer_count == 0


@pytest.fixture
def closed_with_answers(people, public_challenge):
    answers = [
        services.answer_submit(
            challenge=public_challenge, author=people["resident"], **idea_fields(people["resident"], title=t)
        )[1]
        for t in ("Svar ett", "Svar två")
    ]
    return close(public_challenge), answers


def test_responses_wait_until_the_challenge_has_closed(people, public_challenge):
    _idea, answer = services.answer_submit(
        challenge=public_challenge, author=people["resident"], **idea_fields(people["resident"])
    )
    with pytest.raises(DomainError) as refused:
        services.answer_respond(
            answer=answer,
            by=people["office"],
            expected_version=answer.version,
            response=Response.NOT_TAKEN,
            reason="Nej.",
        )
    assert "still open" in refused.value.message


def test_every_answer_gets_a_response_before_the_summary(people, closed_with_answers):
    challenge, (first, second) = closed_with_answers
    office = people["office"]
    services.answer_respond(
        answer=first,
        by=office,
        expected_version=first.version,
        response=Response.TAKEN_FORWARD,
        reason="Prövas i en pilot.",
    )
    with pytest.raises(DomainError) as refused:
        services.challenge_summarise(
            challenge=challenge, by=office, expected_version=challenge.version, summary="Två svar kom in."
        )
    assert refused.value.field == "summary" and "1 answer has no response" in refused.value.message
    services.answer_respond(
        answer=second,
        by=office,
        expected_version=second.version,
        response=Response.MERGED,
        reason="Samma som det första.",
        merged_into=first,
    )
    done = services.challenge_summarise(
        challenge=challenge, by=office, expected_version=challenge.version, summary="Två svar kom in."
    )
    assert done.status == ChallengeStatus.SUMMARISED and done.summary == "Två svar kom in."
    # Closing never closes the ideas.
    first.idea.refresh_from_db()
    second.idea.refresh_from_db()
    assert first.idea.stage == Stage.IDEA and second.idea.stage == Stage.IDEA


def test_a_response_needs_why_and_a_merge_needs_the_other_answer(people, closed_with_answers):
    _challenge, (first, second) = closed_with_answers
    with pytest.raises(DomainError) as refused:
        services.answer_respond(
            answer=first, by=people["office"], expected_version=first.version, response=Response.NOT_TAKEN, reason=" "
        )
    assert refused.value.field == "reason"
    with pytest.raises(DomainError) as refused:
        services.answer_respond(
            answer=first, by=people["office"], expected_version=first.version, response=Response.MERGED, reason="Samma."
        )
    assert refused.value.field == "merged_into"
    with pytest.raises(DomainError):
        services.answer_respond(
            answer=first,
            by=people["office"],
            expected_version=first.version,
            response=Response.MERGED,
            reason="Samma.",
            merged_into=first,
        )


def test_two_responses_at_once_the_second_is_refused(people, closed_with_answers):
    _challenge, (first, _second) = closed_with_answers
    version = first.version
    services.answer_respond(
        answer=first, by=people["office"], expected_version=version, response=Response.TAKEN_FORWARD, reason="Bra."
    )
    with pytest.raises(ConflictError):
        services.answer_respond(
            answer=first, by=people["director"], expected_version=version, response=Response.NOT_TAKEN, reason="Nej."
        )


def test_shortlisting(people, closed_with_answers):
    _challenge, (first, _second) = closed_with_answers
    shortlisted = services.answer_shortlist(
        answer=first, by=people["office"], expected_version=first.version, shortlisted=True
    )
    assert shortlisted.shortlisted and shortlisted.version == first.version + 1


def test_someone_else_may_not_respond(people, closed_with_answers):
    _challenge, (first, _second) = closed_with_answers
    for who in ("other_office", "employee", "resident", "manager"):
        with pytest.raises(PermissionDeniedError):
            services.answer_respond(
                answer=first, by=people[who], expected_version=first.version, response=Response.NOT_TAKEN, reason="Nej."
            )


def test_edit_is_optimistically_locked(people, public_challenge):
    version = public_challenge.version
    services.challenge_update(
        challenge=public_challenge, by=people["office"], expected_version=version, title="Ny titel"
    )
    with pytest.raises(ConflictError):
        services.challenge_update(
            challenge=public_challenge, by=people["director"], expected_version=version, title="Annan titel"
        )
    assert Challenge.objects.get(pk=public_challenge.pk).title == "Ny titel"


def test_cancel_keeps_the_answers_as_ideas(people, public_challenge):
    idea, _answer = services.answer_submit(
        challenge=public_challenge, author=people["resident"], **idea_fields(people["resident"])
    )
    cancelled = services.challenge_cancel(
        challenge=public_challenge, by=people["office"], expected_version=public_challenge.version
    )
    assert cancelled.status == ChallengeStatus.CANCELLED
    idea.refresh_from_db()
    assert idea.stage == Stage.IDEA
