"""The innovation lock's pages in Chromium: a gate decided with every error shown at once, a date as
Swedish people write it, lists that never scroll sideways, and axe over them in Swedish and English."""

from __future__ import annotations

import datetime as dt

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import expect

from ideas import services as idea_services
from ideas.lock import Stage
from ideas.models import Idea
from tests import factories
from tests.browser.conftest import sign_in
from tests.browser.test_accessibility import WCAG_AA

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MONTHS = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober")
MONTHS += ("november", "december")


@pytest.fixture
def lock_data(people):
    """Ideas in every column, with the long titles, names and units that used to push pages sideways."""
    office, coach = people["office"], people["coach"]
    ideas = {}
    for n, stage in enumerate((Stage.IDEA, Stage.PRESTUDY, Stage.PILOT, Stage.IMPLEMENTATION, Stage.SPREAD)):
        idea = factories.idea(
            author=people["employee"],
            title=f"Äldreomsorgsförvaltningens digitaliseringssamordningsprojekt nummer {n} för hemtjänsten",
        )
        idea_services.coach_assign(idea=idea, coach=coach, by=office)
        path = (Stage.PRESTUDY, Stage.PILOT, Stage.IMPLEMENTATION, Stage.SPREAD)
        for target in path[: path.index(stage) + 1] if stage != Stage.IDEA else ():
            if target == Stage.SPREAD:
                idea_services.assessment_record(
                    idea=idea, assessed_by=office, novelty="city", value_evidence="Mätt.", in_use=True, used_by="Norra"
                )
            factories.move(idea, by=office, to=target)
        ideas[stage] = idea
    closed = factories.idea(author=people["employee"], title="Solpaneler på förskolans tak")
    factories.move(closed, by=office, to=Stage.CLOSED)
    parked = factories.idea(author=people["employee"], title="Robotdammsugare i korridorerna")
    factories.move(parked, by=office, to=Stage.PARKED, parked_until=timezone.localdate() + dt.timedelta(days=90))
    ideas["closed"], ideas["parked"] = closed, parked
    return ideas


def test_the_office_decides_a_gate_seeing_every_error_at_once_and_parks_with_a_swedish_date(new_page, people):
    idea = factories.idea(author=people["employee"], title="Nattfasta på Björken")
    page = new_page()
    sign_in(page, people["office"].email)
    page.goto(f"/ideas/{idea.pk}/")
    page.get_by_role("link", name="Gå vidare till förstudie").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gå vidare till förstudie")
    checklist = page.get_by_role("group", name="Checklista för beslutet")
    expect(checklist).to_be_visible()
    expect(checklist.get_by_label("Någon äger förstudien och har tid för den (obligatorisk)")).to_be_visible()

    # One box ticked, no rationale: one submit shows both problems.
    checklist.locator("input[name=check_need_clear]").check()
    page.get_by_role("button", name="Registrera beslutet").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary.locator("a")).to_have_count(2)
    expect(summary).to_contain_text("Kryssa i punkten")
    expect(summary).to_contain_text("Skriv en motivering")
    expect(page.locator("#id_check_need_clear")).to_be_checked()
    summary.locator("a[href='#id_check_owner_named']").click()
    expect(page.locator("#id_check_owner_named")).to_be_focused()

    page.locator("#id_check_owner_named").check()
    page.fill("#id_rationale", "Behovet är tydligt; Björken leder förstudien under hösten.")
    page.get_by_role("button", name="Registrera beslutet").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("idén är nu i steget förstudie")

    # Parking: a date written as in a letter, first without its year.
    when = timezone.localdate() + dt.timedelta(days=75)
    page.get_by_role("link", name="Parkera").click()
    expect(page.locator("#id_parked_until-hint")).to_contain_text("Till exempel")
    page.fill("#id_parked_until", f"{when.day} {MONTHS[when.month - 1]}")
    page.get_by_role("button", name="Registrera beslutet").click()
    expect(page.locator(".govuk-error-summary a")).to_have_count(2)
    expect(page.locator("#id_parked_until-error")).to_contain_text("till exempel")
    page.fill("#id_parked_until", f"{when.day} {MONTHS[when.month - 1]} {when.year}")
    page.fill("#id_rationale", "Vi väntar på nästa års budget.")
    page.get_by_role("button", name="Registrera beslutet").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Beslutet är registrerat")
    expect(page.locator(".govuk-inset-text")).to_contain_text(when.isoformat())
    stored = Idea.objects.get(pk=idea.pk)
    assert (stored.stage, stored.parked_until) == (Stage.PARKED, when)


