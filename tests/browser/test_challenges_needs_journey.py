"""A manager writes a need from complaints and sends it, the innovation office returns it with a comment, the
manager fixes it and sends it again, the office validates it and routes it: in Swedish, in Chromium. axe over the
needs pages in Swedish and English; screenshots at 1280 and 390 pixels wide."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from challenges.models import Need, NeedDecisionKind, NeedOrigin, NeedStatus, Route
from challenges.needs import services
from organisation.models import Role
from tests import factories
from tests.browser.conftest import sign_in
from tests.browser.test_accessibility import _violations
from tests.browser.test_tasks_journey import sign_in_as
from tests.challenges.conftest import routed_need, write_need

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = os.environ.get("SPRANG_SCREENSHOTS", "")


def _shoot(page, name: str) -> None:
    if not SHOTS:
        return
    Path(SHOTS).mkdir(parents=True, exist_ok=True)
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=f"{SHOTS}/needs-{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_a_manager_writes_a_need_the_office_returns_it_then_validates_and_routes_it(new_page, people):
    # Maria, Norra's manager, writes a need from complaints.
    page = new_page()
    sign_in(page, people["manager"].email)
    page.goto("/challenges/needs/")
    expect(page.locator("h1")).to_have_text("Behov")
    page.get_by_role("link", name="Beskriv ett behov").click()
    expect(page.locator("h1")).to_have_text("Beskriv ett behov")
    page.get_by_label("Behovets rubrik").fill("Långa köer till bygglov")
    page.get_by_label("Vem har problemet?").fill("Sökande som väntar på besked om bygglov.")
    page.get_by_label("Hur märks det?").fill("230 klagomål förra året om långa handläggningstider.")
    page.get_by_label("Vad vore ett bra resultat?").fill("Besked inom fyra veckor.")
    page.get_by_label("Klagomål och synpunkter").check()
    page.get_by_label("Adress till länk 1").fill("https://start.stockholm/klagomal")
    page.get_by_label("Vad länk 1 är").fill("Klagomål 2025")
    _shoot(page, "write")
    page.get_by_role("button", name="Spara som utkast").click()
    expect(page.locator("h1")).to_have_text("Långa köer till bygglov")
    need = Need.objects.get()
    assert (need.origin, need.status) == (NeedOrigin.COMPLAINTS, NeedStatus.DRAFT)
    page.get_by_role("button", name="Skicka för godkännande").click()
    expect(page.get_by_text("Behovet har skickats till innovationskontoret för godkännande.")).to_be_visible()
    _shoot(page, "sent")

    # Norra's innovation office finds it among its tasks and returns it.
    office = new_page()
    sign_in(office, people["office"].email)
    office.get_by_role("region", name="Dina uppgifter").get_by_role(
        "link", name="1 behov väntar på godkännande"
    ).click()
    expect(office.locator("h1")).to_have_text("Behov")
    office.get_by_role("link", name="Långa köer till bygglov").click()
    expect(office.locator("h1")).to_have_text("Långa köer till bygglov")
    office.get_by_role("link", name="Besluta om behovet").click()
    expect(office.locator("h1")).to_have_text("Besluta om behovet")
    office.get_by_label("Skicka tillbaka behovet med en kommentar").check()
    office.locator("main form button[type=submit]").click()
    # Without a comment: refused at the comment, nothing lost.
    expect(office.locator(".govuk-error-summary")).to_be_visible()
    office.get_by_label("Kommentar till dem som skrev behovet").fill("Skriv vad köerna kostar i dag.")
    _shoot(office, "return")
    office.locator("main form button[type=submit]").click()
    expect(office.get_by_text("Behovet har skickats tillbaka med din kommentar.")).to_be_visible()

    # Maria fixes it and sends it again.
    page.reload()
    expect(page.get_by_text("Skriv vad köerna kostar i dag.")).to_be_visible()
    page.get_by_role("link", name="Ändra behovet").first.click()
    expect(page.locator("h1")).to_have_text("Ändra behovet")
    page.get_by_label("Vad kostar det i dag?").fill("Omkring 3 miljoner kronor om året.")
    page.locator("main form button[type=submit]").click()
    expect(page.get_by_text("Behovet är sparat.")).to_be_visible()
    page.get_by_role("button", name="Skicka för godkännande").click()
    expect(page.get_by_text("Behovet har skickats till innovationskontoret för godkännande.")).to_be_visible()

    # The office validates it and routes it to a public challenge, with why.
    office.goto(f"/challenges/needs/{need.pk}/decide/")
    expect(office.locator("h1")).to_have_text("Besluta om behovet")
    # What is decided is above the form: open on a desktop.
    expect(office.locator("#need-essentials")).to_have_attribute("open", "")
    expect(office.locator("#need-essentials")).to_contain_text("Omkring 3 miljoner kronor om året.")
    office.get_by_label("Godkänn behovet och välj väg nu").check()
    office.get_by_label("En öppen utmaning").check()
    office.get_by_label("Varför den här vägen?").fill("Invånarna ser problemet från ett annat håll.")
    _shoot(office, "decide")
    office.locator("main form button[type=submit]").click()
    expect(office.get_by_text("Vägen är vald och sparad med din motivering.")).to_be_visible()
    expect(office.get_by_text("Invånarna ser problemet från ett annat håll.")).to_be_visible()
    _shoot(office, "routed")
    need.refresh_from_db()
    assert (need.status, need.route) == (NeedStatus.ROUTED, Route.PUBLIC_CHALLENGE)
    assert list(need.decisions.values_list("kind", flat=True)) == [
        NeedDecisionKind.SUBMITTED,
        NeedDecisionKind.RETURNED,
        NeedDecisionKind.SUBMITTED,
        NeedDecisionKind.VALIDATED,
        NeedDecisionKind.ROUTED,
    ]


def test_on_a_phone_a_long_need_is_folded_above_the_decision(new_page, people):
    need = write_need(people["manager"], how_it_shows="Handläggningstiden är 14 veckor. " * 40)
    services.need_submit(need=need, by=people["manager"], expected_version=need.version)
    office = new_page()
    office.set_viewport_size({"width": 390, "height": 844})
    sign_in(office, people["office"].email)
    office.goto(f"/challenges/needs/{need.pk}/decide/")
    essentials = office.locator("#need-essentials")
    expect(essentials).not_to_have_attribute("open", "")
    expect(office.get_by_label("Godkänn behovet och välj väg nu")).to_be_in_viewport()
    office.get_by_text(f"Behovet: {need.title}").click()
    expect(essentials).to_have_attribute("open", "")
    expect(essentials).to_contain_text(need.good_outcome)
    _shoot(office, "decide-long")


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_needs_pages_have_no_wcag_aa_violations(browser, live_server, people, tree, language):
    manager, office = people["manager"], people["office"]
    draft = write_need(manager, title="Trasiga hissar", links=[("https://start.stockholm/hissar", "Felanmälningar")])
    waiting = write_need(manager, title="Snöröjning vid förskolorna")
    services.need_submit(need=waiting, by=manager, expected_version=waiting.version)
    routed = routed_need(writer=manager, office=office, route=Route.OPENLAB)
    south = factories.person(unit=tree["SDF-S"], role=Role.MANAGER, name="Sara Södra")
    services.same_need_report(need=routed, by=south, unit=tree["SDF-S"], note="Samma hos oss.")
    pages = {
        manager: [
            "/challenges/needs/",
            "/challenges/needs/?q=hiss",
            "/challenges/needs/new/",
            draft.get_absolute_url(),
            f"/challenges/needs/{draft.pk}/edit/",
            routed.get_absolute_url(),
        ],
        office: ["/challenges/needs/?status=submitted", f"/challenges/needs/{waiting.pk}/decide/"],
        south: [f"/challenges/needs/{waiting.pk}/same/", "/challenges/needs/?q=ingenting"],
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
            if person == manager:
                page.goto("/challenges/needs/new/")
                page.locator("main form button[type=submit]").click()
                expect(page.locator(".govuk-error-summary")).to_be_visible()
                problems += _violations(page, f"{person.name}/{language} new, errors")
        finally:
            context.close()
    assert problems == [], "\n".join(problems)
