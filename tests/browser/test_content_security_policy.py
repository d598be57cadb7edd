"""The pages work under the Content-Security-Policy, and the browser tests notice when it blocks something."""

from __future__ import annotations

import pytest

from tests.browser.conftest import CSP_VIOLATIONS, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_browser_tests_see_what_the_policy_blocks(new_page):
    page = new_page()
    page.goto("/")
    page.evaluate("""() => {
        const script = document.createElement("script");
        script.textContent = "window.ran = true";
        document.body.append(script);
        const div = document.createElement("div");
        div.setAttribute("style", "color: red");
        document.body.append(div);
    }""")
    page.wait_for_function("() => true")
    assert page.evaluate("window.ran === undefined")  # the inline script did not run
    found = list(CSP_VIOLATIONS)
    CSP_VIOLATIONS.clear()  # blocked on purpose: this test must not fail for it
    assert any("script-src" in text for text in found), found
    assert any("style-src" in text for text in found), found


def test_the_api_documentation_is_served_by_the_site_itself(new_page, live_server):
    page = new_page()
    elsewhere: list[str] = []
    page.on(
        "request", lambda request: None if request.url.startswith(live_server.url) else elsewhere.append(request.url)
    )
    page.goto("/api/v1/docs")
    page.locator(".opblock-tag", has_text="ideas").first.wait_for()
    page.locator(".opblock-summary", has_text="/api/v1/ideas").first.click()
    page.locator(".opblock-body").first.wait_for()
    assert elsewhere == []


def test_revoking_a_token_asks_first(new_page, people):
    page = new_page()
    sign_in(page, people["employee"].email)
    page.goto("/profile/tokens/")
    page.fill("input[name=name]", "Rapportverktyget")
    page.get_by_role("button", name="Skapa en nyckel").click()
    revoke = page.get_by_role("button", name="Återkalla Rapportverktyget")
    page.once("dialog", lambda dialog: dialog.dismiss())
    revoke.click()
    assert revoke.is_visible()  # said no: nothing was sent
    page.once("dialog", lambda dialog: dialog.accept())
    with page.expect_navigation():
        revoke.click()
    assert page.get_by_role("cell", name="Återkallad", exact=True).is_visible()
