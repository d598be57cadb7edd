"""The lessons view: what most often helped and blocked ideas in a unit's subtree and period, and the ideas behind."""

from __future__ import annotations

import re
from datetime import datetime

import pytest

from core.city import CITY_TIME_ZONE
from ideas import selectors
from ideas.lessons import Effect, Factor, LessonEntry, Period, period_bounds
from ideas.lock import Stage
from ideas.models import Idea, Visibility
from tests import factories
from tests.ideas.test_views import sv

MONEY_BLOCKED = LessonEntry(Factor.MONEY, Effect.BLOCKED, "Driftkostnaden fanns inte i budgeten.")
TIME_HELPED = LessonEntry(Factor.TIME, Effect.HELPED, "Två medarbetare fick tid avsatt.")
RULES_BLOCKED = LessonEntry(Factor.RULES, Effect.BLOCKED, "Dataskyddsreglerna stoppade delningen.")


def closed_with(
    people, title: str, lessons, *, unit=None, visibility=Visibility.INTERNAL, when=None, author="employee"
) -> Idea:
    author = people[author]
    idea = factories.idea(author=author, title=title, unit=unit, visibility=visibility)
    factories.move(idea, by=people["director"], to=Stage.CLOSED, lessons=lessons, closed_reason="duplicate", now=when)
    return idea


@pytest.fixture
def lessons(people, tree):
    now = datetime.now(CITY_TIME_ZONE)
    return {
        "north": closed_with(people, "Nattfasta på Björken", [MONEY_BLOCKED, TIME_HELPED], when=now),
        "public": closed_with(people, "Gemensam lunch", [MONEY_BLOCKED], visibility=Visibility.PUBLIC, when=now),
        "south": closed_with(people, "Skolgården i söder", [RULES_BLOCKED], unit=tree["SDF-S-SKO"], when=now),
        "old": closed_with(
            people, "Gammal idé", [RULES_BLOCKED], when=datetime(now.year - 1, 6, 1, tzinfo=CITY_TIME_ZONE)
        ),
    }


def counts_by_factor(qs) -> dict[str, tuple[int, int]]:
    return {c.factor: (c.helped, c.blocked) for c in selectors.lesson_counts(qs) if c.total}


def test_counts_per_factor_helped_and_blocked_in_the_period(people, lessons):
    start, end = period_bounds(datetime.now(CITY_TIME_ZONE).year, Period.YEAR)
    found = selectors.lessons_in(user=people["office"], start=start, end=end)
    assert counts_by_factor(found) == {"money": (0, 2), "time": (1, 0), "rules": (0, 1)}
    # Most often named first; every factor listed.
    ordered = selectors.lesson_counts(found)
    assert [c.factor for c in ordered][:1] == ["money"]
    assert len(ordered) == len(Factor.values)


def test_counts_only_the_units_subtree(people, tree, lessons):
    found = selectors.lessons_in(user=people["office"], unit=tree["SDF-S"])
    assert counts_by_factor(found) == {"rules": (0, 1)}


def test_counts_only_the_ideas_the_viewer_may_read(people, lessons):
    # A resident reads public ideas only: the internal ideas' lessons are not counted for them.
    found = selectors.lessons_in(user=people["resident"])
    assert counts_by_factor(found) == {"money": (0, 1)}
    assert [lesson.decision.idea.title for lesson in selectors.lessons_behind(found, factor="money")] == [
        "Gemensam lunch"
    ]


def test_the_page_shows_the_counts_and_the_ideas_behind_a_factor(client, people, lessons):
    client.force_login(people["colleague"])
    page = client.get("/ideas/lessons/").content.decode()
    assert sv("Lessons from the ideas") in page
    row = re.search(rf"<tr[^>]*>\s*<th[^>]*>.*?{sv('Money')}.*?</tr>", page, re.S).group(0)
    assert re.findall(r'numeric">(?:<a[^>]*>)?(\d+)', row) == ["0", "2"]
    behind = client.get("/ideas/lessons/?factor=money&effect=blocked").content.decode()
    assert "Nattfasta på Björken" in behind and "Gemensam lunch" in behind
    assert "Skolgården i söder" not in behind
    assert "Driftkostnaden fanns inte i budgeten." in behind


