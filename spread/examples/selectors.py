"""Reads of good examples: the library (search, filters, order), one example with what its page shows, and the
examples waiting for the city's innovation office.

The library searches ``search_stems``, the Swedish word stems of each example kept by the services
(``ideas.search``: "cyklar" and "cykel" have the same stem), between spaces. A word of the search matches an
example holding its stem anywhere in a stem, so that Swedish compounds are found by their parts ("cykel" finds
"elcyklar" and "lånecykel"); a stem shorter than ``COMPOUND_MIN`` letters only at the start of one ("bil" finds
"bilar" and "bilpool", not "mobil"). Every word must match. The library holds some thousands
of examples, few enough that this is quick without an index of its own on either database.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet

from ideas.search import stem, words
from organisation.models import ORGANISATION_KINDS, Unit
from spread.examples.rules import visible_examples_filter
from spread.models import Example, ExampleFile, ExampleStatus

SORTS = ("adopted", "newest")
#: The shortest stem found inside compounds, not only at their start.
COMPOUND_MIN = 4


@dataclass(frozen=True)
class ExampleFilters:
    q: str = ""
    sector: str = ""
    kind: str = ""
    value: str = ""
    organisation_kind: str = ""
    unit: Unit | None = None
    sort: str = "adopted"


def search_terms(q: str) -> list[str]:
    return list(dict.fromkeys(stem(w) for w in words(q)))


def _organisation_kind_q(kind: str) -> Q:
    """Examples whose unit is, or is below, an administration or company of ``kind``.

    The few hundred units are narrowed first and the examples matched by their unit's key, so each example is
    tested once against a short list, not against every administration's path in turn.
    """
    below = Q(pk__in=[])
    for path in Unit.objects.filter(kind=kind).values_list("path", flat=True):
        below |= Q(path__startswith=path)
    return Q(unit_id__in=list(Unit.objects.filter(below).values_list("pk", flat=True)))


def library(*, user, filters: ExampleFilters) -> QuerySet[Example]:
    """The published examples this person may read, narrowed by the search and filters, in the order asked for."""
    qs = Example.objects.filter(visible_examples_filter(user))
    for term in search_terms(filters.q):
        qs = qs.filter(search_stems__contains=term if len(term) >= COMPOUND_MIN else f" {term}")
    if filters.sector:
        qs = qs.filter(sector=filters.sector)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.value in ("economic", "social", "environmental"):
        qs = qs.filter(**{f"value_{filters.value}": True})
    if filters.organisation_kind in ORGANISATION_KINDS:
        qs = qs.filter(_organisation_kind_q(filters.organisation_kind))
    if filters.unit is not None:
        qs = qs.filter(unit__path__startswith=filters.unit.path)
    order = ("-published_at", "-pk") if filters.sort == "newest" else ("-adoption_count", "-published_at", "-pk")
    return qs.select_related("unit").order_by(*order)


def example_detail(*, pk: int) -> Example:
    """The example with everything its page shows (its files, unit, owner and contact), in one query and one more
    for the files. Whether the person may read it is asked of the rules (``spread.view_example``)."""
    return (
        Example.objects.select_related("unit", "owner", "contact", "idea", "public_consent_by", "published_by")
        .prefetch_related(Prefetch("files", queryset=ExampleFile.objects.order_by("created_at", "pk")))
        .get(pk=pk)
    )


def proposed() -> QuerySet[Example]:
    """Award winners proposed as good examples, waiting for the city's innovation office, oldest first."""
    return (
        Example.objects.filter(status=ExampleStatus.PROPOSED)
        .select_related("unit", "owner", "application__call")
        .order_by("created_at", "pk")
    )
