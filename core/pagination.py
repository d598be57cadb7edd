"""Pagination that stays fast on deep pages."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import cast

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.utils.functional import cached_property


class DeferredJoinPaginator(Paginator):
    """Finds the page's ids first, over the index alone, then loads only those rows with their joins.

    ``OFFSET 90000`` on the full row (joins, counted subqueries) makes the database
    build and throw away 90,000 wide rows; on the ids it walks an index.
    """

    def __init__(
        self,
        object_list,
        per_page,
        *,
        count_cap: int | None = None,
        narrow: Callable[[QuerySet, int], QuerySet] | None = None,
        counter: Callable[[QuerySet, int], int] | None = None,
        rows: Callable[[list], Iterable] | None = None,
        **kwargs,
    ) -> None:
        """``narrow(qs, rows)``, if given, returns ``qs`` cut down to rows that include its first ``rows``
        whenever it returns at least that many (a search's best matches, ``ideas.search.best_first``):
        the page's ids are looked for there first, and in the whole list only when it falls short.
        ``counter(qs, cap)``, if given with ``count_cap``, returns how many rows ``qs`` holds, counting at most
        ``cap + 1``, more cheaply than reading them (a search's matches, ``ideas.search.count_matches``).
        ``rows(ids)``, if given, loads the page's rows by their ids, in any order, with only what the page shows
        (``ideas.selectors.list_rows``); the ids were found in ``object_list``, so its filters need not be asked
        again. Without it the rows are ``object_list`` filtered on the ids.
        """
        super().__init__(object_list, per_page, **kwargs)
        self.count_cap = count_cap
        self.narrow = narrow
        self.counter = counter
        self.rows = rows
        self.capped = False

    @cached_property
    def count(self) -> int:
        """All rows, or with ``count_cap``, at most that many (``capped`` tells whether there were more).

        Counting every one of 30,000 matches of a common word costs more than the page itself;
        nobody pages past the first thousand results ranked by relevance.
        """
        if self.count_cap is None:
            return super().count
        qs = cast(QuerySet, self.object_list)
        if self.counter is not None:
            found = self.counter(qs, self.count_cap)
        else:
            found = len(qs.order_by().values_list("pk", flat=True)[: self.count_cap + 1])
        self.capped = found > self.count_cap
        return min(found, self.count_cap)

    def page(self, number) -> Page:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = min(bottom + self.per_page, self.count)
        qs = cast(QuerySet, self.object_list)
        ids = self._ids(qs, bottom, top)
        load = self.rows or (lambda ids: qs.filter(pk__in=ids))
        rows = {row.pk: row for row in load(ids)} if ids else {}
        return Page([rows[pk] for pk in ids if pk in rows], number, self)

    def _ids(self, qs: QuerySet, bottom: int, top: int) -> list:
        if top <= bottom:
            return []
        if self.narrow is not None:
            ids = list(self.narrow(qs, top).values_list("pk", flat=True)[bottom:top])
            if len(ids) == top - bottom:
                return ids
        return list(qs.values_list("pk", flat=True)[bottom:top])


def page_range(page: Page, *, on_each_side: int = 2, on_ends: int = 1) -> list[int | str]:
    """The page numbers a list shows under its rows: the first, the last and two either side of this one, with ``…``.

    Every paged list uses it, so the numbers look the same on every page (``components/pagination.html``).
    """
    return list(page.paginator.get_elided_page_range(page.number, on_each_side=on_each_side, on_ends=on_ends))
