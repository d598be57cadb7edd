"""Importing good examples from another Språng's feed (Atom or JSON Feed, as ``spread.sharing.feeds`` writes them).

Each entry becomes an *external* example: published, internal (city staff read it), with its source
kept (``source_url`` the entry's address there, ``source_name`` the feed's title, ``source_id`` its
id). Importing again updates an example by its ``source_url``, so there are never two of one. An
example changed here since it was imported is never overwritten: the import keeps it and says so.
The whole feed is read and checked before anything is written, and written in one transaction.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urlsplit
from xml.etree.ElementTree import Element  # noqa: S405 - only the type; parsing goes through defusedxml

from defusedxml import ElementTree as SafeElementTree
from defusedxml.common import DefusedXmlException
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from core.errors import ConflictError, DomainError, require
from ideas.models import InnovationKind
from ideas.search import stems_for
from spread.models import Example, ExampleStatus, ExampleVisibility, Sector
from spread.sharing.entries import ATOM_NAMESPACE, TEXT_FIELDS
from spread.sharing.fetch import fetch
from spread.sharing.selectors import VALUES

ATOM = "{http://www.w3.org/2005/Atom}"
EX = "{" + ATOM_NAMESPACE + "}"
#: How many entries one import takes at most.
MAX_ENTRIES = 2000
#: What an imported example's text fields hold at most (a feed is not trusted to keep to our limits).
TEXT_MAX = 20_000


@dataclass
class FeedEntry:
    """One entry of a feed, as read, before it is an example."""

    source_url: str
    source_id: str
    title: str
    texts: dict[str, str]
    contact: str
    organisation: str
    sector: str
    kind: str
    values: list[str]
    published_at: datetime | None

    def digest(self) -> str:
        return digest_of(self.title, self.texts, self.contact, self.sector, self.kind, self.values)


@dataclass
class ImportResult:
    source_name: str
    created: list[Example] = field(default_factory=list)
    updated: list[Example] = field(default_factory=list)
    unchanged: int = 0
    #: Examples changed here since they were imported: kept as they are here.
    kept_local: list[Example] = field(default_factory=list)


def digest_of(title: str, texts: dict[str, str], contact: str, sector: str, kind: str, values: list[str]) -> str:
    document = json.dumps(
        [title, [texts.get(name, "") for name in TEXT_FIELDS], contact, sector, kind, sorted(values)],
        ensure_ascii=False,
    )
    return hashlib.sha256(document.encode()).hexdigest()


def _example_digest(example: Example) -> str:
    values = [value for value in VALUES if getattr(example, f"value_{value}")]
    texts = {name: getattr(example, name) for name in TEXT_FIELDS}
    return digest_of(example.title, texts, example.contact_text, example.sector, example.kind, values)


# --- reading a feed -------------------------------------------------------------------------------


def _clean(text: str | None, limit: int = TEXT_MAX) -> str:
    """Text from a feed as plain text: no control characters (newlines and tabs aside), cut to ``limit``."""
    if not text:
        return ""
    kept = "".join(c for c in text if c in "\n\t" or (ord(c) >= 32 and ord(c) != 127))
    return kept.strip()[:limit]


def _web_address(value: str) -> str:
    value = value.strip()
    parts = urlsplit(value)
    return value if parts.scheme in ("http", "https") and parts.netloc and len(value) <= 500 else ""


def _when(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        moment = parse_datetime(value.strip())
    except ValueError:
        return None
    if moment is not None and timezone.is_naive(moment):
        moment = timezone.make_aware(moment, UTC)
    return moment


def _entry(raw: dict, number: int) -> FeedEntry:
    url = _web_address(str(raw.get("url") or raw.get("id") or ""))
    if not url:
        raise DomainError(
            _(
                "Entry %(number)d of the feed has no address beginning with http:// or https://, so nothing was "
                "imported. Tell the other city."
            )
            % {"number": number},
            field="url",
        )
    title = _clean(str(raw.get("title") or ""), 200)
    if not title:
        raise DomainError(
            _("Entry %(number)d of the feed has no title, so nothing was imported. Tell the other city.")
            % {"number": number},
            field="url",
        )
    sector = str(raw.get("sector") or "")
    kind = str(raw.get("kind") or "")
    values = raw.get("values") or []
    return FeedEntry(
        source_url=url,
        source_id=_clean(str(raw.get("id") or url), 500),
        title=title,
        texts={name: _clean(str(raw.get(name) or "")) for name in TEXT_FIELDS},
        contact=_clean(str(raw.get("contact") or ""), 300),
        organisation=_clean(str(raw.get("organisation") or ""), 200),
        sector=sector if sector in Sector.values else "",
        kind=kind if kind in InnovationKind.values else "",
        values=[v for v in VALUES if isinstance(values, list) and v in values],
        published_at=_when(str(raw.get("published_at") or "")),
    )


def _not_a_feed() -> DomainError:
    return DomainError(
        _(
            "What is at this address is not a feed of good examples. Give the address of the other city's "
            "Atom feed (…/spread/shared/examples.atom) or JSON feed (…/api/v1/examples/feed.json)."
        ),
        field="url",
    )


def _read_json(body: bytes) -> tuple[str, list[FeedEntry]]:
    try:
        document = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise _not_a_feed() from None
    if not isinstance(document, dict) or not str(document.get("version", "")).startswith("https://jsonfeed.org/"):
        raise _not_a_feed()
    items = document.get("items")
    if not isinstance(items, list):
        raise _not_a_feed()
    entries = []
    for number, item in enumerate(items[: MAX_ENTRIES + 1], start=1):
        if not isinstance(item, dict) or not isinstance(item.get("_sprang_example"), dict):
            raise _not_a_feed()
        raw = {**item["_sprang_example"], "id": item.get("id"), "url": item.get("url"), "title": item.get("title")}
        raw["published_at"] = item.get("date_published")
        entries.append(_entry(raw, number))
    return _clean(str(document.get("title") or ""), 200), entries


def _text(element: Element, tag: str) -> str:
    found = element.find(tag)
    return (found.text or "") if found is not None else ""


def _read_atom(body: bytes) -> tuple[str, list[FeedEntry]]:
    try:
        root = SafeElementTree.fromstring(body, forbid_dtd=True)
    except (SafeElementTree.ParseError, DefusedXmlException, ValueError):
        raise _not_a_feed() from None
    if root.tag != f"{ATOM}feed":
        raise _not_a_feed()
    entries = []
    for number, item in enumerate(root.findall(f"{ATOM}entry")[: MAX_ENTRIES + 1], start=1):
        link = next(
            (el.get("href", "") for el in item.findall(f"{ATOM}link") if el.get("rel", "alternate") == "alternate"),
            "",
        )
        raw: dict = {name: _text(item, f"{EX}{name}") for name in (*TEXT_FIELDS, "contact", "organisation")}
        raw.update(
            id=_text(item, f"{ATOM}id"),
            url=link,
            title=_text(item, f"{ATOM}title"),
            sector=_text(item, f"{EX}sector"),
            kind=_text(item, f"{EX}kind"),
            values=[el.text or "" for el in item.findall(f"{EX}value")],
            published_at=_text(item, f"{ATOM}published"),
        )
        if not raw["problem"] and not raw["what_was_done"]:
            raise _not_a_feed()
        entries.append(_entry(raw, number))
    return _clean(_text(root, f"{ATOM}title"), 200), entries


def read_feed(body: bytes, content_type: str = "") -> tuple[str, list[FeedEntry]]:
    """The feed's title and its entries; ``DomainError`` (field ``url``) when it is not a feed of good examples."""
    start = body.lstrip()[:1]
    title, entries = _read_json(body) if start in (b"{", b"[") else _read_atom(body)
    if len(entries) > MAX_ENTRIES:
        raise DomainError(
            _("The feed has more than %(count)d examples, more than one import takes. Ask the other city to split it.")
            % {"count": MAX_ENTRIES},
            field="url",
        )
    return title, entries


