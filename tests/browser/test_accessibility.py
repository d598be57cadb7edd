"""axe-core in Chromium over the main pages, signed in as different roles, in Swedish and English."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from ideas.lock import Stage
from tests import factories
from tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def _violations(page) -> list[str]:
    results = Axe().run(page, options=WCAG_AA)
    return [
        f"{page.url}: {v['id']} – {v['help']} ({', '.join(n['target'][0] for n in v['nodes'][:3])})"
        for v in results.response["violations"]
    ]


@pytest.fixture
def city(people):
    idea = factories.idea(author=people["employee"], title="Digitala lås i hemtjänsten")
    factories.move(idea, by=people["office"], to=Stage.PRESTUDY)
    factories.idea(author=people["resident"], title="Fler bänkar i parken", visibility="public")
    return {"idea": idea}


@pytest.mark.parametrize("language", ["sv", "en"])
def test_pages_have_no_wcag_aa_violations(new_page, people, city, language):
    idea = city["idea"]
    problems: list[str] = []

    anonymous = new_page()
    if language == "en":
        anonymous.goto("/")
        anonymous.get_by_role("button", name="English").click()
    for path in ("/", "/ideas/", "/account/login/", "/account/signup/", "/about/accessibility/"):
        anonymous.goto(path)
        problems += _violations(anonymous)

    office = new_page()
    sign_in(office, people["office"].email)
    if language == "en":
        office.get_by_role("button", name="English").click()
    for path in (
        "/",
        "/ideas/?q=lås",
        "/ideas/new/",
        f"/ideas/{idea.pk}/",
        f"/ideas/{idea.pk}/decide/?to=pilot",
        f"/ideas/{idea.pk}/decide/?to=parked",
        f"/ideas/{idea.pk}/edit/",
        "/ideas/triage/",
        "/ideas/pipeline/",
        "/ideas/pipeline/?view=table",
        "/notifications/",
        "/profile/tokens/",
        "/profile/",
    ):
        office.goto(path)
        problems += _violations(office)

    # A form with errors: the error summary and the fields' messages.
    office.goto("/ideas/new/")
    office.locator("main form button[type=submit]").click()
    problems += _violations(office)

    resident = new_page()
    sign_in(resident, people["resident"].email)
    if language == "en":
        resident.get_by_role("button", name="English").click()
    resident.goto("/ideas/new/")
    problems += _violations(resident)

    assert problems == []


def test_keyboard_reaches_the_skip_link_first_and_the_idea_form_in_order(new_page, people, city):
    page = new_page()
    sign_in(page, people["employee"].email)
    page.goto("/ideas/new/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Hoppa till huvudinnehållet"
    page.keyboard.press("Enter")
    assert page.url.endswith("#main-content")
    # From the main content, Tab walks the form in reading order, starting with the title.
    page.locator("#id_title").focus()
    order = []
    for _ in range(4):
        page.keyboard.press("Tab")
        order.append(page.evaluate("document.activeElement.id"))
    assert order[:3] == ["id_problem", "id_audience", "id_proposal"]
    outline = page.evaluate(
        "getComputedStyle(document.activeElement).outlineStyle + ' ' + getComputedStyle(document.activeElement).boxShadow"
    )
    assert outline.strip() != "none none"
