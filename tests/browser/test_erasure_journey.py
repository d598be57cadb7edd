"""A resident asks to have their account removed, the city's innovation office confirms; another is refused, sees
why and asks again: in Swedish, in Chromium. A partner outside the city reaches the page. axe over the pages in
Swedish and English; screenshots at 1280 and 390 pixels wide, in both languages, to look at."""

from __future__ import annotations

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from organisation.models import ErasureRequest, User
from organisation.services import erasure_refuse, erasure_request
from spread.models import NetworkKind
from spread.networks import services as networks
from tests.browser.conftest import sign_in
from tests.browser.test_accessibility import _violations
from tests.browser.test_tasks_journey import sign_in_as

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path("/tmp/sprang-erasure-shots")  # noqa: S108 - screenshots to look at, outside the repository
#: Scrolls sideways: the page is wider than the window.
WIDER = "() => document.documentElement.scrollWidth > document.documentElement.clientWidth"


def _shoot(page, name: str) -> None:
    """Screenshots at 1280 and 390 pixels wide; at neither does the page scroll sideways."""
    SHOTS.mkdir(exist_ok=True)
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)
        assert not page.evaluate(WIDER), f"{name} scrolls sideways at {width} px"
    page.set_viewport_size({"width": 1280, "height": 900})


def _partner(people):
    region = networks.network_create(
        by=people["office"], name="Regionens nätverk", kind=NetworkKind.OPEN, description="Med grannkommunerna."
    )
    _invitation, token = networks.invitation_send(network=region, by=people["office"], email="eva@uppsala.se")
    return networks.invitation_accept_new_account(token=token, name="Eva Ek", password="a-long-test-password")


def test_a_resident_asks_and_the_innovation_office_confirms(new_page, people):
    resident = people["resident"]
    page = new_page()
    sign_in(page, resident.email)
    page.goto("/profile/")
    page.get_by_role("link", name="Be om att få ditt konto borttaget").click()
    expect(page.locator("h1")).to_have_text("Ta bort ditt konto")
    expect(page.get_by_text("Det här sparas, utan ditt namn")).to_be_visible()
    page.get_by_role("button", name="Be om att få mitt konto borttaget").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    page.get_by_label("Jag förstår att mitt konto tas bort").check()
    page.get_by_role("button", name="Be om att få mitt konto borttaget").click()
    expect(page.get_by_text("Din begäran är skickad")).to_be_visible()
    request = ErasureRequest.objects.get()

    office = new_page()
    sign_in(office, people["director"].email)
    office.goto("/people/erasure-requests/")
    expect(office.locator("h1")).to_have_text("Begäranden om att ta bort konton")
    office.get_by_role("link", name="Besluta Rut Invånare").click()
    expect(office.get_by_text("Det här kan inte ångras")).to_be_visible()
    office.get_by_label("Jag förstår att borttagningen av kontot inte kan ångras").check()
    office.get_by_role("button", name="Ta bort kontot").click()
    expect(office.get_by_text("Kontot är borttaget")).to_be_visible()
    expect(office.get_by_role("cell", name="En tidigare deltagare")).to_be_visible()
    request.refresh_from_db()
    assert request.outcome == "erased"
    assert User.objects.get(pk=resident.pk).is_erased

    # The resident's session has ended.
    page.goto("/profile/")
    assert "/account/login/" in page.url


