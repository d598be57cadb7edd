"""The whole journey in Chromium, in Swedish: submit → triage → every gate → spread; and a page in English."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from ideas.lock import Stage
from ideas.models import Idea
from sample_data.demo.spread_examples_for_ideas import publish_example
from tests import factories
from tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _decide(page, target_label: str, rationale: str, lesson: tuple[str, str, str] | None = None) -> None:
    page.get_by_role("link", name=target_label).click()
    expect(
        page.locator("#id_rationale")
    ).to_be_visible()  # the decision page, not the idea's, before its boxes are read
    for box in page.locator("input[type=checkbox][name^=check_]").all():
        box.check()
    page.fill("#id_rationale", rationale)
    if lesson is not None:
        factor, effect, note = lesson
        page.locator(f"input[name=lesson_{factor}][value={effect}]").check()
        page.fill(f"#id_lesson_{factor}_note", note)
    page.get_by_role("button", name="Registrera beslutet").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Beslutet är registrerat")


def test_idea_from_submission_to_spread_in_swedish(new_page, people):
    factories.idea(
        author=people["colleague"],
        title="Lånecyklar för hemtjänsten",
        notify_office=False,
        problem="Hemtjänsten behöver cyklar för korta besök.",
    )
    employee, office = people["employee"], people["office"]

    # The employee writes an idea and sees similar ideas while typing.
    page = new_page()
    sign_in(page, employee.email)
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    page.get_by_role("link", name="Ny idé").click()
    page.locator("#id_title").press_sequentially("Cykel för hemtjänsten", delay=20)
    expect(page.locator("#similar")).to_contain_text("Lånecyklar för hemtjänsten")

    # A first try without the required fields shows the error summary and keeps the title.
    page.get_by_role("button", name="Skicka idén").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    expect(page.locator("#id_title")).to_have_value("Cykel för hemtjänsten")

    page.fill("#id_problem", "Personalen går långt mellan brukarna och hinner inte med.")
    page.fill("#id_audience", "Hemtjänstpersonal i Norra.")
    page.fill("#id_proposal", "Köp in elcyklar till hemtjänstgrupperna.")
    page.fill("#id_expected_value", "Kortare restider, fler minuter hos brukarna.")
    page.locator("input[name=kind][value=service]").check()
    page.locator("input[name=values][value=social]").check()
    page.get_by_role("button", name="Skicka idén").click()
    expect(page.locator("h1")).to_have_text("Cykel för hemtjänsten")
    idea = Idea.objects.get(title="Cykel för hemtjänsten")
    assert idea.stage == Stage.IDEA

    # The innovation office finds it in triage, assigns the coach and takes it through every gate.
    office_page = new_page()
    sign_in(office_page, office.email)
    office_page.get_by_role("link", name="Mottagning").click()
    office_page.get_by_role("link", name="Cykel för hemtjänsten").click()
    office_page.select_option("#id_coach", str(people["coach"].pk))
    office_page.get_by_role("button", name="Spara coach").click()
    expect(office_page.locator(".govuk-summary-list")).to_contain_text("Cecilia Coach")
    _decide(office_page, "Gå vidare till förstudie", "Ett tydligt behov; förstudie på två månader.")
    _decide(office_page, "Gå vidare till pilot", "Förstudien visar att det fungerar; pilot i en grupp.")
    _decide(office_page, "Gå vidare till införande", "Piloten gav 20 minuter mer hos brukarna per dag.")
    office_page.get_by_role("link", name="Bedöm: innovation eller förbättring?").click()
    office_page.locator("input[name=novelty][value=city]").check()
    office_page.fill("#id_value_evidence", "Mätt i tre månader: 20 minuter mer brukartid per dag och medarbetare.")
    office_page.locator("#id_in_use").check()
    office_page.fill("#id_used_by", "Hemtjänsten i Norra")
    office_page.get_by_role("button", name="Registrera bedömningen").click()
    expect(office_page.locator("body")).to_contain_text("Räknas som innovation")
    # The spread gate asks for the published good example (written on the examples' own pages).
    publish_example(idea, at=timezone.now())
    _decide(
        office_page,
        "Gå vidare till spridning",
        "Redo att spridas till andra stadsdelar.",
        lesson=("acceptance", "helped", "Personalen ville inte gå tillbaka till att gå."),
    )

    idea.refresh_from_db()
    assert idea.stage == Stage.SPREAD
    assert idea.decisions.count() == 4

    # The author sees the answer on the timeline and has been notified.
    page.goto(idea.get_absolute_url())
    expect(page.locator(".sprang-timeline")).to_contain_text("Redo att spridas till andra stadsdelar.")
    expect(page.locator("header")).to_contain_text(re.compile(r"Aviseringar\s*\d"))


def test_a_page_in_english(new_page, people):
    idea = factories.idea(author=people["employee"], title="Digitala lås i hemtjänsten")
    page = new_page()
    sign_in(page, people["employee"].email)
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.goto(idea.get_absolute_url())
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", name="Timeline")).to_be_visible()
    expect(page.get_by_role("link", name="New idea")).to_be_visible()
    expect(page.locator("body")).to_contain_text("Problem or need")


def test_a_visitor_signed_out_switches_language_on_a_kept_page(new_page, people):
    """The pages kept for every anonymous visitor hold no CSRF token; the switch in their header still works."""
    factories.idea(author=people["employee"], title="Digitala lås i hemtjänsten", visibility="public")
    page = new_page()
    page.goto("/ideas/")
    page.goto("/ideas/")  # now from the kept page
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page).to_have_url(re.compile(r"/ideas/$"))
    expect(page.locator("body")).to_contain_text("Digitala lås i hemtjänsten")
    page.get_by_role("button", name="Svenska").click()
    expect(page.locator("html")).to_have_attribute("lang", "sv")
