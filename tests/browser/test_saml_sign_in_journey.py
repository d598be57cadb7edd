"""A staff member signs in with the city's ADFS over SAML 2.0, in Chromium and in Swedish, against a real identity
provider (pysaml2 with signed assertions, served in a thread); axe checks the sign-in page in both languages."""

from __future__ import annotations

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from organisation.models import PersonKind, User
from tests import factories
from tests.browser.test_accessibility import _violations
from tests.saml_idp import EMAIL, EMPLOYEE_NUMBER, GIVEN_NAME, SURNAME, UID, UNIT, identity_provider, needs_xmlsec1

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), needs_xmlsec1]

SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


@pytest.fixture
def idp(settings, live_server):
    with identity_provider(live_server.url.replace("127.0.0.1", "localhost")) as provider:
        settings.SOCIALACCOUNT_PROVIDERS = {"saml": {"APPS": [provider.settings_app(name="Stadens konto")]}}
        directives = dict(settings.CONTENT_SECURITY_POLICY["DIRECTIVES"])
        directives["form-action"] = ["'self'", provider.base_url]
        settings.CONTENT_SECURITY_POLICY = {**settings.CONTENT_SECURITY_POLICY, "DIRECTIVES": directives}
        yield provider


@pytest.fixture
def open_page(browser, live_server):
    contexts = []

    def make(language: str = "sv"):
        # python3-saml takes no single-label host but localhost: Språng is reached as localhost, as in the settings.
        base = live_server.url.replace("127.0.0.1", "localhost")
        context = browser.new_context(base_url=base, locale="sv-SE", viewport={"width": 1280, "height": 900})
        context.set_default_timeout(15_000)
        context.add_init_script(Axe().axe_script)
        context.add_cookies([{"name": "django_language", "value": language, "url": base}])
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def test_a_staff_member_signs_in_with_the_citys_adfs(open_page, idp, db):
    factories.build_tree()
    idp.identity = {
        UID: ["STAD\\olle.ek"],
        EMAIL: ["olle.ek@stad.se"],
        GIVEN_NAME: ["Olle"],
        SURNAME: ["Ek"],
        EMPLOYEE_NUMBER: ["E8008"],
        UNIT: ["SDF-S-SKO"],
    }
    idp.name_id = "olle.ek"
    problems: list[str] = []
    page = open_page("sv")
    page.goto("/account/login/")
    expect(page.get_by_role("heading", name="Anställda i staden")).to_be_visible()
    problems += _violations(page, "sv sign in with ADFS")
    page.get_by_role("button", name="Logga in med Stadens konto").click()
    # At the city's identity provider, then back with a signed assertion.
    expect(page.get_by_role("heading", name="Stadens inloggning (ADFS)")).to_be_visible()
    page.get_by_role("button", name="Fortsätt").click()
    expect(page.locator(".govuk-notification-banner").first).to_contain_text("Du är inloggad som Olle Ek.")
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "sign-in-saml-signed-in.png"), full_page=True)
    olle = User.objects.get(email="olle.ek@stad.se")
    assert (olle.kind, olle.unit.code, olle.employee_number) == (PersonKind.EMPLOYEE, "SDF-S-SKO", "E8008")

    english = open_page("en")
    english.goto("/account/login/")
    expect(english.get_by_role("button", name="Sign in with Stadens konto")).to_be_visible()
    problems += _violations(english, "en sign in with ADFS")
    assert problems == [], "\n".join(problems)
