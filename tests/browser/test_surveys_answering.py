"""Surveys in Chromium, in Swedish: an employee answers through their personal link (from the start page's task),
saves and comes back through the link in another browser, then sends; the director imports the employee survey's
file and replaces the year after confirming. axe over the answering pages (also behind a link to a round not open yet
and to one closed), the import page with its errors and its confirmation to replace a year, and the employee survey's
results in Swedish and English; screenshots at 1280 and 390 pixels wide."""

from __future__ import annotations

import os
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings as django_settings
from django.utils import timezone
from playwright.sync_api import expect

from surveys.employee_survey import services as employee_survey
from surveys.models import EmployeeSurveyResult, Invitation, Response, Round
from tests.browser.conftest import sign_in
from tests.browser.test_accessibility import _violations
from tests.browser.test_tasks_journey import sign_in_as
from tests.surveys.conftest import (  # noqa: F401
    close_round,
    director,
    employee_round,
    make_round,
    open_round,
    questionnaire,
    staff,
    token_of,
    version,
)
from tests.surveys.employee_survey.test_services import GOOD, HEADER

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = os.environ.get("SPRANG_SCREENSHOTS", "")


@pytest.fixture(autouse=True)
def swedish_words(settings, tmp_path):
    """The Swedish words as they are now in ``django.po``, compiled outside the repository."""
    folder = tmp_path / "locale" / "sv" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    source = Path(django_settings.BASE_DIR) / "locale" / "sv" / "LC_MESSAGES" / "django.po"
    subprocess.run(["msgfmt", "-o", str(folder / "django.mo"), str(source)], check=True)  # noqa: S603, S607
    settings.LOCALE_PATHS = [tmp_path / "locale"]


def _shoot(page, name: str) -> None:
    if not SHOTS:
        return
    Path(SHOTS).mkdir(parents=True, exist_ok=True)
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=f"{SHOTS}/surveys-{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def _link(round_, person) -> str:
    return f"/surveys/answer/{token_of(Invitation.objects.get(round=round_, person=person))}/"


def test_an_employee_answers_saves_comes_back_through_the_link_and_sends(new_page, employee_round, staff):  # noqa: F811
    employee = staff["north"][0]
    page = new_page()
    sign_in(page, employee.email)
    task = page.get_by_role("link", name="Svara på enkäten Innovationsförmåga 2026", exact=False)
    expect(task).to_be_visible()
    task.click()
    expect(page.locator("h1")).to_have_text("Innovationsförmåga 2026")
    expect(page.locator("#who-sees-what")).to_contain_text("Dina svar sparas utan ditt namn")
    expect(page.get_by_role("heading", name="Strategins framgångsfaktorer")).to_be_visible()
    first = page.locator("fieldset").nth(0)
    first.get_by_label("4", exact=True).check()
    page.locator("fieldset").nth(1).get_by_label("Vet inte").check()
    page.locator("textarea").first.fill("Tid att pröva nya idéer.")
    _shoot(page, "answer")
    page.get_by_role("button", name="Spara och fortsätt senare").click()
    expect(page.get_by_text("Dina svar är sparade men inte skickade.")).to_be_visible()
    assert Response.objects.count() == 0

    # Another browser, not signed in: the link alone brings the saved answers back.
    again = new_page()
    again.goto(_link(employee_round, employee))
    expect(again.locator("fieldset").nth(0).get_by_label("4", exact=True)).to_be_checked()
    expect(again.locator("textarea").first).to_have_value("Tid att pröva nya idéer.")
    again.locator("fieldset").nth(2).get_by_label("5 – Instämmer helt").check()
    again.get_by_role("button", name="Skicka svaren").click()
    expect(again.locator("h1")).to_have_text("Kontrollera dina svar innan du skickar")
    expect(again.get_by_text("När svaren är skickade kan de inte ändras")).to_be_visible()
    _shoot(again, "confirm")
    again.get_by_role("button", name="Skicka svaren").click()
    expect(again.locator("h1")).to_have_text("Tack för att du svarade")
    _shoot(again, "thanks")
    stored = Response.objects.get()
    assert sorted(stored.scores.values()) == [0, 4, 5] and list(stored.texts.values()) == ["Tid att pröva nya idéer."]

    # The link is used: the page says so, and the start page's task is gone.
    again.goto(_link(employee_round, employee))
    expect(again.locator("h1")).to_have_text("Du har redan svarat")
    expect(again.locator("textarea")).to_have_count(0)
    page.goto("/")
    expect(page.get_by_role("link", name="Svara på enkäten Innovationsförmåga 2026", exact=False)).to_have_count(0)


