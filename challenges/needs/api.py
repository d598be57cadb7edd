"""Needs through the API: the list (search, filters, paging) and one need, for whoever may read them.

City staff read every need sent for validation (and the drafts they may write); anyone else, signed in or not,
reads only the needs made public once routed. A need the caller may not read is answered 404, as one that does
not exist. Nobody's name is given: who decided is on the need's page for those who may read it.
"""

from datetime import datetime
from typing import Literal

from django.http import Http404
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from challenges.models import Need, NeedDecisionKind, NeedOrigin, NeedStatus, NeedVisibility, Route
from challenges.needs import selectors
from core.api_auth import ANYONE
from core.api_errors import Error, InvalidRequest, anonymous_allowed
from core.api_pagination import Pagination
from core.api_types import LINE_MAX, Id, Line

router = Router(tags=["needs"], auth=ANYONE)


class NeedOut(Schema):
    id: int
    title: str
    unit: str = Field(description="The unit that has the problem.")
    unit_id: int
    who_has_it: str
    how_it_shows: str
    cost_today: str
    good_outcome: str
    constraints: str
    origin: NeedOrigin
    status: NeedStatus
    route: Route | None = Field(description="Where the need goes to be solved, once the office has chosen.")
    visibility: NeedVisibility
    same_need_count: int = Field(description="How many other units said they have the same need.")
    created_at: datetime
    submitted_at: datetime | None
    decided_at: datetime | None
    url: str

    @staticmethod
    def resolve_unit(obj: Need) -> str:
        return obj.unit.name

    @staticmethod
    def resolve_route(obj: Need) -> str | None:
        return obj.route or None

    @staticmethod
    def resolve_url(obj: Need) -> str:
        return obj.get_absolute_url()


class LinkOut(Schema):
    url: str
    title: str


class DecisionOut(Schema):
    kind: NeedDecisionKind
    route: Route | None
    rationale: str
    created_at: datetime

    @staticmethod
    def resolve_route(obj) -> str | None:
        return obj.route or None


class NeedDetailOut(NeedOut):
    links: list[LinkOut]
    decisions: list[DecisionOut] = Field(description="Every step, oldest first, with why.")
    same_need_units: list[str] = Field(description="The other units with the same need.")

    @staticmethod
    def resolve_links(obj: Need) -> list:
        return list(obj.links.all())

    @staticmethod
    def resolve_decisions(obj: Need) -> list:
        return list(obj.decisions.all())

    @staticmethod
    def resolve_same_need_units(obj: Need) -> list[str]:
        return [s.unit.name for s in obj.same_needs.all()]


class NeedQuery(Schema):
    q: Line = Field("", max_length=LINE_MAX, description="Words the need holds, whatever their Swedish inflection.")
    status: NeedStatus | None = None
    route: Route | None = None
    origin: NeedOrigin | None = None
    unit: Id | None = Field(None, description="Only needs of this unit and the units below it.")
    sort: Literal["newest", "same"] = Field("newest", description="Newest first, or most units with the same need.")


@router.get(
    "/",
    response={200: list[NeedOut], 401: Error, 422: InvalidRequest},
    openapi_extra=anonymous_allowed(),
    url_name="needs_list",
    summary="List needs you may read",
)
@paginate(Pagination)
def list_needs(request, query: Query[NeedQuery]):
    from organisation.models import Unit

    unit = Unit.objects.filter(pk=query.unit).first() if query.unit else None
    if query.unit and unit is None:
        return Need.objects.none()
    filters = selectors.NeedFilters(
        q=query.q,
        status=query.status or "",
        route=query.route or "",
        origin=query.origin or "",
        unit=unit,
        sort=query.sort,
    )
    return selectors.need_list(user=request.user, filters=filters)


@router.get(
    "/{need_id}",
    response={200: NeedDetailOut, 401: Error, 404: Error, 422: InvalidRequest},
    openapi_extra=anonymous_allowed(),
    url_name="needs_read",
    summary="Read a need, with its links, decisions and the units with the same need",
)
def read_need(request, need_id: Id):
    try:
        need = selectors.need_detail(pk=need_id)
    except Need.DoesNotExist as exc:
        raise Http404 from exc
    if not request.user.has_perm("challenges.view_need", need):
        raise Http404
    return need