def test_the_page_chooses_the_unit_and_the_period(client, people, tree, lessons):
    client.force_login(people["office"])
    last_year = datetime.now(CITY_TIME_ZONE).year - 1
    page = client.get(f"/ideas/lessons/?year={last_year}&period=year").content.decode()
    assert "Gammal idé" not in page  # the counts page lists no ideas until a factor is chosen
    behind = client.get(f"/ideas/lessons/?year={last_year}&period=year&factor=rules").content.decode()
    assert "Gammal idé" in behind and "Skolgården i söder" not in behind
    south = client.get(f"/ideas/lessons/?unit={tree['SDF-S'].pk}&factor=rules").content.decode()
    assert "Skolgården i söder" in south and "Gammal idé" not in south
    # The first period of the year ends with April.
    start, end = period_bounds(2026, Period.T1)
    assert (start.month, end.month, end.year) == (1, 5, 2026)


def test_an_empty_period_says_what_to_do(client, people, lessons):
    client.force_login(people["office"])
    last_year = datetime.now(CITY_TIME_ZONE).year - 1
    page = client.get(f"/ideas/lessons/?year={last_year}&period=T1").content.decode()
    assert (
        sv(
            "No lessons are recorded for this unit and period yet. They are recorded when an idea is closed or moves "
            "to spread. Choose another period or a unit higher up to see more."
        )
        in page
    )


def test_the_ideas_behind_are_paginated(client, people):
    # A person sends at most 20 ideas an hour: four write them.
    for n in range(27):
        closed_with(
            people, f"Idé nummer {n}", [MONEY_BLOCKED], author=("employee", "colleague", "coach", "manager")[n % 4]
        )
    client.force_login(people["office"])
    first = client.get("/ideas/lessons/?factor=money").content.decode()
    assert first.count("Driftkostnaden fanns inte i budgeten.") == 25
    second = client.get("/ideas/lessons/?factor=money&page=2").content.decode()
    assert second.count("Driftkostnaden fanns inte i budgeten.") == 2


def test_the_page_asks_a_fixed_number_of_queries(client, people, django_assert_max_num_queries):
    for n in range(6):
        closed_with(people, f"Idé nummer {n}", [MONEY_BLOCKED, TIME_HELPED])
    client.force_login(people["office"])
    client.get("/ideas/lessons/?factor=money")
    with django_assert_max_num_queries(12):
        client.get("/ideas/lessons/?factor=money")


@pytest.mark.parametrize("role", ["resident", "supplier"])
def test_outsiders_are_refused(client, people, role):
    client.force_login(people[role])
    assert client.get("/ideas/lessons/").status_code == 403


def test_a_visitor_is_asked_to_sign_in(client):
    response = client.get("/ideas/lessons/")
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def _menu(page: str) -> list[str]:
    menu = page.split('id="navigation"', 1)[1].split("</ul>", 1)[0]
    return re.findall(r'href="([^"]+)"', menu)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "sees"),
    [
        ("employee", True),
        ("manager", True),
        ("coach", True),
        ("office", True),
        ("director", True),
        ("resident", False),
        ("supplier", False),
        (None, False),
    ],
)
def test_the_lessons_are_in_the_main_menu_for_those_who_may_read_them(client, people, who, sees):
    if who:
        client.force_login(people[who])
    menu = _menu(client.get("/ideas/").text)
    assert ("/ideas/lessons/" in menu) == sees
    if sees:
        assert client.get("/ideas/lessons/").status_code == 200
        # After the pipeline (for those who have it) and before the follow-up dashboard.
        later = [u for u in ("/governance/",) if u in menu]
        assert all(menu.index("/ideas/lessons/") < menu.index(u) for u in later)
        assert menu.index("/ideas/lessons/") > menu.index("/ideas/")
    else:
        assert client.get("/ideas/lessons/").status_code in (302, 403, 404)
