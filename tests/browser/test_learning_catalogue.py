"""The innovation office sets up a workshop, adds a session and publishes it; an employee finds it by filtering and
signs up; an employee takes the introductory module's check, fails once, then passes. In Swedish, in Chromium. axe
over the catalogue, a course's page, the check, the course form and the confirmation pages (publishing a course,
removing a question, cancelling a sign-up) in Swedish and English; screenshots at 1280 and 390 pixels wide."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import expect

from learning.catalogue import services
from learning.models import Completion, Course, CourseState
from spread.models import Registration, RegistrationStatus
from tests.browser.conftest import sign_in
from tests.browser.test_accessibility import _violations
from tests.browser.test_tasks_journey import sign_in_as
from tests.learning.conftest import intro as intro  # noqa: F401 - a fixture
from tests.learning.conftest import make_course, make_session
from tests.learning.conftest import workshop as workshop  # noqa: F401 - a fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = os.environ.get("SPRANG_SCREENSHOTS", "")


def _shoot(page, name: str) -> None:
    if not SHOTS:
        return
    Path(SHOTS).mkdir(parents=True, exist_ok=True)
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=f"{SHOTS}/learning-{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_the_office_publishes_a_workshop_and_an_employee_finds_it_and_signs_up(new_page, people, intro):
    page = new_page()
    sign_in(page, people["office"].email)
    page.get_by_role("navigation").get_by_role("link", name="Lärande").first.click()
    expect(page.locator("h1")).to_have_text("Lär dig om innovation")
    page.get_by_role("link", name="Ny kurs").first.click()
    expect(page.locator("h1")).to_have_text("Ny kurs")
    page.get_by_label("Workshop").check()
    page.get_by_label("Rubrik").fill("Prototyper på en dag")
    page.get_by_label("Sammanfattning").fill("Bygg en enkel prototyp och pröva den med dem den är till för.")
    page.get_by_label("Alla", exact=True).check()
    page.get_by_label("Längd i minuter").fill("240")
    page.get_by_label("Svenska", exact=True).check()
    _shoot(page, "course-form")
    page.get_by_role("button", name="Spara som utkast").click()
    expect(page.locator("h1")).to_have_text("Prototyper på en dag")
    expect(page.get_by_text("Kursen är sparad som utkast.")).to_be_visible()

    page.get_by_role("link", name="Lägg till ett tillfälle").click()
    day = timezone.localdate() + timedelta(days=14)
    page.get_by_label("Datum").fill(day.isoformat())
    page.get_by_label("Börjar klockan (svensk tid)").fill("09:00")
    page.get_by_label("Slutar klockan (svensk tid)").fill("13:00")
    page.locator("#id_place").fill("Stadshuset, Blå hallen")
    page.get_by_label("Antal platser").fill("1")
    page.get_by_role("button", name="Lägg till tillfället").click()
    expect(page.get_by_text("Tillfället är tillagt.")).to_be_visible()

    page.get_by_role("link", name="Publicera kursen").click()
    expect(page.locator("h1")).to_have_text("Publicera kursen?")
    page.get_by_role("button", name="Publicera kursen").click()
    expect(page.get_by_text("Kursen är publicerad och finns nu i katalogen.")).to_be_visible()
    assert Course.objects.get(title="Prototyper på en dag").state == CourseState.PUBLISHED

    employee = new_page()
    sign_in(employee, people["employee"].email)
    employee.goto("/learning/")
    employee.locator("#id_kind").select_option("workshop")
    employee.get_by_role("button", name="Visa kurser").click()
    expect(employee.locator("#results h2")).to_have_count(1)
    _shoot(employee, "catalogue")
    employee.get_by_role("link", name="Prototyper på en dag").click()
    expect(employee.get_by_text("1 plats kvar")).to_be_visible()
    _shoot(employee, "course")
    employee.get_by_role("button", name="Anmäl dig").click()
    expect(employee.get_by_text("Du har en plats. En bekräftelse med tillfället som kalenderfil")).to_be_visible()
    expect(employee.get_by_text("Du har en plats.", exact=True)).to_be_visible()
    assert Registration.objects.get(person=people["employee"]).status == RegistrationStatus.REGISTERED

    # The only place is taken: the next one goes on the waiting list.
    colleague = new_page()
    sign_in(colleague, people["colleague"].email)
    colleague.goto(f"/learning/{Course.objects.get(title='Prototyper på en dag').pk}/")
    expect(colleague.get_by_text("Alla platser är tagna")).to_be_visible()
    colleague.locator("#sessions ~ ul button[type=submit]").click()
    expect(colleague.get_by_text("Du står på väntelistan.", exact=True)).to_be_visible()
    assert Registration.objects.get(person=people["colleague"]).status == RegistrationStatus.WAITING


def test_an_employee_fails_the_check_once_then_passes(new_page, people, intro):
    page = new_page()
    sign_in(page, people["employee"].email)
    page.goto(f"/learning/{intro.pk}/")
    page.get_by_role("link", name="Gör kunskapskollen").click()
    expect(page.locator("h1")).to_have_text("Kunskapskoll")
    page.get_by_label("En ny dator").check()
    page.get_by_label("Bara chefer").check()
    page.get_by_label("Stegen från idé till spridning").check()
    page.get_by_role("button", name="Skicka dina svar").click()
    expect(page.get_by_text("Du hade 1 av 3 rätt.")).to_be_visible()
    expect(page.get_by_label("Bara chefer")).to_be_checked()  # the answers are kept
    _shoot(page, "check-failed")
    assert not Completion.objects.exists()
    page.get_by_label("En ny idé som skapar värde när den används").check()
    page.get_by_role("button", name="Skicka dina svar").click()
    expect(page.get_by_text("Du klarade kunskapskollen med 2 av 3 rätt.")).to_be_visible()
    expect(page.get_by_text("Du slutförde den här den")).to_be_visible()
    assert Completion.objects.get().person == people["employee"]


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_catalogue_pages_have_no_wcag_aa_violations(browser, live_server, people, tree, intro, workshop, language):
    session = make_session(workshop, by=people["office"])
    draft = make_course(
        by=people["office"], unit=tree["SDF-N"], code="utkast", title="Ett utkast", state=CourseState.DRAFT
    )
    services.session_register(session=session, by=people["employee"])
    question = intro.questions.first()
    assert question is not None
    #: The confirmation pages, with their heading in Swedish and English (so that none is skipped by a redirect).
    confirmations = {
        f"/learning/{draft.pk}/publish/": ("publish", {"sv": "Publicera kursen?", "en": "Publish the course?"}),
        f"/learning/questions/{question.pk}/remove/": (
            "question-remove",
            {"sv": "Ta bort frågan?", "en": "Remove the question?"},
        ),
        f"/learning/sessions/{session.pk}/unregister/": (
            "unregister",
            {"sv": "Avboka din anmälan?", "en": "Cancel your sign-up?"},
        ),
    }
    pages = {
        people["office"]: [
            "/learning/",
            "/learning/?q=finns+inte",
            f"/learning/{workshop.pk}/",
            "/learning/new/",
            f"/learning/{workshop.pk}/edit/",
            f"/learning/{workshop.pk}/withdraw/",
            f"/learning/{draft.pk}/publish/",
            f"/learning/{workshop.pk}/sessions/new/",
            f"/learning/sessions/{session.pk}/edit/",
            f"/learning/sessions/{session.pk}/cancel/",
            "/learning/drafts/",
        ],
        people["director"]: [
            f"/learning/{intro.pk}/questions/",
            f"/learning/{intro.pk}/questions/add/",
            f"/learning/questions/{question.pk}/remove/",
        ],
        people["employee"]: [
            "/learning/",
            f"/learning/{intro.pk}/",
            f"/learning/{intro.pk}/check/",
            f"/learning/sessions/{session.pk}/unregister/",
        ],
        None: ["/learning/", f"/learning/{intro.pk}/"],
    }
    problems = []
    for person, paths in pages.items():
        context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
        context.set_default_timeout(10_000)
        context.add_init_script(Axe().axe_script)
        context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
        page = context.new_page()
        try:
            if person is not None:
                sign_in_as(page, person.email, language)
            for path in paths:
                response = page.goto(path)
                assert response.status == 200, path
                assert f'<html lang="{language}"' in page.content()
                problems += _violations(page, f"{person}/{language} {path}")
                if path in confirmations:
                    name, heading = confirmations[path]
                    expect(page.locator("h1")).to_have_text(heading[language])
                    _shoot(page, f"{name}-{language}")
            if person == people["office"]:
                page.goto("/learning/new/")
                page.locator("main form button[type=submit]").click()
                expect(page.locator(".govuk-error-summary")).to_be_visible()
                problems += _violations(page, f"{person}/{language} course form, errors")
            if person == people["employee"]:
                page.goto(f"/learning/{intro.pk}/check/")
                page.locator("main form button[type=submit]").click()
                expect(page.locator(".govuk-error-summary")).to_be_visible()
                problems += _violations(page, f"{person}/{language} check, errors")
        finally:
            context.close()
    assert problems == [], "\n".join(problems)


def test_the_course_form_shows_the_content_fields_only_for_a_self_paced_module(new_page, people):
    page = new_page()
    sign_in(page, people["office"].email)
    page.goto("/learning/new/")
    expect(page.locator("h1")).to_have_text("Ny kurs")
    content = page.get_by_role("heading", name="Innehåll och kunskapskoll: bara för en modul i egen takt")
    expect(content).to_be_hidden()
    page.get_by_role("radio", name="Modul i egen takt").check()
    expect(content).to_be_visible()
    expect(page.get_by_label("Länk till en video (frivilligt)")).to_be_visible()
    _shoot(page, "course-form-module")
    page.get_by_role("radio", name="Seminarium").check()
    expect(content).to_be_hidden()
