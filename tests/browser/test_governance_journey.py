"""A tertial report's way in Chromium, in Swedish: begun, written, submitted, returned, fixed, approved."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from governance import services as gov
from governance.models import Report, ReportStatus
from organisation.models import Unit
from tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_report_from_draft_to_approval_in_swedish(new_page, people):
    director, manager = people["director"], people["manager"]
    year = timezone.localdate().year
    survey = gov.indicator_create(
        by=director, code="survey", name="Innovationsklimat", measure="percent", direction="higher", source="Enkäten"
    )
    goal = gov.goal_create(
        by=director, year=year, unit=Unit.objects.get_first_root_node(), title="Fler idéer prövas", indicators=[survey]
    )
    gov.reporting_period_open(
        by=director, year=year, period="VB", deadline=timezone.localdate() + dt.timedelta(days=30)
    )

    # The manager begins Norra's report from the list of reports and writes it.
    page = new_page()
    sign_in(page, manager.email)
    page.get_by_role("link", name="Uppföljning").click()
    expect(page.locator("h1")).to_contain_text("Uppföljning av innovationsarbetet")
    page.get_by_role("link", name="Rapporter").first.click()
    page.get_by_role("button", name="Påbörja rapporten").click()
    expect(page.locator("h1")).to_contain_text("Verksamhetsberättelse")

    # Submitting too early lists what is missing and keeps what was written.
    page.fill("#id_narrative", "Vi har startat ett nätverk för innovation.")
    page.get_by_role("button", name="Skicka in för granskning").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Fler idéer prövas")
    expect(page.locator("#id_narrative")).to_have_value("Vi har startat ett nätverk för innovation.")

    page.locator(f"input[name=assessment-{goal.pk}][value=partly]").check()
    page.fill(f"#id_comment-{goal.pk}", "Två av tre avdelningar har prövat en idé.")
    page.fill(f"#id_outcome-{survey.pk}", "64,5")
    page.fill(f"#id_source-{survey.pk}", "Medarbetarenkäten")
    page.get_by_role("button", name="Skicka in för granskning").click()
    # A confirmation step lists what submitting freezes; the draft is saved, not yet submitted.
    expect(page.locator("h1")).to_contain_text("Vill du skicka in rapporten?")
    expect(page.locator("main")).to_contain_text("Det här låses:")
    assert Report.objects.get(unit=manager.unit).status == ReportStatus.DRAFT
    page.get_by_role("button", name="Ja, skicka in rapporten").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Rapporten är inskickad")
    report = Report.objects.get(unit=manager.unit)
    assert report.status == ReportStatus.SUBMITTED

    # The executive office returns it with a comment; the manager reads it on the report.
    office = new_page()
    sign_in(office, director.email)
    office.goto(f"/governance/reports/{report.pk}/")
    office.get_by_label("Skicka tillbaka den för ändringar").check()
    office.fill("#id_comment", "Beskriv nätverket närmare.")
    office.get_by_role("button", name="Registrera beslutet").click()
    expect(office.locator(".govuk-notification-banner--success")).to_contain_text("tillbakaskickad")

    page.reload()
    expect(page.get_by_role("region", name="Återsänd för komplettering")).to_contain_text("Beskriv nätverket närmare.")
    page.fill("#id_narrative", "Nätverket har tjugo medlemmar från alla avdelningar.")
    page.get_by_role("button", name="Skicka in för granskning").click()
    page.get_by_role("button", name="Ja, skicka in rapporten").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Rapporten är inskickad")

    office.reload()
    office.get_by_label("Godkänn och lås rapporten").check()
    office.get_by_role("button", name="Registrera beslutet").click()
    expect(office.locator(".govuk-notification-banner--success")).to_contain_text("godkänd och låst")
    report.refresh_from_db()
    assert report.status == ReportStatus.APPROVED
    # Locked: the report reads as a document, without a form.
    page.reload()
    expect(page.locator("#id_narrative")).to_have_count(0)
    expect(page.locator("main")).to_contain_text("Nätverket har tjugo medlemmar")


def test_an_employee_has_the_citys_compiled_pdf_made_and_downloads_it_for_an_earlier_period(new_page, people, tree):
    """The compiled report's box offers every period; the PDF is made in the background and offered when ready."""
    year = timezone.localdate().year
    gov.reporting_period_open(by=people["director"], year=year - 1, period="VB", deadline=timezone.localdate())
    gov.reporting_period_open(by=people["director"], year=year, period="T2", deadline=timezone.localdate())
    page = new_page()
    sign_in(page, people["employee"].email)
    page.goto("/governance/reports/")
    box = page.locator("#city-exports")
    expect(box.get_by_role("heading")).to_contain_text(f"(januari–augusti) {year}")
    box.get_by_label("En annan period").select_option(label=f"Verksamhetsberättelse (januari–december) {year - 1}")
    box.get_by_role("button", name="Visa den perioden").click()
    expect(box.get_by_role("heading")).to_contain_text(f"Verksamhetsberättelse (januari–december) {year - 1}")
    box.get_by_role("button", name="Gör PDF:en").click()
    link = box.get_by_role("link", name="PDF (stadens sammanställda rapport)")
    expect(link).to_be_visible(timeout=120_000)
    expect(box.get_by_role("status").first).to_contain_text("Gjord av rapporterna som de ser ut nu.")
    with page.expect_download(timeout=60_000) as download:
        link.click()
    assert download.value.suggested_filename.endswith(".pdf")
    assert download.value.path().stat().st_size > 0
