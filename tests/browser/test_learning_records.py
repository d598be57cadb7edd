"""The director imports the learning platform's completions (a bad line first: named, nothing imported), the manager
opens their staff's learning and one person's record, and an employee opens their own record. In Swedish, in
Chromium. axe over each page in Swedish and English; screenshots at 1280 and 390 pixels wide."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import expect

from learning.models import Completion, CompletionImport, CompletionSource, DevelopmentTalk
from learning.records.services import completion_record
from spread.events import services as events
from tests.browser.conftest import sign_in
from tests.browser.test_accessibility import _violations
from tests.browser.test_tasks_journey import sign_in_as
from tests.learning.conftest import intro as intro  # noqa: F401 - a fixture
from tests.learning.conftest import leadership as leadership  # noqa: F401 - a fixture
from tests.learning.conftest import session as session  # noqa: F401 - a fixture
from tests.learning.conftest import staff as staff  # noqa: F401 - a fixture
from tests.learning.conftest import workshop as workshop  # noqa: F401 - a fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = os.environ.get("SPRANG_SCREENSHOTS", "")


def _shoot(page, name: str) -> None:
    if not SHOTS:
        return
    Path(SHOTS).mkdir(parents=True, exist_ok=True)
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=f"{SHOTS}/learning-records-{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def _csv(tmp_path: Path, name: str, lines: list[str]) -> Path:
    path = tmp_path / name
    path.write_text("\n".join(["e-post;kurskod;datum", *lines]) + "\n", encoding="utf-8")
    return path


def test_import_then_the_manager_and_the_employee_read_the_records(new_page, people, staff, intro, session, tmp_path):
    director, manager, employee = people["director"], people["manager"], people["employee"]
    worker = staff["north"][0]
    events.registration_create(event=session.event, by=employee)

    # The director imports a file with a bad line: it is named, and nothing is imported.
    page = new_page()
    sign_in(page, director.email)
    page.get_by_role("link", name="Mitt lärande").first.click()
    page.get_by_role("link", name="Importera genomförda kurser").click()
    expect(page.locator("h1")).to_have_text("Importera genomförda kurser")
    expect(page.get_by_text("Inga kurser har importerats än.")).to_be_visible()
    lines = [f"{employee.email};inno-intro;2026-03-15", f"{worker.email};inno-intro;2026-03-16"]
    page.get_by_label("CSV-fil från lärplattformen").set_input_files(
        _csv(tmp_path, "lärplattformen.csv", [*lines, "okand@example.se;inno-intro;2026-03-16"])
    )
    page.get_by_role("button", name="Importera filen").click()
    expect(page.get_by_role("heading", name="Rader att rätta")).to_be_visible()
    expect(
        page.get_by_role("cell", name="Ingen i stadens personal har e-postadressen okand@example.se.")
    ).to_be_visible()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert not Completion.objects.exists() and not CompletionImport.objects.exists()
    _shoot(page, "import-errors")

    # Fixed, the file is imported.
    page.get_by_label("CSV-fil från lärplattformen").set_input_files(_csv(tmp_path, "lärplattformen.csv", lines))
    page.get_by_role("button", name="Importera filen").click()
    expect(page.get_by_text("lärplattformen.csv: 2 genomförda kurser importerades.")).to_be_visible()
    expect(page.get_by_role("cell", name=director.name)).to_be_visible()
    assert Completion.objects.filter(source=CompletionSource.IMPORT).count() == 2
    _shoot(page, "import-done")

    # The manager opens the staff view and a person's record.
    page = new_page()
    sign_in(page, manager.email)
    page.get_by_role("link", name="Mitt lärande").first.click()
    page.get_by_role("link", name="Mina medarbetares lärande").click()
    expect(page.locator("h1")).to_have_text("Mina medarbetares lärande")
    row = page.get_by_role("row").filter(has_text=worker.name)
    expect(row).to_contain_text("16 mars 2026")
    _shoot(page, "staff")
    page.get_by_label("Sök på namn").fill(employee.name)
    page.get_by_role("button", name="Visa medarbetare").click()
    expect(page.get_by_role("link", name=employee.name)).to_be_visible()
    expect(page.get_by_role("link", name=worker.name)).to_have_count(0)
    page.get_by_role("link", name=employee.name).click()
    expect(page.locator("h1")).to_have_text(f"Lärande: {employee.name}")
    expect(page.get_by_role("rowheader", name="Introduktion till innovation")).to_be_visible()
    _shoot(page, "person")

    # The employee opens their own record.
    page = new_page()
    sign_in(page, employee.email)
    page.get_by_role("link", name="Mitt lärande").first.click()
    expect(page.locator("h1")).to_have_text("Mitt lärande")
    expect(page.get_by_text("15 mars 2026")).to_be_visible()
    expect(page.get_by_role("link", name=session.event.title)).to_be_visible()
    _shoot(page, "mine")


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_record_pages_have_no_wcag_aa_violations(
    browser, live_server, people, staff, intro, leadership, session, language
):
    director, manager, employee = people["director"], people["manager"], people["employee"]
    worker = staff["north"][0]
    completion_record(person=worker, course=intro, on=date(2026, 1, 20), source=CompletionSource.CHECK)
    completion_record(person=employee, course=session.course, on=date(2026, 2, 3), source=CompletionSource.IMPORT)
    events.registration_create(event=session.event, by=employee)
    DevelopmentTalk.objects.create(
        employee=employee,
        manager=manager,
        unit=employee.unit,
        year=timezone.localdate().year,
        held_on=timezone.localdate(),
        innovation_discussed=True,
        ideas_count=0,
    )
    CompletionImport.objects.create(imported_by=director, file_name="lärplattformen.csv", rows=3)
    pages = {
        director: ["/learning/records/", "/learning/records/import/"],
        manager: [
            "/learning/records/",
            "/learning/records/staff/",
            "/learning/records/staff/?q=finns+inte",
            f"/learning/records/{employee.pk}/",
        ],
        employee: ["/learning/records/"],
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
            if person == director:
                # The import sent with a bad line: the error summary and the table of lines.
                page.goto("/learning/records/import/")
                page.locator("input[type=file]").set_input_files(
                    files=[
                        {
                            "name": "fel.csv",
                            "mimeType": "text/csv",
                            "buffer": b"e-post;kurskod;datum\nx@y.se;nope;2026-13-01\n",
                        }
                    ]
                )
                page.locator("main form button[type=submit]").click()
                expect(page.locator(".govuk-error-summary")).to_be_visible()
                problems += _violations(page, f"{person.name}/{language} import, errors")
        finally:
            context.close()
    assert problems == [], "\n".join(problems)


def test_the_import_and_staff_tables_read_well_on_a_phone(new_page, people, staff, intro):
    """At 390 pixels each row stacks into a card with its labels: nothing off-screen, no word broken letter by
    letter; at 1280 pixels the tables stay tables."""
    director, manager = people["director"], people["manager"]
    completion_record(person=staff["north"][0], course=intro, on=date(2026, 1, 20), source=CompletionSource.CHECK)
    CompletionImport.objects.create(imported_by=director, file_name="lärplattformen-export-mars.csv", rows=3)
    for person, path, name in (
        (director, "/learning/records/import/", "import-phone"),
        (manager, "/learning/records/staff/", "staff-phone"),
    ):
        page = new_page()
        sign_in(page, person.email)
        page.goto(path)
        table = page.locator("main table").last
        expect(table.locator("thead")).to_be_visible()
        page.set_viewport_size({"width": 390, "height": 900})
        width = page.evaluate("document.documentElement.clientWidth")
        for cell in table.locator("tbody tr").first.locator("th, td").all():
            box = cell.bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width + 1, (path, box)
        first = table.locator("tbody tr").first.locator("th, td").first.bounding_box()
        assert first is not None and first["width"] > 150, (path, first)
        labelled = table.locator("tbody td[data-label]").first
        label = labelled.get_attribute("data-label") or ""
        content = labelled.evaluate("cell => getComputedStyle(cell, '::before').content")
        assert label and label in content, (path, content)
        _shoot(page, name)
