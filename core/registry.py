"""What apps declare in a module of their own, found as Django's admin finds ``admin.py``.

A ``Registry("indicators", "indicator computations")`` holds what each app's ``indicators`` module
declares, by key, in ``position`` order (then in the order declared). The modules are imported at
the first look, and the order is worked out once per change, not at every look. A thread that looks
while another imports the modules waits for it to finish, so that no one sees half the declarations.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Mapping
from typing import Generic, TypeVar

from django.utils.module_loading import autodiscover_modules

T = TypeVar("T")


class Registry(Mapping[str, T], Generic[T]):
    def __init__(self, module: str, what: str, *, same: Callable[[T, T], bool] = lambda a, b: a is b) -> None:
        self.module, self.what, self._same = module, what, same
        self._declared: dict[str, tuple[int, T]] = {}
        self._ordered_items: dict[str, T] | None = None
        self._discovered = False
        self._discovering = threading.RLock()
        self._local = threading.local()

    def declare(self, key: str, item: T, position: int = 50) -> None:
        if key in self._declared and not self._same(self._declared[key][1], item):
            raise ValueError(f"Two {self.what} are called {key!r}.")
        self._declared[key] = (position, item)
        self._ordered_items = None

    def withdraw(self, key: str) -> None:
        """Take a declaration back (a test's own app, say)."""
        del self._declared[key]
        self._ordered_items = None

    def _ordered(self) -> dict[str, T]:
        if not self._discovered:
            with self._discovering:  # a module being imported may look itself: the same thread goes on
                if not self._discovered and not getattr(self._local, "importing", False):
                    self._local.importing = True
                    try:
                        autodiscover_modules(self.module)
                    finally:
                        # Once, even when a module fails to import: its error shows, and a second import of the
                        # modules would only say that their declarations are made twice.
                        self._local.importing = False
                        self._discovered = True
        ordered = self._ordered_items
        if ordered is None:
            # A stable sort: equal positions keep the order they were declared in.
            ranked = sorted(self._declared.items(), key=lambda kv: kv[1][0])
            self._ordered_items = ordered = {key: item for key, (_position, item) in ranked}
        return ordered

    def __getitem__(self, key: str) -> T:
        return self._ordered()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._ordered())

    def __len__(self) -> int:
        return len(self._ordered())
