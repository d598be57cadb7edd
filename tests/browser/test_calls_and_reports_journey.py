"""Three journeys in Chromium, in Swedish, filled in by label the way a person does it.

Applying to a call (a draft written, a file attached, submitted), scoring (a juror scores every
criterion and submits) and reporting (a manager writes and submits the tertial report, the
executive office returns it with a comment and then approves it). Every page visited is checked
with axe in Swedish and English. With ``SPRANG_SHOTS`` set to a folder, each step is also saved
there as a screenshot, in both languages, 1280 and 390 pixels wide.
"""

from __future__ import annotations

import os
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone, translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from calls import services as calls
from calls.models import Application, Programme, Status
from governance import services as gov
from governance.models import Period, Report, ReportStatus
from ideas.lock import Stage
from organisation.models import Role, Unit
from tests import factories
from tests.browser.conftest import sign_in
from tests.browser.test_accessibility import _violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = os.environ.get("SPRANG_SHOTS", "")
WIDTHS = (1280, 390)


def sv(text: str, **values) -> str:
    """What a Swedish reader sees for an English source text."""
    with translation.override("sv"):
        translated = gettext(text)
    return translated % values if values else translated


class Visit:
    """Checks each page with axe in Swedish and English (and keeps screenshots), then goes back to Swedish."""

    def __init__(self, page, journey: str) -> None:
        self.page, self.journey, self.step, self.problems = page, journey, 0, []
        page.context.add_init_script(Axe().axe_script)

    def _language(self, language: str) -> None:
        self.page.context.add_cookies([{"name": "django_language", "value": language, "url": self.page.url}])
        self.page.reload()

    def check(self, name: str) -> None:
        """Call it once the page to check is shown (an ``expect`` first): a reload while a click's
        navigation is still under way detaches the page."""
        self.step += 1
        for language in ("sv", "en"):
            self._language(language)
            self.problems += _violations(self.page, f"{self.journey} {self.step} {name} ({language})")
            if SHOTS:
                folder = Path(SHOTS)
                folder.mkdir(parents=True, exist_ok=True)
                for width in WIDTHS:
                    self.page.set_viewport_size({"width": width, "height": 900})
                    path = folder / f"{self.journey}-{self.step:02d}-{name}-{language}-{width}.png"
                    self.page.screenshot(path=str(path), full_page=True)
                self.page.set_viewport_size({"width": 1280, "height": 900})
        self._language("sv")

    def assert_clean(self) -> None:
        assert self.problems == [], "WCAG 2.1 AA violations:\n" + "\n".join(self.problems)


def _fund(director, *, now):
    call = calls.call_create(
        by=director,
        programme=Programme.FUND,
        title="Innovationsfonden",
        summary="Pengar till förstudier, piloter och införanden.",
        description="Sök medel för en idé i innovationsslussen.",
        year=now.year,
        opens_at=now - timedelta(days=5),
        closes_at=now + timedelta(days=30),
        budget=Decimal(2_000_000),
    )
    calls.criterion_add(call=call, by=director, name="Nytta för stockholmarna", weight="2")
    calls.criterion_add(call=call, by=director, name="Genomförbarhet", weight="1")
    calls.call_publish(call=call, by=director)
    return call


def test_an_employee_writes_a_draft_attaches_a_file_and_submits_it(new_page, people, tmp_path):
    employee = people["employee"]
    call = _fund(people["director"], now=timezone.now())
    idea = factories.idea(author=employee, title="Digitala lås i hemtjänsten")
    factories.move(idea, by=people["office"], to=Stage.PRESTUDY)
    budget = tmp_path / "budget.txt"
    budget.write_text("Lås 120 000 kr, utvärdering 30 000 kr.\n", encoding="utf-8")

    page = new_page()
    visit = Visit(page, "apply")
    sign_in(page, employee.email)
    page.goto("/calls/")
    page.get_by_role("link", name="Innovationsfonden").first.click()
    expect(page.get_by_role("button", name=sv("Apply"))).to_be_visible()
    visit.check("call")
    page.get_by_role("button", name=sv("Apply")).click()
    expect(page.get_by_label(sv("Title"), exact=True)).to_be_visible()
    visit.check("draft")

    page.get_by_label(sv("Title"), exact=True).fill("Pilot med digitala lås")
    page.get_by_label(sv("Summary"), exact=True).fill("Vi vill pröva digitala lås i två hemtjänstgrupper.")
    page.get_by_label(sv("Description"), exact=True).fill("Piloten pågår i sex månader och utvärderas av brukarna.")
    choice = page.get_by_label(sv("The idea the money is for"))
    choice.select_option(choice.locator("option", has_text="Digitala lås i hemtjänsten").get_attribute("value"))
    page.get_by_label(sv("Amount applied for (kronor)")).fill("150 000")
    page.get_by_label(sv("Co-financing (kronor)")).fill("50 000")
    line = page.get_by_role("group", name=sv("Cost line %(number)s", number=1))
    line.get_by_label(sv("Cost"), exact=True).fill("Lås och installation")
    line.get_by_label(sv("Amount (kronor)")).fill("150 000")
    page.get_by_label(sv("Attach files")).set_input_files(str(budget))
    page.get_by_role("button", name=sv("Attach"), exact=True).click()
    expect(page.get_by_role("link", name="budget.txt", exact=True)).to_be_visible()
    visit.check("attached")

    page.get_by_role("button", name=sv("Submit the application")).click()
    expect(page.locator(".govuk-notification-banner--success")).to_be_visible()
    visit.check("submitted")
    application = Application.objects.get(call=call, applicant=employee)
    assert application.status == Status.SUBMITTED
    assert application.title == "Pilot med digitala lås"
    assert [f.original_name for f in application.files.all()] == ["budget.txt"]
    visit.assert_clean()


