"""The idea form and the application draft in Chromium, in Swedish: publishing with consent, co-authors,
a resident's idea without the organisation's words, and a draft that survives closing the tab."""

from __future__ import annotations

import datetime as dt
import time
from decimal import Decimal

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import expect

from calls import services as calls
from calls.models import Application
from ideas.models import Idea, Visibility
from organisation.models import Role
from tests import factories
from tests.browser.conftest import sign_in
from tests.browser.test_accessibility import _violations
from tests.ideas.test_form import outside_idea

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SEND = "main form:has(#id_title) button[type=submit]"


def _write(page, title: str) -> None:
    page.fill("#id_title", title)
    page.fill("#id_problem", "Det är långt mellan bänkarna, så äldre orkar inte gå hela varvet.")
    page.fill("#id_audience", "Äldre som promenerar.")
    page.fill("#id_proposal", "Sätt upp fler bänkar längs stråket.")
    page.fill("#id_expected_value", "Fler äldre kan röra sig ute.")
    page.locator("input[name=values][value=social]").check()


def test_an_employee_publishes_an_idea_with_a_co_author_who_then_sees_it(new_page, people):
    employee, colleague = people["employee"], people["colleague"]
    page = new_page()
    sign_in(page, employee.email)
    page.get_by_role("link", name="Ny idé").click()
    _write(page, "Bänkar längs stråket")
    page.locator("input[name=kind][value=service]").check()
    page.get_by_label("Medförfattare").fill(colleague.email)

    # The consent box shows once "public" is chosen, and is needed then.
    consent = page.locator("#id_public_consent")
    expect(consent).to_be_hidden()
    page.get_by_label("Offentlig", exact=False).check()
    expect(consent).to_be_visible()
    page.click(SEND)
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    page.locator(".govuk-error-summary a[href='#id_public_consent']").click()
    expect(consent).to_be_focused()
    consent.check()
    page.click(SEND)
    expect(page.locator("h1")).to_have_text("Bänkar längs stråket")
    idea = Idea.objects.get(title="Bänkar längs stråket")
    assert idea.visibility == Visibility.PUBLIC and idea.public_consent_by == employee
    assert list(idea.co_authors.all()) == [colleague]

    # The co-author finds it among their ideas and opens it.
    other = new_page()
    sign_in(other, colleague.email)
    other.goto(idea.get_absolute_url())
    expect(other.locator("h1")).to_have_text("Bänkar längs stråket")
    expect(other.locator(".govuk-summary-list")).to_contain_text(colleague.name)


def test_a_resident_sends_an_idea_without_being_asked_for_kind_or_unit(new_page, people, tree):
    city_office = factories.person(unit=tree["SLK"], role=Role.OFFICE, role_unit=tree["CITY"], name="Stina Stad")
    page = new_page()
    sign_in(page, people["resident"].email)
    page.goto("/ideas/new/")
    expect(page.locator("input[name=kind]")).to_have_count(0)
    expect(page.locator("select[name=unit]")).to_have_count(0)
    _write(page, "Bänkar vid Magelungen")
    page.get_by_label("Gator, parker och natur").check()
    page.get_by_label("Var i staden?").fill("Promenadstråket vid Magelungen")
    page.click(SEND)
    expect(page.locator("h1")).to_have_text("Bänkar vid Magelungen")
    idea = Idea.objects.get(title="Bänkar vid Magelungen")
    assert idea.unit == tree["CITY"] and idea.kind == "" and idea.area == "streets"

    # The city's innovation office classifies it from triage; it then belongs to the district.
    office = new_page()
    sign_in(office, city_office.email)
    office.goto("/ideas/triage/")
    office.get_by_role("link", name="Klassificera Bänkar vid Magelungen").click()
    office.select_option("#id_unit", str(tree["SDF-N"].pk))
    office.get_by_label("Tjänst").check()
    office.get_by_role("button", name="Spara klassificeringen").click()
    expect(office.locator(".govuk-notification-banner")).to_contain_text("Norra stadsdelsförvaltningen")
    idea.refresh_from_db()
    assert (idea.unit, idea.kind) == (tree["SDF-N"], "service")


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_idea_form_and_classify_page_have_no_wcag_aa_violations(new_page, people, tree, language):
    idea = outside_idea(people["resident"])
    axe_script = Axe().axe_script
    problems = []
    pages = (("employee", "/ideas/new/"), ("resident", "/ideas/new/"), ("director", f"/ideas/{idea.pk}/classify/"))
    for role, url in pages:
        page = new_page()
        sign_in(page, people[role].email)
        page.context.add_cookies([{"name": "django_language", "value": language, "url": page.url}])
        page.goto(url)
        expect(page.locator("html")).to_have_attribute("lang", language)
        if url == "/ideas/new/":
            page.click(SEND)  # with every error shown
            expect(page.locator(".govuk-error-summary")).to_be_visible()
        page.evaluate(axe_script)
        problems += _violations(page, f"{role} {url} ({language})")
    assert problems == []


def _fund_draft(people):
    director, employee = people["director"], people["employee"]
    now = timezone.now()
    fund = calls.call_create(
        by=director,
        programme="fund",
        title="Innovationsfonden",
        summary="Pengar till förstudier och piloter.",
        description="Sök medel för en idé i innovationsslussen.",
        year=timezone.localdate().year,
        opens_at=now - dt.timedelta(days=10),
        closes_at=now + dt.timedelta(days=20),
        budget=Decimal(1_000_000),
    )
    calls.criterion_add(call=fund, by=director, name="Nytta", weight="1")
    calls.call_publish(call=fund, by=director)
    return calls.application_start(call=fund, applicant=employee)


def test_a_draft_is_saved_while_typing_and_when_the_tab_is_closed(new_page, people):
    draft = _fund_draft(people)
    url = f"/calls/applications/{draft.pk}/edit/"
    page = new_page()
    sign_in(page, people["employee"].email)
    page.goto(url)
    expect(page.locator("[data-autosave-note]")).to_be_visible()

    # Typed, then a pause past the debounce: the page says it was saved; the tab closed, the text is there.
    page.locator("#id_title").press_sequentially("Cyklar i hemtjänsten", delay=10)
    expect(page.locator("#autosave-status")).to_contain_text("Sparad kl.")
    page.close()
    again = new_page()
    sign_in(again, people["employee"].email)
    again.goto(url)
    expect(again.locator("#id_title")).to_have_value("Cyklar i hemtjänsten")

    # Typed, then the tab closed at once: what was typed is sent as the page goes.
    again.locator("#id_summary").press_sequentially("Elcyklar för korta besök.", delay=0)
    again.close()
    for _ in range(100):  # the request the page sent as it went may still be on its way
        if Application.objects.get(pk=draft.pk).summary == "Elcyklar för korta besök.":
            break
        time.sleep(0.1)
    third = new_page()
    sign_in(third, people["employee"].email)
    third.goto(url)
    expect(third.locator("#id_summary")).to_have_value("Elcyklar för korta besök.")
    expect(third.locator("#id_title")).to_have_value("Cyklar i hemtjänsten")
