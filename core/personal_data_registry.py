"""Where each app declares its part of a person's own data (the right of access, GDPR art. 15).

An app writes a ``personal_data.py`` with one function per part of the export, decorated with
``@part("key", models=[...])``: the function takes the person and returns plain data (a list
or a dict) under that key; ``models`` are the models whose rows about the person it covers.
``core`` finds the modules itself (``autodiscover_modules``), as Django's admin finds
``admin.py``: it imports no domain app.

A part runs a fixed number of queries, whatever how much the person did.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Model

from core.registry import Registry

Reader = Callable[[Any], Any]


@dataclass(frozen=True)
class Part:
    key: str
    read: Reader
    models: tuple[type[Model], ...]
    position: int


_parts: Registry[Part] = Registry(
    "personal_data", "parts of the personal data export", same=lambda a, b: a.read is b.read
)


def part(key: str, *, models: Iterable[type[Model]], position: int = 50) -> Callable[[Reader], Reader]:
    """Declare ``key`` of the export; parts come in ``position`` order, then in the order declared."""

    def register(read: Reader) -> Reader:
        _parts.declare(key, Part(key=key, read=read, models=tuple(models), position=position), position)
        return read

    return register


def parts() -> list[Part]:
    """Every declared part, each app's ``personal_data`` module imported once."""
    return list(_parts.values())


def covered_models() -> set[type[Model]]:
    """The models some part of the export covers."""
    return {model for p in parts() for model in p.models}


def iso(moment: Any) -> str | None:
    """A date or time as ISO 8601 text, or ``None``."""
    return moment.isoformat() if moment is not None else None


def amount(value: Any) -> str | None:
    """A sum of money or a figure as exact text, or ``None``."""
    return str(value) if value is not None else None


# Erasure (the right to erasure, GDPR art. 17, within what the archive law lets go).
#
# Beside its export parts an app declares, in the same ``personal_data.py``, how its rows about a person are
# erased: ``@erasure("key", models=[...])`` on a function taking the person and the placeholder text that stands
# where their name stood, returning how many rows it removed or emptied. It deletes what is private and no public
# record (drafts never sent, follows, supports, notifications, registrations), and keeps what the archive law
# requires (decisions, published results, what was sent to the city) pointing at the pseudonymised person.
# ``organisation.services.person_erase`` runs every part in one transaction, then pseudonymises the person.
#
# Each part also says, in translatable text, what of the person it keeps (``keeps``) and what it removes
# (``removes``); both are required, an empty tuple saying "nothing". The page where a person asks to be removed,
# and the page where the office decides, list these declarations: an app added later tells people what happens to
# its records by declaring its part, without anyone changing those pages.

Eraser = Callable[[Any, str], int]


@dataclass(frozen=True)
class Erasure:
    key: str
    erase: Eraser
    models: tuple[type[Model], ...]
    position: int
    keeps: tuple[Any, ...] = ()
    removes: tuple[Any, ...] = ()


_erasures: Registry[Erasure] = Registry("personal_data", "parts of the erasure", same=lambda a, b: a.erase is b.erase)


def erasure(
    key: str,
    *,
    models: Iterable[type[Model]],
    keeps: Iterable[Any],
    removes: Iterable[Any],
    position: int = 50,
) -> Callable[[Eraser], Eraser]:
    """Declare how ``key``'s rows about a person are erased; ``models`` are the models it decides for. ``keeps``
    and ``removes`` are what the person is told: each a short lower-case phrase (``gettext_lazy``) that completes
    "kept as a public record, without your name:" or "removed:"."""

    def register(erase: Eraser) -> Eraser:
        declared = Erasure(
            key=key, erase=erase, models=tuple(models), position=position, keeps=tuple(keeps), removes=tuple(removes)
        )
        _erasures.declare(key, declared, position)
        return erase

    return register


def erasures() -> list[Erasure]:
    """Every declared erasure part, each app's ``personal_data`` module imported once."""
    return list(_erasures.values())


def erasure_kept() -> list[Any]:
    """What every part keeps of a person, in the parts' order: the texts to tell them."""
    return [text for e in erasures() for text in e.keeps]


def erasure_removed() -> list[Any]:
    """What every part removes of a person, in the parts' order."""
    return [text for e in erasures() for text in e.removes]


def erased_models() -> set[type[Model]]:
    """The models some erasure part decides for."""
    return {model for e in erasures() for model in e.models}