def test_the_director_filters_the_pipeline_table_through_its_form_and_the_choices_stay(new_page, people, lock_data):
    page = new_page()
    sign_in(page, people["director"].email)
    page.goto("/ideas/pipeline/?view=table")
    page.get_by_label("Steg").select_option(label="Pilot")
    page.get_by_label("Källa").select_option(label="Medarbetare")
    page.get_by_role("button", name="Filtrera").click()
    page.wait_for_url("**/ideas/pipeline/?*stage=pilot*")
    rows = page.locator("tbody .govuk-table__row")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("nummer 2")
    # The kept filter fields show what was chosen; choosing the whole list again shows every idea.
    expect(page.get_by_label("Steg")).to_have_value("pilot")
    expect(page.get_by_label("Källa")).to_have_value("employee")
    page.get_by_label("Steg").select_option(label="Alla steg")
    page.get_by_role("button", name="Filtrera").click()
    expect(page.get_by_label("Steg")).to_have_value("")
    expect(rows).to_have_count(len(lock_data))


LISTS = ("/ideas/", "/ideas/pipeline/", "/ideas/pipeline/?view=table", "/ideas/triage/")


@pytest.mark.parametrize("width", [1280, 390])
def test_the_lists_fit_the_screen(browser, live_server, people, lock_data, width):
    context = browser.new_context(base_url=live_server.url, locale="sv-SE", viewport={"width": width, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        sign_in(page, people["director"].email)
        for path in LISTS:
            page.goto(path)
            scroll = page.evaluate("document.documentElement.scrollWidth")
            assert scroll <= width, f"{path} is {scroll} px wide at {width} px"
        page.goto("/ideas/pipeline/")
        board = page.get_by_role("region", name="Tavlan: en kolumn per steg")
        expect(board).to_have_attribute("tabindex", "0")
        tops = board.locator(".sprang-board__column").evaluate_all("cols => cols.map(c => c.offsetTop)")
        assert len(tops) == 7 and len(set(tops)) == 1, "every column in one row"
        expect(board.locator(".sprang-board__facts").first).to_contain_text("Coach:")
    finally:
        context.close()


PAGES = (
    ("list", "/ideas/"),
    ("pipeline board", "/ideas/pipeline/"),
    ("pipeline table", "/ideas/pipeline/?view=table"),
    ("triage", "/ideas/triage/"),
    ("closed idea", "closed"),
)


@pytest.mark.parametrize("language", ["sv", "en"])
def test_axe_finds_nothing_on_the_lock_pages(browser, live_server, people, lock_data, language):
    idea = lock_data[Stage.IDEA]
    pages = [
        *PAGES,
        ("decide", f"/ideas/{idea.pk}/decide/?to=prestudy"),
        ("close", f"/ideas/{idea.pk}/decide/?to=closed"),
        ("park", f"/ideas/{idea.pk}/decide/?to=parked"),
    ]
    problems = []
    for width in (1280, 390):
        context = browser.new_context(base_url=live_server.url, viewport={"width": width, "height": 900})
        context.set_default_timeout(10_000)
        context.add_init_script(Axe().axe_script)
        context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
        page = context.new_page()
        try:
            sign_in(page, people["office"].email) if language == "sv" else _sign_in_en(page, people["office"].email)
            for name, path in pages:
                page.goto(f"/ideas/{lock_data['closed'].pk}/" if path == "closed" else path)
                if name in ("decide", "close", "park"):
                    page.locator("button.govuk-button[type=submit]").last.click()  # every error showing
                    expect(page.locator(".govuk-error-summary")).to_be_visible()
                results = page.evaluate("options => axe.run(document, options)", WCAG_AA)
                for v in results["violations"]:
                    targets = "; ".join(" ".join(n["target"]) for n in v["nodes"][:3])
                    problems.append(f"{language}/{width} {name}: {v['id']} – {v['help']} [{targets}]")
        finally:
            context.close()
    assert problems == []


def _sign_in_en(page, email: str, password: str = "a-long-test-password") -> None:
    page.goto("/account/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", password)
    page.locator("form:has(input[name=login]) button[type=submit]").click()
    page.wait_for_url("**/")
