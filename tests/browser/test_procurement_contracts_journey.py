"""A supplier on a contract proposes an improvement, and the contract's owner accepts it: the proposal becomes an
idea in the lock with the supplier as co-author. In Swedish, in Chromium. axe over the contract pages in Swedish
and English; screenshots at 1280 and 390 pixels wide."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from ideas.models import Idea, Source
from procurement.contracts import services
from procurement.models import ContractKind, ProposalStatus, SupplierProposal
from tests.browser.conftest import sign_in
from tests.browser.test_accessibility import _violations
from tests.browser.test_tasks_journey import sign_in_as
from tests.procurement.conftest import officers as officers  # noqa: F401 - a fixture
from tests.procurement.conftest import suppliers as suppliers  # noqa: F401 - a fixture
from tests.procurement.contracts.conftest import PROPOSAL, make_contract

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = os.environ.get("SPRANG_SCREENSHOTS", "")


def _shoot(page, name: str) -> None:
    if not SHOTS:
        return
    Path(SHOTS).mkdir(parents=True, exist_ok=True)
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=f"{SHOTS}/contracts-{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_a_supplier_proposes_and_the_owner_accepts_it_into_the_lock(new_page, people, officers, suppliers, tree):
    contract = make_contract(
        officers["officer"], people["manager"], tree, suppliers=[suppliers["alfa"]], kind=ContractKind.CHOICE_SYSTEM
    )

    # Alva at Alfa finds the contract under her contracts and proposes an improvement.
    page = new_page()
    sign_in(page, suppliers["alfa"].email)
    page.goto("/procurement/contracts/")
    expect(page.locator("h1")).to_have_text("Mina avtal")
    _shoot(page, "mine")
    page.get_by_role("link", name=re.compile("Föreslå en förbättring")).click()
    expect(page.locator("h1")).to_have_text("Föreslå en förbättring")
    page.get_by_label("Ge ert förslag en kort rubrik").fill(PROPOSAL["title"])
    page.get_by_label("Vad föreslår ni?").fill(PROPOSAL["proposal"])
    page.get_by_label("Vad skulle det förbättra?").fill(PROPOSAL["benefit"])
    _shoot(page, "propose")
    page.get_by_role("button", name="Skicka förslaget").click()
    expect(page.locator("h1")).to_have_text(PROPOSAL["title"])
    expect(page.get_by_text("Ert förslag har skickats till avtalsägaren.")).to_be_visible()
    proposal = SupplierProposal.objects.get()
    assert proposal.contract == contract

    # Maria, the contract's owner, finds it among her tasks and accepts it.
    owner = new_page()
    sign_in(owner, people["manager"].email)
    tasks = owner.get_by_role("region", name="Dina uppgifter")
    tasks.get_by_role("link", name="1 leverantörsförslag väntar på svar").click()
    expect(owner.locator("h1")).to_have_text("Leverantörernas förslag")
    owner.get_by_role("link", name=PROPOSAL["title"]).click()
    expect(owner.get_by_text("Svar senast").first).to_be_visible()
    _shoot(owner, "proposal")
    owner.get_by_role("link", name="Anta", exact=True).click()
    expect(owner.locator("h1")).to_have_text("Anta förslaget")
    expect(owner.get_by_text("erbjuds förbättringen alla godkända leverantörer")).to_be_visible()
    owner.get_by_label("Varför antar staden förslaget?").fill("Bra förslag. Vi prövar det i två skolor i höst.")
    owner.get_by_label("Vem är förbättringen till för?").fill("Elever och personal i skolorna.")
    owner.get_by_label("Process").check()
    owner.get_by_label("Miljömässigt").check()
    _shoot(owner, "accept")
    owner.get_by_role("button", name="Anta och gör det till en idé").click()
    expect(owner.get_by_text("Förslaget är antaget och är nu en idé i innovationsslussen.")).to_be_visible()
    idea = Idea.objects.get()
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.ACCEPTED and proposal.idea == idea
    assert idea.source == Source.SUPPLIER and list(idea.co_authors.all()) == [suppliers["alfa"]]

    # Alva reads the answer and follows the link to the idea.
    page.reload()
    expect(page.get_by_text("Bra förslag. Vi prövar det i två skolor i höst.")).to_be_visible()
    _shoot(page, "answered")
    page.get_by_role("link", name=PROPOSAL["title"]).last.click()
    expect(page).to_have_url(re.compile(rf"/ideas/{idea.pk}/$"))


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_contract_pages_have_no_wcag_aa_violations(
    browser, live_server, people, officers, suppliers, tree, language
):
    contract = make_contract(officers["officer"], people["manager"], tree, suppliers=[suppliers["alfa"]])
    lov = make_contract(
        officers["officer"],
        people["manager"],
        tree,
        suppliers=[suppliers["alfa"]],
        kind=ContractKind.CHOICE_SYSTEM,
        title="Hemtjänst enligt LOV",
    )
    waiting = services.proposal_submit(contract=lov, by=suppliers["alfa"], **PROPOSAL)
    answered = services.proposal_submit(contract=contract, by=suppliers["alfa"], **PROPOSAL)
    services.proposal_decline(proposal=answered, by=people["manager"], expected_version=1, answer="Ryms inte.")
    pages = {
        officers["officer"]: [
            "/procurement/contracts/",
            "/procurement/contracts/?kind=choice_system",
            "/procurement/contracts/?q=finns+inte",
            "/procurement/contracts/add/",
            f"/procurement/contracts/{contract.pk}/",
            f"/procurement/contracts/{contract.pk}/edit/",
        ],
        people["manager"]: [
            "/procurement/contracts/proposals/",
            waiting.get_absolute_url(),
            f"/procurement/contracts/proposals/{waiting.pk}/accept/",
            f"/procurement/contracts/proposals/{waiting.pk}/decline/",
        ],
        suppliers["alfa"]: [
            "/procurement/contracts/mine/",
            f"/procurement/contracts/{contract.pk}/",
            f"/procurement/contracts/{contract.pk}/propose/",
            answered.get_absolute_url(),
            "/procurement/contracts/proposals/",
        ],
        suppliers["gamma"]: ["/procurement/contracts/mine/", "/procurement/contracts/proposals/"],  # nothing yet
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
            if person == suppliers["alfa"]:
                # The proposal sent empty: the error summary and the fields in error.
                page.goto(f"/procurement/contracts/{contract.pk}/propose/")
                page.locator("main form button[type=submit]").click()
                expect(page.locator(".govuk-error-summary")).to_be_visible()
                problems += _violations(page, f"{person.name}/{language} propose, errors")
        finally:
            context.close()
    assert problems == [], "\n".join(problems)
