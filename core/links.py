"""Addresses of many rows' pages, made without resolving the URL pattern once per row.

``reverse`` walks the URL configuration each time (about 20–100 µs); a list of 200 rows that links each row
pays that 200 times. ``pk_address(name)`` reverses ``name`` once with a marker for the primary key and keeps the
text around it, so each row's address is one string join. Only for patterns whose one argument is the primary
key as an integer (``<int:pk>``); the script prefix is part of the key, so a site served under a prefix gets its
own.

``address(name)`` is ``reverse(name)`` for a pattern without arguments, kept after the first time: the menu's
links are on every page.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

#: A number no real primary key reaches, so it appears in the reversed address only where the key goes.
_MARKER = 918273645546372819


@lru_cache(maxsize=256)
def _parts(name: str, prefix: str) -> tuple[str, str]:
    address = reverse(name, args=[_MARKER])
    before, marker, after = address.partition(str(_MARKER))
    if not marker or str(_MARKER) in after:
        raise ValueError(f"{name!r} does not take the primary key as its one argument")
    return before, after


def pk_address(name: str) -> Callable[[int], str]:
    """A function from a primary key to the address ``reverse(name, args=[pk])`` gives."""
    before, after = _parts(name, get_script_prefix())
    return lambda pk: f"{before}{int(pk)}{after}"


@lru_cache(maxsize=512)
def _address(name: str, prefix: str, urlconf: str) -> str:
    return reverse(name, urlconf=urlconf)


def address(name: str) -> str:
    """``reverse(name)`` for a pattern that takes no arguments, reversed once per script prefix and URL configuration."""
    return _address(name, get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)
