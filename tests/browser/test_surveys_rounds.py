"""The director sets up the year's survey round of the heads and managers, opens it and follows the response rate.
In Swedish, in Chromium. axe over the overview, the round form, the round page and the questionnaire's pages in
Swedish and English, with the confirmations to delete a round and remove a question and the page to add one;
screenshots at 1280 and 390 pixels wide."""

from __future__ import annotations

import os
import re
from datetime import timedelta
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import expect

from surveys.models import Round, RoundState
from surveys.rounds import services as rounds
from tests.browser.conftest import sign_in
from tests.browser.test_accessibility import _violations
from tests.browser.test_tasks_journey import sign_in_as
from tests.surveys.conftest import answer, close_round, make_round, open_round, tokens
from tests.surveys.conftest import questionnaire as questionnaire  # noqa: F401 - a fixture
from tests.surveys.conftest import staff as staff  # noqa: F401 - a fixture
from tests.surveys.conftest import version as version  # noqa: F401 - a fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = os.environ.get("SPRANG_SCREENSHOTS", "")


def _shoot(page, name: str) -> None:
    if not SHOTS:
        return
    Path(SHOTS).mkdir(parents=True, exist_ok=True)
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=f"{SHOTS}/surveys-{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_the_director_sets_up_a_round_opens_it_and_follows_the_response_rate(new_page, people, staff):
    director = people["director"]
    page = new_page()
    sign_in(page, director.email)
    page.get_by_role("navigation").get_by_role("link", name="Enkäter").first.click()
    expect(page.locator("h1")).to_have_text("Enkäter")
    expect(page.get_by_text("Det finns ingen enkätomgång än.")).to_be_visible()
    _shoot(page, "overview-empty")

    # The questionnaire first: the shipped one, made on first view.
    page.get_by_role("link", name="Enkäten", exact=True).click()
    expect(page.locator("h1")).to_have_text("Innovationsförmåga")
    page.get_by_role("link", name="Version 1").click()
    expect(page.get_by_role("heading", name="Framgångsfaktor")).to_be_visible()
    _shoot(page, "version")

    # Set up the round.
    page.goto("/surveys/")
    page.get_by_role("link", name="Skapa en omgång").first.click()
    expect(page.locator("h1")).to_have_text("Skapa en omgång")
    page.get_by_label("Namn på svenska").fill("Innovationsförmåga 2026")
    page.get_by_label("Namn på engelska").fill("Capacity to innovate 2026")
    page.get_by_label("Direktörer och chefer").check()
    last = timezone.localdate() + timedelta(days=21)
    page.get_by_label("Sista dag för svar").fill(f"{last.day}/{last.month} {last.year}")
    page.get_by_label("Öppnar").fill(timezone.localdate().isoformat())
    page.get_by_label("Påminnelsedagar").fill("7, 14")
    _shoot(page, "round-form")
    page.get_by_role("button", name="Skapa omgången").click()
    expect(page.locator("h1")).to_have_text("Innovationsförmåga 2026")
    expect(page.get_by_text("Omgången är skapad.")).to_be_visible()
    round_ = Round.objects.get()
    assert round_.closes_on == last and round_.reminder_days == [7, 14]

    # Open it: the confirmation says how many will be invited.
    page.get_by_role("link", name="Öppna omgången").click()
    invited = len(rounds.invitees(round_))
    expect(page.get_by_text(re.compile(rf"^{invited} personer bjuds in"))).to_be_visible()
    _shoot(page, "open")
    page.get_by_role("button", name="Öppna omgången och skicka inbjudningarna").click()
    expect(page.get_by_text("Omgången är öppen.")).to_be_visible()
    round_.refresh_from_db()
    assert round_.state == RoundState.OPEN and round_.invited_count == invited

    # Some answer; the response rate per unit shows it.
    for token in tokens(round_)[:5]:
        answer(token, strategy=4)
    page.reload()
    table = page.locator("table", has=page.get_by_role("columnheader", name="Svarsfrekvens"))
    expect(table.get_by_role("row", name=re.compile("Teststaden"))).to_contain_text(f"{invited}")
    expect(table.get_by_role("row", name=re.compile("Teststaden"))).to_contain_text("5")
    _shoot(page, "round")
    # On a phone the heading breaks only where hyphenation allows, and the units are set in by padding.
    page.set_viewport_size({"width": 390, "height": 900})
    heading = page.locator("main h1")
    assert heading.evaluate("h => [getComputedStyle(h).hyphens, getComputedStyle(h).overflowWrap, h.lang]") == [
        "auto",
        "normal",
        "sv",
    ]
    assert heading.evaluate("h => h.scrollWidth <= h.clientWidth")
    unit = table.get_by_role("rowheader", name=re.compile("Norra stadsdelsförvaltningen"))
    assert not unit.inner_text().startswith("\u2003")
    assert float(unit.evaluate("th => parseFloat(getComputedStyle(th).paddingLeft)")) > 0
    page.set_viewport_size({"width": 1280, "height": 900})

    page.goto("/surveys/")
    expect(page.get_by_text(f"5 av {invited}")).to_be_visible()
    _shoot(page, "overview")


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_survey_pages_have_no_wcag_aa_violations(browser, live_server, people, version, staff, language):
    director = people["director"]
    closed = close_round(director, open_round(director, make_round(director, version, year=2025)))
    opened = open_round(director, make_round(director, version, year=2026))
    draft = make_round(director, version, year=2027)
    for token in tokens(opened)[:4]:
        answer(token, strategy=3)
    question = version.questions.first()
    second = rounds.version_create(questionnaire=version.questionnaire, by=director, note="Tydligare fråga 3")
    pages = {
        director: [
            "/surveys/",
            "/surveys/?q=finns+inte",
            "/surveys/rounds/add/",
            f"/surveys/rounds/{opened.pk}/",
            f"/surveys/rounds/{draft.pk}/",
            f"/surveys/rounds/{closed.pk}/",
            f"/surveys/rounds/{draft.pk}/edit/",
            f"/surveys/rounds/{draft.pk}/open/",
            f"/surveys/rounds/{opened.pk}/close/",
            f"/surveys/rounds/{opened.pk}/version/",
            "/surveys/questionnaire/",
            f"/surveys/questionnaire/versions/{version.pk}/",
            f"/surveys/questionnaire/versions/{second.pk}/",
            f"/surveys/questionnaire/versions/{version.pk}/new/",
            f"/surveys/questionnaire/questions/{question.pk}/edit/",
            f"/surveys/rounds/{draft.pk}/delete/",
            f"/surveys/questionnaire/versions/{second.pk}/add/",
            f"/surveys/questionnaire/questions/{second.questions.all()[0].pk}/remove/",
        ],
        people["manager"]: ["/surveys/", f"/surveys/rounds/{opened.pk}/"],
        people["employee"]: ["/surveys/"],
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
                if language == "sv" and path.endswith(("/delete/", "/remove/")):
                    _shoot(page, path.strip("/").split("/")[-1])
            if person == director:
                # The round form sent empty: the error summary and the fields in error.
                page.goto("/surveys/rounds/add/")
                page.get_by_label("Namn på svenska" if language == "sv" else "Name in Swedish").fill("")
                page.locator("main form button[type=submit]").click()
                expect(page.locator(".govuk-error-summary")).to_be_visible()
                problems += _violations(page, f"{person.name}/{language} round form, errors")
        finally:
            context.close()
    assert problems == [], "\n".join(problems)
