"""The development talk and the policy review, in Swedish, in Chromium: the manager reads the guide and records a talk
with two ideas, the employee sends in an idea from it, the director adds a policy document and records its review,
and an employee reads the register. axe over every page of both parts in Swedish and English; screenshots at 1280
and 390 pixels wide."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import expect

from learning.models import DevelopmentTalk, PolicyDocument, PolicyStatus, TalkIdea
from learning.policies import services as policies
from learning.talks import services as talks
from tests.browser.conftest import sign_in
from tests.browser.test_accessibility import _violations
from tests.browser.test_tasks_journey import sign_in_as
from tests.learning.conftest import staff as staff  # noqa: F401 - a fixture

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


def test_a_talk_becomes_an_idea_and_the_policy_review_is_recorded(new_page, people, staff):
    manager, employee, director = people["manager"], people["employee"], people["director"]
    today = timezone.localdate()

    # The manager reads the guide, then records this year's talk with Anna: innovation discussed, two ideas.
    page = new_page()
    sign_in(page, manager.email)
    page.goto("/learning/talks/guide/")
    expect(page.locator("h1")).to_have_text("Prata om innovation i utvecklingssamtalet")
    expect(page.get_by_role("heading", name="Frågor att ställa")).to_be_visible()
    _shoot(page, "talk-guide")
    page.get_by_role("link", name="Registrera dina medarbetares samtal").click()
    expect(page.locator("h1")).to_have_text("Utvecklingssamtal")
    _shoot(page, "talks")
    page.get_by_label("Sök på namn").fill("Anna")
    page.get_by_role("button", name="Visa medarbetare").click()
    page.get_by_role("link", name="Registrera samtalet med Anna Anställd").click()
    expect(page.locator("h1")).to_have_text(f"Utvecklingssamtal {today.year}")
    page.get_by_label("När hölls samtalet?").fill(f"{today.day}/{today.month} {today.year}")
    page.get_by_role("group", name="Pratade ni om innovation?").get_by_label("Ja").check()
    page.get_by_label("Hur många idéer gav samtalet?").fill("2")
    _shoot(page, "talk-form")
    page.get_by_role("button", name="Spara samtalet").click()
    expect(page.get_by_text("Utvecklingssamtalet med Anna Anställd är registrerat.")).to_be_visible()
    talk = DevelopmentTalk.objects.get()
    assert (talk.held_on, talk.innovation_discussed, talk.ideas_count) == (today, True, 2)
    row = page.get_by_role("row", name="Anna Anställd")
    expect(row).to_contain_text("Ja")
    expect(row).to_contain_text("2")

    # The employee finds the talk on their start page and sends in what they raised as an idea.
    page = new_page()
    sign_in(page, employee.email)
    page.get_by_role("link", name="Ni pratade om innovation i ditt utvecklingssamtal").click()
    expect(page.locator("h1")).to_have_text("Skicka in en idé från ditt utvecklingssamtal")
    expect(page.get_by_text("Den här idén kommer från ditt utvecklingssamtal.")).to_be_visible()
    page.fill("[name=title]", "Signera scheman i mobilen")
    page.fill("[name=problem]", "Scheman skrivs ut och signeras på papper.")
    page.fill("[name=audience]", "Personalen på äldreboendet.")
    page.fill("[name=proposal]", "Signera schemat i mobilen.")
    page.fill("[name=expected_value]", "Mindre papper och snabbare besked.")
    page.check("input[name=kind][value=process]")
    page.check("input[name=values][value=economic]")
    _shoot(page, "talk-idea")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("h1")).to_have_text("Signera scheman i mobilen")
    assert TalkIdea.objects.get(talk=talk).idea.author == employee
    talk.refresh_from_db()
    assert talk.ideas_count == 2

    # The director adds a policy document and records its review.
    page = new_page()
    sign_in(page, director.email)
    page.goto("/learning/policies/")
    expect(page.get_by_text("Registret är tomt.")).to_be_visible()
    page.get_by_role("link", name="Lägg till ett dokument").click()
    page.get_by_label("Dokumentets namn").fill("Policy för kompetensutveckling")
    _shoot(page, "policy-form")
    page.get_by_role("button", name="Lägg till dokumentet").click()
    expect(page.locator("h1")).to_have_text("Policy för kompetensutveckling")
    page.get_by_role("link", name="Ändra eller registrera översynen").click()
    page.check("input[name=status][value=change_decided]")
    page.get_by_role("button", name="Spara").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Skriv dagen då översynen gjordes")
    page.fill("[name=reviewed_on]", today.isoformat())
    page.fill("[name=conclusion]", "Policyn nämner inte att pröva nya arbetssätt.")
    page.fill("[name=change_decided]", "Ett avsnitt om innovation och tid att pröva idéer läggs till.")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_text("Dokumentet är sparat.")).to_be_visible()
    expect(page.get_by_role("heading", name="Historik")).to_be_visible()
    expect(page.locator(".sprang-timeline__item")).to_have_count(2)
    _shoot(page, "policy")
    assert PolicyDocument.objects.get().status == PolicyStatus.CHANGE_DECIDED

    # An employee reads the register.
    page = new_page()
    sign_in(page, people["colleague"].email)
    page.goto("/learning/policies/")
    row = page.get_by_role("row", name="Policy för kompetensutveckling")
    expect(row).to_contain_text("Policyn nämner inte att pröva nya arbetssätt.")
    _shoot(page, "policies")


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_talk_and_policy_pages_have_no_wcag_aa_violations(browser, live_server, people, staff, language):
    manager, employee, director = people["manager"], people["employee"], people["director"]
    today = timezone.localdate()
    talk = talks.talk_record(
        employee=employee, by=manager, year=today.year, held_on=today, innovation_discussed=True, ideas_count=2
    )
    policy = policies.policy_create(
        by=director,
        title="Policy för kompetensutveckling",
        owner=director.unit,
        status=PolicyStatus.NO_CHANGE,
        reviewed_on=today,
        conclusion="Policyn uppmuntrar redan nya arbetssätt.",
    )
    pages = {
        manager: [
            "/learning/talks/guide/",
            "/learning/talks/",
            "/learning/talks/?q=finns+inte",
            f"/learning/talks/record/{employee.pk}/{today.year}/",
            f"/learning/talks/record/{staff['north'][0].pk}/{today.year}/",
        ],
        employee: [
            "/learning/talks/guide/",
            f"/learning/talks/{talk.pk}/idea/",
            "/learning/policies/",
            policy.get_absolute_url(),
        ],
        director: [
            "/learning/policies/",
            "/learning/policies/?q=finns+inte",
            "/learning/policies/add/",
            f"/learning/policies/{policy.pk}/",
            f"/learning/policies/{policy.pk}/edit/",
            f"/learning/policies/{policy.pk}/delete/",
        ],
    }
    problems = []
    for person, paths in pages.items():
        context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
        context.set_default_timeout(10_000)
        context.add_init_script(Axe().axe_script)
        context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
        page = context.new_page()
        try:
            sign_in_as(page, person.email, language)
            for path in paths:
                response = page.goto(path)
                assert response.status == 200, path
                assert f'<html lang="{language}"' in page.content()
                problems += _violations(page, f"{person.name}/{language} {path}")
            if person == manager:
                # The talk form sent empty: the error summary and the fields in error.
                page.goto(f"/learning/talks/record/{staff['north'][1].pk}/{today.year}/")
                page.locator("main form button[type=submit]").click()
                expect(page.locator(".govuk-error-summary")).to_be_visible()
                problems += _violations(page, f"{person.name}/{language} talk form, errors")
            if person == director:
                page.goto("/learning/policies/add/")
                page.locator("main form button[type=submit]").click()
                expect(page.locator(".govuk-error-summary")).to_be_visible()
                problems += _violations(page, f"{person.name}/{language} policy form, errors")
        finally:
            context.close()
    assert problems == [], "\n".join(problems)
