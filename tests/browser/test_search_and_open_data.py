"""In Chromium: a misspelt search gets a suggestion that runs the search; the open-data page's preview; axe over both."""

from __future__ import annotations

from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests import factories
from tests.browser.conftest import sign_in
from tests.browser.test_accessibility import _violations
from tests.opendata.conftest import at

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def care_home(people):
    return factories.idea(
        author=people["employee"],
        title="Sångstunder på äldreboendet",
        problem="På vårt äldreboende sitter de boende mycket still på eftermiddagarna.",
        notify_office=False,
    )


@pytest.fixture
def published_year(people, tree):
    """Ideas in 2025, so the open data has ended periods to publish (and a count under five to suppress)."""
    employee, resident = people["employee"], people["resident"]
    for i in range(6):
        factories.idea(author=employee, now=at(2, 3) + timedelta(hours=i))
    for i in range(2):
        factories.idea(author=resident, unit=tree["SDF-N"], now=at(2, 10) + timedelta(hours=i))


def test_a_misspelt_search_suggests_the_word_and_runs_it(new_page, people, care_home):
    page = new_page()
    page.set_default_timeout(30_000)
    sign_in(page, people["employee"].email)
    page.goto("/ideas/")
    page.fill("#id_q", "äldrebonde")
    page.keyboard.press("Enter")
    suggestion = page.get_by_role("link", name="äldreboende")
    suggestion.wait_for()
    assert "Menade du" in page.locator("[data-suggestion]").inner_text()
    # After the search the menu names the order shown.
    assert page.locator("#id_sort option:checked").inner_text() == "Bäst matchande först"
    suggestion.click()
    page.get_by_role("link", name="Sångstunder på äldreboendet").first.wait_for()
    assert page.locator("#id_q").input_value() == "äldreboende"


def test_the_open_data_page_without_sign_in(new_page, published_year):
    page = new_page()
    page.set_default_timeout(30_000)
    page.goto("/opendata/")
    page.get_by_role("heading", name="Inkomna idéer och nådda steg per organisation").wait_for()
    preview = page.locator('[data-preview="ideas"]')
    assert "Några rader från" in preview.locator("caption").inner_text()
    assert preview.locator("tbody tr").count() >= 1
    assert "suppressed" not in page.locator("main").inner_text()
    column = page.locator("#ideas code", has_text="breakdown")
    assert not column.is_visible()
    page.locator("#ideas summary", has_text="Tekniska detaljer").click()
    assert column.is_visible()


@pytest.mark.parametrize("language", ["sv", "en"])
def test_search_and_open_data_pass_axe(browser, live_server, people, care_home, published_year, language):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.add_init_script(Axe().axe_script)
    context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    context.set_default_timeout(30_000)
    page = context.new_page()
    problems = []
    page.goto("/opendata/")
    problems += _violations(page, f"open data ({language})")
    page.goto("/account/login/")
    page.fill("input[name=login]", people["employee"].email)
    page.fill("input[name=password]", "a-long-test-password")
    page.click("form:has(input[name=login]) button[type=submit]")
    page.wait_for_url("**/")
    for address in ("/ideas/?q=äldrebonde", "/ideas/?q=äldreboende"):
        page.goto(address)
        problems += _violations(page, f"{address} ({language})")
    context.close()
    assert problems == []
