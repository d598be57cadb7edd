from datetime import timedelta

import pytest
from django.utils import timezone, translation

from challenges.challenges import services
from challenges.models import Answer, Audience, Challenge, ChallengeStatus, Response, Route
from core.errors import ConflictError, DomainError, ErrorCode, PermissionDeniedError
from core.models import Notification
from ideas.lock import Stage
from ideas.models import Idea, Source
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


def test_a_response_tells_the_author_what_was_decided_and_why(people, closed_with_answers):
    _challenge, (first, _second) = closed_with_answers
    services.answer_respond(
        answer=first,
        by=people["office"],
        expected_version=first.version,
        response=Response.TAKEN_FORWARD,
        reason="Prövas i en pilot.",
    )
    note = Notification.objects.get(recipient=people["resident"], url=first.idea.get_absolute_url())
    assert "Prövas i en pilot." in note.message and "Svar ett" in note.message
    # The office that responded is not told of its own response.
    assert not Notification.objects.filter(recipient=people["office"], message__contains="pilot").exists()


def test_a_response_is_the_ideas_first_answer_so_it_is_no_longer_overdue(people, closed_with_answers):
    _challenge, (first, _second) = closed_with_answers
    Idea.objects.filter(pk=first.idea_id).update(answer_due_at=timezone.now() - timedelta(days=1))
    assert Idea.objects.overdue().filter(pk=first.idea_id).exists()
    services.answer_respond(
        answer=first, by=people["office"], expected_version=first.version, response=Response.NOT_TAKEN, reason="Nej."
    )
    idea = Idea.objects.get(pk=first.idea_id)
    assert idea.answered_at is not None and not idea.is_overdue
    assert not Idea.objects.awaiting_first_answer().filter(pk=idea.pk).exists()
    # A first answer already given in the lock stays as it was.
    answered = idea.answered_at
    again = Answer.objects.get(pk=first.pk)
    services.answer_respond(
        answer=again, by=people["office"], expected_version=again.version, response=Response.TAKEN_FORWARD, reason="Ja."
    )
    assert Idea.objects.get(pk=idea.pk).answered_at == answered


def test_the_summary_tells_everyone_who_answered(people, closed_with_answers):
    challenge, answers = closed_with_answers
    for answer in answers:
        services.answer_respond(
            answer=answer,
            by=people["office"],
            expected_version=answer.version,
            response=Response.NOT_TAKEN,
            reason="Nej.",
        )
    services.challenge_summarise(
        challenge=challenge, by=people["office"], expected_version=challenge.version, summary="Två svar kom in."
    )
    notes = Notification.objects.filter(url=challenge.get_absolute_url())
    assert [n.recipient for n in notes] == [people["resident"]]
    assert challenge.title in notes[0].message


def test_a_published_challenges_opening_may_not_move_once_it_has_opened(people, public_challenge):
    with pytest.raises(DomainError) as refused:
        services.challenge_update(
            challenge=public_challenge,
            by=people["office"],
            expected_version=public_challenge.version,
            opens_at=public_challenge.opens_at + timedelta(days=2),
        )
    assert refused.value.field == "opens_at" and "already opened" in refused.value.message


def test_a_published_challenges_opening_may_not_move_to_the_past(people):
    later = make_challenge(people, opens_in=timedelta(days=5))
    with pytest.raises(DomainError) as refused:
        services.challenge_update(
            challenge=later,
            by=people["office"],
            expected_version=later.version,
            opens_at=timezone.now() - timedelta(days=3),
        )
    assert refused.value.field == "opens_at" and "already passed" in refused.value.message
    moved = services.challenge_update(
        challenge=later,
        by=people["office"],
        expected_version=later.version,
        opens_at=later.opens_at + timedelta(days=1),
    )
    assert moved.opens_at == later.opens_at + timedelta(days=1)


def test_a_published_challenges_closing_moves_only_to_a_moment_to_come(people, public_challenge):
    with pytest.raises(DomainError) as refused:
        services.challenge_update(
            challenge=public_challenge,
            by=people["office"],
            expected_version=public_challenge.version,
            closes_at=timezone.now() - timedelta(hours=1),
        )
    assert refused.value.field == "closes_at" and "still to come" in refused.value.message
    # A draft's dates are still free.
    draft = make_challenge(people, publish=False, opens_in=timedelta(days=-3))
    services.challenge_update(
        challenge=draft,
        by=people["office"],
        expected_version=draft.version,
        opens_at=draft.opens_at - timedelta(days=1),
    )


def test_the_office_closes_an_open_challenge_early_and_who_and_when_are_kept(people, public_challenge):
    services.answer_submit(challenge=public_challenge, author=people["resident"], **idea_fields(people["resident"]))
    version = public_challenge.version
    closed = services.challenge_close(challenge=public_challenge, by=people["office"], expected_version=version)
    assert closed.closed_early_by == people["office"] and closed.closed_early_at == closed.closes_at
    assert services.is_closed(closed, timezone.now()) and closed.answer_count == 1
    assert closed.last_day == timezone.localdate()
    # An idea sent afterwards is an ordinary idea.
    idea, answer = services.answer_submit(
        challenge=closed, author=people["resident"], **idea_fields(people["resident"], title="Efteråt")
    )
    assert answer is None and idea.title == "Efteråt"
    # Closed once: again, or with an old version, is refused.
    with pytest.raises(ConflictError):
        services.challenge_close(challenge=closed, by=people["director"], expected_version=version)
    with pytest.raises(DomainError) as refused:
        services.challenge_close(challenge=closed, by=people["director"], expected_version=closed.version)
    assert refused.value.code == ErrorCode.STATE


def test_only_its_office_closes_a_challenge_and_only_while_open(people):
    later = make_challenge(people, opens_in=timedelta(days=5))
    with pytest.raises(DomainError):
        services.challenge_close(challenge=later, by=people["office"], expected_version=later.version)
    open_one = make_challenge(people)
    for who in ("other_office", "employee", "resident"):
        with pytest.raises(PermissionDeniedError):
            services.challenge_close(challenge=open_one, by=people[who], expected_version=open_one.version)