# --- the import -----------------------------------------------------------------------------------


def _apply(example: Example, entry: FeedEntry) -> None:
    example.title = entry.title
    for name in TEXT_FIELDS:
        setattr(example, name, entry.texts[name])
    example.contact_text = entry.contact
    example.sector = entry.sector
    example.kind = entry.kind
    for value in VALUES:
        setattr(example, f"value_{value}", value in entry.values)
    example.source_id = entry.source_id
    example.source_digest = entry.digest()
    example.search_stems = stems_for(entry.title, *(entry.texts[name] for name in TEXT_FIELDS))


def examples_import_feed(
    *, by, body: bytes, content_type: str = "", source_name: str = "", now: datetime | None = None
) -> ImportResult:
    """Take in the examples of a feed already fetched (``examples_import`` fetches it first)."""
    require("spread.import_examples", by, message=_("Only an innovation office can import examples from other cities."))
    now = now or timezone.now()
    title, entries = read_feed(body, content_type)
    result = ImportResult(source_name=_clean(source_name, 200) or title or _("Another city"))
    # The last entry with an address wins, as a feed lists each example once.
    by_url = {entry.source_url: entry for entry in entries}
    try:
        _write(by, by_url, result, now)
    except IntegrityError:  # another import of the same feed created one of them meanwhile: nothing is saved
        raise ConflictError(
            _("Someone imported from this feed at the same moment. Nothing was saved; import it again."), field="url"
        ) from None
    return result


def _write(by, by_url: dict[str, FeedEntry], result: ImportResult, now: datetime) -> None:
    with transaction.atomic():
        existing = {e.source_url: e for e in Example.objects.select_for_update().filter(source_url__in=list(by_url))}
        for url, entry in by_url.items():
            example = existing.get(url)
            if example is None:
                example = Example(
                    source_url=url,
                    source_name=result.source_name,
                    status=ExampleStatus.PUBLISHED,
                    visibility=ExampleVisibility.INTERNAL,
                    published_at=entry.published_at or now,
                    published_by=by,
                    created_at=now,
                )
                _apply(example, entry)
                example.full_clean(exclude=["problem", "what_was_done", "effect"])
                example.save()
                result.created.append(example)
            elif entry.digest() == example.source_digest:
                result.unchanged += 1
            elif _example_digest(example) != example.source_digest:
                result.kept_local.append(example)
            else:
                _apply(example, entry)
                example.source_name = result.source_name
                example.version += 1
                example.save()
                result.updated.append(example)


def examples_import(*, by, url: str, now: datetime | None = None) -> ImportResult:
    """Fetch the feed at ``url`` and take in its examples. ``DomainError`` (field ``url``) says why it could not."""
    require("spread.import_examples", by, message=_("Only an innovation office can import examples from other cities."))
    url = url.strip()
    if not url:
        raise DomainError(_("Give the address of the other city's feed."), field="url")
    fetched = fetch(url)
    return examples_import_feed(by=by, body=fetched.body, content_type=fetched.content_type, now=now)
