"""Every write of the open market dialogue, through its services: what each does, and each refusal."""

from __future__ import annotations

import inspect
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.errors import ConflictError, DomainError, PermissionDeniedError
from core.models import Notification
from organisation.models import PersonKind, SupplierOrganisation, User
from procurement.dialogue import services
from procurement.dialogue.services import SlotTime
from procurement.models import (
    CaseStage,
    LogKind,
    MeetingSlot,
    Question,
    ResponseStatus,
    Rfi,
    RfiStatus,
    SupplierInterest,
    WrittenResponse,
)
from tests import factories
from tests.procurement.conftest import supplier_person
from tests.procurement.dialogue.conftest import published_rfi, secret_response, write_rfi

pytestmark = pytest.mark.django_db


def people_of(*persons) -> list[User]:
    """Every person of the persons' supplier organisations (the test data has others at Alfa's)."""
    return list(User.objects.filter(supplier__in=[p.supplier_id for p in persons]))


def kinds(case) -> list[str]:
    return list(case.log.order_by("created_at", "pk").values_list("kind", flat=True))


# --- the request ------------------------------------------------------------------------------------------------


def test_the_officer_writes_a_draft_then_publishes_it_and_the_case_moves_to_its_dialogue(case, officers):
    rfi = write_rfi(case, officers["officer"])
    assert rfi.status == RfiStatus.DRAFT and "energi" in rfi.search_stems
    published = services.rfi_publish(rfi=rfi, by=officers["officer"], expected_version=rfi.version)
    assert published.status == RfiStatus.PUBLISHED and published.published_at is not None
    case.refresh_from_db()
    assert case.stage == CaseStage.DIALOGUE
    assert kinds(case)[-1] == LogKind.RFI_PUBLISHED


def test_only_the_cases_officers_write_the_request(case, people, officers):
    for outsider in (people["office"], people["employee"], people["supplier"]):
        with pytest.raises(PermissionDeniedError):
            write_rfi(case, outsider)
    # The central procurement function is an officer of every case.
    assert write_rfi(case, officers["central"]).pk


def test_a_case_has_one_request(case, officers):
    write_rfi(case, officers["officer"])
    case.refresh_from_db()
    with pytest.raises(PermissionDeniedError):
        write_rfi(case, officers["officer"])


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": " "}, "title"),
        ({"description": ""}, "description"),
        ({"questions_close_at": None}, "questions_close_at"),
        ({"responses_close_at": None}, "responses_close_at"),
        ({"responses_close_at": timezone.now() + timedelta(days=1)}, "responses_close_at"),
    ],
)
def test_a_request_without_what_it_needs_is_refused_at_the_field(case, officers, changes, field):
    with pytest.raises(DomainError) as refused:
        write_rfi(case, officers["officer"], **changes)
    assert refused.value.field == field


def test_a_request_whose_question_time_has_passed_is_not_published(case, officers):
    now = timezone.now()
    rfi = write_rfi(case, officers["officer"], questions_close_at=now - timedelta(hours=1))
    with pytest.raises(DomainError) as refused:
        services.rfi_publish(rfi=rfi, by=officers["officer"], expected_version=rfi.version)
    assert refused.value.field == "questions_close_at"


def test_a_published_requests_deadlines_move_only_later_and_the_change_is_logged(case, officers):
    rfi = published_rfi(case, officers["officer"])
    fields = {
        "title": rfi.title,
        "description": rfi.description,
        "terms": rfi.terms,
        "questions_close_at": rfi.questions_close_at - timedelta(days=1),
        "responses_close_at": rfi.responses_close_at,
    }
    with pytest.raises(DomainError) as refused:
        services.rfi_update(rfi=rfi, by=officers["officer"], expected_version=rfi.version, **fields)
    assert refused.value.field == "questions_close_at"
    fields["questions_close_at"] = rfi.questions_close_at + timedelta(days=2)
    services.rfi_update(rfi=rfi, by=officers["officer"], expected_version=rfi.version, **fields)
    assert kinds(case)[-1] == LogKind.RFI_CHANGED
    with pytest.raises(ConflictError):
        services.rfi_update(rfi=rfi, by=officers["officer"], expected_version=rfi.version - 1, **fields)


