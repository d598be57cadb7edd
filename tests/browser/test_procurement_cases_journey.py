"""A procurement officer makes a case from a need routed to a market dialogue, chooses an innovation partnership,
links the tender and records the outcome: in Swedish, in Chromium. axe over the cases pages in Swedish and
English; screenshots at 1280 and 390 pixels wide."""

from __future__ import annotations

import os
import subprocess
from datetime import date
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings as django_settings
from playwright.sync_api import expect

from procurement.cases import services as cases
from procurement.models import CaseStage, Contract, ProcurementCase, ProcurementRoute
from tests.browser.conftest import sign_in
from tests.browser.test_accessibility import _violations
from tests.browser.test_tasks_journey import sign_in_as
from tests.procurement.conftest import case, market_need, officers  # noqa: F401 - fixtures

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


@pytest.fixture
def threshold(officers):  # noqa: F811 - the fixture above
    return cases.threshold_set(
        by=officers["central"],
        valid_from=date(2024, 1, 1),
        supplies_services_sek=2_300_000,
        works_sek=57_800_000,
        social_services_sek=8_700_000,
        source="EUT C/2023/1495",
    )


def _shoot(page, name: str) -> None:
    if not SHOTS:
        return
    Path(SHOTS).mkdir(parents=True, exist_ok=True)
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=f"{SHOTS}/procurement-{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_an_officer_takes_a_need_to_the_market_and_records_the_contract(new_page, officers, market_need, threshold):  # noqa: F811
    page = new_page()
    sign_in(page, officers["officer"].email)
    page.goto(market_need.get_absolute_url())
    expect(page.get_by_role("heading", name="Upphandlingsärenden från behovet")).to_be_visible()
    page.get_by_role("link", name="Skapa ett upphandlingsärende").click()
    expect(page.locator("h1")).to_have_text("Skapa ett upphandlingsärende")
    expect(page.locator("#threshold-in-force")).to_contain_text("Varor och tjänster")
    page.locator("#id_title").fill("Energismart styrning av skolbyggnader")
    page.locator("#id_estimated_value_sek").fill("4 000 000")
    page.locator("#id_period_months").fill("48")
    page.locator("#id_plan").fill("Marknadsdialog under våren, sedan val av väg.")
    _shoot(page, "create")
    page.get_by_role("button", name="Skapa ärendet").click()
    expect(page.get_by_text("Upphandlingsärendet är skapat. Planera marknadsdialogen härnäst.")).to_be_visible()
    expect(page.locator("h1")).to_have_text("Energismart styrning av skolbyggnader")
    expect(page.locator("#threshold-verdict")).to_contain_text("Över EU:s tröskelvärde")
    case_ = ProcurementCase.objects.get()

    page.get_by_role("link", name="Välj väg").click()
    expect(page.locator("h1")).to_have_text("Välj väg")
    page.get_by_role("button", name="Spara vägen").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    page.get_by_label("Innovationspartnerskap").check()
    page.locator("#id_rationale").fill("Dialogen visade att ingen färdig lösning finns.")
    _shoot(page, "route")
    page.get_by_role("button", name="Spara vägen").click()
    expect(page.get_by_text("Vägen är vald och registrerad med motivering.")).to_be_visible()

    page.get_by_role("link", name="Länka upphandlingen").click()
    page.locator("#id_reference").fill("UH-2026-123")
    page.locator("#id_url").fill("https://e-avrop.example.se/uh-2026-123")
    page.get_by_role("button", name="Länka upphandlingen").click()
    expect(page.get_by_text("Upphandlingen är länkad: ärendet är ute på anbud.")).to_be_visible()
    expect(page.get_by_role("link", name="Upphandling UH-2026-123 i upphandlingssystemet")).to_be_visible()

    page.get_by_role("link", name="Registrera resultatet").click()
    page.locator("#id_suppliers").fill("556036-0793 Alfa Energi AB")
    page.locator("#id_value_sek").fill("3 600 000")
    page.locator("#id_starts_on").fill("2027-01-01")
    page.locator("#id_ends_on").fill("2030-12-31")
    _shoot(page, "outcome")
    page.get_by_role("button", name="Registrera resultatet").click()
    expect(page.get_by_text("Resultatet är registrerat och avtalet finns i avtalsregistret.")).to_be_visible()
    _shoot(page, "concluded")
    case_.refresh_from_db()
    assert (case_.stage, case_.route) == (CaseStage.CONCLUDED, ProcurementRoute.INNOVATION_PARTNERSHIP)
    assert Contract.objects.get(from_case=case_).value_sek == 3_600_000


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_cases_pages_have_no_wcag_aa_violations(browser, live_server, officers, case, threshold, language):  # noqa: F811
    officer, central = officers["officer"], officers["central"]
    other = cases.case_create(
        need=case.need,
        by=officer,
        title="Prova en färdig lösning",
        estimated_value_sek=300_000,
        period_months=12,
        plan="Pilot.",
    )
    cases.case_route_choose(
        case=other, by=officer, expected_version=other.version, route=ProcurementRoute.EXISTING_SOLUTION, rationale="R"
    )
    pages = {
        officer: [
            "/procurement/",
            "/procurement/?q=ingenting",
            case.get_absolute_url(),
            f"/procurement/from-need/{case.need_id}/",
            f"/procurement/{case.pk}/edit/",
            f"/procurement/{case.pk}/route/",
            f"/procurement/{case.pk}/close/",
            f"/procurement/{other.pk}/pilot/",
            "/procurement/procured-values/",
            case.need.get_absolute_url(),
        ],
        central: ["/procurement/thresholds/"],
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
            if person == officer:
                page.goto(f"/procurement/{case.pk}/route/")
                page.locator("main form button[type=submit]").click()
                expect(page.locator(".govuk-error-summary")).to_be_visible()
                problems += _violations(page, f"{person.name}/{language} route, errors")
        finally:
            context.close()
    assert problems == [], "\n".join(problems)
