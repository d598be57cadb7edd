"""Rendered fragments kept by what they show.

A list page draws the same rows again and again: the idea list, the board, the ranking show the
same few thousand ideas and applications to everyone who looks, and drawing a row through
Django's templates costs far more than reading it. A *fragment* is a template drawn for one item
(one row of the idea list, one card of the board) whose HTML depends on nothing but a few values
of the item – what it *shows* – and the language. An app declares it in its ``fragments.py``::

    fragment("components/idea_row.html", "idea", shows=lambda idea: (idea.pk, idea.title, ...))

and a page draws a list of items with ``{% rows "components/idea_row.html" page_obj %}`` (with
``name=value`` after it for the few plain values the page gives every row, such as whether the viewer
may moderate: they are part of the key)
(``core_tags``): the HTML of every item whose values were drawn before, by any worker for any
person, comes from the cache in one lookup; the rest are drawn and kept.

The key is a digest of the release (the project's templates, code and translations), the
language, the fragment and the values, so another release, another language or any changed value
is another key: a fragment is never stale, and nothing has to be invalidated. In return a fragment
may depend on nothing else: not the viewer, not the request, not the time – the template is drawn
with the item alone. With ``SPRANG_FRAGMENTS_VERIFY`` (on in the tests) every HTML found in the
cache is drawn again and compared, so a fragment that shows more than it declares fails the tests
that draw it.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, cast

import django
from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.template.loader import get_template
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import get_current_timezone_name
from django.utils.translation import get_language

from core.registry import Registry

logger = logging.getLogger(__name__)

#: How long a drawn fragment is kept when nobody draws it (a value that changes is simply another key).
TIMEOUT = 7 * 24 * 60 * 60


@dataclass(frozen=True)
class Fragment:
    template: str
    #: The name the template knows the item by.
    name: str
    #: The values of an item the fragment shows; they and the language decide its HTML.
    shows: Callable[[Any], tuple]

    def keys(self, items: Iterable[Any], context: dict[str, Any]) -> list[tuple[str, Any]]:
        settled = (
            f"{release()}:{get_language()}:{get_current_timezone_name()}:{self.template}:{sorted(context.items())!r}:"
        )
        prefix = settled.encode()
        return [
            ("frag:" + hashlib.blake2b(prefix + _serialise(self.shows(item)), digest_size=16).hexdigest(), item)
            for item in items
        ]

    def draw(self, item: Any, context: dict[str, Any]) -> str:
        return get_template(self.template).render({**context, self.name: item})

    def render_many(self, items: Iterable[Any], **context: Any) -> list[SafeString]:
        """The HTML of each item, in order: from the cache where it was drawn before, drawn and kept where not.

        ``context`` holds the few values the page gives every item (whether the viewer may moderate, say):
        plain values, part of every key.
        """
        keyed = self.keys(items, context)
        found = KEPT_HERE.get_many([key for key, _item in keyed])
        wanted = [key for key, _item in keyed if key not in found]
        store = caches[getattr(settings, "SPRANG_FRAGMENT_CACHE", "default")]
        answers = True
        if wanted:
            try:
                shared = store.get_many(wanted)
            except Exception:  # a cache that is away costs time, not the page
                logger.warning("Kept rows could not be read; drawing %s anew", self.template, exc_info=True)
                shared, answers = {}, False
            found.update(shared)
            KEPT_HERE.set_many(shared)
        verify = getattr(settings, "SPRANG_FRAGMENTS_VERIFY", False)
        drawn: dict[str, str] = {}
        html = []
        for key, item in keyed:
            text = found.get(key)
            if text is None:
                text = drawn[key] = self.draw(item, context)
            elif verify and text != (fresh := self.draw(item, context)):
                raise AssertionError(
                    f"The fragment {self.template} shows more than it declares: "
                    f"the same values drew {fresh!r}, the cache held {text!r}."
                )
            html.append(mark_safe(text))  # noqa: S308 - drawn by our own template, escaped there
        KEPT_HERE.set_many(drawn)
        if drawn and answers:
            try:
                store.set_many(drawn, TIMEOUT)
            except Exception:
                logger.warning("Drawn rows could not be kept (%s)", self.template, exc_info=True)
        return html


class KeptHere:
    """The fragments this process drew or read last, in front of the shared cache: at most
    ``SPRANG_FRAGMENTS_KEPT_IN_PROCESS`` of them (5,000 unless set; about 1 KB each; 0 keeps none here).

    A key names everything its HTML depends on, so a fragment kept here is never stale and nothing has to be
    forgotten when data changes: the most used rows (the first pages of the lists, the menu, the filters) cost a
    dictionary lookup instead of a round trip to the shared cache. The threads of a worker share it.
    """

    def __init__(self) -> None:
        self._kept: OrderedDict[str, str] = OrderedDict()
        self._lock = threading.Lock()

    def get_many(self, keys: list[str]) -> dict[str, str]:
        found = {}
        with self._lock:
            for key in keys:
                text = self._kept.get(key)
                if text is not None:
                    self._kept.move_to_end(key)
                    found[key] = text
        return found

    def set_many(self, texts: dict[str, str]) -> None:
        size = getattr(settings, "SPRANG_FRAGMENTS_KEPT_IN_PROCESS", 5000)
        if not texts or size <= 0:
            return
        with self._lock:
            self._kept.update(texts)
            for key in texts:
                self._kept.move_to_end(key)
            while len(self._kept) > size:
                self._kept.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._kept.clear()

    def __len__(self) -> int:
        return len(self._kept)


KEPT_HERE = KeptHere()


FRAGMENTS: Registry[Fragment] = Registry("fragments", "fragments", same=lambda a, b: a == b)


def fragment(template: str, name: str, *, shows: Callable[[Any], tuple]) -> Fragment:
    """Declare that ``template`` draws one item, known to it as ``name``, from the values ``shows`` gives."""
    declared = Fragment(template, name, shows)
    FRAGMENTS.declare(template, declared)
    return declared


def _serialise(values: tuple) -> bytes:
    # Texts, numbers, dates and times write themselves out in full; a fragment shows fields, not model instances.
    return repr(values).encode()


#: Where installed packages live, also when a virtual environment is inside the project's folder.
_INSTALLED = {"site-packages", "dist-packages"}


@cache
def release() -> str:
    """A digest of this release's templates, code and translations: a new release draws its fragments anew.

    Read once per process from the project's own apps, template folders and translations (not from
    installed packages: their versions are in requirements, and Django's is part of the digest).
    """
    digest = hashlib.blake2b(django.get_version().encode(), digest_size=8)
    base = Path(settings.BASE_DIR).resolve()
    folders = {Path(config.path).resolve() for config in apps.get_app_configs()}
    template_dirs = [cast(list, engine.get("DIRS", [])) for engine in settings.TEMPLATES]
    folders |= {Path(folder).resolve() for dirs in template_dirs for folder in dirs}
    folders |= {Path(folder).resolve() for folder in settings.LOCALE_PATHS}
    files = sorted(
        {
            path
            for folder in folders
            if folder.is_relative_to(base) and not _INSTALLED.intersection(folder.parts)
            for path in folder.rglob("*")
            if path.suffix in (".py", ".html", ".txt", ".mo") and path.is_file()
        }
    )
    for path in files:
        digest.update(str(path.relative_to(base)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


# Core's own: the main menu on every page (core.context_processors.Menu).
fragment("components/menu.html", "menu", shows=lambda menu: menu.shows())
