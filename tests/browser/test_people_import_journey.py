"""A system administrator imports HR's people file, in Chromium, in Swedish: from the admin's list of people to the
import page, a file with a bad row refused with its line, the corrected file checked and previewed, a truncated file
that asks for a confirmation, and the import confirmed. axe checks the page, the preview and an error in both
languages."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from organisation.models import Role, User
from organisation.people_sync import people_file_import
from tests import factories
from tests.browser.test_unit_import_journey import (  # noqa: F401 (fixtures)
    DJANGO_ADMIN_BREADCRUMBS,
    _fresh_codes,
    _violations,
    admin_sign_in,
    axe_page,
    system_admin,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

IMPORT_URL = "/admin/organisation/user/import/"
HEADER = "employee_number;name;email;unit_code;manager\r\n"
LINA = "1001;Lina Lund;lina.lund@teststaden.se;SDF-N-ALD;1\r\n"
PER = "1002;Per Persson;per.persson@teststaden.se;SDF-N-ALD-1;0\r\n"
ASA = "1003;Åsa Öberg;asa.oberg@teststaden.se;SDF-S-SKO;0\r\n"
#: As Excel on a Swedish computer saves "CSV (semicolon delimited)": Windows-1252, semicolons, CRLF.
GOOD = (HEADER + LINA + PER + ASA).encode("cp1252")
BAD = (HEADER + LINA + "1002;Per Persson;per.persson@teststaden.se;FINNS-INTE;0\r\n").encode("cp1252")


def choose_file(page, data: bytes) -> None:
    page.locator("input[type=file][name=file]").set_input_files(
        {"name": "personal.csv", "mimeType": "text/csv", "buffer": data}
    )


@pytest.fixture
def city(db):
    factories.build_tree()


def test_a_system_administrator_imports_the_people_file_in_swedish(axe_page, system_admin, city):  # noqa: F811
    page = axe_page("sv")
    admin_sign_in(page, system_admin)

    page.goto("/admin/organisation/user/")
    page.get_by_role("link", name="Importera personal från HR:s fil").click()
    page.wait_for_url(f"**{IMPORT_URL}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Importera personal från HR:s fil")
    field = page.get_by_label("Personalfil (CSV)")
    expect(field).to_have_accessible_description(re.compile(r"^Personalfilen från HR: kolumnerna employee_number"))

    # A row naming a unit that does not exist: refused with its line and the fix; nothing is written.
    choose_file(page, BAD)
    page.get_by_role("button", name="Kontrollera filen").click()
    page.wait_for_load_state()
    rows = page.locator("#people-import-rows")
    expect(rows).to_contain_text("Rad 3: Ingen enhet har koden 'FINNS-INTE'. Använd en kod från enhetsträdet")
    assert not User.objects.filter(employee_number__isnull=False).exists()

    # The corrected file: checked and previewed, then imported on confirmation.
    choose_file(page, GOOD)
    page.get_by_role("button", name="Kontrollera filen").click()
    expect(page.get_by_role("heading", name="Filen är kontrollerad. Det här skulle ändras")).to_be_visible()
    expect(page.get_by_role("row", name="Nya personer 3")).to_be_visible()
    expect(page.locator("#people-new")).to_contain_text("Åsa Öberg")
    assert not User.objects.filter(employee_number__isnull=False).exists()
    page.get_by_role("button", name="Importera").click()
    page.wait_for_url("**/admin/organisation/user/")
    expect(page.locator(".messagelist")).to_contain_text("3 personer skapade, 0 uppdaterade, 0 har slutat.")
    lina = User.objects.get(employee_number="1001")
    assert lina.unit.code == "SDF-N-ALD"
    assert lina.has_role(Role.MANAGER, lina.unit)

    # A truncated file: two of three would leave; the import waits for a confirmation.
    page.get_by_role("link", name="Importera personal från HR:s fil").click()
    choose_file(page, (HEADER + LINA).encode("cp1252"))
    page.get_by_role("button", name="Kontrollera filen").click()
    expect(page.locator("#people-many-leaving")).to_contain_text(
        "Personer som skulle sluta: 2. Det är fler än vanligt."
    )
    expect(page.locator("#people-leaving")).to_contain_text("Per Persson")
    page.get_by_role("button", name="Importera").click()
    page.wait_for_load_state()
    expect(page.locator("#people-confirm .errorlist")).to_contain_text("2 av 3 anställda (67 %) finns inte i filen")
    assert User.objects.filter(employee_number__isnull=False, is_active=True).count() == 3
    page.get_by_label("Ja, alla under ”Slutar” har slutat i staden").check()
    page.get_by_role("button", name="Importera").click()
    page.wait_for_url("**/admin/organisation/user/")
    expect(page.locator(".messagelist")).to_contain_text("0 personer skapade, 0 uppdaterade, 2 har slutat.")
    assert set(User.objects.filter(is_active=False).values_list("employee_number", flat=True)) == {"1002", "1003"}


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_people_import_pages_pass_axe(axe_page, system_admin, city, language):  # noqa: F811
    people_file_import(text=(HEADER + LINA + PER + ASA))
    page = axe_page(language)
    admin_sign_in(page, system_admin, sign_in="Logga in" if language == "sv" else "Sign in")
    page.goto(IMPORT_URL)
    problems = _violations(page, f"{language} people import page")
    choose_file(page, BAD)
    page.locator("#people-import [type=submit]").click()
    page.wait_for_load_state()
    expect(page.locator("#people-import-rows")).to_be_visible()
    problems += _violations(page, f"{language} people import page with bad rows")
    choose_file(
        page,
        (
            HEADER
            + "1001;Lina Berg;lina.berg@teststaden.se;SDF-S-SKO;1\r\n"
            + "1009;Ny Person;ny@teststaden.se;SDF-N;0\r\n"
        ).encode(),
    )
    page.locator("#people-import [type=submit]").click()
    page.wait_for_load_state()
    expect(page.locator("#people-confirm")).to_be_visible()
    problems += _violations(page, f"{language} people import preview")
    page.locator("#people-confirm [type=submit]").click()
    page.wait_for_load_state()
    expect(page.locator("#people-confirm .errorlist")).to_be_visible()
    problems += _violations(page, f"{language} people import preview with an error")
    assert [p for p in problems if not DJANGO_ADMIN_BREADCRUMBS.match(p)] == []
