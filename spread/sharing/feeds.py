"""The public good examples as feeds other cities read: Atom (``/spread/shared/examples.atom``) and JSON Feed 1.1
(``/api/v1/examples/feed.json``).

Both carry every field of ``spread.sharing.entries`` – the Atom feed in its own namespace
(``ATOM_NAMESPACE``), the JSON feed under ``_sprang_example`` – so another Språng imports an entry
without reading prose. Only the city's own public examples are in them, newest first, at most
``FEED_SIZE``.
"""

from __future__ import annotations

from django.conf import settings
from django.http import JsonResponse
from django.urls import reverse
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from spread.sharing import selectors
from spread.sharing.entries import ATOM_NAMESPACE, SHARED_FIELDS, Entry, absolute, entry

#: How many examples a feed holds: far more than a city publishes, few enough for one request.
FEED_SIZE = 1000


def entries() -> list[Entry]:
    """The public examples as feed entries. One query."""
    return [entry(example) for example in selectors.public_examples()[:FEED_SIZE]]


def _summary(item: Entry) -> str:
    """The entry as plain text, for feed readers that show only that."""
    parts = [item["problem"], item["what_was_done"], item["effect"]]
    return "\n\n".join(part for part in parts if part)


def _title() -> str:
    """The feed's title, in the city's language whatever the language of the one who asks."""
    with translation.override(settings.LANGUAGE_CODE):
        return _("Good examples from %(city)s") % {"city": settings.SPRANG_CITY_NAME}


class ExamplesAtomFeed(Atom1Feed):
    """Atom with each example's fields as elements in the Språng namespace."""

    def root_attributes(self) -> dict[str, str]:
        attributes = super().root_attributes()
        attributes["xmlns:ex"] = ATOM_NAMESPACE
        return attributes

    def add_item_elements(self, handler, item) -> None:
        super().add_item_elements(handler, item)
        shared = item["example"]
        for name in SHARED_FIELDS:
            if name == "values":
                for value in shared["values"]:
                    handler.addQuickElement("ex:value", value)
            else:
                handler.addQuickElement(f"ex:{name}", shared[name])


def atom_feed() -> ExamplesAtomFeed:
    feed_url = absolute(reverse("spread:shared_examples_atom"))
    feed = ExamplesAtomFeed(
        title=_title(),
        link=settings.SPRANG_SITE_URL.rstrip("/") + "/",
        description=_title(),
        language="sv",
        feed_url=feed_url,
        feed_guid=feed_url,
        author_name=settings.SPRANG_CITY_NAME,
        feed_copyright="CC0 1.0",
    )
    for item in entries():
        feed.add_item(
            title=item["title"],
            link=item["url"],
            description=_summary(item),
            unique_id=item["id"],
            unique_id_is_permalink=True,
            pubdate=item["published_at"] or item["updated_at"],
            updateddate=item["updated_at"],
            author_name=item["organisation"] or settings.SPRANG_CITY_NAME,
            example=item,
        )
    return feed


def json_feed() -> JsonResponse:
    """The JSON Feed 1.1 document (https://www.jsonfeed.org/version/1.1/)."""
    items = []
    for item in entries():
        items.append(
            {
                "id": item["id"],
                "url": item["url"],
                "title": item["title"],
                "content_text": _summary(item),
                "date_published": (item["published_at"] or item["updated_at"]).isoformat(),
                "date_modified": item["updated_at"].isoformat(),
                "_sprang_example": {name: item[name] for name in SHARED_FIELDS},  # type: ignore[literal-required]
            }
        )
    document = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": _title(),
        "home_page_url": settings.SPRANG_SITE_URL.rstrip("/") + "/",
        "feed_url": absolute(reverse("api:spread_examples_feed")),
        "language": "sv",
        "authors": [{"name": settings.SPRANG_CITY_NAME, "url": settings.SPRANG_SITE_URL.rstrip("/") + "/"}],
        "items": items,
    }
    response = JsonResponse(document, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response
