"""The quality award's chair ranks and decides class by class, and a screener sees what the applicant stated and
the files, in Chromium, in Swedish."""

import datetime as dt
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from playwright.sync_api import expect

from calls import services as calls
from calls.models import Decision
from organisation.models import Unit
from tests import factories
from tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def test_the_chair_of_the_quality_award_ranks_and_decides_class_by_class(new_page, people):
    director, now = people["director"], timezone.now()
    chair = factories.person(unit=Unit.objects.get(code="SDF-S-SKO"), name="Carl Ordförande")
    award = factories.quality_award(
        by=director,
        chair=chair,
        classes=("Äldreomsorg", "Skola"),
        opens_at=now - dt.timedelta(days=30),
        closes_at=now + dt.timedelta(days=30),
        year=now.year,
    )
    for code, klass, title, score in (
        ("SDF-N-ALD-1", "Äldreomsorg", "Björkens måltider", 5),
        ("SDF-N-ALD", "Äldreomsorg", "Nattpatrullen", 3),
        ("SDF-N", "Skola", "Läxhjälp för alla", 4),
    ):
        unit = Unit.objects.get(code=code)
        factories.award_entry(award, by=director, unit=unit, klass=klass, title=title, juror=chair, score=score)

    page = new_page()
    sign_in(page, chair.email)
    page.goto(f"/calls/{award.pk}/ranking/")
    # The first class: its two entries only, ranked 1 and 2.
    classes = page.get_by_role("navigation", name="Klasser")
    expect(classes.get_by_role("link", name="Äldreomsorg")).to_have_attribute("aria-current", "page")
    expect(page.get_by_role("heading", name="Klass: Äldreomsorg")).to_be_visible()
    table = page.locator("table.govuk-table")
    expect(table.locator("tbody tr")).to_have_count(2)
    expect(table.locator("tbody tr").first).to_contain_text("Björkens måltider")
    expect(table).not_to_contain_text("Läxhjälp för alla")

    # The school class on its own: its only entry is first in it.
    classes.get_by_role("link", name="Skola").click()
    expect(page.get_by_role("heading", name="Klass: Skola")).to_be_visible()
    row = page.locator("table.govuk-table tbody tr")
    expect(row).to_have_count(1)
    expect(row.locator("td").first).to_have_text("1")
    expect(row).to_contain_text("Läxhjälp för alla")

    # The decision, in the award's words; the chair comes back to the class.
    row.get_by_role("link", name=re.compile("^Besluta")).click()
    expect(page.get_by_label("Tilldelas utmärkelsen")).to_be_visible()
    expect(page.get_by_label("Tilldelas inte")).to_be_visible()
    expect(page.locator("main")).not_to_contain_text("Beviljad")
    page.get_by_label("Tilldelas utmärkelsen").check()
    page.fill("#id_justification", "Läxhjälp som når alla elever.")
    page.get_by_role("button", name="Registrera beslutet").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Beslutet om ”Läxhjälp för alla” är registrerat")
    expect(page.get_by_role("heading", name="Klass: Skola")).to_be_visible()
    expect(page.locator("table.govuk-table tbody tr")).to_contain_text("Tilldelas utmärkelsen")
    assert Decision.objects.get(application__title="Läxhjälp för alla").granted
    # The other class still has both to decide.
    expect(page.get_by_role("navigation", name="Klasser")).to_contain_text("Äldreomsorg (2 att besluta om)")


def test_a_screener_sees_the_date_of_birth_the_connection_and_the_files(new_page, people, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    director, resident, now = people["director"], people["resident"], timezone.now()
    stipend = calls.call_create(
        by=director,
        programme="stipend",
        title="Innovationsstipendiet",
        summary="För dig som bor, arbetar eller studerar i staden.",
        description="Stipendium för att gå vidare med en idé.",
        year=now.year,
        opens_at=now - dt.timedelta(days=10),
        closes_at=now + dt.timedelta(days=20),
        min_age=18,
        no_city_employment_months=12,
    )
    calls.criterion_add(call=stipend, by=director, name="Nyhetsvärde")
    calls.call_publish(call=stipend, by=director)
    draft = calls.application_start(call=stipend, applicant=resident)
    draft = calls.application_save(
        application=draft,
        by=resident,
        expected_version=draft.version,
        title="Cykelkök för grannar",
        summary="Ett mobilt kök på cykel.",
        description="Kvarterskök som rullar mellan gårdarna.",
        requested_amount=40_000,
        birth_date=dt.date(1990, 5, 17),
        residence="lives",
        city_employment_ended_on=dt.date(2020, 6, 30),
    )
    calls.application_file_add(
        application=draft,
        by=resident,
        upload=SimpleUploadedFile("budget.pdf", PDF, content_type="application/pdf"),
    )
    draft.refresh_from_db()
    application = calls.application_submit(application=draft, by=resident, expected_version=draft.version)

    page = new_page()
    sign_in(page, director.email)
    page.goto(f"/calls/applications/{application.pk}/manage/")
    checks = page.locator("main")
    expect(page.get_by_role("heading", name="Det här kontrollerar du själv")).to_be_visible()
    age = page.locator(".govuk-summary-card", has_text="Minst 18 år gammal.")
    expect(age).to_contain_text("Födelsedatum")
    expect(age).to_contain_text("17 maj 1990")
    expect(page.locator(".govuk-summary-card", has_text="Bor, arbetar eller studerar i staden.")).to_contain_text(
        "Jag bor i staden"
    )
    employment = page.locator(".govuk-summary-card", has_text="Inte anställd av staden under de senaste 12 månaderna.")
    expect(employment).to_contain_text("30 juni 2020")
    expect(checks.get_by_role("heading", name="Bifogade filer")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="budget.pdf").click()
    assert download.value.suggested_filename == "budget.pdf"
    # Then the screening, on the same page.
    page.get_by_label("Ja, den går vidare till juryn").check()
    page.get_by_role("button", name="Registrera granskningen").click()
    expect(page.locator(".govuk-notification-banner")).to_be_visible()
