"""The catalogue's services: setting up and publishing courses, the check's questions and taking the check,
sessions as spread events, and signing up (capacity, the waiting list, who may)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from core.errors import ConflictError, DomainError, PermissionDeniedError
from learning.catalogue import services
from learning.models import Audience, CheckQuestion, Completion, CompletionSource, CourseKind, CourseState
from spread.models import EventKind, RegistrationStatus
from tests.learning.conftest import make_course, make_session

pytestmark = pytest.mark.django_db


def _new(people, tree, **fields):
    values = {
        "by": people["office"],
        "unit": tree["SDF-N"],
        "code": "",
        "kind": CourseKind.WORKSHOP,
        "title": "Idéverkstad för arbetslag",
        "summary": "Hur ett arbetslag tar fram och prövar idéer.",
        "length_minutes": 120,
    }
    values.update(fields)
    return services.course_create(**values)


# --- courses -------------------------------------------------------------------------------------


def test_the_office_sets_up_a_draft_with_a_code_made_from_the_title(people, tree):
    course = _new(people, tree)
    assert course.state == CourseState.DRAFT
    assert course.code == "ideverkstad-for-arbetslag"
    again = _new(people, tree)
    assert again.code == "ideverkstad-for-arbetslag-2"


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"title": " "}, "title"),
        ({"summary": ""}, "summary"),
        ({"code": "Inte en kod!"}, "code"),
        ({"length_minutes": 0}, "length_minutes"),
        ({"kind": "lecture"}, "kind"),
        ({"kind": CourseKind.LEADERSHIP, "audience": Audience.EVERYONE}, "audience"),
        ({"video_url": "video.stockholm"}, "video_url"),
        ({"language": "fi"}, "language"),
        ({"pass_mark": 2, "kind": CourseKind.MODULE}, "pass_mark"),
        ({"body": "Text", "kind": CourseKind.SEMINAR}, "body"),
        ({"is_public": True, "audience": Audience.COACHES}, "is_public"),
        ({"is_public": True, "kind": CourseKind.LEADERSHIP, "audience": Audience.MANAGERS}, "is_public"),
    ],
)
def test_bad_input_is_refused_naming_the_field(people, tree, fields, field):
    with pytest.raises(DomainError) as refused:
        _new(people, tree, **fields)
    assert refused.value.field == field


def test_a_course_for_managers_or_coaches_is_not_made_public(people, tree):
    course = _new(people, tree, is_public=True)
    with pytest.raises(DomainError) as refused:
        services.course_update(
            course=course, by=people["office"], expected_version=course.lock_version, audience=Audience.MANAGERS
        )
    assert refused.value.field == "is_public"
    updated = services.course_update(
        course=course,
        by=people["office"],
        expected_version=course.lock_version,
        audience=Audience.MANAGERS,
        is_public=False,
    )
    assert (updated.audience, updated.is_public) == (Audience.MANAGERS, False)


def test_a_code_in_use_is_refused(people, tree, intro):
    with pytest.raises(DomainError) as refused:
        _new(people, tree, code="inno-intro")
    assert refused.value.field == "code"


def test_only_those_who_keep_the_catalogue_set_up_courses_and_for_their_own_administration(people, tree):
    for who in ("employee", "manager", "coach", "resident"):
        with pytest.raises(PermissionDeniedError):
            _new(people, tree, by=people[who])
    with pytest.raises(PermissionDeniedError):
        _new(people, tree, by=people["office"], unit=tree["SDF-S"])
    assert _new(people, tree, by=people["director"], unit=tree["SDF-S"]).unit == tree["SDF-S"]


def test_a_stale_update_is_refused_and_a_new_title_goes_to_the_sessions_to_come(people, workshop, session):
    office = people["office"]
    updated = services.course_update(
        course=workshop, by=office, expected_version=workshop.lock_version, title="Tjänstedesign på riktigt"
    )
    assert updated.lock_version == workshop.lock_version + 1
    session.event.refresh_from_db()
    assert session.event.title == "Tjänstedesign på riktigt"
    with pytest.raises(ConflictError):
        services.course_update(course=workshop, by=office, expected_version=workshop.lock_version, title="Gammal")
    with pytest.raises(PermissionDeniedError):
        services.course_update(
            course=workshop, by=people["other_office"], expected_version=updated.lock_version, title="Södra"
        )


def test_a_course_with_sessions_stays_a_course_with_sessions(people, workshop, session):
    with pytest.raises(DomainError) as refused:
        services.course_update(
            course=workshop, by=people["office"], expected_version=workshop.lock_version, kind=CourseKind.MODULE
        )
    assert refused.value.field == "kind"


def test_a_module_kept_here_is_published_only_with_a_check(people, tree):
    office = people["office"]
    module = _new(people, tree, kind=CourseKind.MODULE, body="Innovation är nytt som skapar värde.")
    with pytest.raises(DomainError) as refused:
        services.course_publish(course=module, by=office, expected_version=module.lock_version)
    assert refused.value.field == "questions"
    services.question_add(
        course=module, by=office, text="Vad är innovation?", choices=["Nytt värde", "En dator"], correct=0
    )
    module.refresh_from_db()
    assert module.pass_mark == 1
    published = services.course_publish(course=module, by=office, expected_version=module.lock_version)
    assert published.state == CourseState.PUBLISHED and published.published_at


def test_a_module_on_the_learning_platform_is_published_with_its_link_alone(people, tree):
    module = _new(people, tree, kind=CourseKind.MODULE, external_url="https://larplattform.stockholm/inno")
    published = services.course_publish(course=module, by=people["office"], expected_version=module.lock_version)
    assert published.state == CourseState.PUBLISHED


def test_an_empty_module_is_not_published(people, tree):
    module = _new(people, tree, kind=CourseKind.MODULE)
    with pytest.raises(DomainError) as refused:
        services.course_publish(course=module, by=people["office"], expected_version=module.lock_version)
    assert refused.value.field == "body"


def test_withdraw_then_publish_again(people, workshop):
    office = people["office"]
    withdrawn = services.course_withdraw(course=workshop, by=office, expected_version=workshop.lock_version)
    assert withdrawn.state == CourseState.WITHDRAWN
    with pytest.raises(DomainError):
        services.course_withdraw(course=withdrawn, by=office, expected_version=withdrawn.lock_version)
    again = services.course_republish(course=withdrawn, by=office, expected_version=withdrawn.lock_version)
    assert again.state == CourseState.PUBLISHED
    with pytest.raises(DomainError):
        services.course_republish(course=again, by=office, expected_version=again.lock_version)
    with pytest.raises(ConflictError):
        services.course_withdraw(course=again, by=office, expected_version=withdrawn.lock_version)


# --- the check's questions -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("choices", "correct", "field"),
    [
        (["Bara ett"], 0, "choices"),
        (["1", "2", "3", "4", "5", "6", "7"], 0, "choices"),
        (["Ja", "Ja"], 0, "choices"),
        (["Ja", "Nej"], 2, "correct"),
        (["Ja", "", "Nej"], 1, "correct"),
    ],
)
def test_a_question_has_two_to_six_choices_and_one_right(people, intro, choices, correct, field):
    with pytest.raises(DomainError) as refused:
        services.question_add(course=intro, by=people["director"], text="Fråga", choices=choices, correct=correct)
    assert refused.value.field == field


def test_blank_choices_are_dropped_and_the_right_answer_follows(people, intro):
    question = services.question_add(
        course=intro,
        by=people["director"],
        text="Vem äger idén?",
        choices=["", "Den som lämnar den", "", "Staden"],
        correct=3,
    )
    assert question.choices == ["Den som lämnar den", "Staden"] and question.correct == 1
    assert question.position == 4


def test_questions_move_and_removing_lowers_the_pass_mark(people, intro):
    director = people["director"]
    first, second, third = intro.questions.order_by("position")
    services.question_move(question=third, by=director, up=True)
    assert list(intro.questions.order_by("position").values_list("pk", flat=True)) == [first.pk, third.pk, second.pk]
    with pytest.raises(DomainError):
        services.question_move(question=first, by=director, up=True)
    services.question_remove(question=first, by=director)
    services.question_remove(question=second, by=director)
    intro.refresh_from_db()
    assert intro.pass_mark == 1
    assert list(intro.questions.values_list("position", flat=True)) == [1]
    with pytest.raises(DomainError):  # published, kept here: the last question stays
        services.question_remove(question=third, by=director)


def test_only_a_module_has_a_check(people, workshop):
    with pytest.raises(DomainError):
        services.question_add(course=workshop, by=people["office"], text="Fråga", choices=["a", "b"], correct=0)


def test_the_pass_mark_is_at_most_the_number_of_questions(people, intro):
    with pytest.raises(DomainError) as refused:
        services.course_update(course=intro, by=people["director"], expected_version=intro.lock_version, pass_mark=4)
    assert refused.value.field == "pass_mark"


# --- taking the check ----------------------------------------------------------------------------


def _answers(intro, picks):
    return dict(zip(intro.questions.order_by("position").values_list("pk", flat=True), picks, strict=True))


def test_failing_the_check_says_how_many_were_right_and_records_nothing(people, intro):
    result = services.check_submit(course=intro, by=people["employee"], answers=_answers(intro, [1, 0, 1]))
    assert (result.passed, result.right, result.total) == (False, 0, 3)
    assert not Completion.objects.exists()


def test_passing_the_check_records_the_completion_once_a_day(people, intro):
    result = services.check_submit(course=intro, by=people["employee"], answers=_answers(intro, [0, 1, 1]))
    assert (result.passed, result.right) == (True, 2)
    completion = Completion.objects.get()
    assert completion.source == CompletionSource.CHECK and completion.person == people["employee"]
    assert completion.completed_on == services.today()
    services.check_submit(course=intro, by=people["employee"], answers=_answers(intro, [0, 1, 0]))
    assert Completion.objects.count() == 1


def test_a_missing_answer_names_the_question(people, intro):
    answers = _answers(intro, [0, 1, 0])
    second = intro.questions.get(position=2)
    answers[second.pk] = None
    with pytest.raises(DomainError) as refused:
        services.check_submit(course=intro, by=people["employee"], answers=answers)
    assert refused.value.field == f"question_{second.pk}"


def test_residents_and_suppliers_do_not_take_the_check(people, intro):
    for who in ("resident", "supplier"):
        with pytest.raises(PermissionDeniedError):
            services.check_submit(course=intro, by=people[who], answers=_answers(intro, [0, 1, 0]))


# --- sessions ------------------------------------------------------------------------------------


def _times(days=10):
    starts = timezone.now() + timedelta(days=days)
    return {"starts_at": starts, "ends_at": starts + timedelta(hours=2)}


def test_a_session_is_a_course_event_titled_as_the_course(people, workshop):
    session = services.session_create(
        course=workshop, by=people["office"], capacity=12, place="Kista, rum 3", **_times()
    )
    event = session.event
    assert (event.kind, event.title, event.capacity, event.is_public) == (EventKind.COURSE, workshop.title, 12, False)


def test_a_module_has_no_sessions_and_others_do_not_add_them(people, intro, workshop):
    with pytest.raises(DomainError):
        services.session_create(course=intro, by=people["director"], capacity=5, place="Här", **_times())
    with pytest.raises(PermissionDeniedError):
        services.session_create(course=workshop, by=people["other_office"], capacity=5, place="Här", **_times())


def test_a_session_refused_by_spread_names_the_field(people, workshop):
    with pytest.raises(DomainError) as refused:
        services.session_create(course=workshop, by=people["office"], capacity=5, **_times())
    assert refused.value.field == "place"


def test_a_session_is_changed_and_cancelled_telling_those_signed_up(
    people, session, django_capture_on_commit_callbacks
):
    office = people["office"]
    services.session_register(session=session, by=people["employee"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        updated = services.session_update(
            session=session, by=office, expected_version=session.event.version, place="Kulturhuset"
        )
    assert updated.event.place == "Kulturhuset"
    assert len(mail.outbox) == 1
    with pytest.raises(ConflictError):
        services.session_update(session=session, by=office, expected_version=1, capacity=3)
    with django_capture_on_commit_callbacks(execute=True):
        services.session_cancel(session=session, by=office, expected_version=updated.event.version)
    session.event.refresh_from_db()
    assert session.event.cancelled_at is not None
    assert len(mail.outbox) == 2


# --- signing up ----------------------------------------------------------------------------------


def test_signing_up_past_capacity_puts_one_on_the_waiting_list(
    people, session, staff, django_capture_on_commit_callbacks
):
    first, second, third = people["employee"], people["colleague"], staff["north"][0]
    with django_capture_on_commit_callbacks(execute=True):
        assert services.session_register(session=session, by=first).status == RegistrationStatus.REGISTERED
    assert services.session_register(session=session, by=second).status == RegistrationStatus.REGISTERED
    waiting = services.session_register(session=session, by=third)
    assert waiting.status == RegistrationStatus.WAITING
    confirmation = next(m for m in mail.outbox if m.to == [first.email])
    assert any(name.endswith(".ics") for name, *_ in confirmation.attachments)
    services.session_unregister(session=session, by=first)
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.REGISTERED
    with pytest.raises(DomainError):
        services.session_unregister(session=session, by=first)
    with pytest.raises(DomainError):
        services.session_register(session=session, by=second)


def test_a_non_manager_is_refused_the_leadership_module_with_a_clear_message(people, leadership):
    session = make_session(leadership, by=people["director"])
    with pytest.raises(PermissionDeniedError) as refused:
        services.session_register(session=session, by=people["employee"])
    assert "chef" in refused.value.message or "managers" in refused.value.message
    assert services.session_register(session=session, by=people["manager"]).status == RegistrationStatus.REGISTERED


@pytest.mark.parametrize("who", ["resident", "supplier"])
def test_residents_and_suppliers_are_refused(people, session, who):
    with pytest.raises(PermissionDeniedError) as refused:
        services.session_register(session=session, by=people[who])
    assert "medarbetare" in refused.value.message or "staff" in refused.value.message


def test_a_withdrawn_course_takes_no_sign_ups(people, workshop, session):
    services.course_withdraw(course=workshop, by=people["office"], expected_version=workshop.lock_version)
    session.course.refresh_from_db()
    with pytest.raises(PermissionDeniedError):
        services.session_register(session=session, by=people["employee"])


def test_a_coaches_course_is_for_coaches(people, tree):
    course = make_course(
        by=people["office"], unit=tree["SDF-N"], code="coach", kind=CourseKind.SEMINAR, audience=Audience.COACHES
    )
    session = make_session(course, by=people["office"])
    with pytest.raises(PermissionDeniedError):
        services.session_register(session=session, by=people["employee"])
    services.session_register(session=session, by=people["coach"])
    assert CheckQuestion.objects.count() == 0


def test_every_refused_field_is_named_at_once(people, tree, intro):
    with pytest.raises(services.CourseRefused) as refused:
        _new(people, tree, code="inno-intro", summary="", audience=Audience.COACHES, is_public=True)
    assert [e.field for e in refused.value.errors] == ["summary", "code", "is_public"]
    assert refused.value.field == "summary"
