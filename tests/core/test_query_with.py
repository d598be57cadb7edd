"""``{% query_with %}`` gives the same text as changing a copy of ``request.GET`` and ``urlencode()``-ing it."""

from __future__ import annotations

from django.http import QueryDict
from django.test import RequestFactory
from hypothesis import given
from hypothesis import strategies as st

from core.templatetags.core_tags import query_with

names = st.sampled_from(["q", "page", "sort", "unit", "stage", "år", "a b", "x&y"])
values = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=8)


def as_before(request, changes: dict) -> str:
    params = request.GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    if "page" not in changes:
        params.pop("page", None)
    return params.urlencode()


@given(
    st.lists(st.tuples(names, values), max_size=6),
    st.dictionaries(names, st.one_of(st.none(), st.just(""), values, st.integers(min_value=1, max_value=500))),
)
def test_the_same_text_as_a_changed_copy_of_the_query(pairs, changes):
    query = QueryDict(mutable=True)
    for key, value in pairs:
        query.appendlist(key, value)
    request = RequestFactory().get("/ideas/?" + query.urlencode())
    assert query_with({"request": request}, **changes) == as_before(request, changes)


def test_a_page_number_replaces_the_page_and_keeps_the_rest():
    request = RequestFactory().get("/ideas/?q=cykel&page=3&stage=pilot&stage=idea")
    assert query_with({"request": request}, page=4) == "q=cykel&page=4&stage=pilot&stage=idea"
    assert query_with({"request": request}, sort="newest") == "q=cykel&stage=pilot&stage=idea&sort=newest"
