"""A manager reads the city's survey results, compares the kinds of organisation, drills down to their own
administration and downloads the results as a spreadsheet. In Swedish, in Chromium. axe over the results pages in
Swedish and English; screenshots at 1280 and 390 pixels wide."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from surveys.employee_survey import services as employee_survey
from surveys.models import TargetGroup
from tests import factories
from tests.browser.conftest import axe_context, shoot, sign_in
from tests.browser.test_accessibility import _violations
from tests.browser.test_tasks_journey import sign_in_as
from tests.surveys.conftest import close_round, make_round, open_round
from tests.surveys.conftest import director as director  # noqa: F401 - a fixture
from tests.surveys.conftest import questionnaire as questionnaire  # noqa: F401 - a fixture
from tests.surveys.conftest import staff as staff  # noqa: F401 - a fixture
from tests.surveys.conftest import version as version  # noqa: F401 - a fixture
from tests.surveys.employee_survey.test_services import GOOD
from tests.surveys.results.conftest import answer_all

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def closed(director, version, staff, tree):  # noqa: F811
    """Everyone at Norra's administration itself counts for it, and only two of them answer: Norra minus Äldreomsorg
    Norra would be those two, so the department is not shown (``protected_department_round`` in the results' tests)."""
    for _ in range(2):
        factories.person(unit=tree["SDF-N"])
    round_ = open_round(director, make_round(director, version, target_group=TargetGroup.EMPLOYEES))
    quiet = set(round_.invitations.filter(unit=tree["SDF-N"]).order_by("pk").values_list("pk", flat=True)[2:])
    answer_all(round_, only=lambda invitation: invitation.pk not in quiet)
    return close_round(director, round_)


def test_a_manager_reads_compares_drills_down_and_downloads(new_page, people, closed, tree):
    page = new_page()
    sign_in(page, people["manager"].email)
    page.goto("/surveys/results/")
    expect(page.locator("h1")).to_have_text("Enkätresultat")
    page.get_by_role("link", name=closed.name).click()
    expect(page.locator("h1")).to_have_text("Hela staden")
    expect(page.get_by_text("Medelvärde för frågorna").first).to_be_visible()
    shoot(page, "survey-results-city")

    # The kinds of organisation side by side.
    comparison = page.get_by_role("region", name="Bolag och förvaltningar sida vid sida")
    expect(comparison.get_by_role("columnheader", name="Stadsdelsförvaltning")).to_be_visible()
    expect(comparison.get_by_role("columnheader", name="Fackförvaltning")).to_be_visible()

    # Down to her committee, then her administration.
    page.get_by_role("link", name="Norra stadsdelsnämnden").click()
    expect(page.locator("h1")).to_have_text("Norra stadsdelsnämnden")
    page.get_by_role("link", name="Norra stadsdelsförvaltningen").click()
    expect(page.locator("h1")).to_have_text("Norra stadsdelsförvaltningen")
    expect(page.get_by_role("cell", name="Visas inte, för att skydda en mindre grupp")).to_be_visible()
    expect(page.get_by_role("heading", name="Fritext")).to_be_visible()
    expect(page.get_by_text(re.compile(r"^Svar \d\d$")).first).to_be_visible()
    shoot(page, "survey-results-administration")

    with page.expect_download() as info:
        page.get_by_role("link", name="Ladda ner som kalkylblad (XLSX)").click()
    assert re.match(r"Innovationsförmåga 2026 – Norra stadsdelsförvaltningen\.xlsx", info.value.suggested_filename)

    # A crafted filter finds nothing.
    page.goto(f"/surveys/results/{closed.pk}/?group=unit:999999")
    expect(page.locator("h1")).to_have_text("Inga resultat för den här gruppen")
    shoot(page, "survey-results-none")


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_results_pages_have_no_wcag_aa_violations(browser, live_server, people, closed, tree, language):
    # The employee survey's items beside the results: a table on the city's and a unit's page, a note on a kind's.
    employee_survey.employee_survey_import(by=people["director"], year=2026, file_name="m.csv", data=GOOD.encode())
    paths = [
        "/surveys/results/",
        f"/surveys/results/{closed.pk}/",
        f"/surveys/results/{closed.pk}/?group=kind:district_administration",
        f"/surveys/results/{closed.pk}/?group=unit:{tree['SDF-N'].pk}",
        f"/surveys/results/{closed.pk}/?group=unit:{tree['SDF-N-ALD'].pk}",
    ]
    context = axe_context(browser, live_server, language)
    page = context.new_page()
    problems = []
    try:
        sign_in_as(page, people["manager"].email, language)
        for path in paths:
            response = page.goto(path)
            assert response.status == 200, path
            assert f'<html lang="{language}"' in page.content()
            problems += _violations(page, f"{language} {path}")
            if language == "sv" and "SDF-N" not in path and path.endswith("/"):
                shoot(page, "survey-results-city-with-employee-survey")
        response = page.goto(f"/surveys/results/{closed.pk}/?group=unit:999999")
        assert response.status == 404
        problems += _violations(page, f"{language} no results")
    finally:
        context.close()
    assert problems == [], "\n".join(problems)


@pytest.fixture
def a_year_later(closed, director, version):  # noqa: F811
    """The same survey to the same people the next year, with everyone answering 5: the trend has two rounds."""
    round_ = open_round(director, make_round(director, version, target_group=TargetGroup.EMPLOYEES, year=2027))
    answer_all(round_, score=lambda i: 5)
    return close_round(director, round_)


def test_a_manager_follows_the_questions_over_the_years(new_page, people, closed, a_year_later):
    page = new_page()
    sign_in(page, people["manager"].email)
    page.goto("/surveys/results/")
    page.get_by_role("link", name=a_year_later.name).click()
    expect(page.locator("h1")).to_have_text("Hela staden")
    trend = page.locator("section[aria-labelledby=trend]")
    expect(trend.get_by_role("heading", name="Över åren")).to_be_visible()
    # A small chart per question, each named by its question and described by the table with the same figures.
    charts = trend.get_by_role("img")
    expect(charts.first).to_be_visible()
    assert charts.count() == trend.locator("#trend-table tbody tr").count() > 1
    assert charts.first.get_attribute("aria-describedby") == "trend-table"
    first_question = trend.locator("#trend-table tbody th").first.inner_text()
    expect(trend.locator("figcaption").first).to_have_text(first_question)
    expect(trend.locator("#trend-table thead")).to_contain_text("2026")
    expect(trend.locator("#trend-table thead")).to_contain_text("2027")
    expect(trend.locator("#trend-table tbody tr").first.locator("td").last).to_have_text("5,0")
    trend.scroll_into_view_if_needed()
    shoot(page, "survey-results-trend")


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_trend_has_no_wcag_aa_violations(browser, live_server, people, a_year_later, language):
    context = axe_context(browser, live_server, language)
    page = context.new_page()
    try:
        sign_in_as(page, people["manager"].email, language)
        problems = []
        for width in (1280, 390):
            page.set_viewport_size({"width": width, "height": 900})
            assert page.goto(f"/surveys/results/{a_year_later.pk}/").status == 200
            assert page.locator("section[aria-labelledby=trend] svg").count() > 1
            problems += _violations(page, f"{language} {width} trend")
    finally:
        context.close()
    assert problems == [], "\n".join(problems)