# --- registering --------------------------------------------------------------------------------------------------


def test_a_supplier_registers_its_organisation_once_and_is_counted_and_logged(rfi, suppliers):
    services.interest_register(rfi=rfi, by=suppliers["alfa"])
    rfi.refresh_from_db()
    assert rfi.supplier_count == 1
    assert rfi.case.log.filter(kind=LogKind.INTEREST, supplier=suppliers["alfa"].supplier).count() == 1
    colleague = supplier_person("Axel Alfa", "Alfa Energi AB", "556036-0793")
    # Already registered: the organisation's other people take part; it does not register again.
    with pytest.raises(DomainError):
        services.interest_register(rfi=rfi, by=colleague)
    rfi.refresh_from_db()
    assert rfi.supplier_count == 1 == SupplierInterest.objects.filter(rfi=rfi).count()


def test_residents_staff_and_partners_cannot_register(rfi, people, officers):
    partner = factories.person(kind=PersonKind.PARTNER, name="Paula Partner")
    for person in (people["resident"], people["employee"], officers["officer"], partner):
        with pytest.raises(PermissionDeniedError):
            services.interest_register(rfi=rfi, by=person)


def test_an_organisation_number_that_fails_the_check_is_refused_with_why(rfi, suppliers):
    org = suppliers["gamma"].supplier
    SupplierOrganisation.objects.filter(pk=org.pk).update(org_number="556677-8890")
    suppliers["gamma"].refresh_from_db()
    with pytest.raises(DomainError) as refused:
        services.interest_register(rfi=rfi, by=suppliers["gamma"])
    assert refused.value.field == "org_number" and "556677-8890" in refused.value.message
    assert not SupplierInterest.objects.filter(rfi=rfi).exists()


def test_no_one_registers_for_a_draft_or_a_closed_request(case, officers, suppliers):
    rfi = write_rfi(case, officers["officer"])
    with pytest.raises(PermissionDeniedError):
        services.interest_register(rfi=rfi, by=suppliers["alfa"])
    rfi = services.rfi_publish(rfi=rfi, by=officers["officer"], expected_version=rfi.version)
    with pytest.raises(DomainError):
        services.interest_register(rfi=rfi, by=suppliers["alfa"], now=rfi.responses_close_at)


# --- questions and answers ----------------------------------------------------------------------------------------


def test_a_registered_supplier_asks_until_the_last_time_for_questions(registered, suppliers):
    q = services.question_ask(rfi=registered, by=suppliers["alfa"], text="Får vi använda befintliga givare?")
    assert q.published_at is None and q.supplier == suppliers["alfa"].supplier
    assert registered.case.log.filter(kind=LogKind.QUESTION, supplier=q.supplier).exists()
    with pytest.raises(DomainError) as refused:
        services.question_ask(rfi=registered, by=suppliers["alfa"], text="Sent?", now=registered.questions_close_at)
    assert refused.value.field == "text"
    with pytest.raises(DomainError):
        services.question_ask(rfi=registered, by=suppliers["alfa"], text="  ")


def test_an_unregistered_supplier_cannot_ask(registered, suppliers):
    with pytest.raises(PermissionDeniedError):
        services.question_ask(rfi=registered, by=suppliers["gamma"], text="Får vi fråga?")


