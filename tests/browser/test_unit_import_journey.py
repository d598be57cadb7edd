"""A system administrator imports the unit tree from a file saved by Swedish Excel, in Chromium, in Swedish:
signing in with the password and the authenticator app's code, from the admin's unit list to the import page,
a file that imports and a file in an encoding the import cannot read. axe checks the import page in both languages."""

from __future__ import annotations

import re
import time

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.cache import cache
from playwright.sync_api import expect

from organisation import services as org_services
from organisation.models import PersonKind, Unit, User
from tests import factories
from tests.browser.test_accessibility import WCAG_AA
from tests.organisation.test_admin_sign_in import PASSWORD, SECRET, totp

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

IMPORT_URL = "/admin/organisation/unit/import/"

#: Three units as Excel on a Swedish computer saves "CSV (semicolon delimited)": Windows-1252, semicolons, CRLF.
UNITS = (
    "code;name;kind;parent_code;headcount;sectors\r\n"
    "STAD;Lillstaden;city;;2000;\r\n"
    "SBF;Stadsbyggnadsförvaltningen;specialist_administration;STAD;320;planning\r\n"
    "SBF-BL;Bygglovsavdelningen;department;SBF;45;planning\r\n"
)
EXCEL_SWEDISH = UNITS.encode("cp1252")
#: The file with one unit more, from an old DOS program: its ä and ö are bytes Windows-1252 reads as other characters.
DOS_CP850 = (UNITS + "SBF-MK;Miljö- och klimatavdelningen;department;SBF;30;\r\n").encode("cp850")


#: Django admin's own breadcrumbs: its links differ from the text between them only in colour, and axe reports
#: that on every admin page whose last crumb is long enough, Django's own change pages included. Not this page's.
DJANGO_ADMIN_BREADCRUMBS = re.compile(r"^[^:]+: link-in-text-block – .* \[(\.breadcrumbs > a\[[^]]*\](; )?)+\]$")


def _violations(page, label: str) -> list[str]:
    """What axe finds on the page, as the product's accessibility test runs it.

    axe reads the style sheets by default and, for an ``@import`` inside one (Django admin's forms.css has one),
    adds an inline ``<style>`` to the page that the Content-Security-Policy rightly blocks. The only rule that needs
    the style sheets (css-orientation-lock) is experimental and not run here, so they are not read.
    """
    results = page.evaluate("options => axe.run(document, options)", {**WCAG_AA, "preload": False})
    problems = []
    for v in results["violations"]:
        targets = [" ".join(n["target"]) for n in v["nodes"]]
        problems.append(f"{label}: {v['id']} – {v['help']} [{'; '.join(targets)}]")
    return problems


@pytest.fixture(autouse=True)
def _fresh_codes():
    """An authenticator code counts as used for its whole time window; each test signs in afresh."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def system_admin(db) -> User:
    person = factories.person(kind=PersonKind.RESIDENT, name="Ada Admin")
    User.objects.filter(pk=person.pk).update(is_staff=True, is_superuser=True)
    person.refresh_from_db()
    org_services.person_authenticator_app_set(user=person, secret=SECRET)
    return person


@pytest.fixture
def axe_page(browser, live_server):
    contexts = []

    def make(language: str, width: int = 1280):
        context = browser.new_context(
            base_url=live_server.url, locale="sv-SE", viewport={"width": width, "height": 900}
        )
        context.set_default_timeout(10_000)
        context.add_init_script(Axe().axe_script)
        context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def admin_sign_in(page, person: User, *, sign_in: str = "Logga in") -> None:
    """Open the admin site; it sends the person to sign in with the password and then the authenticator app's code."""
    page.goto("/admin/")
    page.wait_for_url("**/account/login/**")
    page.fill("input[name=login]", person.email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form:has(input[name=login]) button[type=submit]").click()
    page.wait_for_url("**/account/2fa/authenticate/**")
    # The site takes only the current 30-second code, as the app shows it; one about to change is waited out.
    left = 30 - time.time() % 30
    if left < 3:
        time.sleep(left + 0.2)
    page.fill("input[name=code]", totp(SECRET))
    page.get_by_role("button", name=sign_in, exact=True).click()
    page.wait_for_url("**/admin/")


def choose_file(page, data: bytes) -> None:
    page.locator("input[type=file][name=file]").set_input_files(
        {"name": "enheter.csv", "mimeType": "text/csv", "buffer": data}
    )


def test_a_system_administrator_imports_the_unit_tree_from_an_excel_file_in_swedish(axe_page, system_admin):
    page = axe_page("sv")
    admin_sign_in(page, system_admin)

    page.goto("/admin/organisation/unit/")
    page.get_by_role("link", name="Importera enheter från en fil").click()
    page.wait_for_url(f"**{IMPORT_URL}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Importera enheter från en fil")
    field = page.get_by_label("Fil med enheter (CSV)")
    expect(field).to_be_visible()
    expect(field).to_have_accessible_description(re.compile(r"^Kolumnerna code, name, kind, parent_code, headcount"))

    choose_file(page, EXCEL_SWEDISH)
    page.get_by_role("button", name="Importera").click()
    page.wait_for_url("**/admin/organisation/unit/")
    expect(page.locator(".messagelist")).to_contain_text("3 enheter skapade, 0 uppdaterade.")
    expect(page.get_by_role("link", name="Lillstaden", exact=True)).to_be_visible()
    units = {u.code: u for u in Unit.objects.all()}
    assert set(units) == {"STAD", "SBF", "SBF-BL"}
    assert units["SBF"].name == "Stadsbyggnadsförvaltningen"
    assert units["SBF-BL"].get_parent() == units["SBF"]
    assert units["SBF"].get_parent() == units["STAD"]

    # A file from a program that saved it in another encoding: refused, saying what to choose in Excel.
    page.get_by_role("link", name="Importera enheter från en fil").click()
    choose_file(page, DOS_CP850)
    page.get_by_role("button", name="Importera").click()
    page.wait_for_load_state()
    assert page.url.endswith(IMPORT_URL)
    error = page.locator("#unit-import .errorlist")
    expect(error).to_contain_text("Filens tecken gick inte att läsa.")
    expect(error).to_contain_text("i fältet ”Filformat”")
    expect(error).to_contain_text("välj ”CSV UTF-8 (kommaavgränsad) (*.csv)”")
    expect(page.get_by_label("Fil med enheter (CSV)")).to_have_accessible_description(
        re.compile(r"^Kolumnerna code, .* Filens tecken gick inte att läsa\.")
    )
    assert dict(Unit.objects.values_list("code", "name")) == {
        "STAD": "Lillstaden",
        "SBF": "Stadsbyggnadsförvaltningen",
        "SBF-BL": "Bygglovsavdelningen",
    }


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_import_page_passes_axe_empty_and_with_an_error(axe_page, system_admin, language):
    page = axe_page(language)
    admin_sign_in(page, system_admin, sign_in="Logga in" if language == "sv" else "Sign in")
    page.goto(IMPORT_URL)
    problems = _violations(page, f"{language} import page")
    choose_file(page, DOS_CP850)
    page.locator("#unit-import [type=submit]").click()
    page.wait_for_load_state()
    expect(page.locator("#unit-import .errorlist")).to_be_visible()
    problems += _violations(page, f"{language} import page with an error")
    assert [p for p in problems if not DJANGO_ADMIN_BREADCRUMBS.match(p)] == []
