"""Search results in relevance order: the best-first narrowing gives exactly the order of ranking every match.

On PostgreSQL the list page ranks only the ideas the kept word weights put first
(``ideas.search.best_first``); on SQLite it ranks every match, as before. Either way each page must
hold the ideas that ranking every match with ``ts_rank`` (or bm25) puts there, in that order.
"""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from core.pagination import DeferredJoinPaginator
from ideas import selectors
from ideas import services as idea_services
from ideas.models import Idea
from ideas.search import TITLE_STATISTICS, best_first
from ideas.selectors import IdeaFilters
from tests import factories

on_postgres = pytest.mark.skipif(connection.vendor != "postgresql", reason="kept word weights exist on PostgreSQL only")

#: (title, problem, audience): where the words fall decides the rank; repeated texts make ties broken by age.
TEXTS = [
    ("Cykel till hemtjänsten", "Personalen behöver en cykel för korta resor.", "Hemtjänsten."),
    ("Lånecyklar i stadsdelen", "Boende vill låna cyklar en dag i taget.", "Alla boende."),
    ("Säkrare skolväg", "Barn cyklar till skolan på en smal väg.", "Elever och föräldrar."),
    ("Verkstad för trasiga saker", "Trasiga saker slängs i onödan.", "Alla som vill laga sin cykel."),
    ("Cykelparkering vid skolan", "Cyklar står i vägen vid entrén till skolan.", "Skolans elever."),
    ("Cykel, cykel och cykel", "En cykel och ännu en cykel till hemtjänsten.", "Cykelbud."),
    ("Mat i skolan", "Skolmaten slängs när eleverna inte hinner äta.", "Skolans kök."),
    ("Väg till biblioteket", "Skyltarna på vägen till biblioteket saknas.", "Besökare."),
]
QUERIES = ["cykel", "cyklar", "cykel skolan", "väg", "hemtjänst cykel", "skolan", "cykel -hemtjänst", '"till skolan"']


@pytest.fixture
def many(people):
    """72 ideas (nine of each text), a third of them public, each an hour older than the next."""
    author = people["employee"]
    start = timezone.now() - timedelta(days=5)
    ideas = []
    for i in range(72):
        title, problem, audience = TEXTS[i % len(TEXTS)]
        ideas.append(
            factories.idea(
                author=author,
                title=title,
                problem=problem,
                audience=audience,
                visibility="public" if i % 3 == 0 else "internal",
                now=start + timedelta(hours=i),
                notify_office=False,
            )
        )
    return ideas


def ranked_ids(user, q: str) -> list[int]:
    """Every match ranked, as the list did before it was narrowed: the order to keep."""
    return list(selectors.idea_list(user=user, filters=IdeaFilters(q=q, sort="relevance")).values_list("pk", flat=True))


def paged_ids(user, q: str, per_page: int) -> list[int]:
    """The same search read page by page the way the list page reads it."""
    filters = IdeaFilters(q=q, sort="relevance")
    qs = selectors.idea_list(user=user, filters=filters)
    paginator = DeferredJoinPaginator(qs, per_page, narrow=selectors.best_first_narrowing(user=user, filters=filters))
    return [idea.pk for number in paginator.page_range for idea in paginator.page(number)]


@pytest.mark.parametrize("who", ["director", "employee", "resident"])
@pytest.mark.parametrize("per_page", [4, 25])
def test_pages_hold_the_ideas_ranking_every_match_puts_there(people, many, who, per_page):
    user = people[who]
    for q in QUERIES:
        expected = ranked_ids(user, q)
        assert expected, q
        assert paged_ids(user, q, per_page) == expected, q


def test_the_list_page_shows_the_best_matches_in_order(client, people, many):
    client.force_login(people["director"])
    for q in QUERIES:
        page = client.get("/ideas/", {"q": q}).context["page_obj"]
        assert [idea.pk for idea in page] == ranked_ids(people["director"], q)[:25], q