def test_a_drafted_answer_reaches_no_one_until_every_drafted_answer_is_published_at_once(
    registered, suppliers, officers, django_capture_on_commit_callbacks
):
    officer = officers["officer"]
    asked = [
        services.question_ask(rfi=registered, by=suppliers["alfa"], text="Alfas fråga om givare"),
        services.question_ask(rfi=registered, by=suppliers["beta"], text="Betas fråga om pris"),
        services.question_ask(rfi=registered, by=suppliers["alfa"], text="Alfas fråga utan svar än"),
    ]
    for q in asked[:2]:
        services.answer_draft(
            question=q, by=officer, expected_version=q.version, public_text=f"Omskriven: {q.pk}", answer="Svar."
        )
    assert not Question.objects.filter(published_at__isnull=False).exists()
    assert not Notification.objects.filter(recipient__kind=PersonKind.SUPPLIER).exists()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True), CaptureQueriesContext(connection) as queries:
        count = services.answers_publish(rfi=registered, by=officer, expected_count=2)
    assert count == 2
    question_updates = [
        q["sql"] for q in queries.captured_queries if q["sql"].startswith('UPDATE "procurement_question"')
    ]
    assert len(question_updates) == 1  # one UPDATE publishes them all
    published = list(Question.objects.filter(published_at__isnull=False).order_by("number"))
    assert [q.number for q in published] == [1, 2]
    assert len({q.published_at for q in published}) == 1  # the same moment for every answer
    assert Question.objects.get(pk=asked[2].pk).published_at is None
    registered.refresh_from_db()
    assert registered.published_question_count == 2
    # Every registered supplier's people are told at once, and no one else.
    told = set(Notification.objects.filter(recipient__kind=PersonKind.SUPPLIER).values_list("recipient", flat=True))
    everyone = people_of(suppliers["alfa"], suppliers["beta"])
    assert told == {p.pk for p in everyone} and suppliers["gamma"].pk not in told
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in everyone)
    assert registered.case.log.filter(kind=LogKind.ANSWERS_PUBLISHED).count() == 1
    # The next answers carry on the numbering.
    q = asked[2]
    q.refresh_from_db()
    services.answer_draft(question=q, by=officer, expected_version=q.version, public_text="Tre", answer="Svar tre.")
    services.answers_publish(rfi=registered, by=officer)
    assert Question.objects.get(pk=q.pk).number == 3


def test_a_published_answer_never_changes_and_nothing_to_publish_is_refused(registered, suppliers, officers):
    officer = officers["officer"]
    q = services.question_ask(rfi=registered, by=suppliers["alfa"], text="Fråga")
    with pytest.raises(DomainError):
        services.answers_publish(rfi=registered, by=officer)
    q = services.answer_draft(question=q, by=officer, expected_version=q.version, public_text="F", answer="S")
    with pytest.raises(ConflictError):
        services.answers_publish(rfi=registered, by=officer, expected_count=5)
    services.answers_publish(rfi=registered, by=officer, expected_count=1)
    q.refresh_from_db()
    with pytest.raises(DomainError):
        services.answer_draft(question=q, by=officer, expected_version=q.version, public_text="F2", answer="S2")


def test_an_answer_needs_its_anonymised_wording_and_only_officers_write_it(registered, suppliers, officers, people):
    q = services.question_ask(rfi=registered, by=suppliers["alfa"], text="Fråga från Alfa Energi")
    with pytest.raises(DomainError) as refused:
        services.answer_draft(
            question=q, by=officers["officer"], expected_version=q.version, public_text="", answer="S"
        )
    assert refused.value.field == "public_text"
    for outsider in (suppliers["alfa"], people["office"]):
        with pytest.raises(PermissionDeniedError):
            services.answer_draft(question=q, by=outsider, expected_version=q.version, public_text="F", answer="S")
        with pytest.raises(PermissionDeniedError):
            services.answers_publish(rfi=registered, by=outsider)


def test_no_service_but_answers_publish_sets_an_answers_publication():
    """Equal treatment by construction: the only write of ``published_at`` on a question is the one for all."""
    source = inspect.getsource(services)
    publishing = [
        name
        for name, func in inspect.getmembers(services, inspect.isfunction)
        if func.__module__ == services.__name__
        and "published_at=now" in inspect.getsource(func)
        and "Question.objects" in inspect.getsource(func)
    ]
    assert publishing == ["answers_publish"]
    assert source.count("Question.objects.filter(pk__in=") == 1


# --- meetings ---------------------------------------------------------------------------------------------------


def slot_times(n: int = 3, *, start=None):
    start = start or timezone.now() + timedelta(days=3)
    return [
        SlotTime(starts_at=start + timedelta(hours=i), ends_at=start + timedelta(hours=i, minutes=45), place="Rum 4")
        for i in range(n)
    ]


