"""A coach writes and replies in the coaches' network, in Chromium, in Swedish; and axe over the networks' pages
in Swedish and English, as a coach, as the network's owner and as a partner from outside the city."""

from __future__ import annotations

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from organisation.models import User
from spread.models import NetworkKind, Post
from spread.networks import services
from tests import factories
from tests.browser.conftest import sign_in
from tests.browser.test_accessibility import WCAG_AA

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path("var/screenshots")


def _coaches_network(people):
    network = services.network_create(
        by=people["director"],
        name="Coachnätverket",
        kind=NetworkKind.COACHES,
        description="Alla innovationscoacher i staden delar erfarenheter här.",
    )
    return network


def test_a_coach_starts_a_thread_mentioning_a_colleague_and_replies_to_another(new_page, people, tree):
    coach = people["coach"]
    amira = factories.person(unit=tree["SDF-S"], role="coach", name="Amira Haddad")
    network = _coaches_network(people)
    question = services.post_add(
        network=network, author=amira, body="Hur får ni chefer att avsätta tid för förstudier?"
    )

    page = new_page()
    sign_in(page, coach.email)
    page.goto("/spread/networks/")
    page.get_by_role("link", name="Coachnätverket").click()
    expect(page.get_by_role("heading", name="Coachnätverket", level=1)).to_be_visible()

    page.get_by_label("Starta en ny tråd").fill(
        "Tips: vi bokar förstudien som ett eget uppdrag. @Amira Haddad, vill du ha mallen?"
    )
    page.get_by_role("button", name="Publicera").click()
    expect(page.get_by_text("Ditt meddelande är publicerat.")).to_be_visible()
    expect(page.locator("article").first).to_contain_text("vi bokar förstudien")

    page.get_by_role("link", name="Svara till Amira Haddad").click()
    expect(page.get_by_role("heading", name="Svara")).to_be_visible()
    page.get_by_role("button", name="Publicera").click()  # nothing written: refused, and said where
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    page.get_by_label("Ditt svar").fill("Vi skriver in den i verksamhetsplanen med timmar.")
    page.get_by_role("button", name="Publicera").click()
    thread = page.locator(f"#post-{question.pk}").locator("xpath=..")
    expect(thread).to_contain_text("Vi skriver in den i verksamhetsplanen med timmar.")
    assert Post.objects.filter(parent=question, author=coach).exists()
    assert amira.notifications.filter(message__contains="nämnde dig").exists()

    SHOTS.mkdir(parents=True, exist_ok=True)
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(SHOTS / f"network-discussion-{width}.png"), full_page=True)


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_networks_pages_have_no_wcag_aa_violations(
    browser, live_server, people, tree, language, settings, tmp_path
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    office = people["office"]
    network = _coaches_network(people)
    thread = services.post_add(network=network, author=people["coach"], body="Hur mäter ni nytta?")
    services.post_add(network=network, author=people["coach"], body="Med enkäter före och efter.", parent=thread)
    region = services.network_create(
        by=office, name="Regionens nätverk", kind=NetworkKind.OPEN, description="Med grannkommunerna."
    )
    services.file_add(
        network=region,
        uploaded_by=office,
        upload=SimpleUploadedFile("mall.pdf", b"%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n", "application/pdf"),
    )
    hidden = services.post_add(network=region, author=office, body="Fel tråd")
    services.post_hide(post=hidden, by=office, reason="Hamnade i fel nätverk")
    _invitation, token = services.invitation_send(network=region, by=office, email="eva@uppsala.se")
    services.invitation_send(network=region, by=office, email="forskare@universitet.se")
    partner = services.invitation_accept_new_account(
        token=token, name="Eva Ek, Uppsala kommun", password="ett-langt-losenord-9"
    )
    User.objects.update(language=language)

    _other, fresh = services.invitation_send(network=region, by=office, email="ny@kommun.se")
    school = services.network_create(by=office, name="Skolnätverket", kind=NetworkKind.SECTOR, description="Skolan.")
    services.network_join(network=school, person=people["employee"])
    visits = {
        people["coach"]: [
            "/spread/networks/",
            f"/spread/networks/{network.pk}/",
            f"/spread/networks/{network.pk}/members/",
            f"/spread/networks/{network.pk}/posts/new/?reply_to={thread.pk}",
        ],
        office: [
            f"/spread/networks/{region.pk}/",
            f"/spread/networks/{region.pk}/members/",
            f"/spread/networks/{region.pk}/files/",
            f"/spread/networks/{region.pk}/invite/",
            f"/spread/networks/{region.pk}/edit/",
            "/spread/networks/new/",
            f"/spread/networks/{region.pk}/posts/{hidden.pk}/hide/",
            f"/spread/networks/{region.pk}/members/{partner.pk}/remove/",
            f"/spread/networks/{school.pk}/members/",
            f"/spread/networks/{school.pk}/members/{people['employee'].pk}/hand-over/",
        ],
        partner: ["/spread/networks/", f"/spread/networks/{region.pk}/", f"/spread/networks/{region.pk}/leave/"],
        None: [f"/spread/networks/invitation/{fresh}/", "/spread/networks/invitation/fel/"],
    }
    axe = Axe().axe_script
    problems: list[str] = []
    for person, paths in visits.items():
        context = browser.new_context(
            base_url=live_server.url,
            viewport={"width": 1280, "height": 900},
            locale=f"{language}-SE" if language == "sv" else "en-GB",
        )
        context.add_init_script(axe)
        page = context.new_page()
        if person is not None:
            sign_in(page, person.email, "ett-langt-losenord-9" if person == partner else "a-long-test-password")
        for path in paths:
            page.goto(path)
            assert f'lang="{language}"' in page.content(), (path, language)
            results = page.evaluate("options => axe.run(document, options)", WCAG_AA)
            for v in results["violations"]:
                problems.append(f"{language} {path}: {v['id']} – {v['help']} {[n['target'] for n in v['nodes']][:3]}")
        context.close()
    assert problems == [], "\n".join(problems)