@on_postgres
def test_only_the_best_are_ranked(people, many):
    qs = selectors.idea_list(user=people["director"], filters=IdeaFilters(q="cykel", sort="relevance"))
    assert qs.count() > 50
    narrowed = list(best_first(qs, "cykel", 5).values_list("pk", flat=True))
    # Twice the rows asked for: the ten best by the kept weights, newest first among equals.
    assert narrowed == ranked_ids(people["director"], "cykel")[:10]


@on_postgres
def test_a_query_of_stems_alone_is_not_narrowed_but_ranked_in_full(people, many):
    """ "Mellan" and "utan" are stop words to PostgreSQL's Swedish dictionary only: the rank is then not a mean
    of word weights, so the narrowed set is empty and the paginator ranks every match."""
    qs = selectors.idea_list(user=people["director"], filters=IdeaFilters(q="mellan utan"))
    assert not best_first(qs, "mellan utan", 5).exists()


def kept(idea: Idea) -> dict[str, float]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT term, score FROM ideas_idea_search_term WHERE idea_id = %s", [idea.pk])
        return dict(cursor.fetchall())


def ranked_alone(idea: Idea) -> dict[str, float]:
    """What ts_rank gives the idea for each of its words searched alone."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT l.lexeme, ts_rank(i.search_tsv, quote_literal(l.lexeme)::tsquery)"
            " FROM ideas_idea i, unnest(i.search_tsv) l WHERE i.id = %s",
            [idea.pk],
        )
        return dict(cursor.fetchall())


@on_postgres
def test_word_weights_follow_every_write_of_an_idea(people):
    author = people["employee"]
    idea = factories.idea(author=author, title="Cykel till hemtjänsten", notify_office=False)
    assert "cykel" in kept(idea)
    assert kept(idea) == ranked_alone(idea)

    idea_services.idea_update(
        idea=idea, by=author, expected_version=idea.version, title="Elsparkcyklar för hemtjänsten"
    )
    idea.refresh_from_db()
    assert "cykel" not in kept(idea)
    assert kept(idea) == ranked_alone(idea)

    bulk = Idea.objects.bulk_create(
        [Idea(**{f.attname: getattr(idea, f.attname) for f in Idea._meta.concrete_fields if not f.primary_key})]
    )[0]
    assert kept(bulk) == kept(idea)

    Idea.objects.filter(pk=idea.pk).delete()
    assert kept(idea) == {}


def summed_every_match(sql: str, params) -> bool:
    """Whether a statement of ``best_first`` summed the weights of every match (``ranked`` in ``_BEST_FIRST``), from
    ``EXPLAIN ANALYZE``: the branch that does is in every plan, and never executed when the heads settle it."""
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql, params)
        plan = cursor.fetchone()[0]
    plan = plan if isinstance(plan, list) else json.loads(plan)

    def loops(node) -> list[int]:
        own = [node.get("Actual Loops", 0)] if node.get("Alias") == "ranked" else []
        return own + [n for child in node.get("Plans", []) for n in loops(child)]

    found = loops(plan[0]["Plan"])
    assert found, "no ranked branch in the plan"
    return any(found)


@on_postgres
@pytest.mark.parametrize("who", ["director", "employee", "resident"])
@pytest.mark.parametrize("depth", [3, 6, 12, 40])
def test_reading_each_words_best_weights_first_finds_the_same_best(people, many, who, depth):
    """However few of each word's best weights are read first, the narrowed ideas are the best by the kept
    weights: the ones that bound cannot settle are found by summing every match, as before."""
    user = people[who]
    for q in QUERIES:
        filters = IdeaFilters(q=q, sort="relevance")
        qs = selectors.idea_list(user=user, filters=filters)
        among = selectors.idea_list(user=user, filters=IdeaFilters(q="", sort="newest"))
        for rows in (1, 2, 4):
            narrowed = list(best_first(qs, q, rows, among=among, depth=depth).values_list("pk", flat=True))
            expected = ranked_ids(user, q)
            if len(narrowed) >= 2 * rows:
                assert set(expected[:rows]) <= set(narrowed), (q, rows)
            assert list(best_first(qs, q, rows, among=among).values_list("pk", flat=True)) == narrowed, (q, rows)


@on_postgres
def test_a_common_word_reads_the_best_weights_not_every_match(people, many):
    """Nine ideas say "cykel" in the title and nine more in the audience alone: the eight best are settled by
    each word's best twenty weights, and the weights of every match are not summed."""
    director = people["director"]
    qs = selectors.idea_list(user=director, filters=IdeaFilters(q="cykel", sort="relevance"))
    bounded = best_first(qs, "cykel", 4, depth=20).values("pk")
    assert list(bounded.values_list("pk", flat=True)) == ranked_ids(director, "cykel")[:8]
    sql, params = bounded.query.sql_with_params()
    assert not summed_every_match(sql, params)
    # Read to the bottom, the weights of every match count.
    unbounded = best_first(qs, "cykel", 4, depth=1).values("pk")
    sql, params = unbounded.query.sql_with_params()
    assert summed_every_match(sql, params)