def test_times_are_offered_together_and_each_organisation_books_one(registered, suppliers, officers):
    Notification.objects.all().delete()
    made = services.slots_offer(rfi=registered, by=officers["officer"], slots=slot_times())
    assert len(made) == 3
    assert registered.case.log.filter(kind=LogKind.SLOTS_OFFERED).exists()
    told = set(Notification.objects.values_list("recipient", flat=True))
    assert told == {p.pk for p in people_of(suppliers["alfa"], suppliers["beta"])}
    services.slot_book(slot=made[0], by=suppliers["alfa"])
    with pytest.raises(DomainError):
        services.slot_book(slot=made[1], by=suppliers["alfa"])  # one per organisation
    with pytest.raises(DomainError) as taken:
        services.slot_book(slot=MeetingSlot.objects.get(pk=made[0].pk), by=suppliers["beta"])
    assert "Someone else" in taken.value.message or "någon" in taken.value.message.lower()
    with pytest.raises(PermissionDeniedError):
        services.slot_book(slot=made[2], by=suppliers["gamma"])  # not registered
    slot = MeetingSlot.objects.get(pk=made[0].pk)
    with pytest.raises(DomainError):
        services.slot_cancel_booking(slot=slot, by=suppliers["beta"])
    services.slot_cancel_booking(slot=slot, by=suppliers["alfa"])
    services.slot_book(slot=MeetingSlot.objects.get(pk=made[0].pk), by=suppliers["beta"])
    assert kinds(registered.case).count(LogKind.MEETING_BOOKED) == 2
    assert kinds(registered.case).count(LogKind.MEETING_CANCELLED) == 1


def test_a_time_in_the_past_or_after_the_responses_is_not_offered(registered, officers):
    with pytest.raises(DomainError):
        services.slots_offer(rfi=registered, by=officers["officer"], slots=slot_times(start=timezone.now()))
    with pytest.raises(DomainError):
        services.slots_offer(
            rfi=registered, by=officers["officer"], slots=slot_times(start=registered.responses_close_at)
        )
    with pytest.raises(DomainError):
        services.slots_offer(rfi=registered, by=officers["officer"], slots=[])


def test_a_booking_is_not_cancelled_once_the_meeting_has_begun(registered, suppliers, officers):
    slot = services.slots_offer(rfi=registered, by=officers["officer"], slots=slot_times(1))[0]
    services.slot_book(slot=slot, by=suppliers["alfa"])
    with pytest.raises(DomainError):
        services.slot_cancel_booking(slot=slot, by=suppliers["alfa"], now=slot.starts_at)


def test_minutes_are_written_after_the_meeting_and_published_to_every_registered_supplier(
    registered, suppliers, officers
):
    officer = officers["officer"]
    slot = services.slots_offer(rfi=registered, by=officer, slots=slot_times(1))[0]
    services.slot_book(slot=slot, by=suppliers["alfa"])
    slot.refresh_from_db()
    with pytest.raises(DomainError):
        services.minutes_write(slot=slot, by=officer, expected_version=slot.version, minutes="Tidigt")
    later = slot.ends_at
    slot = services.minutes_write(
        slot=slot, by=officer, expected_version=slot.version, minutes="Vi talade om givare.", now=later
    )
    assert slot.minutes_published_at is None
    Notification.objects.all().delete()
    slot = services.minutes_write(
        slot=slot, by=officer, expected_version=slot.version, minutes="Vi talade om givare.", publish=True, now=later
    )
    assert slot.minutes_published_at == later
    told = set(Notification.objects.values_list("recipient", flat=True))
    assert told == {p.pk for p in people_of(suppliers["alfa"], suppliers["beta"])}
    assert registered.case.log.filter(kind=LogKind.MINUTES_PUBLISHED).exists()
    with pytest.raises(DomainError):
        services.minutes_write(slot=slot, by=officer, expected_version=slot.version, minutes="Ändrat", now=later)


# --- written responses ------------------------------------------------------------------------------------------


