"""The follow-up's reports and the calls' tables in Chromium: on a phone (390 px) and on a desktop (1280 px) no page
scrolls sideways and no select is wider than its column; a table stays a table where it has room and stacks into one
card per row where it has not; and axe finds nothing on a phone in Swedish and English."""

from __future__ import annotations

import datetime as dt

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import expect

from governance import services as gov
from organisation.models import Role, User
from tests import factories
from tests.browser.conftest import sign_in
from tests.browser.test_accessibility import WCAG_AA, product  # noqa: F401  (the fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def wide(people, product, tree):  # noqa: F811
    """The product's reports and calls, with an executive office and an activity with a long name."""
    year = timezone.localdate().year
    executive = factories.person(unit=tree["SLK"], role=Role.OFFICE, role_unit=tree["SLK"], name="Eva Ledning")
    gov.activity_add(
        goal=product["north_goal"],
        by=people["manager"],
        title="Digitaliseringssamordningsprojektet för hemtjänstens nyckelfria lås och trygghetslarm",
        owner=people["office"],
        starts_on=dt.date(year, 2, 1),
        ends_on=dt.date(year, 11, 30),
        status="ongoing",
    )
    gov.goal_create(
        by=people["manager"],
        year=year,
        unit=people["manager"].unit,
        parent=product["north_goal"].parent,
        title="Hemtjänstensdigitaliseringssamordningsprojektetsnyckelfrialåsochtrygghetslarm ska prövas i varje område",
    )
    return {**product, "executive": executive}


def _pages(data, people) -> list[tuple[str, User, str]]:
    """(what, who, where): each page as the role that works on it."""
    fund, award = data["fund"], data["award"]
    return [
        ("reports as the manager", people["manager"], "/governance/reports/"),
        ("the goals", people["manager"], "/governance/goals/"),
        ("the manager's draft report", people["manager"], f"/governance/reports/{data['draft_report'].pk}/"),
        ("reports as the executive office", data["executive"], "/governance/reports/"),
        ("a submitted report", data["executive"], f"/governance/reports/{data['submitted_report'].pk}/"),
        ("the dashboard with its charts", data["executive"], "/governance/"),
        ("calls", people["employee"], "/calls/"),
        ("a call's criteria", people["employee"], f"/calls/{fund.pk}/"),
        ("the chair's ranking", people["manager"], f"/calls/{fund.pk}/ranking/"),
        ("a class's ranking", people["coach"], f"/calls/{award.pk}/ranking/?class={data['award_class'].pk}"),
        ("the juror's page", people["coach"], "/calls/jury/"),
        ("the chair's jury page", people["manager"], "/calls/jury/"),
    ]


def _context(browser, live_server, width: int, language: str = "sv"):
    context = browser.new_context(base_url=live_server.url, viewport={"width": width, "height": 900})
    context.set_default_timeout(10_000)
    context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    return context


#: The size a chart's 12-unit labels are drawn at, for each chart drawn smaller than about 10 px.
CHART_LABELS = """() => [...document.querySelectorAll("svg.sprang-chart__svg")]
  .map(svg => svg.getBoundingClientRect().width / svg.viewBox.baseVal.width * 12)
  .filter(size => size < 9.5).map(size => size.toFixed(1))"""

OVERFLOWING_SELECTS = """() => [...document.querySelectorAll("select")]
  .filter(s => s.getBoundingClientRect().width > s.parentElement.getBoundingClientRect().width + 0.5)
  .map(s => `${s.name}: ${Math.round(s.getBoundingClientRect().width)} px`)"""


@pytest.mark.parametrize("width", [1280, 390])
def test_the_reports_and_calls_fit_the_screen(browser, live_server, people, wide, width):
    problems = []
    signed_in = None
    context = _context(browser, live_server, width)
    page = context.new_page()
    try:
        for what, who, path in _pages(wide, people):
            if who != signed_in:
                context.clear_cookies()
                context.add_cookies([{"name": "django_language", "value": "sv", "url": live_server.url}])
                sign_in(page, who.email)
                signed_in = who
            page.goto(path)
            expect(page.get_by_role("heading", level=1)).to_be_visible()
            scroll = page.evaluate("document.documentElement.scrollWidth")
            if scroll > width:
                problems.append(f"{what} ({path}) is {scroll} px wide at {width} px")
            problems += [f"{what}: the select {s} is wider than its column" for s in page.evaluate(OVERFLOWING_SELECTS)]
            problems += [f"{what}: a chart's labels are drawn at {size} px" for size in page.evaluate(CHART_LABELS)]
            # A table is a table on a desktop and a list of cards on a phone; screen readers keep the table.
            for table in page.locator("table.sprang-stack").all():
                header_shown = table.locator("thead").bounding_box()
                assert header_shown is not None
                if width == 1280 and header_shown["width"] <= 1:
                    problems.append(f"{what}: a table stacks on a desktop")
                if width == 390 and header_shown["width"] > 1 and header_shown["height"] > 1:
                    problems.append(f"{what}: a table's header row shows on a phone")
        assert problems == []
        # Stacked on a phone, each figure keeps its column's name.
        if width == 390:
            context.clear_cookies()
            context.add_cookies([{"name": "django_language", "value": "sv", "url": live_server.url}])
            sign_in(page, wide["executive"].email)
            page.goto(f"/governance/reports/{wide['submitted_report'].pk}/")
            row = page.locator("tbody tr", has_text="Innovationsklimat")
            labels = row.locator("td").evaluate_all("cells => cells.map(c => getComputedStyle(c, '::before').content)")
            assert labels[:2] == ['"Utfall: "', '"Målvärde: "']
    finally:
        context.close()


@pytest.mark.parametrize("language", ["sv", "en"])
def test_axe_finds_nothing_on_the_reports_and_calls_on_a_phone(browser, live_server, people, wide, language):
    problems = []
    axe_script = Axe().axe_script
    signed_in = None
    context = _context(browser, live_server, 390, language)
    context.add_init_script(axe_script)
    page = context.new_page()
    try:
        for what, who, path in _pages(wide, people):
            if who != signed_in:
                context.clear_cookies()
                context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
                page.goto("/account/login/")
                page.fill("input[name=login]", who.email)
                page.fill("input[name=password]", "a-long-test-password")
                page.locator("form:has(input[name=login]) button[type=submit]").click()
                page.wait_for_url("**/")
                signed_in = who
            page.goto(path)
            results = page.evaluate("options => axe.run(document, options)", WCAG_AA)
            for v in results["violations"]:
                targets = "; ".join(" ".join(n["target"]) for n in v["nodes"][:3])
                problems.append(f"{language} {what}: {v['id']} – {v['help']} [{targets}]")
    finally:
        context.close()
    assert problems == []
