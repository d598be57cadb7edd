"""A juror finds their work from the menu and the start page, in Swedish; axe over the start page, the dashboard,
the reports and a report's confirmation step, in Swedish and English."""

# The calls fixtures are imported to be used here: pytest sees them as this module's own.
# ruff: noqa: F401, F811

from __future__ import annotations

import datetime as dt
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import expect

from governance import services as gov
from governance.models import Fulfilment
from organisation.models import Unit
from tests.browser.conftest import sign_in
from tests.browser.test_accessibility import _violations
from tests.calls.conftest import fund, fund_application, jurors, pilot_idea, with_jury

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_juror_finds_jury_work_in_the_menu_and_on_the_start_page(new_page, jurors, with_jury):
    page = new_page()
    sign_in(page, jurors["expert"].email)
    menu = page.get_by_role("navigation", name="Meny")
    entry = menu.get_by_role("link", name="Juryarbete")
    expect(entry).to_contain_text("1")
    expect(entry).to_contain_text("kvar att poängsätta")  # the count, said to screen readers

    tasks = page.get_by_role("region", name="Dina uppgifter")
    expect(tasks).to_contain_text("Juryarbete")
    tasks.get_by_role("link", name="Innovationsfonden 2026: 1 ansökan att poängsätta").click()
    expect(page.locator("h1")).to_be_visible()
    page.get_by_role("link", name="Pilot med digitala lås").click()
    expect(page).to_have_url(re.compile(rf"/calls/applications/{with_jury.pk}/score/$"))

    # The menu leads there too.
    page.goto("/")
    page.get_by_role("navigation", name="Meny").get_by_role("link", name="Juryarbete").click()
    expect(page).to_have_url(re.compile(r"/calls/jury/$"))


@pytest.fixture
def complete_draft(people):
    """Norra's annual report, complete and not yet submitted, its deadline a month away."""
    director, manager = people["director"], people["manager"]
    year = timezone.localdate().year
    survey = gov.indicator_create(
        by=director, code="survey", name="Innovationsklimat", measure="percent", direction="higher", source="Enkäten"
    )
    goal = gov.goal_create(
        by=director, year=year, unit=Unit.objects.get_first_root_node(), title="Fler idéer prövas", indicators=[survey]
    )
    period = gov.reporting_period_open(
        by=director, year=year, period="VB", deadline=timezone.localdate() + dt.timedelta(days=30)
    )
    report = gov.report_start(by=manager, reporting_period=period, unit=manager.unit)
    gov.report_save(
        report=report,
        by=manager,
        expected_version=report.version,
        narrative="Vi har startat ett nätverk för innovation.",
        outcomes={survey.pk: ("66,67", "Medarbetarenkäten")},
        assessments={goal.pk: (Fulfilment.PARTLY, "Två av tre avdelningar har prövat en idé.")},
    )
    return report


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_start_page_dashboard_reports_and_confirmation_have_no_wcag_aa_violations(
    browser, live_server, people, jurors, with_jury, complete_draft, language
):
    pages = {
        jurors["chair"]: ["/"],
        people["manager"]: ["/", "/governance/reports/", f"/governance/reports/{complete_draft.pk}/submit/"],
        people["director"]: ["/", "/governance/", "/governance/reports/"],
        people["employee"]: ["/", "/governance/?year=2026&period=T1"],
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
        finally:
            context.close()
    assert problems == [], "\n".join(problems)


def sign_in_as(page, email: str, language: str) -> None:
    page.goto("/account/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", "a-long-test-password")
    page.locator("form:has(input[name=login]) button[type=submit]").click()
    page.wait_for_url("**/")
