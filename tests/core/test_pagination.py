from core.pagination import DeferredJoinPaginator
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
