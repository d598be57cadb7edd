"""Reads of the good examples shared outside the city: the API's list and detail, the feeds and the open dataset.

A *public* example is published, public, and its owner has consented to publishing it; anyone may read
it. City staff also read the published internal ones. Nothing else leaves these selectors: proposed and
unpublished examples are the library's business.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from ideas.search import stem, words
from organisation.models import PersonKind
from spread.models import Example, ExampleStatus, ExampleVisibility

#: How the API's list may be sorted.
SORTS = ("newest", "most_adopted")
#: The values an example can carry, in the order the feeds and the dataset name them.
VALUES = ("economic", "social", "environmental")


def public_q() -> Q:
    """The examples anyone may read, here and in other cities."""
    return Q(status=ExampleStatus.PUBLISHED, visibility=ExampleVisibility.PUBLIC, public_consent_at__isnull=False)


def visible_q(user) -> Q:
    """The examples ``user`` may read through the API: the public ones, and every published one for city staff."""
    if user is not None and user.is_authenticated and user.kind == PersonKind.EMPLOYEE:
        return Q(status=ExampleStatus.PUBLISHED)
    return public_q()


def _with_related(qs: QuerySet[Example]) -> QuerySet[Example]:
    return qs.select_related("unit", "contact", "contact__unit")


def public_examples() -> QuerySet[Example]:
    """Every public example of the city's own, newest first, with what the feeds and the dataset show of it.

    Examples imported from other cities are theirs to share: they are never passed on.
    """
    return _with_related(Example.objects.filter(public_q(), source_url="")).order_by("-published_at", "-pk")


@dataclass(frozen=True)
class ExampleFilters:
    q: str = ""
    sector: str = ""
    kind: str = ""
    sort: str = "newest"


def search_q(query: str) -> Q:
    """Examples whose words hold every word of ``query`` (Swedish inflection aside), by their kept stems."""
    condition = Q()
    for word in words(query):
        stemmed = stem(word)
        if stemmed:
            condition &= Q(search_stems__startswith=stemmed) | Q(search_stems__contains=f" {stemmed}")
    return condition


def example_list(*, user, filters: ExampleFilters) -> QuerySet[Example]:
    """The examples ``user`` may read, narrowed and sorted; one query for a page, one for the count."""
    qs = Example.objects.filter(visible_q(user))
    if filters.q:
        qs = qs.filter(search_q(filters.q))
    if filters.sector:
        qs = qs.filter(sector=filters.sector)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.sort == "most_adopted":
        qs = qs.order_by("-adoption_count", "-published_at", "-pk")
    else:
        qs = qs.order_by("-published_at", "-pk")
    return _with_related(qs)


def example_for(*, user, pk: int) -> Example | None:
    return _with_related(Example.objects.filter(visible_q(user))).filter(pk=pk).first()


def contact_of(example: Example) -> str:
    """Who to ask about the example, as it may be shown outside the city: a name and unit, never an email address."""
    if example.contact_id is not None and example.contact is not None and example.contact.is_active:
        unit = example.contact.unit
        return f"{example.contact.name}, {unit.name}" if unit is not None else example.contact.name
    return example.contact_text


def values_of(example: Example) -> list[str]:
    return [value for value in VALUES if getattr(example, f"value_{value}")]


def organisation_of(example: Example) -> str:
    """The example's unit as shown outside the city; for an imported one, its source's name."""
    if example.unit is not None:
        return example.unit.name
    return example.source_name


def external_examples() -> QuerySet[Example]:
    """Examples imported from other cities' feeds, the latest first."""
    return Example.objects.exclude(source_url="").order_by("-published_at", "-pk")
