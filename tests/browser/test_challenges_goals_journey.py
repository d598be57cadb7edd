"""Work tied to the city's goals, in Chromium, in Swedish: the innovation office ties an idea to a city goal from
the idea's page, and the director opens the goal's view from the follow-up dashboard; and axe over the tag page
and the goal view in Swedish and English."""

from __future__ import annotations

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import expect

from governance import selectors
from governance import services as gov
from ideas.lock import Stage
from organisation.models import Unit, User
from tests import factories
from tests.browser.conftest import sign_in
from tests.browser.test_accessibility import WCAG_AA

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path("var/screenshots")


def _goals(people, tree):
    year = timezone.localdate().year
    city = gov.goal_create(
        by=people["director"], year=year, unit=Unit.objects.get_first_root_node(), title="Fler idéer blir verklighet"
    )
    north = gov.goal_create(
        by=people["manager"], year=year, unit=tree["SDF-N"], parent=city, title="Varje enhet prövar en ny idé"
    )
    return city, north


def test_the_office_ties_an_idea_to_a_city_goal_and_the_director_sees_it_beside_the_goal(new_page, people, tree):
    city, _north = _goals(people, tree)
    idea = factories.idea(author=people["employee"], title="Digital nyckel till boendet")
    other = factories.idea(author=people["employee"], title="Schemaläggning med sensorer")
    factories.move(other, by=people["office"], to=Stage.PRESTUDY)
    gov.goal_links_set(thing=other, by=people["office"], goals=[city], expected=[])

    page = new_page()
    sign_in(page, people["office"].email)
    page.goto(idea.get_absolute_url())
    expect(page.locator("[data-goal-links]")).to_contain_text("Inte kopplat till något mål ännu.")
    page.get_by_role("link", name="Välj målen som det bidrar till").click()
    expect(page.locator("h1")).to_contain_text("Mål som arbetet bidrar till")
    page.get_by_label("Fler idéer blir verklighet (stadens mål").check()
    page.get_by_role("button", name="Spara målen").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Målen som det bidrar till är sparade.")
    expect(page.locator("[data-goal-links]")).to_contain_text("Fler idéer blir verklighet")
    assert [g.pk for g in selectors.goals_of(idea)] == [city.pk]

    director = new_page()
    sign_in(director, people["director"].email)
    director.goto("/governance/")
    expect(director.locator("#goal-work")).to_be_visible()
    director.locator("table", has=director.locator("#goal-work-caption")).get_by_role(
        "link", name="Fler idéer blir verklighet"
    ).click()
    expect(director.locator("h1")).to_contain_text("Fler idéer blir verklighet")
    expect(director.locator("main")).to_contain_text("Idéer: 2, varav 0 klara")
    expect(director.get_by_role("link", name="Digital nyckel till boendet")).to_be_visible()
    expect(director.locator("main")).to_contain_text("Förstudie")

    SHOTS.mkdir(parents=True, exist_ok=True)
    for width in (1280, 390):
        for name, shown in (("goal-tag", page), ("goal-view", director)):
            shown.set_viewport_size({"width": width, "height": 900})
            shown.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)
    page.goto(f"/governance/work/idea/{idea.pk}/goals/")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path=str(SHOTS / "goal-tag-form-1280.png"), full_page=True)


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_goal_pages_have_no_wcag_aa_violations(browser, live_server, people, tree, language):
    city, north = _goals(people, tree)
    idea = factories.idea(author=people["employee"], title="Digital nyckel till boendet")
    gov.goal_links_set(thing=idea, by=people["office"], goals=[city, north], expected=[])
    User.objects.update(language=language)
    visits = {
        people["office"]: [f"/governance/work/idea/{idea.pk}/goals/", idea.get_absolute_url()],
        people["director"]: [
            "/governance/",
            f"/governance/goals/{city.pk}/work/",
            f"/governance/goals/{north.pk}/work/",
        ],
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
        sign_in(page, person.email)
        for path in paths:
            page.goto(path)
            assert f'lang="{language}"' in page.content(), (path, language)
            results = page.evaluate("options => axe.run(document, options)", WCAG_AA)
            for v in results["violations"]:
                problems.append(f"{language} {path}: {v['id']} – {v['help']} {[n['target'] for n in v['nodes']][:3]}")
        context.close()
    assert problems == [], "\n".join(problems)