def test_a_juror_scores_every_criterion_and_submits(new_page, people, tree):
    director, manager = people["director"], people["manager"]
    now = timezone.now()
    call = _fund(director, now=now)
    juror = factories.person(unit=tree["SLK"], name="Erik Expert")
    calls.juror_add(call=call, by=director, user=juror)
    idea = factories.idea(author=manager, title="Trygghetskameror i trapphus")
    factories.move(idea, by=people["office"], to=Stage.PRESTUDY)
    application = calls.application_start(call=call, applicant=manager)
    application = calls.application_save(
        application=application,
        by=manager,
        expected_version=application.version,
        title="Kameror i tre trapphus",
        summary="Färre inbrott.",
        description="Vi provar i tre hus under ett år.",
        idea=idea,
        requested_amount=Decimal(100_000),
        co_financing=Decimal(0),
        budget_lines=[("Kameror", Decimal(100_000))],
    )
    application = calls.application_submit(application=application, by=manager, expected_version=application.version)
    calls.application_screen(application=application, by=director, eligible=True)
    calls.assignment_add(application=application, juror=juror, by=director)

    page = new_page()
    visit = Visit(page, "score")
    sign_in(page, juror.email)
    page.goto("/calls/jury/")
    visit.check("jury")
    page.get_by_role("link", name="Kameror i tre trapphus").first.click()
    expect(page.get_by_role("button", name=sv("Submit scores (final)"))).to_be_visible()
    visit.check("sheet")
    for criterion, score in (("Nytta för stockholmarna", "4"), ("Genomförbarhet", "3")):
        group = page.get_by_role("group", name=sv("Score on “%(criterion)s”", criterion=criterion))
        group.get_by_label(score, exact=True).check()
        page.get_by_label(sv("Comment on “%(criterion)s”", criterion=criterion)).fill("Tydligt beskrivet och rimligt.")
    page.get_by_role("button", name=sv("Submit scores (final)")).click()
    expect(page.locator(".govuk-notification-banner--success")).to_be_visible()
    visit.check("submitted")
    assignment = application.assignments.get(juror=juror)
    assert assignment.submitted_at is not None
    assert assignment.total is not None
    visit.assert_clean()


def test_a_manager_submits_the_tertial_report_and_the_office_returns_then_approves_it(new_page, people, tree):
    director, manager = people["director"], people["manager"]
    executive = factories.person(unit=tree["SLK"], role=Role.OFFICE, role_unit=tree["CITY"], name="Stina Stadsledning")
    year = timezone.localdate().year
    goal = gov.goal_create(by=director, year=year, unit=Unit.objects.get_first_root_node(), title="Fler idéer prövas")
    gov.reporting_period_open(
        by=director, year=year, period=Period.T2, deadline=timezone.localdate() + timedelta(days=30)
    )

    page = new_page()
    visit = Visit(page, "report")
    sign_in(page, manager.email)
    page.goto("/governance/reports/")
    visit.check("reports")
    page.get_by_role("button", name=sv("Begin the report")).click()
    expect(page.get_by_label(sv("The period's innovation work"))).to_be_visible()
    visit.check("draft")
    page.get_by_label(sv("The period's innovation work")).fill("Vi har startat ett nätverk för innovation.")
    assessment = page.get_by_role("group", name=sv("Is “%(goal)s” met?", goal=goal.title))
    assessment.get_by_label(sv("Partly met"), exact=True).check()
    page.get_by_label(sv("Comment on “%(goal)s”", goal=goal.title)).fill("Två av tre avdelningar har prövat en idé.")
    page.get_by_role("button", name=sv("Submit for review")).click()
    expect(page.get_by_role("button", name=sv("Yes, submit the report"))).to_be_visible()
    visit.check("confirm")  # what will be frozen, and one button
    page.get_by_role("button", name=sv("Yes, submit the report")).click()
    expect(page.locator(".govuk-notification-banner--success")).to_be_visible()
    visit.check("submitted")
    report = Report.objects.get(unit=manager.unit)
    assert report.status == ReportStatus.SUBMITTED

    office = new_page()
    review = Visit(office, "review")
    sign_in(office, executive.email)
    office.goto("/governance/reports/")
    office.get_by_role("link", name=manager.unit.name).first.click()
    expect(office.get_by_label(sv("Return it for changes"))).to_be_visible()
    review.check("submitted")
    decision = office.locator("form", has=office.get_by_label(sv("Return it for changes")))
    decision.get_by_label(sv("Return it for changes")).check()
    decision.get_by_label(sv("Comment")).fill("Beskriv nätverket närmare.")
    office.get_by_role("button", name=sv("Record the decision")).click()
    expect(office.locator(".govuk-notification-banner--success")).to_be_visible()
    review.check("returned")
    report.refresh_from_db()
    assert report.status == ReportStatus.RETURNED

    page.reload()
    page.get_by_label(sv("The period's innovation work")).fill("Nätverket har tjugo medlemmar från alla avdelningar.")
    page.get_by_role("button", name=sv("Submit for review")).click()
    page.get_by_role("button", name=sv("Yes, submit the report")).click()
    expect(page.locator(".govuk-notification-banner--success")).to_be_visible()

    office.reload()
    office.get_by_label(sv("Approve and lock the report")).check()
    office.get_by_role("button", name=sv("Record the decision")).click()
    expect(office.locator(".govuk-notification-banner--success")).to_be_visible()
    review.check("approved")
    report.refresh_from_db()
    assert report.status == ReportStatus.APPROVED
    visit.assert_clean()
    review.assert_clean()
