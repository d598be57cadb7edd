"""In Chromium, in Swedish: the innovation office publishes an idea that has been put into practice as a good
example, a colleague finds it by searching another form of a word; axe over the library, an example, the form
and the confirmation in Swedish and English, with screenshots at 1280 and 390 pixels."""

from __future__ import annotations

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from spread.examples import services
from spread.models import Example
from tests.browser.conftest import sign_in
from tests.browser.test_accessibility import _violations
from tests.spread.examples.conftest import TEXTS, implemented_idea

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


def test_the_office_publishes_an_example_and_a_colleague_finds_it(new_page, people):
    idea = implemented_idea(people, title="Elcyklar i hemtjänsten")
    page = new_page()
    page.set_default_timeout(30_000)
    sign_in(page, people["office"].email)
    page.goto(f"/ideas/{idea.pk}/")
    page.get_by_role("link", name="Publicera som gott exempel").click()
    page.get_by_role("heading", name="Publicera som gott exempel").wait_for()
    # Prefilled from the idea and its assessment.
    assert page.locator("#id_title").input_value() == "Elcyklar i hemtjänsten"
    assert "färre bilresor" in page.locator("#id_effect").input_value()
    page.fill("#id_what_was_done", "Vi köpte tio elcyklar som personalen lånar mellan besöken.")
    page.fill("#id_cost", "150 000 kronor och 40 timmars arbetstid.")
    page.fill("#id_watch_out_for", "Ordna laddning och förvaring inomhus före vintern.")
    page.get_by_role("button", name="Publicera exemplet").click()
    page.get_by_role("heading", name="Elcyklar i hemtjänsten").wait_for()
    assert "Det goda exemplet är publicerat" in page.locator("main").inner_text()
    assert "Ordna laddning och förvaring" in page.locator("main").inner_text()
    example = Example.objects.get(idea=idea)
    assert example.visibility == "internal"

    colleague = new_page()
    colleague.set_default_timeout(30_000)
    sign_in(colleague, people["colleague"].email)
    colleague.get_by_role("link", name="Goda exempel").first.click()
    colleague.get_by_role("heading", name="Goda exempel", exact=True).wait_for()
    colleague.fill("#id_q", "cyklar")
    colleague.keyboard.press("Enter")
    colleague.locator("#results").get_by_role("link", name="Elcyklar i hemtjänsten").click()
    colleague.get_by_role("heading", name="Elcyklar i hemtjänsten").wait_for()
    assert "150 000 kronor" in colleague.locator("main").inner_text()


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_examples_pages_pass_axe(browser, live_server, people, language):
    idea = implemented_idea(people, title="Elcyklar i hemtjänsten")
    example = services.example_publish_from_idea(idea=idea, by=people["employee"], public_consent=True, **TEXTS)
    other = implemented_idea(people, title="Nyckelfria lås")
    SHOTS.mkdir(parents=True, exist_ok=True)
    problems: list[str] = []
    for width in (1280, 390):
        context = browser.new_context(base_url=live_server.url, viewport={"width": width, "height": 900})
        context.add_init_script(Axe().axe_script)
        context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
        context.set_default_timeout(30_000)
        page = context.new_page()
        pages = {
            "library (signed out)": "/spread/examples/",
            "example (signed out)": f"/spread/examples/{example.pk}/",
        }
        for label, path in pages.items():
            page.goto(path)
            problems += _violations(page, f"{label} {language} {width}")
            page.screenshot(
                path=str(SHOTS / f"examples-{label.split()[0]}-anon-{language}-{width}.png"), full_page=True
            )
        sign_in_page = page
        sign_in_page.goto("/account/login/")
        sign_in_page.fill("input[name=login]", people["office"].email)
        sign_in_page.fill("input[name=password]", "a-long-test-password")
        sign_in_page.locator("form button[type=submit]").last.click()
        sign_in_page.wait_for_url("**/")
        signed_in = {
            "library": "/spread/examples/?q=cyklar",
            "example": f"/spread/examples/{example.pk}/",
            "publish": f"/spread/examples/from-idea/{other.pk}/",
            "edit": f"/spread/examples/{example.pk}/edit/",
            "unpublish": f"/spread/examples/{example.pk}/unpublish/",
            "empty": "/spread/examples/?q=flygplan",
        }
        for label, path in signed_in.items():
            page.goto(path)
            problems += _violations(page, f"{label} {language} {width}")
            page.screenshot(path=str(SHOTS / f"examples-{label}-{language}-{width}.png"), full_page=True)
        # The form's errors, as a person sees them after sending it empty.
        page.goto(f"/spread/examples/from-idea/{other.pk}/")
        page.fill("#id_title", "")
        page.fill("#id_effect", "")
        page.locator("main form button[type=submit]").click()
        page.locator(".govuk-error-summary").wait_for()
        problems += _violations(page, f"publish with errors {language} {width}")
        page.screenshot(path=str(SHOTS / f"examples-errors-{language}-{width}.png"), full_page=True)
        context.close()
    assert problems == []
