"""An employee asks the innovation office for advice, the office answers pointing to a good example and suggests an
idea, the employee sends the question in as an idea: in Swedish, in Chromium. axe over the advice pages in Swedish
and English; screenshots at 1280 and 390 pixels wide."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from ideas.models import Idea
from spread.advice import services
from spread.models import AdviceRequest, AdviceStatus
from tests.browser.conftest import sign_in
from tests.browser.test_accessibility import _violations
from tests.browser.test_tasks_journey import sign_in_as
from tests.spread.advice.conftest import make_example

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

#: Where the screenshots go when ``SPRANG_SCREENSHOTS`` names a folder.
SHOTS = os.environ.get("SPRANG_SCREENSHOTS", "")


def _shoot(page, name: str) -> None:
    if not SHOTS:
        return
    Path(SHOTS).mkdir(parents=True, exist_ok=True)
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=f"{SHOTS}/advice-{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_an_employee_asks_the_office_answers_and_the_question_becomes_an_idea(new_page, people, tree):
    example = make_example("Digitala lås i hemtjänsten", unit=tree["SDF-N-ALD"])

    # Anna asks.
    page = new_page()
    sign_in(page, people["employee"].email)
    page.goto("/spread/advice/")
    expect(page.locator("h1")).to_have_text("Dina frågor om råd")
    page.get_by_role("main").get_by_role("link", name="Be om råd").last.click()
    page.get_by_label("Vad handlar din fråga om?").fill("Var börjar jag med digitala lås?")
    page.get_by_label("Din fråga", exact=True).fill("Jag har en idé om digitala lås men vet inte var jag ska börja.")
    page.get_by_label("Vill du fråga en viss innovationscoach?").select_option(label="Cecilia Coach")
    _shoot(page, "ask")
    page.get_by_role("button", name="Skicka frågan").click()
    expect(page.locator("h1")).to_have_text("Var börjar jag med digitala lås?")
    expect(page.get_by_text("Din fråga har skickats till Norra stadsdelsförvaltningen")).to_be_visible()
    advice = AdviceRequest.objects.get()
    assert advice.coach == people["coach"]

    # Norra's innovation office finds it on the start page and answers.
    office = new_page()
    sign_in(office, people["office"].email)
    tasks = office.get_by_role("region", name="Dina uppgifter")
    tasks.get_by_role("link", name="1 fråga om råd väntar på svar").click()
    expect(office.locator("h1")).to_have_text("Frågor om råd")
    _shoot(office, "queue")
    office.get_by_role("link", name="Var börjar jag med digitala lås?").click()
    office.get_by_label("Ditt svar", exact=True).fill(
        "Börja med att beskriva problemet. Titta på hur Äldreomsorg Norra gjorde."
    )
    office.get_by_label("Hitta goda exempel").fill("lås")
    office.get_by_label(re.compile("Digitala lås i hemtjänsten")).check()  # found as the words are typed (htmx)
    office.get_by_label("Föreslå att frågan skickas in som en idé").check()
    _shoot(office, "answer")
    office.get_by_role("button", name="Skicka svaret").click()
    expect(office.get_by_text("Ditt svar har skickats till Anna Anställd.")).to_be_visible()
    advice.refresh_from_db()
    assert advice.status == AdviceStatus.ANSWERED
    assert list(advice.examples.all()) == [example]

    # Anna reads the answer and sends her question in as an idea.
    page.reload()
    expect(page.get_by_text("Börja med att beskriva problemet.")).to_be_visible()
    expect(page.get_by_role("heading", name="Goda exempel att titta på")).to_be_visible()
    expect(page.get_by_text("Digitala lås i hemtjänsten")).to_be_visible()
    _shoot(page, "answered")
    page.get_by_role("link", name="Skicka in den som en idé").first.click()
    expect(page.get_by_label("Ge idén en kort rubrik")).to_have_value("Var börjar jag med digitala lås?")
    page.get_by_label("Vem är den till för?").fill("Hemtjänstens personal och brukare.")
    page.get_by_label("Vad är din idé?").fill("Digitala lås som öppnas med mobilen.")
    page.get_by_label("Vilket värde tror du att idén ger?").fill("Mindre tid på nycklar.")
    page.get_by_label("Process").check()
    page.get_by_label("Ekonomiskt").check()
    _shoot(page, "idea")
    page.get_by_role("button", name="Skicka idén").click()
    expect(page).to_have_url(re.compile(r"/ideas/\d+/$"))
    idea = Idea.objects.get()
    expect(page).to_have_url(re.compile(rf"/ideas/{idea.pk}/$"))
    assert idea.author == people["employee"]
    advice.refresh_from_db()
    assert advice.idea == idea and advice.status == AdviceStatus.BECAME_IDEA


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_advice_pages_have_no_wcag_aa_violations(browser, live_server, people, tree, language):
    example = make_example("Digitala lås i hemtjänsten", unit=tree["SDF-N-ALD"])
    waiting = services.advice_ask(asked_by=people["employee"], subject="Var börjar jag?", question="Jag har en idé.")
    answered = services.advice_ask(asked_by=people["employee"], subject="Hur gjorde andra?", question="Berätta!")
    services.advice_answer(
        advice=answered,
        by=people["office"],
        expected_version=1,
        answer="Så här.",
        examples=[example],
        suggest_idea=True,
    )
    pages = {
        people["employee"]: [
            "/spread/advice/",
            "/spread/advice/ask/",
            answered.get_absolute_url(),
            f"/spread/advice/{answered.pk}/idea/",
        ],
        people["office"]: [
            "/spread/advice/",
            "/spread/advice/?view=queue&state=answered",
            waiting.get_absolute_url(),
            f"/spread/advice/{waiting.pk}/examples/?find=lås",
        ],
        people["colleague"]: ["/spread/advice/"],  # nothing asked yet
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
                if "/examples/" in path:
                    continue  # a piece of a page, checked inside the page it fills
                assert f'<html lang="{language}"' in page.content()
                problems += _violations(page, f"{person.name}/{language} {path}")
            if person == people["employee"]:
                # The question sent empty: the error summary and the fields in error.
                page.goto("/spread/advice/ask/")
                page.locator("main form button[type=submit]").click()
                expect(page.locator(".govuk-error-summary")).to_be_visible()
                problems += _violations(page, f"{person.name}/{language} ask, errors")
        finally:
            context.close()
    assert problems == [], "\n".join(problems)
