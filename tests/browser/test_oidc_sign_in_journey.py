"""Signing in with the city's account and with e-ID, in Chromium and in Swedish, against a real OpenID Connect
provider (oidc-provider-mock in a thread); axe checks the new and changed pages in Swedish and English."""

from __future__ import annotations

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from organisation.models import PersonKind, User
from tests import factories, oidc_provider
from tests.browser.test_accessibility import _violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


@pytest.fixture(scope="module")
def issuer():
    with oidc_provider.provider() as url:
        yield url


@pytest.fixture
def oidc(settings, issuer):
    oidc_provider.configure(settings, issuer)
    return issuer


@pytest.fixture
def open_page(browser, live_server):
    contexts = []

    def make(language: str = "sv"):
        context = browser.new_context(base_url=live_server.url, locale="sv-SE", viewport={"width": 1280, "height": 900})
        context.set_default_timeout(10_000)
        context.add_init_script(Axe().axe_script)
        context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def _at_the_provider(page, issuer: str, sub: str) -> None:
    """The person shows who they are at the provider (the mock's own form)."""
    page.wait_for_url(f"{issuer}/oauth2/authorize**")
    page.locator("input[type=text][name=sub]").fill(sub)
    page.get_by_role("button", name="Authorize").click()


def _axe_in_english(open_page, path: str, label: str, *, person: User | None = None) -> list[str]:
    page = open_page("en")
    if person is not None:
        page.goto("/account/login/")
        page.get_by_label("Email address").fill(person.email)
        page.get_by_label("Password").fill("a-long-test-password")
        page.locator("form:has(input[name=login]) button[type=submit]").click()
        page.wait_for_url("**/")
    page.goto(path)
    return _violations(page, f"en {label}")


def test_a_staff_member_signs_in_with_the_citys_account(open_page, oidc, tree):
    oidc_provider.set_claims(
        oidc,
        "maria",
        {"email": "maria.lind@stad.se", "name": "Maria Lind", "employee_number": "E7007", "unit_code": "SDF-S-SKO"},
    )
    problems: list[str] = []
    page = open_page("sv")
    page.goto("/account/login/")
    expect(page.get_by_role("heading", name="Anställda i staden")).to_be_visible()
    problems += _violations(page, "sv sign in with providers")
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "sign-in-providers.png"), full_page=True)
    page.get_by_role("button", name="Logga in med Stadens konto").click()
    _at_the_provider(page, oidc, "maria")
    expect(page.locator(".govuk-notification-banner").first).to_contain_text("Du är inloggad som Maria Lind.")
    maria = User.objects.get(email="maria.lind@stad.se")
    assert (maria.kind, maria.unit.code, maria.employee_number) == (PersonKind.EMPLOYEE, "SDF-S-SKO", "E7007")
    problems += _axe_in_english(open_page, "/account/login/", "sign in with providers")
    assert problems == [], "\n".join(problems)


def test_a_resident_links_e_id_then_signs_in_with_it(open_page, oidc, tree):
    resident = factories.person(kind=PersonKind.RESIDENT, name="Rut Invånare")
    oidc_provider.set_claims(oidc, "rut-eid", {"name": "Rut Invånare", "personal_identity_number": "19811218-9876"})
    problems: list[str] = []
    page = open_page("sv")
    page.goto("/account/login/")
    page.get_by_label("E-postadress").fill(resident.email)
    page.get_by_label("Lösenord").fill("a-long-test-password")
    page.locator("form:has(input[name=login]) button[type=submit]").click()
    page.wait_for_url("**/")
    page.goto("/profile/")
    problems += _violations(page, "sv settings with e-ID to link")
    page.get_by_role("button", name="Koppla din e-legitimation (BankID)").click()
    _at_the_provider(page, oidc, "rut-eid")
    page.wait_for_url("**/profile/")
    expect(page.locator(".govuk-notification-banner").first).to_contain_text("Din e-legitimation är nu kopplad")
    expect(page.locator("main")).to_contain_text("Ditt konto är kopplat till din e-legitimation")
    problems += _violations(page, "sv settings with e-ID linked")
    resident.refresh_from_db()
    assert resident.has_eid and str(resident.birth_date) == "1981-12-18"
    problems += _axe_in_english(
        open_page, "/profile/", "settings with e-ID to link", person=factories.person(kind=PersonKind.RESIDENT)
    )

    # Out, and in again with the e-ID alone.
    page.get_by_role("button", name="Logga ut").click()
    page.goto("/account/login/")
    page.get_by_role("button", name="Logga in med BankID").click()
    _at_the_provider(page, oidc, "rut-eid")
    expect(page.locator(".govuk-notification-banner").first).to_contain_text("Du är inloggad som Rut Invånare.")
    assert problems == [], "\n".join(problems)


#: What the pages say, in each language.
WORDS = {
    "sv": {
        "button": "Logga in med BankID",
        "heading": "Din e-postadress",
        "name": "Ditt namn",
        "email": "E-postadress",
        "create": "Skapa konto",
        "sent": "Titta i din inkorg",
        "refused": "Du kunde inte logga in",
        "check digit": "kontrollsiffran",
    },
    "en": {
        "button": "Sign in with BankID",
        "heading": "Your email address",
        "name": "Your name",
        "email": "Email address",
        "create": "Create account",
        "sent": "Check your email",
        "refused": "You could not sign in",
        "check digit": "check digit",
    },
}


@pytest.mark.parametrize("language", ["sv", "en"])
def test_a_new_resident_signs_in_with_e_id_and_a_wrong_number_is_refused(open_page, oidc, tree, language):
    words = WORDS[language]
    oidc_provider.set_claims(oidc, f"sven-{language}", {"name": "Sven Ny", "personal_identity_number": "701063-2391"})
    oidc_provider.set_claims(oidc, "fel-eid", {"name": "Fel", "personal_identity_number": "701063-2392"})
    problems: list[str] = []
    page = open_page(language)
    page.goto("/account/login/")
    page.get_by_role("button", name=words["button"]).click()
    _at_the_provider(page, oidc, f"sven-{language}")
    expect(page.get_by_role("heading", level=1)).to_have_text(words["heading"])
    expect(page.get_by_label(words["name"])).to_have_value("Sven Ny")
    problems += _violations(page, f"{language} e-ID first sign-in")
    page.get_by_label(words["email"]).fill(f"sven.{language}@example.se")
    page.get_by_role("button", name=words["create"]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(words["sent"])
    sven = User.objects.get(email=f"sven.{language}@example.se")
    assert (sven.kind, str(sven.birth_date)) == (PersonKind.RESIDENT, "1970-10-03")

    other = open_page(language)
    other.goto("/account/login/")
    other.get_by_role("button", name=words["button"]).click()
    _at_the_provider(other, oidc, "fel-eid")
    expect(other.get_by_role("heading", level=1)).to_have_text(words["refused"])
    expect(other.locator("main")).to_contain_text(words["check digit"])
    problems += _violations(other, f"{language} e-ID refused")
    assert problems == [], "\n".join(problems)
