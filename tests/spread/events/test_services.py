"""Events through their services: setting up, registering and the waiting list, exhibitors, attendance, leads."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from core.errors import ConflictError, DomainError, ErrorCode, PermissionDeniedError
from core.models import Notification
from organisation.models import PersonKind
from spread.events import services
from spread.models import (
    Adoption,
    EventKind,
    ExhibitorStatus,
    LeadStatus,
    Registration,
    RegistrationStatus,
)
from tests import factories
from tests.spread.events.conftest import make_event, started

pytestmark = pytest.mark.django_db


def test_the_office_and_the_director_set_up_events_and_nobody_else(people):
    for who in ("office", "director"):
        assert make_event(by=people[who]).organiser == people[who]
    for who in ("employee", "manager", "coach", "resident"):
        with pytest.raises(PermissionDeniedError):
            make_event(by=people[who])


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"title": " "}, "title"),
        ({"description": ""}, "description"),
        ({"place": ""}, "place"),
        ({"capacity": 0}, "capacity"),
        ({"online_url": "not a link"}, "online_url"),
    ],
)
def test_an_event_missing_what_it_needs_is_refused_at_the_field(people, fields, field):
    with pytest.raises(DomainError) as refused:
        make_event(by=people["office"], **fields)
    assert refused.value.field == field


def test_an_event_ending_before_it_starts_or_in_the_past_is_refused(people):
    now = timezone.now()
    with pytest.raises(DomainError) as refused:
        services.event_create(
            by=people["office"],
            kind=EventKind.MEETING,
            title="Möte",
            description="Om något.",
            starts_at=now + timedelta(days=2),
            ends_at=now + timedelta(days=1),
            capacity=5,
            place="Rum 1",
        )
    assert refused.value.field == "ends_at"
    with pytest.raises(DomainError) as refused:
        make_event(by=people["office"], starts_in=-timedelta(hours=1))
    assert refused.value.field == "starts_at"


def test_an_online_only_event_needs_no_place(people):
    event = make_event(by=people["office"], place="", online_url="https://meet.example.se/abc")
    assert event.place == "" and event.online_url


def test_registering_fills_the_places_then_the_waiting_list_never_over_capacity(people, fair):
    first = services.registration_create(event=fair, by=people["employee"])
    second = services.registration_create(event=fair, by=people["colleague"])
    third = services.registration_create(event=fair, by=people["manager"])
    fourth = services.registration_create(event=fair, by=people["coach"])
    assert [r.status for r in (first, second, third, fourth)] == [
        RegistrationStatus.REGISTERED,
        RegistrationStatus.REGISTERED,
        RegistrationStatus.WAITING,
        RegistrationStatus.WAITING,
    ]
    assert Registration.objects.filter(event=fair, status=RegistrationStatus.REGISTERED).count() == fair.capacity
    assert services.waiting_position(third) == 1 and services.waiting_position(fourth) == 2


def test_cancelling_a_place_moves_the_first_waiting_up_and_tells_them(
    people, fair, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        mine = services.registration_create(event=fair, by=people["employee"])
        services.registration_create(event=fair, by=people["colleague"])
        waiting = services.registration_create(event=fair, by=people["manager"])
        services.registration_create(event=fair, by=people["coach"])
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(registration=mine, by=people["employee"])
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.REGISTERED
    assert Registration.objects.filter(event=fair, status=RegistrationStatus.WAITING).count() == 1
    assert [m.to for m in mailoutbox] == [[people["manager"].email]]
    assert mailoutbox[0].attachments[0][0] == "event.ics"
    assert Notification.objects.filter(recipient=people["manager"], url=fair.get_absolute_url()).exists()


def test_leaving_the_waiting_list_moves_nobody(people, fair):
    for who in ("employee", "colleague"):
        services.registration_create(event=fair, by=people[who])
    waiting = services.registration_create(event=fair, by=people["manager"])
    last = services.registration_create(event=fair, by=people["coach"])
    services.registration_cancel(registration=waiting, by=people["manager"])
    last.refresh_from_db()
    assert last.status == RegistrationStatus.WAITING
    assert services.waiting_position(last) == 1


def test_registering_twice_is_refused(people, fair):
    services.registration_create(event=fair, by=people["employee"])
    with pytest.raises(DomainError) as refused:
        services.registration_create(event=fair, by=people["employee"])
    assert refused.value.code == ErrorCode.ALREADY_ASKED


def test_registering_again_after_cancelling_is_allowed(people, fair):
    first = services.registration_create(event=fair, by=people["employee"])
    services.registration_cancel(registration=first, by=people["employee"])
    again = services.registration_create(event=fair, by=people["employee"])
    assert again.status == RegistrationStatus.REGISTERED


def test_registering_after_the_event_started_is_refused(people, fair):
    started(fair)
    with pytest.raises(DomainError) as refused:
        services.registration_create(event=fair, by=people["employee"])
    assert refused.value.code == ErrorCode.LATE
    assert "already started" in refused.value.message


def test_registering_for_a_cancelled_event_is_refused(people, fair):
    services.event_cancel(event=fair, by=people["office"], expected_version=fair.version)
    with pytest.raises(DomainError) as refused:
        services.registration_create(event=fair, by=people["employee"])
    assert refused.value.code == ErrorCode.CLOSED


def test_someone_outside_the_city_registers_only_for_a_public_event(people, fair, public_fair):
    with pytest.raises(PermissionDeniedError):
        services.registration_create(event=fair, by=people["resident"])
    with pytest.raises(DomainError):
        services.registration_create(event=fair, by=None, name="Vera Besökare", email="vera@example.com")
    registration = services.registration_create(event=public_fair, by=people["resident"])
    assert registration.person == people["resident"]
    visitor = services.registration_create(event=public_fair, by=None, name="Vera Besökare", email="Vera@Example.com")
    assert visitor.person is None and visitor.email == "vera@example.com"


@pytest.mark.parametrize(("name", "email", "field"), [("", "vera@example.com", "name"), ("Vera", "vera", "email")])
def test_a_visitor_without_a_name_or_a_valid_email_is_refused_at_the_field(public_fair, name, email, field):
    with pytest.raises(DomainError) as refused:
        services.registration_create(event=public_fair, by=None, name=name, email=email)
    assert refused.value.field == field


def test_a_visitor_cancels_with_the_link_in_the_mail_and_not_with_a_wrong_one(
    public_fair, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        visitor = services.registration_create(event=public_fair, by=None, name="Vera", email="vera@example.com")
    body = mailoutbox[0].body
    link = next(line for line in body.splitlines() if "/cancel/" in line)
    token = link.rstrip("/").rsplit("/", 1)[1]
    with pytest.raises(PermissionDeniedError):
        services.registration_cancel(registration=visitor, by=None, token="wrong")
    services.registration_cancel(registration=visitor, by=None, token=token)
    visitor.refresh_from_db()
    assert visitor.status == RegistrationStatus.CANCELLED


def test_only_the_person_or_the_office_cancels_a_registration(people, fair):
    registration = services.registration_create(event=fair, by=people["employee"])
    with pytest.raises(PermissionDeniedError):
        services.registration_cancel(registration=registration, by=people["colleague"])
    services.registration_cancel(registration=registration, by=people["office"])
    with pytest.raises(DomainError) as refused:
        services.registration_cancel(registration=registration, by=people["office"])
    assert refused.value.code == ErrorCode.STATE


def test_the_confirmation_mail_has_the_calendar_file_the_waiting_list_mail_its_place(
    people, mailoutbox, django_capture_on_commit_callbacks
):
    event = make_event(by=people["office"], capacity=1)
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_create(event=event, by=people["employee"])
        services.registration_create(event=event, by=people["colleague"])
    placed, waiting = mailoutbox
    name, content, mimetype = placed.attachments[0]
    assert (name, mimetype) == ("event.ics", "text/calendar; charset=utf-8")
    assert "BEGIN:VEVENT" in content and f"UID:event-{event.pk}@" in content
    assert waiting.attachments == []
    assert "1" in waiting.body and event.title in waiting.subject


def test_more_places_move_the_waiting_list_up_and_fewer_than_taken_is_refused(people, fair):
    for who in ("employee", "colleague", "manager", "coach"):
        services.registration_create(event=fair, by=people[who])
    with pytest.raises(DomainError) as refused:
        services.event_update(event=fair, by=people["office"], expected_version=fair.version, capacity=1)
    assert refused.value.field == "capacity"
    fair = services.event_update(event=fair, by=people["office"], expected_version=fair.version, capacity=3)
    assert Registration.objects.filter(event=fair, status=RegistrationStatus.REGISTERED).count() == 3
    assert Registration.objects.filter(event=fair, status=RegistrationStatus.WAITING).count() == 1


def test_a_stale_version_is_refused_and_nothing_is_overwritten(people, fair):
    services.event_update(event=fair, by=people["office"], expected_version=fair.version, title="Ny titel")
    with pytest.raises(ConflictError):
        services.event_update(event=fair, by=people["director"], expected_version=fair.version, title="Annan titel")
    fair.refresh_from_db()
    assert fair.title == "Ny titel"


def test_cancelling_an_event_tells_everyone_registered_or_waiting(
    people, mailoutbox, django_capture_on_commit_callbacks
):
    event = make_event(by=people["office"], capacity=1)
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_create(event=event, by=people["employee"])
        services.registration_create(event=event, by=people["colleague"])
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.event_cancel(event=event, by=people["office"], expected_version=event.version)
    assert sorted(m.to[0] for m in mailoutbox) == sorted([people["employee"].email, people["colleague"].email])
    assert "STATUS:CANCELLED" in mailoutbox[0].attachments[0][1]


# --- exhibitors ----------------------------------------------------------------------------------


def test_the_owner_applies_to_exhibit_and_the_office_accepts(people, fair, example):
    exhibitor = services.exhibitor_apply(event=fair, example=example, by=people["employee"], message="Vi tar med lås.")
    assert Notification.objects.filter(recipient=people["office"]).exists()
    with pytest.raises(PermissionDeniedError):
        services.exhibitor_decide(exhibitor=exhibitor, by=people["employee"], accept=True)
    exhibitor = services.exhibitor_decide(exhibitor=exhibitor, by=people["director"], accept=True)
    assert exhibitor.status == ExhibitorStatus.ACCEPTED and exhibitor.decided_by == people["director"]
    assert Notification.objects.filter(recipient=people["employee"], message__contains=example.title).exists()


def test_exhibiting_is_refused_to_others_twice_and_outside_a_fair(people, fair, example):
    with pytest.raises(PermissionDeniedError):
        services.exhibitor_apply(event=fair, example=example, by=people["colleague"])
    services.exhibitor_apply(event=fair, example=example, by=people["employee"])
    with pytest.raises(DomainError) as refused:
        services.exhibitor_apply(event=fair, example=example, by=people["employee"])
    assert refused.value.code == ErrorCode.ALREADY_ASKED
    meeting = make_event(by=people["office"], kind=EventKind.MEETING)
    with pytest.raises(DomainError) as refused:
        services.exhibitor_apply(event=meeting, example=example, by=people["employee"])
    assert refused.value.code == ErrorCode.INELIGIBLE


def test_the_owner_withdraws_before_the_fair_the_office_is_told_and_the_owner_may_apply_again(people, fair, example):
    exhibitor = services.exhibitor_apply(event=fair, example=example, by=people["employee"], message="Lås.")
    exhibitor = services.exhibitor_decide(exhibitor=exhibitor, by=people["director"], accept=True)
    for who in ("colleague", "office", "director"):
        with pytest.raises(PermissionDeniedError):
            services.exhibitor_withdraw(exhibitor=exhibitor, by=people[who])
    Notification.objects.all().delete()  # what applying and deciding told them
    withdrawn = services.exhibitor_withdraw(exhibitor=exhibitor, by=people["employee"])
    assert withdrawn.status == ExhibitorStatus.WITHDRAWN
    told = Notification.objects.filter(url__endswith="#exhibitors")
    assert {n.recipient for n in told} == {people["office"], people["director"]}
    with pytest.raises(DomainError) as refused:
        services.exhibitor_withdraw(exhibitor=exhibitor, by=people["employee"])
    assert refused.value.code == ErrorCode.STATE
    with pytest.raises(DomainError) as refused:
        services.exhibitor_decide(exhibitor=exhibitor, by=people["office"], accept=True)
    assert refused.value.code == ErrorCode.STATE
    again = services.exhibitor_apply(event=fair, example=example, by=people["employee"], message="Igen.")
    assert again.pk == exhibitor.pk
    assert (again.status, again.message, again.decided_by, again.decided_at) == (
        ExhibitorStatus.APPLIED,
        "Igen.",
        None,
        None,
    )


def test_withdrawing_is_recorded_in_the_audit_trail(people, fair, example):
    from auditlog.models import LogEntry

    exhibitor = services.exhibitor_apply(event=fair, example=example, by=people["employee"])
    services.exhibitor_withdraw(exhibitor=exhibitor, by=people["employee"])
    entry = LogEntry.objects.get_for_object(exhibitor).filter(action=LogEntry.Action.UPDATE).latest("timestamp")
    assert entry.actor == people["employee"]
    assert entry.changes_dict["status"] == ["applied", "withdrawn"]


def test_no_withdrawing_once_the_fair_started_or_when_declined(people, fair, example):
    exhibitor = services.exhibitor_apply(event=fair, example=example, by=people["employee"])
    services.exhibitor_decide(exhibitor=exhibitor, by=people["office"], accept=False)
    with pytest.raises(DomainError) as refused:
        services.exhibitor_withdraw(exhibitor=exhibitor, by=people["employee"])
    assert refused.value.code == ErrorCode.STATE
    services.exhibitor_decide(exhibitor=exhibitor, by=people["office"], accept=True)
    started(fair)
    with pytest.raises(DomainError) as refused:
        services.exhibitor_withdraw(exhibitor=exhibitor, by=people["employee"])
    assert refused.value.code == ErrorCode.CLOSED


# --- attendance and leads ------------------------------------------------------------------------


def test_the_office_marks_attendance_after_the_event_started(people, fair):
    present = services.registration_create(event=fair, by=people["employee"])
    absent = services.registration_create(event=fair, by=people["colleague"])
    with pytest.raises(DomainError):
        services.attendance_mark(event=fair, by=people["office"], attended=[present.pk])
    started(fair)
    with pytest.raises(PermissionDeniedError):
        services.attendance_mark(event=fair, by=people["employee"], attended=[present.pk])
    services.attendance_mark(event=fair, by=people["office"], attended=[present.pk])
    present.refresh_from_db()
    absent.refresh_from_db()
    assert present.attended is True and absent.attended is False


def _stand(people, fair, example):
    exhibitor = services.exhibitor_apply(event=fair, example=example, by=people["employee"])
    return services.exhibitor_decide(exhibitor=exhibitor, by=people["office"], accept=True)


def test_a_visitor_wants_to_know_more_and_the_owner_follows_it_up_into_an_adoption(people, fair, example):
    stand = _stand(people, fair, example)
    lead = services.lead_create(exhibitor=stand, by=people["colleague"], note="Hur började ni?")
    assert (lead.person, lead.unit, lead.status) == (people["colleague"], people["colleague"].unit, LeadStatus.NEW)
    assert Notification.objects.filter(recipient=people["employee"], message__contains="Kalle").exists()
    with pytest.raises(PermissionDeniedError):
        services.lead_update(lead=lead, by=people["colleague"], status=LeadStatus.CONTACTED)
    services.lead_update(lead=lead, by=people["employee"], status=LeadStatus.CONTACTED)
    with pytest.raises(DomainError) as refused:
        services.lead_update(lead=lead, by=people["employee"], status=LeadStatus.ADOPTING)
    assert refused.value.field == "adoption"
    adoption = Adoption.objects.create(
        example=example, unit=people["colleague"].unit, started_by=people["colleague"], start_date=timezone.now().date()
    )
    lead = services.lead_update(lead=lead, by=people["employee"], status=LeadStatus.ADOPTING, adoption=adoption)
    assert lead.adoption == adoption


def test_the_exhibitor_notes_a_visitors_interest(people, fair, example):
    stand = _stand(people, fair, example)
    lead = services.lead_create(exhibitor=stand, by=people["employee"], name="Vera Besökare", email="vera@example.com")
    assert lead.person is None and lead.email == "vera@example.com"
    with pytest.raises(PermissionDeniedError):
        services.lead_create(exhibitor=stand, by=people["colleague"], name="Någon", email="nagon@example.com")
    with pytest.raises(DomainError) as refused:
        services.lead_create(exhibitor=stand, by=people["employee"])
    assert refused.value.field == "name"


def test_a_lead_needs_an_accepted_stand(people, fair, example):
    exhibitor = services.exhibitor_apply(event=fair, example=example, by=people["employee"])
    with pytest.raises(DomainError):
        services.lead_create(exhibitor=exhibitor, by=people["colleague"])


def test_an_adoption_of_another_example_is_refused(people, fair, example):
    from spread.models import Example

    other = Example.objects.create(title="Annat", owner=people["colleague"], problem="p", what_was_done="w", effect="e")
    adoption = Adoption.objects.create(
        example=other, unit=people["manager"].unit, started_by=people["manager"], start_date=timezone.now().date()
    )
    lead = services.lead_create(exhibitor=_stand(people, fair, example), by=people["colleague"])
    with pytest.raises(DomainError) as refused:
        services.lead_update(lead=lead, by=people["employee"], status=LeadStatus.ADOPTING, adoption=adoption)
    assert refused.value.field == "adoption"


def test_a_networks_members_from_outside_see_and_register_for_the_networks_event(people):
    from spread.models import Membership, Network

    outsider = factories.person(kind=PersonKind.RESIDENT, name="Extern Expert")
    network = Network.objects.create(
        name="Nätverket", kind="open", description="Med medlemmar utifrån.", owner=people["coach"]
    )
    Membership.objects.create(network=network, person=outsider)
    event = make_event(by=people["office"], kind=EventKind.NETWORK, network=network)
    other = make_event(by=people["office"])
    assert services.registration_create(event=event, by=outsider).status == RegistrationStatus.REGISTERED
    with pytest.raises(PermissionDeniedError):
        services.registration_create(event=other, by=outsider)