def test_a_response_is_saved_as_a_draft_then_sent_and_logged_once(registered, suppliers):
    alfa = suppliers["alfa"]
    draft = services.response_save(
        rfi=registered, by=alfa, expected_version=None, solution="Sensorer", maturity="prototype"
    )
    assert draft.status == ResponseStatus.DRAFT and draft.price_secret is True
    sent = services.response_save(
        rfi=registered, by=alfa, expected_version=draft.version, solution="Sensorer", maturity="prototype", submit=True
    )
    assert sent.status == ResponseStatus.SUBMITTED and sent.submitted_at
    changed = services.response_save(
        rfi=registered, by=alfa, expected_version=sent.version, solution="Bättre sensorer", maturity="piloted"
    )
    assert changed.status == ResponseStatus.SUBMITTED  # a sent response stays sent
    assert registered.case.log.filter(kind=LogKind.RESPONSE).count() == 1
    with pytest.raises(ConflictError):
        services.response_save(
            rfi=registered, by=alfa, expected_version=draft.version, solution="Gammal", maturity="idea"
        )


def test_a_response_after_the_deadline_is_refused_and_the_draft_is_kept(registered, suppliers):
    alfa = suppliers["alfa"]
    draft = services.response_save(rfi=registered, by=alfa, expected_version=None, solution="Utkast", maturity="idea")
    with pytest.raises(DomainError) as refused:
        services.response_save(
            rfi=registered,
            by=alfa,
            expected_version=draft.version,
            solution="För sent",
            maturity="idea",
            submit=True,
            now=registered.responses_close_at,
        )
    assert refused.value.message
    kept = WrittenResponse.objects.get(pk=draft.pk)
    assert kept.solution == "Utkast" and kept.status == ResponseStatus.DRAFT


def test_files_are_business_secrets_unless_the_supplier_says_otherwise(registered, suppliers):
    response = secret_response(registered, suppliers["alfa"])
    assert [f.secret for f in response.files.all()] == [True]


@pytest.mark.parametrize(("changes", "field"), [({"solution": ""}, "solution"), ({"maturity": "finished"}, "maturity")])
def test_a_response_without_what_it_needs_is_refused_at_the_field(registered, suppliers, changes, field):
    data = {"solution": "Sensorer", "maturity": "idea", **changes}
    with pytest.raises(DomainError) as refused:
        services.response_save(rfi=registered, by=suppliers["alfa"], expected_version=None, **data)
    assert refused.value.field == field


def test_only_registered_suppliers_respond(registered, suppliers, officers, people):
    for person in (suppliers["gamma"], officers["officer"], people["resident"]):
        with pytest.raises(PermissionDeniedError):
            services.response_save(rfi=registered, by=person, expected_version=None, solution="S", maturity="idea")


def test_the_officer_sees_questions_to_answer_and_the_supplier_responses_to_send(registered, suppliers, officers):
    from core.tasks_registry import task_groups

    services.question_ask(rfi=registered, by=suppliers["alfa"], text="Fråga")

    def lines(user) -> list[str]:
        return [line.url for group in task_groups(user) for line in group.lines]

    assert f"/procurement/rfi/{registered.pk}/work/" in lines(officers["officer"])
    assert f"/procurement/rfi/{registered.pk}/response/" in lines(suppliers["alfa"])
    assert f"/procurement/rfi/{registered.pk}/response/" not in lines(suppliers["gamma"])
    secret_response(registered, suppliers["alfa"])
    assert f"/procurement/rfi/{registered.pk}/response/" not in lines(suppliers["alfa"])


def test_the_responses_group_is_only_for_an_organisation_registered_in_an_open_request(registered, suppliers):
    from procurement.dialogue.todo import responses_to_send

    # Gamma is registered in no request: nothing to send, so no group (not "you have answered every request").
    assert responses_to_send(suppliers["gamma"]) is None
    group = responses_to_send(suppliers["alfa"])
    assert group is not None and [line.url for line in group.lines] == [f"/procurement/rfi/{registered.pk}/response/"]
    secret_response(registered, suppliers["alfa"])
    group = responses_to_send(suppliers["alfa"])
    assert group is not None and group.lines == [] and group.empty
    # Once the request has closed, the organisation is registered in no open request.
    Rfi.objects.filter(pk=registered.pk).update(
        questions_close_at=timezone.now() - timedelta(hours=2), responses_close_at=timezone.now() - timedelta(hours=1)
    )
    assert responses_to_send(suppliers["alfa"]) is None
    assert responses_to_send(suppliers["beta"]) is None
