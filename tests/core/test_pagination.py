from django.core.paginator import Paginator

from core.pagination import DeferredJoinPaginator, page_range
from ideas.models import Idea
from tests import factories


def test_deferred_join_pages_match_plain_slicing(people):
    for i in range(7):
        factories.idea(author=people["employee"], title=f"Idé {i}")
    qs = Idea.objects.for_list().order_by("title", "pk")
    paginator = DeferredJoinPaginator(qs, 3)
    assert paginator.num_pages == 3
    for number in (1, 2, 3):
        page = paginator.page(number)
        assert [i.title for i in page] == [i.title for i in qs[(number - 1) * 3 : number * 3]]
        assert all(hasattr(i, "support_count") for i in page)


def test_page_range_shows_the_ends_and_two_pages_either_side_of_this_one():
    page = Paginator(list(range(250)), 10).page(12)
    ellipsis = page.paginator.ELLIPSIS
    assert page_range(page) == [1, ellipsis, 10, 11, 12, 13, 14, ellipsis, 25]
    assert page_range(page, on_each_side=3, on_ends=2) == [1, 2, ellipsis, 9, 10, 11, 12, 13, 14, 15, ellipsis, 24, 25]


def test_a_narrowed_list_gives_the_pages_when_it_holds_them_and_the_whole_list_is_asked_otherwise(
    people, django_assert_num_queries
):
    for i in range(7):
        factories.idea(author=people["employee"], title=f"Idé {i}")
    qs = Idea.objects.order_by("title", "pk")
    titles = [i.title for i in qs]
    asked: list[int] = []

    def first_rows(rows_qs, rows):
        asked.append(rows)
        return rows_qs.filter(pk__in=[i.pk for i in qs[:rows]])

    paginator = DeferredJoinPaginator(qs, 3, narrow=first_rows)
    assert paginator.count == 7
    with django_assert_num_queries(2):  # the page's ids from the narrowed list, then its rows
        assert [i.title for i in paginator.page(2)] == titles[3:6]
    assert asked == [6]

    # A narrowed list that falls short (filters left too few in it): the whole list is asked, one query more.
    paginator = DeferredJoinPaginator(qs, 3, narrow=lambda rows_qs, rows: rows_qs.none())
    paginator.count  # noqa: B018
    with django_assert_num_queries(2):  # none() asks nothing; the whole list's ids, then the rows
        assert [i.title for i in paginator.page(3)] == titles[6:]


def test_rows_loaded_by_id_keep_the_order_of_the_list_and_only_what_they_show(people):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from ideas.selectors import list_rows

    for i in range(7):
        factories.idea(author=people["employee"], title=f"Idé {i}")
    qs = Idea.objects.for_list().order_by("-title", "pk")
    loaded: list[list[int]] = []

    def rows(ids):
        loaded.append(list(ids))
        return list_rows(ids)

    paginator = DeferredJoinPaginator(qs, 3, rows=rows)
    paginator.count  # noqa: B018
    with CaptureQueriesContext(connection) as queries:
        page = paginator.page(2)
        shown = [(i.title, i.unit.name, i.support_count, i.is_overdue, i.get_source_display()) for i in page]
    assert [title for title, *_ in shown] == [i.title for i in qs[3:6]]
    assert loaded == [[i.pk for i in qs[3:6]]]
    assert len(queries.captured_queries) == 2  # the ids, then the rows: nothing more for what a row shows
    rows_sql = queries.captured_queries[1]["sql"]
    assert '"problem"' not in rows_sql and "organisation_user" not in rows_sql  # no long texts, no author or coach
