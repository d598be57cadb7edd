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
