"""A manager of another unit adopts a good example and takes it into use, in Swedish; the adoption pages pass axe."""

from __future__ import annotations

import os

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone

from organisation.models import Role
from spread.adoptions import services
from tests import factories
from tests.browser.conftest import sign_in
from tests.browser.test_accessibility import _violations
from tests.spread.adoptions.conftest import make_example

SHOTS = os.environ.get("SPRANG_SCREENSHOTS", "")


@pytest.fixture
def city(people, tree):
    example = make_example(unit=tree["SDF-N-ALD-1"], owner=people["employee"])
    manager = factories.person(unit=tree["SDF-S-SKO"], role=Role.MANAGER, name="Stina Skolchef")
    return {"example": example, "manager": manager}


def _shot(page, name: str) -> None:
    if SHOTS:
        for width in (1280, 390):
            page.set_viewport_size({"width": width, "height": 900})
            page.screenshot(path=f"{SHOTS}/{name}-{width}.png", full_page=True)
        page.set_viewport_size({"width": 1280, "height": 900})


@pytest.mark.django_db(transaction=True)
def test_a_manager_of_another_unit_adopts_an_example_and_takes_it_into_use(new_page, city, tree):
    page = new_page()
    sign_in(page, city["manager"].email)
    page.goto(f"/spread/adoptions/example/{city['example'].pk}/")
    page.get_by_role("link", name="Vi inför det här").first.click()
    page.get_by_label("Vilken enhet inför det?").select_option(label="Skola Södra")
    page.get_by_label("Vad ändrar ni?").fill("Vi inför låsen i skolans lokaler.")
    _shot(page, "adopt")
    page.get_by_role("button", name="Börja införandet").click()
    page.get_by_text("Skola Södra inför nu").wait_for()
    page.get_by_label("Provar").check()
    page.get_by_label("Kort anteckning").fill("Två korridorer först.")
    page.get_by_role("button", name="Spara steget").click()
    page.get_by_text("Steget är sparat").wait_for()
    page.get_by_label("Används").check()
    page.get_by_role("button", name="Spara steget").click()
    page.get_by_text("Beskriv beläggen för att det fungerar").first.wait_for()  # refused, nothing lost
    page.get_by_label("Belägg för att det fungerar hos er").fill("Inga borttappade nycklar på en månad.")
    page.get_by_role("button", name="Spara steget").click()
    page.get_by_text("Steget är sparat").wait_for()
    _shot(page, "adoption")
    assert "Används sedan" in page.content()
    page.goto(f"/spread/adoptions/example/{city['example'].pk}/")
    assert "Södra stadsdelsförvaltningen" in page.content()
    _shot(page, "spread")


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_adoption_pages_have_no_wcag_aa_violations(browser, live_server, city, people, tree, language):
    example, manager = city["example"], city["manager"]
    adoption = services.adoption_start(
        example=example, unit=tree["SDF-S-SKO"], by=manager, start_date=timezone.localdate(), changes="Så här."
    )
    idea = factories.idea(author=people["colleague"], unit=tree["SDF-S-SKO"])
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.add_init_script(Axe().axe_script)
    context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    page = context.new_page()
    try:
        sign_in_page = page
        sign_in_page.goto("/account/login/")
        sign_in_page.fill("input[name=login]", manager.email)
        sign_in_page.fill("input[name=password]", "a-long-test-password")
        sign_in_page.locator("form button[type=submit]").last.click()
        sign_in_page.wait_for_url("**/")
        problems = []
        for path in (
            "/spread/adoptions/",
            f"/spread/adoptions/{adoption.pk}/",
            f"/spread/adoptions/adopt/{example.pk}/",
            f"/spread/adoptions/example/{example.pk}/",
            f"/spread/adoptions/from-idea/{idea.pk}/?q=lås",
        ):
            page.goto(path)
            assert f'<html lang="{language}"' in page.content(), path
            problems += _violations(page, f"{language} {path}")
        assert problems == []
    finally:
        context.close()
