"""The figures over ideas (the start page's, the pipeline's) are kept under the ideas' own version: never past a
write to an idea, and not counted again for a comment, a support or a write elsewhere."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ideas import selectors, services
from ideas.lock import Stage
from ideas.models import Idea
from tests import factories
from tests.plans import sqlite_only, sqlite_plan


def figures(response) -> list[int]:
    """The start page's four figures: ideas, in pilot, implemented or spreading, waiting for an answer."""
    return [int(n) for n in re.findall(r'<span class="sprang-stat">(\d+)</span>', response.content.decode())]


def counted(queries) -> list[str]:
    """The queries that count the ideas' figures (``selectors.idea_counts``)."""
    return [q["sql"] for q in queries if 'FROM "ideas_idea"' in q["sql"] and 'AS "pilots"' in q["sql"]]


@pytest.fixture
def director(client, people):
    client.force_login(people["director"])
    return people["director"]


def test_a_new_idea_and_a_first_answer_show_at_once_on_the_start_page(client, people, director):
    factories.idea(author=people["employee"], title="Cykelpool för hemtjänsten")
    total, pilots, implemented, waiting = figures(client.get("/"))
    idea = factories.idea(author=people["resident"], title="Parkering för lådcyklar", visibility="public")
    assert figures(client.get("/")) == [total + 1, pilots, implemented, waiting + 1]
    # Written with one UPDATE and its audit entry, past save(): the figures still move at once.
    assert services.idea_first_answered(idea=idea, by=people["office"])
    assert figures(client.get("/")) == [total + 1, pilots, implemented, waiting]
    factories.move(idea, by=people["office"], to=Stage.PRESTUDY)
    factories.move(Idea.objects.get(pk=idea.pk), by=people["office"], to=Stage.PILOT)
    assert figures(client.get("/")) == [total + 1, pilots + 1, implemented, waiting]


def test_a_comment_or_a_support_leaves_the_figures_kept(client, people, director):
    idea = factories.idea(author=people["employee"], title="Cykelpool för hemtjänsten", visibility="public")
    first = client.get("/")
    services.comment_add(idea=idea, author=people["resident"], body="Bra idé, vi vill också prova.")
    with CaptureQueriesContext(connection) as queries:
        again = client.get("/")
    assert figures(again) == figures(first)
    assert counted(queries.captured_queries) == []


def test_the_pipeline_shows_a_first_answer_at_once(client, people, director):
    idea = factories.idea(author=people["employee"], title="Cykelpool för hemtjänsten")
    assert "1 väntar på svar" in client.get("/ideas/pipeline/").content.decode()
    services.idea_first_answered(idea=idea, by=people["office"])
    assert "0 väntar på svar" in client.get("/ideas/pipeline/").content.decode()


def test_each_audience_counts_only_what_it_may_see(client, people):
    factories.idea(author=people["employee"], title="Intern idé om scheman")
    factories.idea(author=people["employee"], title="Cykelpool för hemtjänsten", visibility="public")
    factories.idea(author=people["resident"], title="Min egen idé")
    assert figures(client.get("/"))[0] == 1  # signed out: the public idea only
    client.force_login(people["resident"])
    assert figures(client.get("/"))[0] == 2  # and their own
    client.force_login(people["employee"])
    assert figures(client.get("/"))[0] == 3  # city staff: every idea


@sqlite_only
def test_the_figures_are_counted_from_their_index_alone(db, people):
    qs = Idea.objects.visible_to(people["resident"])
    with CaptureQueriesContext(connection) as queries:
        selectors.idea_counts(qs=qs, overdue=False)
    plan = sqlite_plan(queries.captured_queries[0]["sql"])
    assert "COVERING INDEX ideas_counted" in plan, plan
