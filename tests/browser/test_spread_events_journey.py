"""The good-examples fair in Chromium, in Swedish: a staff member registers and gets a place (the next one is put
on the waiting list), the innovation office marks who came. axe checks the events' pages in Swedish and English."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from playwright.sync_api import expect

from spread.events import services
from spread.models import RegistrationStatus
from tests.browser.conftest import sign_in
from tests.browser.test_unit_import_journey import _violations, axe_page  # noqa: F401 - the fixture is used
from tests.spread.events.conftest import example, make_event, started  # noqa: F401 - a fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path("/tmp/sprang-events-shots")  # noqa: S108 - screenshots to look at, outside the repository


def _shoot(page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_a_staff_member_registers_for_the_fair_and_the_office_marks_attendance(axe_page, people):  # noqa: F811
    fair = make_event(by=people["office"], capacity=1, title="Goda exempelmässan våren")
    page = axe_page("sv")
    sign_in(page, people["employee"].email)
    page.goto("/spread/events/")
    page.get_by_role("link", name="Goda exempelmässan våren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Goda exempelmässan våren")
    expect(page.get_by_text("1 plats kvar.")).to_be_visible()
    _shoot(page, "event-before")
    page.get_by_role("button", name="Anmäl dig").click()
    expect(page.get_by_text("Du har en plats. En bekräftelse med en kalenderfil")).to_be_visible()
    expect(page.get_by_text("Du har en plats.", exact=True)).to_be_visible()
    _shoot(page, "event-registered")
    registration = fair.registrations.get(person=people["employee"])
    assert registration.status == RegistrationStatus.REGISTERED

    # A colleague comes too late for a place: the waiting list.
    other = axe_page("sv")
    sign_in(other, people["colleague"].email)
    other.goto(f"/spread/events/{fair.pk}/")
    other.get_by_role("button", name="Ställ dig på väntelistan").click()
    expect(other.get_by_text("Evenemanget är fullt: du är nummer 1 på väntelistan")).to_be_visible()

    # The day of the fair: the office ticks who came.
    started(fair)
    office = axe_page("sv")
    sign_in(office, people["office"].email)
    office.goto(f"/spread/events/{fair.pk}/")
    office.get_by_role("link", name="Markera vilka som kom").click()
    expect(office.get_by_role("heading", level=1)).to_have_text("Markera vilka som kom")
    office.get_by_label(people["employee"].name).check()
    _shoot(office, "attendance")
    office.get_by_role("button", name="Spara närvaron").click()
    expect(office.get_by_text("Närvaron är sparad: 1 av 1 kom.")).to_be_visible()
    registration.refresh_from_db()
    assert registration.attended is True


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_events_pages_pass_axe(axe_page, people, example, language):  # noqa: F811
    fair = make_event(by=people["office"], capacity=1, is_public=True, starts_in=timedelta(days=10))
    exhibitor = services.exhibitor_apply(event=fair, example=example, by=people["employee"])
    services.exhibitor_decide(exhibitor=exhibitor, by=people["office"], accept=True)
    services.registration_create(event=fair, by=people["colleague"])
    lead = services.lead_create(exhibitor=exhibitor, by=people["colleague"], note="Hur började ni?")
    problems: list[str] = []

    anonymous = axe_page(language)
    for url in ("/spread/events/", f"/spread/events/{fair.pk}/", f"/spread/events/{fair.pk}/register/"):
        anonymous.goto(url)
        problems += _violations(anonymous, f"anonymous {url}")

    owner = axe_page(language)
    _sign_in(owner, people["employee"].email)
    for url in (
        f"/spread/events/{fair.pk}/",
        f"/spread/events/{fair.pk}/exhibit/",
        f"/spread/events/{fair.pk}/exhibitors/{exhibitor.pk}/interest/",
        f"/spread/events/{fair.pk}/exhibitors/{exhibitor.pk}/withdraw/",
        "/spread/events/leads/",
        f"/spread/events/leads/{lead.pk}/",
    ):
        owner.goto(url)
        problems += _violations(owner, f"owner {url}")

    office = axe_page(language)
    _sign_in(office, people["office"].email)
    for url in (
        "/spread/events/new/",
        f"/spread/events/{fair.pk}/",
        f"/spread/events/{fair.pk}/edit/",
        f"/spread/events/{fair.pk}/cancel/",
    ):
        office.goto(url)
        problems += _violations(office, f"office {url}")
    office.goto("/spread/events/new/")
    office.locator("main form[novalidate] button[type=submit]").click()  # sent empty: the errors
    office.locator(".govuk-error-summary").wait_for()
    problems += _violations(office, "office /spread/events/new/ with errors")
    started(fair)
    office.goto(f"/spread/events/{fair.pk}/attendance/")
    problems += _violations(office, "office attendance")
    assert problems == []


def _sign_in(page, email: str) -> None:
    page.goto("/account/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", "a-long-test-password")
    page.locator("form:has(input[name=login]) button[type=submit]").click()
    page.wait_for_url("**/")
