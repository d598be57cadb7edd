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
