"""The executive office words the employee survey's items in English, in Swedish, in Chromium; axe over the items'
pages in Swedish and English, at 1280 and 390 pixels wide."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from surveys.employee_survey import services
from surveys.models import EmployeeSurveyItem
from tests.browser.conftest import axe_context, shoot, sign_in
from tests.browser.test_accessibility import _violations
from tests.browser.test_tasks_journey import sign_in_as
from tests.surveys.conftest import director as director  # noqa: F401 - a fixture
from tests.surveys.employee_survey.test_services import GOOD, run

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def imported(director, tree):  # noqa: F811
    run(director, GOOD)
    return EmployeeSurveyItem.objects.order_by("code").first()


def test_the_office_words_an_item_in_english(new_page, director, imported):  # noqa: F811
    page = new_page()
    sign_in(page, director.email)
    page.goto("/surveys/employee-survey/")
    page.get_by_role("link", name="Skriv frågorna på engelska").click()
    expect(page.locator("h1")).to_have_text("Frågornas lydelse")
    row = page.get_by_role("row", name=imported.code)
    expect(row).to_contain_text("Inte skriven än")
    shoot(page, "employee-items-list")
    row.get_by_role("link", name=f"Ändra den engelska lydelsen av {imported.code}").click()
    expect(page.locator("h1")).to_have_text(f"Den engelska lydelsen av {imported.code}")
    # Someone else words it meanwhile: shown, not overwritten, and what she typed is kept.
    services.item_translate(item=imported, by=director, text_en="Trying new ways of working", was="")
    page.get_by_label("Frågan på engelska").fill("I may try new ways of working")
    page.get_by_role("button", name="Spara lydelsen").click()
    expect(page.get_by_role("alert")).to_contain_text("Någon annan ändrade den engelska lydelsen")
    expect(page.get_by_text("Trying new ways of working")).to_be_visible()
    expect(page.get_by_label("Frågan på engelska")).to_have_value("I may try new ways of working")
    shoot(page, "employee-items-changed-meanwhile")
    page.get_by_label("Frågan på engelska").fill("I get to try new ways of working")
    page.get_by_role("button", name="Spara lydelsen").click()
    expect(page.get_by_text(f"Den engelska lydelsen av {imported.code} sparades.")).to_be_visible()
    expect(page.get_by_role("row", name=imported.code)).to_contain_text("I get to try new ways of working")
    imported.refresh_from_db()
    assert imported.text_en == "I get to try new ways of working"


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_items_pages_have_no_wcag_aa_violations(browser, live_server, director, tree, language):  # noqa: F811
    context = axe_context(browser, live_server, language)
    page = context.new_page()
    problems = []
    try:
        sign_in_as(page, director.email, language)
        assert page.goto("/surveys/employee-survey/items/").status == 200  # empty: where the items come from
        problems += _violations(page, f"{language} no items")
        run(director, GOOD)
        item = EmployeeSurveyItem.objects.order_by("code").first()
        for width in (1280, 390):
            page.set_viewport_size({"width": width, "height": 900})
            for path in (
                "/surveys/employee-survey/",
                "/surveys/employee-survey/items/",
                f"/surveys/employee-survey/items/{item.pk}/",
            ):
                assert page.goto(path).status == 200, path
                problems += _violations(page, f"{language} {width} {path}")
        services.item_translate(item=item, by=director, text_en=f"Changed meanwhile {language}", was=item.text_en)
        page.locator("#id_text_en").fill("Mine")
        page.locator("#item-wording button[type=submit]").click()
        page.wait_for_load_state()
        assert page.locator(".govuk-error-summary").count() == 1
        problems += _violations(page, f"{language} the form with an error")
    finally:
        context.close()
    assert problems == [], "\n".join(problems)
