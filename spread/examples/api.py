"""Good examples through the API: the list and one example for whoever may read them, and the JSON feed.

Anyone reads the public examples without credentials; city staff also read the published internal
ones. An example someone may not read is answered 404, as one that does not exist.
"""

from datetime import datetime
from typing import Literal

from django.http import Http404
from ninja import Field, Query, Router, Schema
from ninja.decorators import decorate_view
from ninja.pagination import paginate

from core.api_auth import ANYONE
from core.api_errors import Error, InvalidRequest, anonymous_allowed
from core.api_pagination import Pagination
from core.api_types import LINE_MAX, Id, Line
from core.public_cache import public_page
from ideas.models import InnovationKind
from spread.models import Example, ExampleVisibility, Sector
from spread.sharing import selectors
from spread.sharing.entries import entry_id
from spread.sharing.feeds import json_feed

router = Router(tags=["examples"])


class ExampleOut(Schema):
    id: int
    title: str
    problem: str
    what_was_done: str
    cost: str
    time_taken: str
    roles: str
    tools: str
    effect: str
    watch_out_for: str
    contact: str = Field(description="Who to ask: a name and unit, or the contact the example gives. Never an email.")
    organisation: str = Field(description="The unit it comes from, or for an imported example the source's name.")
    sector: Sector | None
    kind: InnovationKind | None
    values: list[str] = Field(description="Any of economic, social, environmental.")
    visibility: ExampleVisibility
    published_at: datetime | None
    updated_at: datetime
    is_external: bool = Field(description="Imported from another city's feed: see source_url and source_name.")
    source_url: str
    source_name: str
    url: str

    @staticmethod
    def resolve_contact(obj: Example) -> str:
        return selectors.contact_of(obj)

    @staticmethod
    def resolve_organisation(obj: Example) -> str:
        return selectors.organisation_of(obj)

    @staticmethod
    def resolve_sector(obj: Example) -> str | None:
        return obj.sector or None

    @staticmethod
    def resolve_kind(obj: Example) -> str | None:
        return obj.kind or None

    @staticmethod
    def resolve_values(obj: Example) -> list[str]:
        return selectors.values_of(obj)

    @staticmethod
    def resolve_url(obj: Example) -> str:
        return entry_id(obj)


class ExampleQuery(Schema):
    q: Line = Field("", max_length=LINE_MAX, description="Words the example holds, whatever their Swedish inflection.")
    sector: Sector | None = None
    kind: InnovationKind | None = None
    sort: Literal["newest", "most_adopted"] = Field("newest", description="Newest first, or most adopted first.")


class FeedExampleOut(Schema):
    """The example's fields, as the Atom feed carries them in its own namespace."""

    problem: str
    what_was_done: str
    cost: str
    time_taken: str
    roles: str
    tools: str
    effect: str
    watch_out_for: str
    contact: str
    organisation: str
    sector: str
    kind: str
    values: list[str]


class FeedItemOut(Schema):
    id: str
    url: str
    title: str
    content_text: str
    date_published: datetime | None
    date_modified: datetime
    example: FeedExampleOut = Field(alias="_sprang_example")


class FeedAuthorOut(Schema):
    name: str
    url: str


class JsonFeedOut(Schema):
    version: str = Field(description="https://jsonfeed.org/version/1.1")
    title: str
    home_page_url: str
    feed_url: str
    language: str
    authors: list[FeedAuthorOut]
    items: list[FeedItemOut]


@router.get(
    "/",
    response={200: list[ExampleOut], 401: Error, 422: InvalidRequest},
    auth=ANYONE,
    openapi_extra=anonymous_allowed(),
    url_name="spread_examples",
    summary="List good examples you may read",
)
@paginate(Pagination)
def list_examples(request, query: Query[ExampleQuery]):
    filters = selectors.ExampleFilters(
        q=query.q, sector=query.sector or "", kind=query.kind or "", sort=query.sort or "newest"
    )
    return selectors.example_list(user=request.user, filters=filters)


@router.get(
    "/feed.json",
    response={200: JsonFeedOut, 422: InvalidRequest},
    auth=None,
    url_name="spread_examples_feed",
    by_alias=True,
    summary="The public good examples as a JSON Feed (1.1), for other cities to read",
    description=(
        "Every public example of the city's own, newest first, as a JSON Feed 1.1. Each item carries the "
        "example's fields under `_sprang_example`; another Språng imports it as it is. Answers ETag and "
        "Last-Modified: ask with If-None-Match or If-Modified-Since to get 304 when nothing changed."
    ),
)
@decorate_view(public_page(same_for_everyone=True))
def examples_feed(request):
    return json_feed()


@router.get(
    "/{example_id}",
    response={200: ExampleOut, 401: Error, 404: Error, 422: InvalidRequest},
    auth=ANYONE,
    openapi_extra=anonymous_allowed(),
    summary="Read a good example",
)
def read_example(request, example_id: Id):
    example = selectors.example_for(user=request.user, pk=example_id)
    if example is None:
        raise Http404
    return example
