"""The open market dialogue in Chromium, in Swedish: the procurement officer writes and publishes a request for
information; a supplier registers, asks, books a meeting and sends a written response; the officer answers and
publishes the answers to every registered supplier at once. axe checks the dialogue's pages in Swedish and English.

The steps find buttons and links by their place and address, not their words, so the journey holds whatever the
compiled translations hold."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from procurement.dialogue import services
from procurement.models import MeetingSlot, Question, ResponseStatus, Rfi, RfiStatus, SupplierInterest, WrittenResponse
from tests.browser.conftest import sign_in
from tests.browser.test_challenges_challenges_journey import _sign_in
from tests.browser.test_unit_import_journey import _violations, axe_page  # noqa: F401 - the fixture is used
from tests.procurement.conftest import case, market_need, officers, suppliers  # noqa: F401 - fixtures
from tests.procurement.dialogue.conftest import published_rfi, secret_response

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path("/tmp/sprang-dialogue-shots")  # noqa: S108 - screenshots to look at, outside the repository
SUBMIT = "main form[novalidate] button[type=submit]"


def _shoot(page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_the_officer_publishes_a_request_and_answers_every_supplier_at_once(axe_page, case, officers, suppliers):  # noqa: F811
    officer = axe_page("sv")
    sign_in(officer, officers["officer"].email)
    officer.goto(f"/procurement/rfi/for-case/{case.pk}/")
    officer.fill("[name=title]", "Smartare energistyrning i skolor")
    officer.fill("[name=description]", "Hur kan äldre skolbyggnader använda mindre energi?")
    today = timezone.localdate()
    officer.fill("[name=questions_close_on]", (today + timedelta(days=10)).isoformat())
    officer.fill("[name=questions_close_time]", "12:00")
    officer.fill("[name=responses_close_on]", (today + timedelta(days=20)).isoformat())
    officer.fill("[name=responses_close_time]", "12:00")
    _shoot(officer, "rfi-form")
    officer.locator(SUBMIT).first.click()
    officer.wait_for_url("**/procurement/rfi/*/")
    rfi = Rfi.objects.get(case=case)
    officer.locator(f"form[action='/procurement/rfi/{rfi.pk}/publish/'] button").click()
    expect(officer.locator(".govuk-notification-banner, .govuk-panel").first).to_be_visible()
    rfi.refresh_from_db()
    assert rfi.status == RfiStatus.PUBLISHED

    services.interest_register(rfi=rfi, by=suppliers["alfa"])
    services.interest_register(rfi=rfi, by=suppliers["beta"])
    services.question_ask(rfi=rfi, by=suppliers["alfa"], text="Får vi koppla in oss på befintliga givare?")

    officer.goto(f"/procurement/rfi/{rfi.pk}/work/")
    expect(officer.get_by_text("Får vi koppla in oss på befintliga givare?")).to_be_visible()
    _shoot(officer, "rfi-workroom")
    question = Question.objects.get(rfi=rfi)
    officer.locator(f"a[href='/procurement/rfi/{rfi.pk}/work/questions/{question.pk}/']").click()
    officer.fill("[name=public_text]", "Får leverantörer använda de givare som redan finns?")
    officer.fill("[name=answer]", "Ja, givarna i skolorna får användas.")
    officer.locator(SUBMIT).first.click()
    officer.wait_for_url(f"**/procurement/rfi/{rfi.pk}/work/")
    officer.locator(f"a[href='/procurement/rfi/{rfi.pk}/work/publish-answers/']").click()
    expect(officer.get_by_text("Ja, givarna i skolorna får användas.")).to_be_visible()
    _shoot(officer, "rfi-publish-answers")
    officer.locator(SUBMIT).first.click()
    officer.wait_for_url(f"**/procurement/rfi/{rfi.pk}/work/")
    question.refresh_from_db()
    assert question.number == 1 and question.published_at is not None

    visitor = axe_page("sv")
    visitor.goto(rfi.get_absolute_url())
    expect(visitor.get_by_text("Får leverantörer använda de givare som redan finns?")).to_be_visible()
    expect(visitor.get_by_text("Får vi koppla in oss")).to_have_count(0)
    _shoot(visitor, "rfi-public")


def test_a_supplier_registers_asks_books_and_responds(axe_page, case, officers, suppliers):  # noqa: F811
    rfi = published_rfi(case, officers["officer"])
    start = timezone.now() + timedelta(days=3)
    services.slots_offer(
        rfi=rfi,
        by=officers["officer"],
        slots=[
            services.SlotTime(
                starts_at=start + timedelta(hours=i),
                ends_at=start + timedelta(hours=i, minutes=45),
                place="Stadshuset, rum 4",
            )
            for i in range(2)
        ],
    )
    page = axe_page("sv")
    page.goto("/procurement/rfi/")
    page.get_by_role("link", name=rfi.title).click()
    expect(page.locator(f"a[href='/account/login/?next=/procurement/rfi/{rfi.pk}/register/']")).to_be_visible()
    sign_in(page, suppliers["alfa"].email)
    page.goto(rfi.get_absolute_url())
    page.locator(f"a[href='/procurement/rfi/{rfi.pk}/register/']").click()
    page.wait_for_url(f"**/procurement/rfi/{rfi.pk}/register/")
    _shoot(page, "rfi-register")
    page.locator(SUBMIT).first.click()
    page.wait_for_url(f"**/procurement/rfi/{rfi.pk}/")
    assert SupplierInterest.objects.filter(rfi=rfi, supplier=suppliers["alfa"].supplier).exists()

    page.locator(f"a[href='/procurement/rfi/{rfi.pk}/ask/']").click()
    page.fill("[name=text]", "Hur många skolor gäller det?")
    page.locator(SUBMIT).first.click()
    page.wait_for_url(f"**/procurement/rfi/{rfi.pk}/")
    expect(page.get_by_text("Hur många skolor gäller det?")).to_be_visible()

    page.locator(f"form[action^='/procurement/rfi/{rfi.pk}/meetings/'] button").first.click()
    page.wait_for_url(f"**/procurement/rfi/{rfi.pk}/**")
    expect(page.get_by_text("Stadshuset, rum 4").first).to_be_visible()
    assert MeetingSlot.objects.filter(rfi=rfi, booked_by_supplier=suppliers["alfa"].supplier).count() == 1
    _shoot(page, "rfi-registered")

    page.locator(f"a[href='/procurement/rfi/{rfi.pk}/response/']").click()
    page.fill("[name=solution]", "Styrning per klassrum med närvarogivare.")
    page.locator("input[name=maturity][value=piloted]").check()
    page.fill("[name=price_indication]", "Omkring 300 000 kronor per skola.")
    _shoot(page, "rfi-response")
    page.locator("button[name=save]").click()
    page.wait_for_url(f"**/procurement/rfi/{rfi.pk}/#response")
    response = WrittenResponse.objects.get(rfi=rfi)
    assert response.status == ResponseStatus.DRAFT and response.price_secret
    page.locator(f"a[href='/procurement/rfi/{rfi.pk}/response/']").click()
    page.locator("button[name=submit]").click()
    page.wait_for_url(f"**/procurement/rfi/{rfi.pk}/#response")
    response.refresh_from_db()
    assert response.status == ResponseStatus.SUBMITTED


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_dialogues_pages_pass_axe(axe_page, case, officers, suppliers, language):  # noqa: F811
    officer_user = officers["officer"]
    rfi = published_rfi(case, officer_user)
    services.interest_register(rfi=rfi, by=suppliers["alfa"])
    question = services.question_ask(rfi=rfi, by=suppliers["alfa"], text="En fråga")
    services.answer_draft(
        question=question, by=officer_user, expected_version=question.version, public_text="F", answer="S"
    )
    start = timezone.now() + timedelta(days=2)
    slot = services.slots_offer(
        rfi=rfi,
        by=officer_user,
        slots=[services.SlotTime(starts_at=start, ends_at=start + timedelta(minutes=45), place="Rum 4")],
    )[0]
    services.slot_book(slot=slot, by=suppliers["alfa"])
    secret_response(rfi, suppliers["alfa"])
    problems: list[str] = []

    anonymous = axe_page(language)
    for url in ("/procurement/rfi/", f"/procurement/rfi/{rfi.pk}/", "/procurement/rfi/?state=closed&q=inget"):
        anonymous.goto(url)
        problems += _violations(anonymous, f"anonymous {url}")

    supplier = axe_page(language)
    _sign_in(supplier, suppliers["alfa"].email)
    for url in (
        f"/procurement/rfi/{rfi.pk}/",
        f"/procurement/rfi/{rfi.pk}/ask/",
        f"/procurement/rfi/{rfi.pk}/response/",
        f"/procurement/rfi/{rfi.pk}/meetings/{slot.pk}/cancel/",
        "/procurement/supplier/",
    ):
        supplier.goto(url)
        problems += _violations(supplier, f"supplier {url}")
    supplier.goto(f"/procurement/rfi/{rfi.pk}/ask/")
    supplier.locator(SUBMIT).first.click()
    supplier.locator(".govuk-error-summary").wait_for()
    problems += _violations(supplier, "supplier question with errors")

    other = axe_page(language)
    _sign_in(other, suppliers["beta"].email)
    other.goto(f"/procurement/rfi/{rfi.pk}/register/")
    problems += _violations(other, "another supplier registering")

    officer = axe_page(language)
    _sign_in(officer, officer_user.email)
    MeetingSlot.objects.filter(pk=slot.pk).update(starts_at=timezone.now() - timedelta(hours=1), ends_at=timezone.now())
    for url in (
        f"/procurement/rfi/{rfi.pk}/",
        f"/procurement/rfi/{rfi.pk}/edit/",
        f"/procurement/rfi/{rfi.pk}/work/",
        f"/procurement/rfi/{rfi.pk}/work/questions/{question.pk}/",
        f"/procurement/rfi/{rfi.pk}/work/publish-answers/",
        f"/procurement/rfi/{rfi.pk}/work/meetings/",
        f"/procurement/rfi/{rfi.pk}/work/meetings/{slot.pk}/minutes/",
        f"/procurement/rfi/{rfi.pk}/work/responses/",
    ):
        officer.goto(url)
        problems += _violations(officer, f"officer {url}")
    officer.goto(f"/procurement/rfi/{rfi.pk}/work/meetings/")
    officer.locator(SUBMIT).first.click()
    officer.locator(".govuk-error-summary").wait_for()
    problems += _violations(officer, "officer meeting times with errors")
    assert problems == []


def test_a_supplier_finds_its_page_from_the_menu_and_goes_on_to_its_dialogue(axe_page, case, officers, suppliers):  # noqa: F811
    rfi = published_rfi(case, officers["officer"])
    services.interest_register(rfi=rfi, by=suppliers["alfa"])
    services.question_ask(rfi=rfi, by=suppliers["alfa"], text="Finns mätdata per byggnad?")
    page = axe_page("sv")
    _sign_in(page, suppliers["alfa"].email)
    page.goto("/")
    page.locator("nav a[href='/procurement/supplier/']").first.click()
    expect(page.locator("h1")).to_have_text(suppliers["alfa"].supplier.name)
    expect(page.locator("#questions ~ ul").first).to_contain_text("Finns mätdata per byggnad?")
    _shoot(page, "supplier-page")
    page.locator(f"main a[href='/procurement/rfi/{rfi.pk}/']").first.click()
    expect(page.locator("h1")).to_have_text(rfi.title)
