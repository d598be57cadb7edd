from typing import Annotated

from django.shortcuts import get_object_or_404
from ninja import Field, FilterLookup, FilterSchema, Query, Router, Schema
from ninja.pagination import paginate

from core.api_auth import ANYONE
from core.api_errors import Error, InvalidRequest, anonymous_allowed
from core.api_pagination import Pagination
from core.api_types import LINE_MAX, Id, Line
from organisation.models import Unit, UnitKind

router = Router(tags=["units"])


class UnitOut(Schema):
    id: int
    code: str
    name: str
    kind: UnitKind
    headcount: int
    depth: int
    parent_id: int | None = Field(None, description="The unit directly above; null for the city.")

    @staticmethod
    def resolve_parent_id(obj: Unit) -> int | None:
        return getattr(obj, "parent_pk", None)


class UnitFilter(FilterSchema):
    kind: UnitKind | None = None
    within: Id | None = Field(None, description="Only this unit and the units below it.")
    q: Annotated[Line | None, FilterLookup("name__icontains")] = Field(
        None, max_length=LINE_MAX, description="Part of the name."
    )

    def filter_within(self, value):
        from django.db.models import Q

        if value is None:
            return Q()
        unit = Unit.objects.filter(pk=value).only("path").first()
        return Q(path__startswith=unit.path) if unit else Q(pk__in=[])


def _with_parent(qs):
    from django.db.models import OuterRef, Subquery
    from django.db.models.functions import Length, Substr

    parent = Unit.objects.filter(path=Substr(OuterRef("path"), 1, Length(OuterRef("path")) - Unit.steplen)).values(
        "pk"
    )[:1]
    return qs.annotate(parent_pk=Subquery(parent))


@router.get(
    "/",
    response={200: list[UnitOut], 401: Error, 422: InvalidRequest},
    auth=ANYONE,
    openapi_extra=anonymous_allowed(),
    summary="List units",
)
@paginate(Pagination)
def list_units(request, filters: Query[UnitFilter]):
    return _with_parent(filters.filter(Unit.objects.order_by("path")))


@router.get(
    "/{unit_id}",
    response={200: UnitOut, 401: Error, 404: Error, 422: InvalidRequest},
    auth=ANYONE,
    openapi_extra=anonymous_allowed(),
    summary="Read a unit",
)
def read_unit(request, unit_id: Id):
    return get_object_or_404(_with_parent(Unit.objects.all()), pk=unit_id)
