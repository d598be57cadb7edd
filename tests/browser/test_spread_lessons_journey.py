"""In Chromium, in Swedish: the innovation office closes a pilot with what helped and blocked it, then reads the
lessons view; the spread gate's decide page says a published good example is missing. Each page is checked with
axe in Swedish and English (screenshots with ``SPRANG_SHOTS``, 1280 and 390 pixels wide)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from ideas.lock import Stage
from ideas.models import Idea
from tests import factories
from tests.browser.conftest import sign_in
from tests.browser.test_calls_and_reports_journey import Visit, sv

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_office_closes_a_pilot_with_its_lessons_and_reads_them_in_the_lessons_view(new_page, people):
    office = people["office"]
    idea = factories.idea(author=people["employee"], title="Trygghetskameror på natten")
    for stage in (Stage.PRESTUDY, Stage.PILOT):
        factories.move(idea, by=office, to=stage)

    page = new_page()
    visit = Visit(page, "lessons")
    sign_in(page, office.email)
    page.goto(idea.get_absolute_url())
    page.get_by_role("link", name="Avsluta").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Avsluta idén")
    lessons = page.get_by_role("group", name="Vad som hjälpte och vad som hindrade idén")
    expect(lessons).to_be_visible()
    visit.check("close")

    # A first try without a lesson: the error names the first factor and keeps what was typed.
    page.get_by_label("Kostnaden är för hög i förhållande till nyttan").check()
    page.get_by_label("Motivering", exact=True).fill("Kostnaden för kamerorna blev för hög för nyttan.")
    page.get_by_role("button", name="Registrera beslutet").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("välj minst en faktor och skriv en mening")
    expect(page.get_by_label("Motivering", exact=True)).to_have_value(
        "Kostnaden för kamerorna blev för hög för nyttan."
    )
    visit.check("close-errors")

    money = page.get_by_role("group", name="Pengar", exact=True)
    money.get_by_label("Hindrade").check()
    page.get_by_label("Pengar: Hur, med en mening").fill("Driftkostnaden efter piloten fanns inte i budgeten.")
    acceptance = page.get_by_role("group", name="Användarnas mottagande", exact=True)
    acceptance.get_by_label("Hjälpte").check()
    page.get_by_label("Användarnas mottagande: Hur, med en mening").fill("De boende kände sig tryggare.")
    page.get_by_role("button", name="Registrera beslutet").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Beslutet är registrerat")
    timeline = page.locator(".sprang-timeline")
    expect(timeline).to_contain_text("Driftkostnaden efter piloten fanns inte i budgeten.")
    expect(timeline).to_contain_text("Hindrade")
    assert Idea.objects.get(pk=idea.pk).stage == Stage.CLOSED

    # The lessons view counts them, and a number leads to the ideas behind it.
    page.goto("/ideas/lessons/")
    expect(page.get_by_role("heading", level=1)).to_have_text(sv("Lessons from the ideas"))
    visit.check("lessons-view")
    page.get_by_role("link", name="Pengar hindrade 1 gånger: idéerna").click()
    expect(page.locator("#behind")).to_contain_text("Trygghetskameror på natten")
    visit.check("lessons-behind")
    page.get_by_role("link", name="Trygghetskameror på natten").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Trygghetskameror på natten")
    visit.assert_clean()


def test_the_spread_gate_says_a_published_good_example_is_missing(new_page, people):
    manager = people["manager"]
    idea = factories.idea(author=people["employee"], title="Lånecyklar för hemtjänsten")
    for stage in (Stage.PRESTUDY, Stage.PILOT, Stage.IMPLEMENTATION):
        factories.move(idea, by=people["office"], to=stage)

    page = new_page()
    visit = Visit(page, "spread-gate")
    sign_in(page, manager.email)
    page.goto(f"/ideas/{idea.pk}/decide/?to=spread")
    expect(page.locator("#gate-conditions")).to_contain_text("publicerad som gott exempel")
    visit.check("decide-spread")
    visit.assert_clean()
