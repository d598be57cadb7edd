"""The search on the idea list: the order the sort menu names, and a suggestion for a misspelt word."""

from __future__ import annotations

import re
from html import unescape

import pytest

from ideas.models import Visibility
from tests import factories

SELECTED = re.compile(r'<option value="([^"]*)"[^>]*selected>([^<]*)</option>')


@pytest.fixture
def care_home(people):
    return factories.idea(
        author=people["employee"],
        title="Sångstunder på äldreboendet",
        problem="På vårt äldreboende sitter de boende mycket still på eftermiddagarna.",
        notify_office=False,
    )


def selected_sort(html: str) -> tuple[str, str]:
    found = SELECTED.findall(html)
    assert len(found) >= 1, "no sort option is selected"
    return found[-1]


def test_a_search_is_in_relevance_order_and_the_menu_says_so(client, people, care_home):
    client.force_login(people["employee"])
    assert selected_sort(client.get("/ideas/?q=äldreboende").content.decode()) == ("", "Bäst matchande först")
    assert selected_sort(client.get("/ideas/?q=äldreboende&sort=relevance").content.decode()) == (
        "",
        "Bäst matchande först",
    )
    assert selected_sort(client.get("/ideas/").content.decode()) == ("", "Nyast först")
    # A chosen order stays chosen, with or without words.
    assert selected_sort(client.get("/ideas/?q=äldreboende&sort=newest").content.decode()) == ("newest", "Nyast först")
    assert selected_sort(client.get("/ideas/?sort=title").content.decode()) == ("title", "Rubrik")


def test_after_a_search_by_htmx_the_menu_is_updated(client, people, care_home):
    client.force_login(people["employee"])
    html = client.get("/ideas/?q=äldreboende&sort=", headers={"HX-Request": "true"}).content.decode()
    assert 'id="id_sort" hx-swap-oob="true"' in html
    assert selected_sort(html) == ("", "Bäst matchande först")


def test_a_misspelt_word_gets_a_suggestion_that_runs_the_search(client, people, care_home):
    client.force_login(people["employee"])
    html = client.get("/ideas/?q=äldrebonde").content.decode()
    assert care_home.title not in html
    link = re.search(r'Menade du <a class="govuk-link" href="([^"]+)">([^<]+)</a>\?', html)
    assert link is not None, html
    assert link.group(2) == "äldreboende"
    assert care_home.title in client.get(unescape(link.group(1))).content.decode()


def test_no_suggestion_when_the_search_finds_something_or_nothing_is_near(client, people, care_home):
    client.force_login(people["employee"])
    assert "Menade du" not in client.get("/ideas/?q=äldreboende").content.decode()
    assert "Menade du" not in client.get("/ideas/?q=rymdteleskop").content.decode()


def test_the_suggestion_comes_only_from_ideas_the_person_may_read(client, people, care_home):
    factories.idea(
        author=people["employee"],
        title="Öppna lekplatser",
        problem="Lekplatserna är låsta på kvällen.",
        visibility=Visibility.PUBLIC,
        notify_office=False,
    )
    client.force_login(people["resident"])
    assert "Menade du" not in client.get("/ideas/?q=äldrebonde").content.decode()
    assert "lekplatser" in client.get("/ideas/?q=lekplatsr").content.decode()
