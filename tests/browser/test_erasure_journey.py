"""A resident asks to have their account removed, the city's innovation office confirms: in Swedish, in Chromium.
axe over the new pages in Swedish and English."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from organisation.models import ErasureRequest, User
from organisation.services import erasure_request
from tests.browser.conftest import sign_in
from tests.browser.test_accessibility import _violations
from tests.browser.test_tasks_journey import sign_in_as

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


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


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_erasure_pages_have_no_wcag_aa_violations(browser, live_server, people, language):
    waiting = erasure_request(person=people["supplier"])
    pages = {
        people["resident"]: ["/people/remove-account/"],
        people["supplier"]: ["/people/remove-account/"],  # already asked
        people["employee"]: ["/people/remove-account/"],  # may not ask
        people["director"]: ["/people/erasure-requests/", f"/people/erasure-requests/{waiting.pk}/"],
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
            if person == people["resident"]:
                page.locator("main form button").click()
                expect(page.locator(".govuk-error-summary")).to_be_visible()
                problems += _violations(page, f"{person.name}/{language} ask, errors")
            if person == people["director"]:
                page.locator("button[name=refuse]").click()
                expect(page.locator(".govuk-error-summary")).to_be_visible()
                problems += _violations(page, f"{person.name}/{language} refuse, errors")
        finally:
            context.close()
    assert problems == [], "\n".join(problems)
