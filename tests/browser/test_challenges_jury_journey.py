"""A challenge's shortlist scored by a jury, in Chromium and in Swedish: the innovation office sets up the jury
from the responses page, adds a juror and assigns the answers; the juror scores; the office sees the mean on the
responses page and records its response. axe checks the setup page, the jury's workroom, the score page and the
responses page in Swedish and English."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from challenges.challenges import services
from challenges.models import Answer, Response
from organisation.models import PersonKind
from tests import factories
from tests.browser.conftest import sign_in
from tests.browser.test_calls_and_reports_journey import Visit, sv
from tests.challenges.challenges.conftest import close, idea_fields, make_challenge

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_jury_scores_the_shortlist_and_the_office_responds(new_page, people, tree):
    office = people["office"]
    challenge = make_challenge(people, title="Hur får sökande besked om bygglov på fyra veckor?")
    author = factories.person(kind=PersonKind.RESIDENT, name="Rita Rask")
    _idea, answer = services.answer_submit(
        challenge=challenge, author=author, **idea_fields(author, title="En checklista innan man skickar in")
    )
    close(challenge)
    answer = services.answer_shortlist(answer=answer, by=office, expected_version=answer.version, shortlisted=True)
    juror = factories.person(unit=tree["SDF-S-SKO"], name="Jonas Jurist")

    page = new_page()
    visit = Visit(page, "challenge-jury")
    sign_in(page, office.email)
    page.goto(f"/challenges/{challenge.pk}/responses/")
    page.get_by_role("link", name="Låt en jury bedöma kortlistan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Låt en jury bedöma kortlistan")
    visit.check("setup")
    expect(page.locator("[name=name_1]")).to_have_value("Genomförbart inom ett år, ger kortare väntan")
    page.locator("[name=name_2]").fill("Nytta för sökande")
    page.locator("[name=weight_2]").fill("2")
    page.get_by_role("button", name="Sätt upp juryn").click()
    expect(page.get_by_text("Juryn är uppsatt.")).to_be_visible()
    expect(page.get_by_text("Den här juryn bedömer svaren på kortlistan för utmaningen")).to_be_visible()
    visit.check("workroom")

    page.get_by_label(sv("Email address")).fill(juror.email)
    page.get_by_label(sv("Chair")).check()
    page.get_by_role("button", name=sv("Add to the jury")).click()
    expect(page.get_by_text(sv("%(name)s chairs the jury.", name=juror.name))).to_be_visible()
    page.get_by_role("button", name=sv("Assign every eligible application to every juror not recused")).click()
    expect(page.locator(".govuk-notification-banner--success")).to_be_visible()

    jury_page = new_page()
    sign_in(jury_page, juror.email)
    jury_page.goto("/calls/jury/")
    expect(jury_page.get_by_text("Den här juryn bedömer svaren på kortlistan för utmaningen")).to_be_visible()
    jury_page.get_by_role("link", name="En checklista innan man skickar in").first.click()
    expect(jury_page.get_by_role("button", name=sv("Submit scores (final)"))).to_be_visible()
    juror_visit = Visit(jury_page, "challenge-jury-score")
    juror_visit.check("score")
    for criterion, score in (("Genomförbart inom ett år, ger kortare väntan", "4"), ("Nytta för sökande", "3")):
        group = jury_page.get_by_role("group", name=sv("Score on “%(criterion)s”", criterion=criterion))
        group.get_by_label(score, exact=True).check()
        jury_page.get_by_label(sv("Comment on “%(criterion)s”", criterion=criterion)).fill("Tydligt och rimligt.")
    jury_page.get_by_role("button", name=sv("Submit scores (final)")).click()
    expect(jury_page.locator(".govuk-notification-banner--success")).to_be_visible()

    page.goto(f"/challenges/{challenge.pk}/responses/")
    # (4 × 1 + 3 × 2) / 3 = 3,33: the mean of the one juror's weighted total.
    expect(page.get_by_text("3,3 av 5 (1 av 1 bedömare)")).to_be_visible()
    page.get_by_role("link", name="Efter juryns poäng, högst först").click()
    expect(page.get_by_role("link", name="Efter juryns poäng, högst först")).to_have_attribute("aria-current", "page")
    visit.check("responses")
    page.get_by_role("link", name="Ge besked till En checklista innan man skickar in").click()
    page.check(f"input[name=response][value={Response.TAKEN_FORWARD}]")
    page.fill("[name=reason]", "Juryn gav checklistan höga poäng. Vi prövar den i en pilot.")
    page.get_by_role("button", name="Spara beskedet").click()
    expect(page.get_by_text("Beskedet om ”En checklista innan man skickar in” är sparat.")).to_be_visible()
    assert Answer.objects.get(pk=answer.pk).response == Response.TAKEN_FORWARD
    visit.assert_clean()
    juror_visit.assert_clean()