def test_the_director_imports_the_employee_survey_and_replaces_the_year(new_page, director, staff):  # noqa: F811
    page = new_page()
    sign_in(page, director.email)
    page.goto("/surveys/employee-survey/import/")
    expect(page.locator("h1")).to_have_text("Importera medarbetarenkäten")
    expect(page.get_by_text("Inga filer har importerats än.")).to_be_visible()
    page.get_by_label("År").fill("2026")
    page.get_by_label("CSV-fil från enkätleverantören").set_input_files(
        {"name": "medarbetarenkat-2026.csv", "mimeType": "text/csv", "buffer": GOOD.encode()}
    )
    _shoot(page, "import")
    page.get_by_role("button", name="Importera filen").click()
    expect(page.get_by_text("5 resultat för 2026 har importerats från medarbetarenkat-2026.csv.")).to_be_visible()
    expect(page.locator("h1")).to_have_text("Medarbetarenkäten 2026: innovationsfrågor")
    _shoot(page, "employee-survey-results")

    page.goto("/surveys/employee-survey/import/")
    page.get_by_label("År").fill("2026")
    page.get_by_label("CSV-fil från enkätleverantören").set_input_files(
        {"name": "fel.csv", "mimeType": "text/csv", "buffer": (GOOD + "2026;NOPE;inno-1;Fråga;10;3\n").encode()}
    )
    page.get_by_role("button", name="Importera filen").click()
    expect(page.get_by_role("heading", name="Rader att rätta")).to_be_visible()
    expect(page.locator("table").first).to_contain_text("Enhetskoden 'NOPE' finns inte.")
    _shoot(page, "import-errors")

    page.get_by_label("CSV-fil från enkätleverantören").set_input_files(
        {
            "name": "rättad.csv",
            "mimeType": "text/csv",
            "buffer": (HEADER + "2026;CITY;inno-9;Ny fråga;300;3,1\n").encode(),
        }
    )
    page.get_by_role("button", name="Importera filen").click()
    expect(page.locator("h1")).to_have_text("Ersätt resultaten för 2026?")
    _shoot(page, "import-replace")
    page.get_by_role("button", name="Ersätt resultaten").click()
    expect(page.get_by_text("1 resultat för 2026 har importerats från rättad.csv.")).to_be_visible()
    assert list(EmployeeSurveyResult.objects.values_list("item__code", flat=True)) == ["inno-9"]


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_surveys_pages_have_no_wcag_aa_violations(
    browser,
    live_server,
    employee_round,  # noqa: F811
    director,  # noqa: F811
    version,  # noqa: F811
    staff,  # noqa: F811
    language,
):
    employee_survey.employee_survey_import(by=director, year=2026, file_name="m.csv", data=GOOD.encode())
    employee = staff["north"][0]
    link = _link(employee_round, employee)
    # A link to a round that opens in three days, and one to a round that has closed.
    later = open_round(director, make_round(director, version, year=2027))
    Round.objects.filter(pk=later.pk).update(opens_on=timezone.localdate() + timedelta(days=3))
    ended = close_round(director, open_round(director, make_round(director, version, year=2025)))
    manager = staff["north_managers"][0]
    problems: list[str] = []
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    context.add_init_script(Axe().axe_script)
    context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    page = context.new_page()
    try:
        page.goto("/surveys/answer/" + "x" * 43 + "/")
        problems += _violations(page, f"{language} wrong link")
        page.goto(link)
        assert f'<html lang="{language}"' in page.content()
        problems += _violations(page, f"{language} answering page")
        page.locator("main form button[value=send]").click()  # nothing answered
        expect(page.locator(".govuk-error-summary")).to_be_visible()
        problems += _violations(page, f"{language} answering page, errors")
        page.locator("textarea").first.fill("Kort svar.")
        page.locator("main form button[value=send]").click()
        expect(page.locator(".govuk-warning-text")).to_be_visible()
        problems += _violations(page, f"{language} confirmation")
        page.locator("main form button[value=confirm]").click()
        expect(page.locator(".govuk-panel")).to_be_visible()
        problems += _violations(page, f"{language} thanks")
        page.goto(link)
        problems += _violations(page, f"{language} already answered")
        for name, round_ in (("not-open-yet", later), ("closed", ended)):
            response = page.goto(_link(round_, manager))
            assert response.status == 200 and page.locator("main form").count() == 0, name
            problems += _violations(page, f"{language} answering page, {name}")
            if language == "sv":
                _shoot(page, f"answer-{name}")

        sign_in_as(page, director.email, language)
        for path in ("/surveys/employee-survey/import/", "/surveys/employee-survey/", "/surveys/employee-survey/2026/"):
            response = page.goto(path)
            assert response.status == 200, path
            problems += _violations(page, f"{language} {path}")
        page.locator("input[type=file]").count()
        page.goto("/surveys/employee-survey/import/")
        page.locator("input[type=file][name=file]").set_input_files(
            {"name": "f.csv", "mimeType": "text/csv", "buffer": (GOOD + ";NOPE;x;;y;9\n").encode()}
        )
        page.locator("#employee-survey-import button[type=submit]").click()
        expect(page.locator(".govuk-error-summary")).to_be_visible()
        problems += _violations(page, f"{language} import, errors")
        # The year imported again: the confirmation before its results are replaced.
        page.locator("input[type=file][name=file]").set_input_files(
            {
                "name": "f.csv",
                "mimeType": "text/csv",
                "buffer": (HEADER + "2026;CITY;inno-9;Ny fråga;300;3,1\n").encode(),
            }
        )
        page.locator("#employee-survey-import input[name=year]").fill("2026")
        page.locator("#employee-survey-import button[type=submit]").click()
        expect(page.locator("#confirm-replace")).to_be_visible()
        problems += _violations(page, f"{language} import, confirm replacing")
        if language == "sv":
            _shoot(page, "employee-survey-replace")
    finally:
        context.close()
    assert problems == [], "\n".join(problems)
