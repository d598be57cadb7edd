"""The events' pages: who sees what, signed out and in, refusals shown plainly, the calendar file, the leads."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from spread.events import services
from spread.models import EventKind, RegistrationStatus
from tests.spread.events.conftest import make_event, started

pytestmark = pytest.mark.django_db


def test_signed_out_visitors_see_public_events_only(client, people, fair, public_fair):
    page = client.get(reverse("spread:events"))
    assert page.status_code == 200
    assert public_fair.title in page.text and fair.title not in page.text
    assert client.get(reverse("spread:event", args=[public_fair.pk])).status_code == 200
    assert client.get(reverse("spread:event", args=[fair.pk])).status_code == 404
    assert client.get(reverse("spread:event_ics", args=[fair.pk])).status_code == 404
    assert client.get(reverse("spread:event_register", args=[fair.pk])).status_code == 404


def test_the_public_event_page_holds_no_csrf_token_signed_out(client, public_fair):
    page = client.get(reverse("spread:event", args=[public_fair.pk]))
    assert "csrfmiddlewaretoken" not in page.text
    assert reverse("spread:event_register", args=[public_fair.pk]) in page.text


def test_a_resident_gets_404_for_an_internal_event_and_a_staff_member_sees_it(client, people, fair):
    client.force_login(people["resident"])
    assert client.get(reverse("spread:event", args=[fair.pk])).status_code == 404
    assert client.post(reverse("spread:event_register", args=[fair.pk])).status_code == 404
    client.force_login(people["employee"])
    assert client.get(reverse("spread:event", args=[fair.pk])).status_code == 200


@pytest.mark.parametrize("name", ["spread:event_create"])
def test_only_the_office_opens_the_office_pages(client, people, name):
    client.force_login(people["employee"])
    assert client.get(reverse(name)).status_code == 403
    client.force_login(people["office"])
    assert client.get(reverse(name)).status_code == 200


@pytest.mark.parametrize("name", ["spread:event_edit", "spread:event_cancel", "spread:event_attendance"])
def test_staff_who_are_not_the_office_are_refused_the_events_office_pages(client, people, fair, name):
    client.force_login(people["employee"])
    assert client.get(reverse(name, args=[fair.pk])).status_code == 403
    assert client.post(reverse(name, args=[fair.pk])).status_code == 403


def test_a_full_event_puts_the_next_on_the_waiting_list_and_says_so(client, people):
    event = make_event(by=people["office"], capacity=1)
    services.registration_create(event=event, by=people["colleague"])
    client.force_login(people["employee"])
    page = client.get(reverse("spread:event", args=[event.pk]))
    assert "waiting list" in page.text
    page = client.post(reverse("spread:event_register", args=[event.pk]), follow=True)
    assert "number 1 on the waiting list" in page.text
    assert event.registrations.get(person=people["employee"]).status == RegistrationStatus.WAITING


def test_registering_twice_or_after_the_start_is_refused_with_a_message(client, people, fair):
    client.force_login(people["employee"])
    client.post(reverse("spread:event_register", args=[fair.pk]))
    page = client.post(reverse("spread:event_register", args=[fair.pk]), follow=True)
    assert "already registered" in page.text
    started(fair)
    client.force_login(people["colleague"])
    page = client.post(reverse("spread:event_register", args=[fair.pk]), follow=True)
    assert "already started" in page.text
    assert not fair.registrations.filter(person=people["colleague"]).exists()


def test_a_visitor_with_a_bad_address_keeps_what_they_typed(client, public_fair):
    page = client.post(
        reverse("spread:event_register", args=[public_fair.pk]), {"name": "Vera Besökare", "email": "vera"}
    )
    assert page.status_code == 200
    assert "name@example.com" in page.text and 'value="Vera Besökare"' in page.text
    assert not public_fair.registrations.exists()


def test_the_calendar_file_downloads(client, people, public_fair):
    response = client.get(reverse("spread:event_ics", args=[public_fair.pk]))
    assert response["Content-Type"].startswith("text/calendar")
    assert b"BEGIN:VEVENT" in response.content and b"SUMMARY:" in response.content


def test_the_cancel_link_without_the_right_token_is_not_found(client, people, public_fair):
    registration = services.registration_create(event=public_fair, by=None, name="Vera", email="vera@example.com")
    assert client.get(reverse("spread:registration_cancel_token", args=[registration.pk, "wrong"])).status_code == 404


def test_someone_elses_registration_cannot_be_cancelled(client, people, fair):
    registration = services.registration_create(event=fair, by=people["employee"])
    client.force_login(people["colleague"])
    assert client.post(reverse("spread:registration_cancel", args=[registration.pk])).status_code == 404
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.REGISTERED


def test_the_leads_page_shows_ones_own_leads_and_nobody_elses_lead_opens(client, people, fair, example):
    exhibitor = services.exhibitor_apply(event=fair, example=example, by=people["employee"])
    stand = services.exhibitor_decide(exhibitor=exhibitor, by=people["office"], accept=True)
    lead = services.lead_create(exhibitor=stand, by=people["colleague"], note="Hur började ni?")
    client.force_login(people["employee"])
    page = client.get(reverse("spread:my_leads"))
    assert "Hur började ni?" in page.text and people["colleague"].email in page.text
    client.force_login(people["colleague"])
    assert "Hur började ni?" not in client.get(reverse("spread:my_leads")).text
    assert client.get(reverse("spread:lead_edit", args=[lead.pk])).status_code == 404


def test_the_list_shows_upcoming_first_and_pages_the_past(client, people):
    from spread.models import Event

    soon = make_event(by=people["office"], title="Snart", starts_in=timedelta(days=2))
    for n in range(25):
        past = make_event(by=people["office"], title=f"Förr {n:02}", kind=EventKind.MEETING)
        started(past, ago=timedelta(days=10 + n))
    client.force_login(people["employee"])
    page = client.get(reverse("spread:events"))
    assert page.text.index(soon.title) < page.text.index("Förr 00")
    assert "Förr 24" not in page.text
    assert "Förr 24" in client.get(reverse("spread:events") + "?page=2").text
    assert Event.objects.count() == 26


def test_the_event_page_asks_a_fixed_number_of_queries_however_many_stands(
    client, people, fair, example, django_assert_max_num_queries
):
    from spread.models import Example, ExampleStatus

    for n in range(8):
        other = Example.objects.create(
            title=f"Exempel {n}",
            owner=people["employee"],
            problem="p",
            what_was_done="w",
            effect="e",
            status=ExampleStatus.PUBLISHED,
        )
        services.exhibitor_decide(
            exhibitor=services.exhibitor_apply(event=fair, example=other, by=people["employee"]),
            by=people["office"],
            accept=True,
        )
    client.force_login(people["office"])
    with django_assert_max_num_queries(25):
        assert client.get(reverse("spread:event", args=[fair.pk])).status_code == 200


def test_the_kept_public_page_changes_at_once_when_someone_registers(client, people, public_fair):
    url = reverse("spread:event", args=[public_fair.pk])
    assert "0 of 2 taken" in client.get(url).text
    assert "0 of 2 taken" in client.get(url).text  # kept
    services.registration_create(event=public_fair, by=None, name="Vera", email="vera@example.com")
    assert "1 of 2 taken" in client.get(url).text


def test_the_owner_finds_the_withdraw_link_and_the_office_sees_the_application_withdrawn(client, people, fair, example):
    exhibitor = services.exhibitor_apply(event=fair, example=example, by=people["employee"])
    withdraw_url = reverse("spread:exhibitor_withdraw", args=[fair.pk, exhibitor.pk])
    client.force_login(people["colleague"])
    assert withdraw_url not in client.get(reverse("spread:event", args=[fair.pk])).text
    assert client.get(withdraw_url).status_code == 404
    client.force_login(people["employee"])
    page = client.get(reverse("spread:event", args=[fair.pk]))
    assert withdraw_url in page.text
    confirm = client.get(withdraw_url)
    assert confirm.status_code == 200 and example.title in confirm.text
    assert client.post(withdraw_url).status_code == 302
    page = client.get(reverse("spread:event", args=[fair.pk]))
    assert withdraw_url not in page.text
    assert reverse("spread:exhibitor_apply", args=[fair.pk]) in page.text
    client.force_login(people["office"])
    office_page = client.get(reverse("spread:event", args=[fair.pk]))
    assert "Nothing to decide: the owner withdrew it." in office_page.text or "drog tillbaka" in office_page.text
    assert reverse("spread:exhibitor_decide", args=[fair.pk, exhibitor.pk]) not in office_page.text


def test_withdrawing_after_the_fair_started_shows_why_and_no_button(client, people, fair, example):
    exhibitor = services.exhibitor_apply(event=fair, example=example, by=people["employee"])
    started(fair)
    client.force_login(people["employee"])
    withdraw_url = reverse("spread:exhibitor_withdraw", args=[fair.pk, exhibitor.pk])
    page = client.get(withdraw_url)
    assert page.status_code == 200 and '<form method="post"' not in page.text.split("</header>")[-1].split("<footer")[0]
    refused = client.post(withdraw_url)
    assert refused.status_code == 200 and "govuk-error-summary" in refused.text