def test_a_resident_is_refused_sees_why_and_asks_again(new_page, people):
    resident = people["resident"]
    page = new_page()
    sign_in(page, resident.email)
    page.goto("/profile/")
    page.get_by_role("link", name="Be om att få ditt konto borttaget").click()
    expect(page.get_by_text("dina kommentarer på idéer, dina egna och andras")).to_be_visible()
    page.get_by_label("Jag förstår att mitt konto tas bort").check()
    page.get_by_role("button", name="Be om att få mitt konto borttaget").click()
    expect(page.get_by_text("Innovationskontoret beslutar och ger dig besked")).to_be_visible()
    expect(page.get_by_role("button", name="Be om att få mitt konto borttaget")).to_have_count(0)
    page.goto("/profile/")
    expect(page.get_by_text("Innovationskontoret beslutar och ger dig besked")).to_be_visible()
    expect(page.get_by_role("link", name="Be om att få ditt konto borttaget")).to_have_count(0)

    office = new_page()
    sign_in(office, people["director"].email)
    office.goto("/people/erasure-requests/")
    office.get_by_role("link", name="Besluta Rut Invånare").click()
    expect(office.get_by_text("Det här är personens första begäran.")).to_be_visible()
    office.get_by_label("Varför kontot inte tas bort").fill("Du har en ansökan som handläggs just nu.")
    office.get_by_role("button", name="Avslå begäran").click()
    expect(office.get_by_text("Begäran är avslagen")).to_be_visible()
    _shoot(office, "requests-sv")

    page.goto("/notifications/")
    expect(page.get_by_text("Ditt konto tas inte bort: Du har en ansökan som handläggs just nu.")).to_be_visible()
    page.goto("/profile/")
    expect(page.get_by_text("beslutade innovationskontoret att inte ta bort ditt konto")).to_be_visible()
    expect(page.get_by_text("Du har en ansökan som handläggs just nu.")).to_be_visible()
    _shoot(page, "profile-refused-sv")
    page.get_by_role("link", name="Be igen om att få ditt konto borttaget").click()
    _shoot(page, "ask-again-sv")
    page.get_by_label("Jag förstår att mitt konto tas bort").check()
    page.get_by_role("button", name="Be igen om att få mitt konto borttaget").click()
    expect(page.get_by_text("Din begäran är skickad")).to_be_visible()

    office.goto("/people/erasure-requests/")
    office.get_by_role("link", name="Besluta Rut Invånare").click()
    earlier = office.get_by_role("table")
    expect(earlier.get_by_role("cell", name="Du har en ansökan som handläggs just nu.")).to_be_visible()
    expect(earlier.get_by_role("cell", name=people["director"].name)).to_be_visible()
    _shoot(office, "decide-with-history-sv")
    assert ErasureRequest.objects.filter(person=resident).count() == 2


def test_a_partner_outside_the_city_reaches_the_page(new_page, people):
    partner = _partner(people)
    page = new_page()
    sign_in(page, partner.email)
    page.goto("/profile/")
    page.get_by_role("link", name="Be om att få ditt konto borttaget").click()
    expect(page.locator("h1")).to_have_text("Ta bort ditt konto")
    page.get_by_label("Jag förstår att mitt konto tas bort").check()
    page.get_by_role("button", name="Be om att få mitt konto borttaget").click()
    expect(page.get_by_text("Din begäran är skickad")).to_be_visible()
    assert ErasureRequest.objects.get().person == partner


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_erasure_pages_have_no_wcag_aa_violations(browser, live_server, people, language):
    refused = erasure_refuse(
        request=erasure_request(person=people["supplier"]), by=people["director"], reason="Ett avtal pågår."
    )
    waiting = erasure_request(person=people["supplier"])
    erasure_request(person=people["resident"])
    partner = _partner(people)
    pages = {
        people["resident"]: ["/people/remove-account/", "/profile/"],  # waiting
        people["supplier"]: ["/people/remove-account/", "/profile/"],  # waiting, refused before
        people["employee"]: ["/people/remove-account/"],  # may not ask
        partner: ["/people/remove-account/", "/profile/"],
        people["director"]: [
            "/people/erasure-requests/",
            f"/people/erasure-requests/{waiting.pk}/",
            f"/people/erasure-requests/{refused.pk}/",
        ],
    }
    problems = []
    for person, paths in pages.items():
        context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
        context.set_default_timeout(10_000)
        context.add_init_script(Axe().axe_script)
        context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
        page = context.new_page()
        try:
            sign_in_as(page, person.email, language)
            for path in paths:
                response = page.goto(path)
                assert response.status == 200, path
                assert f'<html lang="{language}"' in page.content()
                problems += _violations(page, f"{person.name}/{language} {path}")
            if person == partner:
                page.goto("/people/remove-account/")
                page.locator("main form:has([name=understood]) button").click()
                expect(page.locator(".govuk-error-summary")).to_be_visible()
                problems += _violations(page, f"{person.name}/{language} ask, errors")
            if person == people["director"]:
                page.goto(f"/people/erasure-requests/{waiting.pk}/")
                page.locator("button[name=refuse]").click()
                expect(page.locator(".govuk-error-summary")).to_be_visible()
                problems += _violations(page, f"{person.name}/{language} refuse, errors")
                page.goto("/people/erasure-requests/")
                _shoot(page, f"requests-{language}")
                page.goto(f"/people/erasure-requests/{waiting.pk}/")
                _shoot(page, f"decide-{language}")
        finally:
            context.close()
    assert problems == [], "\n".join(problems)
