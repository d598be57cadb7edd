"""A resident signs up, confirms the address from the email and signs in; someone resets a forgotten
password. In Chromium, in Swedish; axe checks every page on the way, in Swedish and English."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core import mail
from playwright.sync_api import expect

from tests import factories
from tests.browser.test_accessibility import _violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "ett-langt-losenord-42"  # noqa: S105 - a test resident's password


@pytest.fixture
def axe_page(browser, live_server):
    contexts = []

    def make(language: str):
        context = browser.new_context(base_url=live_server.url, locale="sv-SE", viewport={"width": 1280, "height": 900})
        context.set_default_timeout(10_000)
        context.add_init_script(Axe().axe_script)
        context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def _link_in_last_mail(pattern: str, live_server) -> str:
    body = mail.outbox[-1].body
    match = re.search(pattern, body)
    assert match, body
    assert match.group(0).startswith(live_server.url), "the email links to the address the person used"
    return match.group(0)[len(live_server.url) :]


def _sign_in_form_submit(page):
    page.locator("form:has(input[name=login]) button[type=submit]").click()


def test_a_resident_signs_up_confirms_the_address_and_signs_in_in_swedish(axe_page, live_server, tree):
    problems: list[str] = []
    page = axe_page("sv")
    page.goto("/")
    page.get_by_role("link", name="Skapa konto").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Skapa konto")
    expect(page.locator("main")).to_contain_text("Har du redan ett konto? Logga in.")
    expect(page.get_by_role("link", name="hur vi hanterar dina personuppgifter")).to_have_attribute(
        "href", "/about/privacy/"
    )
    problems += _violations(page, "sv sign up")

    # A mistake first: the passwords differ. The page says so in Swedish and keeps what was written.
    page.get_by_label("E-postadress").fill("rut@example.se")
    page.get_by_label("Ditt namn").fill("Rut Invånare")
    page.get_by_label("Lösenord", exact=True).fill(PASSWORD)
    page.get_by_label("Lösenord igen").fill(PASSWORD + "x")
    page.get_by_role("button", name="Skapa konto").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Skriv samma lösenord båda gångerna.")
    problems += _violations(page, "sv sign up with errors")
    page.get_by_label("Lösenord", exact=True).fill(PASSWORD)
    page.get_by_label("Lösenord igen").fill(PASSWORD)
    page.get_by_role("button", name="Skapa konto").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Titta i din inkorg")
    problems += _violations(page, "sv confirmation sent")
    (message,) = mail.outbox
    assert message.subject == "[Språng] Bekräfta din e-postadress"
    assert "Stadens innovationskontor, Stockholms stad" in message.body
    assert "Hej från" not in message.body and "verifiera" not in message.body.lower()

    page.goto(_link_in_last_mail(r"http://\S+/account/confirm-email/\S+/", live_server))
    expect(page.get_by_role("heading", level=1)).to_have_text("Bekräfta din e-postadress")
    expect(page.locator("main")).to_contain_text("Bekräfta att rut@example.se är din e-postadress.")
    problems += _violations(page, "sv confirm email")
    page.get_by_role("button", name="Bekräfta").click()
    expect(page.locator(".govuk-notification-banner").first).to_contain_text("rut@example.se är bekräftad.")

    # Signed in by the confirmation; out and in again with the password.
    page.get_by_role("button", name="Logga ut").click()
    page.goto("/account/login/")
    expect(page.get_by_label("Kom ihåg mig")).to_be_visible()
    problems += _violations(page, "sv sign in")
    page.get_by_label("E-postadress").fill("rut@example.se")
    page.get_by_label("Lösenord").fill(PASSWORD)
    _sign_in_form_submit(page)
    expect(page.locator(".govuk-notification-banner").first).to_contain_text("Du är inloggad som Rut Invånare.")
    assert problems == [], "\n".join(problems)


def test_a_forgotten_password_is_reset_from_the_email_in_swedish(axe_page, live_server, tree):
    person = factories.person(name="Glömska Greta")
    problems: list[str] = []
    page = axe_page("sv")
    page.goto("/account/login/")
    page.get_by_label("E-postadress").fill(person.email)
    page.get_by_label("Lösenord").fill("fel-losenord-123")
    _sign_in_form_submit(page)
    expect(page.locator(".govuk-error-summary")).to_contain_text("E-postadressen eller lösenordet är fel.")
    problems += _violations(page, "sv sign in with errors")

    page.get_by_role("link", name="Har du glömt ditt lösenord?").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Återställ ditt lösenord")
    problems += _violations(page, "sv password reset")
    page.get_by_label("E-postadress").fill(person.email)
    page.get_by_role("button", name="Skicka länken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Titta i din inkorg")
    problems += _violations(page, "sv password reset sent")
    assert mail.outbox[-1].subject == "[Språng] Välj ett nytt lösenord"

    page.goto(_link_in_last_mail(r"http://\S+/account/password/reset/key/\S+/", live_server))
    expect(page.get_by_role("heading", level=1)).to_have_text("Välj ett nytt lösenord")
    problems += _violations(page, "sv choose a new password")
    page.get_by_label("Nytt lösenord", exact=True).fill("ett-nytt-langt-losenord-7")
    page.get_by_label("Nytt lösenord igen").fill("ett-nytt-langt-losenord-7")
    page.get_by_role("button", name="Spara det nya lösenordet").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ditt lösenord är ändrat")
    problems += _violations(page, "sv password changed")

    page.get_by_role("main").get_by_role("link", name="Logga in").click()
    page.get_by_label("E-postadress").fill(person.email)
    page.get_by_label("Lösenord").fill("ett-nytt-langt-losenord-7")
    _sign_in_form_submit(page)
    expect(page.locator(".govuk-notification-banner").first).to_contain_text("Du är inloggad som Glömska Greta.")
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_sign_in_pages_and_the_privacy_notice_have_no_wcag_aa_violations(axe_page, language, tree):
    page = axe_page(language)
    problems: list[str] = []
    for path in (
        "/account/login/",
        "/account/signup/",
        "/account/confirm-email/",
        "/account/password/reset/",
        "/account/password/reset/done/",
        "/account/password/reset/key/1-not-a-token/",
        "/account/inactive/",
        "/about/privacy/",
        "/about/accessibility/",
    ):
        page.goto(path)
        expect(page.locator("html")).to_have_attribute("lang", language)
        problems += _violations(page, f"{language} {path}")
    assert problems == [], "\n".join(problems)
