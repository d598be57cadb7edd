"""The count of a search's matches (capped) is the same whether the kept word weights answer it or the search does.

On PostgreSQL the list page counts a search of one word from ``ideas_idea_search_term``
(``ideas.search.count_matches``) and every other search from the search itself; on SQLite it counts the
search as before. Either way the number must be what counting the search's rows gives.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection

from ideas import selectors
from ideas.selectors import IdeaFilters
from tests.ideas.test_search_order import QUERIES, many  # noqa: F401 (a fixture)

on_postgres = pytest.mark.skipif(connection.vendor != "postgresql", reason="kept word weights exist on PostgreSQL only")

#: The search order's queries, and: a misspelt title word (matched by trigram similarity on PostgreSQL), a word
#: only PostgreSQL's Swedish dictionary drops, words nobody wrote, a word in a few texts only, a negated phrase.
COUNTED = [*QUERIES, "Cykelparkerng", "mellan", "zzzq", "mat", "trasiga saker", '-"till skolan" väg', "cyklar skolan"]
WHO = ["director", "employee", "resident", "anonymous"]


def counted_before(qs, cap: int) -> int:
    """Counting the search's own rows, as the list did before."""
    return len(qs.order_by().values_list("pk", flat=True)[: cap + 1])


def people_and_filters(people):
    for who in WHO:
        user = AnonymousUser() if who == "anonymous" else people[who]
        for sort in ("relevance", "newest"):
            yield who, user, sort


@pytest.mark.parametrize("cap", [4, 20, 1000])
def test_the_count_is_the_count_of_the_search(people, many, cap):  # noqa: F811
    for who, user, sort in people_and_filters(people):
        for q in COUNTED:
            filters = IdeaFilters(q=q, sort=sort)
            qs = selectors.idea_list(user=user, filters=filters)
            counter = selectors.search_counting(user=user, filters=filters)
            assert counter(qs, cap) == counted_before(qs, cap), (who, sort, q)


def test_filters_are_counted_too(people, many):  # noqa: F811
    unit = people["employee"].unit
    for filters in (IdeaFilters(q="cykel", kind=many[0].kind), IdeaFilters(q="skolan", stage=many[0].stage, unit=unit)):
        qs = selectors.idea_list(user=people["director"], filters=filters)
        counter = selectors.search_counting(user=people["director"], filters=filters)
        assert counter(qs, 1000) == counted_before(qs, 1000) > 0


def test_a_list_without_a_search_is_not_counted_this_way(people):
    assert selectors.search_counting(user=people["director"], filters=IdeaFilters(q=" ")) is None


def forget_word(term: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM ideas_idea_search_term WHERE term = %s", [term])


@on_postgres
def test_one_word_is_counted_from_the_kept_weights(people, many):  # noqa: F811
    """Without the kept rows of "cykel"'s stem, only the ideas the Swedish dictionary's own form or a similar
    title finds are counted: the count did not read the ideas' search vectors."""
    filters = IdeaFilters(q="cykel")
    qs = selectors.idea_list(user=people["director"], filters=filters)
    before = counted_before(qs, 1000)
    forget_word("cykl")
    assert counted_before(qs, 1000) == before
    assert selectors.search_counting(user=people["director"], filters=filters)(qs, 1000) < before


@on_postgres
def test_words_joined_by_and_are_counted_from_the_search(people, many):  # noqa: F811
    filters = IdeaFilters(q="cykel skolan")
    qs = selectors.idea_list(user=people["director"], filters=filters)
    before = counted_before(qs, 1000)
    assert before > 0
    forget_word("cykl")
    forget_word("skol")
    assert selectors.search_counting(user=people["director"], filters=filters)(qs, 1000) == before
