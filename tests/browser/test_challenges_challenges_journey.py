"""A challenge in Chromium, in Swedish: the innovation office publishes a public challenge from a routed need, a
resident answers it with the idea form, and once it has closed the office responds to the answer and publishes the
summary. axe checks the challenges' pages in Swedish and English."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from challenges.challenges import services
from challenges.models import Answer, Challenge, ChallengeStatus, Response
from tests.browser.conftest import sign_in
from tests.browser.test_unit_import_journey import _violations, axe_page  # noqa: F401 - the fixture is used
from tests.challenges.challenges.conftest import close, idea_fields, make_challenge
from tests.challenges.conftest import routed_need

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path("/tmp/sprang-challenges-shots")  # noqa: S108 - screenshots to look at, outside the repository


def _shoot(page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_the_office_publishes_a_resident_answers_and_the_office_responds(axe_page, people):  # noqa: F811
    need = routed_need(writer=people["manager"], office=people["office"], title="Långa köer till bygglov")
    office = axe_page("sv")
    sign_in(office, people["office"].email)
    office.goto(f"/challenges/from-need/{need.pk}/")
    expect(office.get_by_role("heading", level=1)).to_have_text("Ny utmaning")
    office.fill("[name=title]", "Hur får sökande besked om bygglov på fyra veckor?")
    office.fill("[name=question]", "Vad skulle göra det enklare att söka bygglov rätt från början?")
    office.check("input[name=audience][value=residents]")
    today = timezone.localdate()
    office.fill("[name=opens_on]", today.isoformat())
    office.fill("[name=closes_on]", (today + timedelta(days=30)).isoformat())
    office.fill("[name=criteria]", "Gör ansökan mer komplett. Går att införa inom ett år.")
    _shoot(office, "challenge-form")
    office.get_by_role("button", name="Spara som utkast").click()
    expect(office.get_by_text("Utmaningen är sparad som utkast.")).to_be_visible()
    office.get_by_role("button", name="Publicera utmaningen").click()
    expect(office.get_by_text("Utmaningen är publicerad.")).to_be_visible()
    challenge = Challenge.objects.get(need=need)
    assert challenge.status == ChallengeStatus.PUBLISHED

    resident = axe_page("sv")
    sign_in(resident, people["resident"].email)
    resident.goto("/challenges/")
    resident.get_by_role("link", name="Hur får sökande besked om bygglov på fyra veckor?").click()
    expect(resident.get_by_role("heading", level=1)).to_contain_text("Hur får sökande besked")
    _shoot(resident, "challenge-page")
    resident.get_by_role("link", name="Svara på utmaningen").click()
    expect(resident.get_by_role("heading", level=1)).to_have_text("Svara på utmaningen")
    resident.fill("[name=title]", "En checklista innan man skickar in")
    resident.fill("[name=problem]", "Ansökningar kommer in utan det som behövs.")
    resident.fill("[name=audience]", "Alla som söker bygglov.")
    resident.fill("[name=proposal]", "En checklista på webben som man går igenom innan man skickar in.")
    resident.fill("[name=expected_value]", "Färre kompletteringar och snabbare besked.")
    resident.locator("input[name=values][value=social]").check()
    resident.locator("input[name=area]").first.check()
    _shoot(resident, "challenge-answer")
    resident.get_by_role("button", name="Skicka svaret").click()
    expect(resident.get_by_text("Tack! Ditt svar på")).to_be_visible()
    answer = Answer.objects.get(challenge=challenge)

    close(challenge)
    office.goto(challenge.get_absolute_url())
    office.get_by_role("link", name="Ge besked om svaren").click()
    expect(office.get_by_role("heading", level=1)).to_have_text("Ge besked om svaren")
    office.get_by_role("link", name="Ge besked till En checklista innan man skickar in").click()
    expect(office.get_by_role("heading", level=1)).to_have_text("Ge besked om svaret")
    office.check(f"input[name=response][value={Response.TAKEN_FORWARD}]")
    office.fill("[name=reason]", "Vi prövar checklistan i en pilot i vår.")
    office.get_by_role("button", name="Spara beskedet").click()
    expect(office.get_by_text("Beskedet om ”En checklista innan man skickar in” är sparat.")).to_be_visible()
    office.get_by_role("link", name="Publicera sammanfattningen").click()
    expect(office.get_by_role("heading", level=1)).to_have_text("Publicera sammanfattningen")
    office.fill("[name=summary]", "Ett svar kom in. Checklistan prövas i en pilot i vår.")
    office.get_by_role("button", name="Publicera sammanfattningen").click()
    expect(office.get_by_text("Sammanfattningen är publicerad.")).to_be_visible()
    expect(office.get_by_text("Checklistan prövas i en pilot i vår.")).to_be_visible()
    _shoot(office, "challenge-summarised")
    answer.refresh_from_db()
    assert answer.response == Response.TAKEN_FORWARD

    # The resident is told what was decided and why, and reads it on the idea's timeline.
    resident.goto("/notifications/")
    expect(resident.get_by_text("Vi prövar checklistan i en pilot i vår.").first).to_be_visible()
    resident.goto(answer.idea.get_absolute_url())
    timeline = resident.locator("#challenge-response")
    expect(timeline).to_contain_text("Besked om svaret: Tas vidare in i innovationsslussen")
    expect(timeline).to_contain_text("Vi prövar checklistan i en pilot i vår.")
    _shoot(resident, "idea-with-response")


def test_the_office_closes_a_challenge_for_answers_early(axe_page, people):  # noqa: F811
    challenge = make_challenge(people, title="Hur minskar vi matsvinnet i skolköken?")
    services.answer_submit(challenge=challenge, author=people["resident"], **idea_fields(people["resident"]))
    office = axe_page("sv")
    sign_in(office, people["office"].email)
    office.goto(challenge.get_absolute_url())
    expect(office.get_by_text("Sista dag att svara")).to_be_visible()
    office.get_by_role("link", name="Stäng utmaningen för svar nu").click()
    expect(office.get_by_role("heading", level=1)).to_have_text("Stänga utmaningen för svar nu?")
    expect(office.get_by_text("1 svar som redan skickats står kvar som svar på utmaningen")).to_be_visible()
    _shoot(office, "challenge-close")
    office.get_by_role("button", name="Ja, stäng utmaningen nu").click()
    expect(office.get_by_text("Utmaningen är stängd för svar.")).to_be_visible()
    expect(office.get_by_text("Stängdes i förtid")).to_be_visible()
    expect(office.get_by_role("link", name="Ge besked om svaren")).to_be_visible()
    challenge.refresh_from_db()
    assert challenge.closed_early_by == people["office"]


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_challenges_pages_pass_axe(axe_page, people, language):  # noqa: F811
    public = make_challenge(people)
    draft = make_challenge(people, publish=False, title="Ett utkast")
    answered = make_challenge(people, title="En stängd utmaning")
    _idea, answer = services.answer_submit(
        challenge=answered, author=people["resident"], **idea_fields(people["resident"])
    )
    close(answered)
    summarised = close(make_challenge(people, title="En sammanfattad utmaning"))
    services.challenge_summarise(
        challenge=summarised, by=people["office"], expected_version=summarised.version, summary="Inga svar kom in."
    )
    problems: list[str] = []

    anonymous = axe_page(language)
    for url in ("/challenges/", f"/challenges/{public.pk}/", "/challenges/?state=closed&q=inget"):
        anonymous.goto(url)
        problems += _violations(anonymous, f"anonymous {url}")

    resident = axe_page(language)
    _sign_in(resident, people["resident"].email)
    for url in (f"/challenges/{public.pk}/", f"/challenges/{public.pk}/answer/", f"/challenges/{answered.pk}/answer/"):
        resident.goto(url)
        problems += _violations(resident, f"resident {url}")
    resident.goto(f"/challenges/{public.pk}/answer/")
    resident.locator("main form[novalidate] button[type=submit]").click()
    resident.locator(".govuk-error-summary").wait_for()
    problems += _violations(resident, "resident answer with errors")

    office = axe_page(language)
    _sign_in(office, people["office"].email)
    need = routed_need(writer=people["manager"], office=people["office"])
    for url in (
        f"/challenges/from-need/{need.pk}/",
        f"/challenges/{draft.pk}/",
        f"/challenges/{draft.pk}/edit/",
        f"/challenges/{draft.pk}/cancel/",
        f"/challenges/{answered.pk}/",
        f"/challenges/{answered.pk}/responses/",
        f"/challenges/answers/{answer.pk}/respond/",
        f"/challenges/{answered.pk}/summary/",
        f"/challenges/{public.pk}/close/",
        f"/challenges/{summarised.pk}/edit/",
        "/challenges/?state=drafts",
    ):
        office.goto(url)
        problems += _violations(office, f"office {url}")
    office.goto(f"/challenges/from-need/{need.pk}/")
    office.locator("main form[novalidate] button[type=submit]").click()
    office.locator(".govuk-error-summary").wait_for()
    problems += _violations(office, "office new challenge with errors")
    assert problems == []


def _sign_in(page, email: str) -> None:
    """Signs in whatever the page's language."""
    page.goto("/account/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", "a-long-test-password")
    page.locator("form:has(input[name=login]) button[type=submit]").click()
    page.wait_for_url("**/")