@on_postgres
@pytest.mark.django_db
def test_the_planner_keeps_few_titles_to_estimate_a_misspelling_from():
    """Estimating ``title % query`` works out the similarity of the query to every title kept as statistics,
    in each of the search's statements: the search keeps ten (``TITLE_STATISTICS``), not PostgreSQL's hundred."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attstattarget FROM pg_attribute WHERE attrelid = 'ideas_idea'::regclass AND attname = 'title'"
        )
        assert cursor.fetchone()[0] == TITLE_STATISTICS == 10
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE tablename = 'ideas_idea_search_term'")
        indexes = {row[0].split(" USING btree ")[1] for row in cursor.fetchall()}
    # A weight found by idea and word without reading the table, and each word's weights in the list's order.
    assert indexes == {"(idea_id, term) INCLUDE (score)", "(term, score DESC, created_at DESC, idea_id)"}


@on_postgres
@pytest.mark.parametrize("who", ["director", "resident"])
def test_a_search_of_two_words_is_narrowed_to_ideas_holding_both(people, many, who):
    """The ideas with "cykel" alone sum the highest weights ("Cykel, cykel och cykel"), yet do not match "cykel
    skolan": the narrowed ideas are those holding both words, enough of them for the page, so the page does not
    fall back to ranking every match."""
    user = people[who]
    qs = selectors.idea_list(user=user, filters=IdeaFilters(q="cykel skolan", sort="relevance"))
    among = selectors.idea_list(user=user, filters=IdeaFilters(q="", sort="newest"))
    expected = ranked_ids(user, "cykel skolan")
    narrowed = list(best_first(qs, "cykel skolan", 2, among=among).values_list("pk", flat=True))
    assert len(narrowed) == 4
    assert set(expected[:2]) <= set(narrowed)


@on_postgres
def test_a_title_matched_only_as_a_misspelling_comes_after_every_match_of_the_words(people, many):
    """ "Cykel till skolen" does not hold "skolan", but its title is near enough to "cykel skolan" to be found as
    a misspelling: it comes after every idea that holds both words, although it holds one of them in its title,
    and so do the other titles found so ("Cykel, cykel och cykel")."""
    misspelt = factories.idea(
        author=people["employee"], title="Cykel till skolen", problem="Ett stöd för cykel.", notify_office=False
    )
    ranked = ranked_ids(people["director"], "cykel skolan")
    stems = Idea.objects.filter(pk__in=[idea.pk for idea in many]).values_list("pk", "search_stems")
    by_words = {pk for pk, text in stems if {"cykl", "skolan"} <= set(text.split())}
    assert by_words
    assert set(ranked[: len(by_words)]) == by_words
    assert misspelt.pk in ranked[len(by_words) :]
