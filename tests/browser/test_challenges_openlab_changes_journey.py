"""An OpenLab assignment changed and another cancelled, in Chromium, in Swedish: the city's contact moves the
agreement's dates of one assignment, then cancels another after the page that says what happens to its projects;
and axe over the change and cancel pages in Swedish and English."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from challenges.models import AcademicRole, Assignment, AssignmentStatus, ProjectStatus, Route
from challenges.openlab import services
from core.models import Notification
from organisation.models import User
from tests.browser.conftest import sign_in
from tests.browser.test_accessibility import _violations
from tests.challenges.conftest import routed_need
from tests.challenges.openlab.conftest import propose, university_person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path("var/screenshots")


def _shoot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(SHOTS / f"openlab-{name}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def _two_assignments(people):
    director, office, contact = people["director"], people["office"], people["employee"]
    kth = services.university_create(by=director, name="KTH", short_name="KTH")
    su = services.university_create(by=director, name="Stockholms universitet", short_name="SU")
    teacher = university_person(director, su, AcademicRole.TEACHER, "olof.larare@su.se", "Olof Lärare")
    need = routed_need(writer=people["manager"], office=office, route=Route.OPENLAB)
    kept = services.assignment_create(
        by=office,
        need=need,
        university=kth,
        title="Snabbare bygglov",
        brief="Hur kan sökande få besked inom fyra veckor?",
        contact=contact,
        agreement_starts_on=datetime.date(2027, 1, 1),
        agreement_ends_on=datetime.date(2027, 6, 30),
    )
    cancelled = services.assignment_create(
        by=office, need=need, university=su, title="Bygglov i förväg", brief="En förhandskontroll.", contact=contact
    )
    proposal = propose(cancelled, teacher, title="Förhandskontroll med studenter")
    return need, kept, cancelled, teacher, proposal


def test_the_citys_contact_moves_an_agreements_dates_and_cancels_another_assignment(new_page, people):
    need, kept, cancelled, teacher, proposal = _two_assignments(people)
    page = new_page()
    sign_in(page, people["employee"].email)

    page.goto(kept.get_absolute_url())
    page.get_by_role("link", name="Ändra uppdraget").click()
    expect(page.get_by_role("heading", name="Ändra uppdraget", level=1)).to_be_visible()
    expect(page.get_by_label("Uppdragets rubrik")).to_have_value("Snabbare bygglov")
    # An end before the start is refused at the field, and what was typed stays.
    page.get_by_label("Avtalet börjar").fill("1 mars 2027")
    page.get_by_label("Avtalet slutar").fill("1 februari 2027")
    page.get_by_role("button", name="Spara ändringarna").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    expect(page.get_by_label("Avtalet börjar")).to_have_value("1 mars 2027")
    page.get_by_label("Avtalet slutar").fill("31 december 2027")
    _shoot(page, "assignment-edit")
    page.get_by_role("button", name="Spara ändringarna").click()
    expect(page.get_by_text("Uppdraget är sparat.")).to_be_visible()
    expect(page.get_by_text("1 mars 2027–31 december 2027")).to_be_visible()
    kept.refresh_from_db()
    assert (kept.agreement_starts_on, kept.agreement_ends_on) == (
        datetime.date(2027, 3, 1),
        datetime.date(2027, 12, 31),
    )

    page.goto(cancelled.get_absolute_url())
    page.get_by_role("link", name="Avbryt uppdraget").click()
    expect(page.get_by_role("heading", name="Avbryt uppdraget", level=1)).to_be_visible()
    expect(page.get_by_text("1 föreslaget projekt avböjs, med ditt skäl som stadens kommentar:")).to_be_visible()
    expect(page.get_by_text("Förhandskontroll med studenter (Olof Lärare)")).to_be_visible()
    # Without a reason: refused at the field.
    page.get_by_role("button", name="Avbryt uppdraget").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    page.get_by_label("Varför avbryts uppdraget?").fill("Förvaltningen löste det på egen hand.")
    _shoot(page, "assignment-cancel")
    page.get_by_role("button", name="Avbryt uppdraget").click()
    expect(page.get_by_text("Uppdraget är avbrutet och lärosätets personer har fått veta det.")).to_be_visible()
    expect(page.get_by_text("Förvaltningen löste det på egen hand.")).to_be_visible()
    expect(page.get_by_role("link", name="Ändra uppdraget")).to_have_count(0)
    _shoot(page, "assignment-cancelled")
    cancelled.refresh_from_db()
    proposal.refresh_from_db()
    assert (cancelled.status, cancelled.cancelled_by) == (AssignmentStatus.CANCELLED, people["employee"])
    assert proposal.status == ProjectStatus.DECLINED
    assert Notification.objects.filter(recipient=teacher, url=cancelled.get_absolute_url()).exists()

    # The need's page shows the cancellation with its route work.
    office = new_page()
    sign_in(office, people["office"].email)
    office.goto(need.get_absolute_url())
    expect(office.get_by_text("Förvaltningen löste det på egen hand.")).to_be_visible()
    assert Assignment.objects.get(pk=kept.pk).status == AssignmentStatus.OPEN


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_change_and_cancel_pages_have_no_wcag_aa_violations(browser, live_server, people, language):
    _need, kept, cancelled, teacher, _proposal = _two_assignments(people)
    accepted = propose(
        kept,
        university_person(
            people["director"], kept.university, AcademicRole.TEACHER, "lars.larare@kth.se", "Lars Lärare"
        ),
    )
    services.project_decide(by=people["employee"], project=accepted, expected_version=1, accept=True)
    done = services.assignment_create(
        by=people["office"],
        need=routed_need(writer=people["manager"], office=people["office"], route=Route.OPENLAB, title="Ett till"),
        university=kept.university,
        title="Ett avbrutet uppdrag",
        brief="B",
        contact=people["employee"],
    )
    services.assignment_cancel(by=people["employee"], assignment=done, expected_version=1, reason="Det behövs inte.")
    User.objects.update(language=language)
    context = browser.new_context(
        base_url=live_server.url,
        viewport={"width": 1280, "height": 900},
        locale=f"{language}-SE" if language == "sv" else "en-GB",
    )
    context.add_init_script(Axe().axe_script)
    page = context.new_page()
    sign_in(page, people["employee"].email)
    problems: list[str] = []
    for path in (
        f"/challenges/openlab/assignments/{kept.pk}/edit/",
        f"/challenges/openlab/assignments/{kept.pk}/cancel/",
        f"/challenges/openlab/assignments/{cancelled.pk}/cancel/",
        done.get_absolute_url(),
    ):
        page.goto(path)
        assert f'lang="{language}"' in page.content(), (path, language)
        problems += _violations(page, f"{language} {path}")
    # The pages with their errors shown.
    page.goto(f"/challenges/openlab/assignments/{kept.pk}/cancel/")
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    problems += _violations(page, f"{language} cancel with errors")
    page.goto(f"/challenges/openlab/assignments/{kept.pk}/edit/")
    page.locator("#id_title").fill("")
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    problems += _violations(page, f"{language} edit with errors")
    context.close()
    assert problems == [], "\n".join(problems)
