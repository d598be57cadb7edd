"""The adoptions API: city staff list adoptions; a unit's manager or innovation office starts one and records steps."""

from datetime import date, datetime

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from core.api_auth import SIGNED_IN
from core.api_errors import Error, InvalidRequest
from core.api_pagination import Pagination
from core.api_types import ID_MAX, LONG_TEXT_MAX, Id, Text
from core.errors import DomainError, PermissionDeniedError
from ideas.models import Idea
from organisation.models import Unit
from spread.adoptions import services
from spread.models import Adoption, AdoptionState, AdoptionStep, Example

router = Router(tags=["adoptions"])


def _staff_only(request) -> None:
    if not request.user.has_perm("spread.view_adoptions"):
        raise PermissionDeniedError(_("Only city staff may read adoptions."))


class StepOut(Schema):
    state: AdoptionState
    on: date
    note: str
    by_id: int


class AdoptionOut(Schema):
    id: int
    example_id: int
    example_title: str
    origin_unit_id: int | None = Field(description="The unit the example comes from; null for another city's.")
    unit_id: int = Field(description="The adopting unit.")
    unit_name: str
    state: AdoptionState
    start_date: date
    changes: str
    in_use_since: date | None
    evidence: str
    stopped_on: date | None
    stopped_reason: str
    from_idea_id: int | None
    started_by_id: int
    created_at: datetime
    version: int = Field(description="Send it back as expected_version with the next step.")
    url: str

    @staticmethod
    def resolve_example_title(obj: Adoption) -> str:
        return obj.example.title

    @staticmethod
    def resolve_origin_unit_id(obj: Adoption) -> int | None:
        return obj.example.unit_id

    @staticmethod
    def resolve_unit_name(obj: Adoption) -> str:
        return obj.unit.name

    @staticmethod
    def resolve_url(obj: Adoption) -> str:
        return obj.get_absolute_url()


class AdoptionDetailOut(AdoptionOut):
    steps: list[StepOut]

    @staticmethod
    def resolve_steps(obj: Adoption) -> list[AdoptionStep]:
        return list(obj.steps.all())


class AdoptionQuery(Schema):
    example: Id | None = Field(None, description="Only the adoptions of this example.")
    unit: Id | None = Field(None, description="Only adoptions by this unit and the units below it.")
    origin_unit: Id | None = Field(None, description="Only adoptions of examples from this unit and those below it.")
    state: AdoptionState | None = None


class AdoptionIn(Schema):
    example_id: Id
    unit_id: Id = Field(description="The adopting unit: one you lead, outside the example's part of the organisation.")
    start_date: date
    changes: Text = Field(min_length=1, max_length=LONG_TEXT_MAX, description="What the unit changes.")
    from_idea_id: Id | None = Field(None, description="An idea in the adopting unit's lock that is the same.")


class StepIn(Schema):
    to_state: AdoptionState
    on: date
    note: Text = Field("", max_length=services.NOTE_MAX)
    evidence: Text = Field("", max_length=LONG_TEXT_MAX, description="Required to go into use.")
    stopped_reason: Text = Field("", max_length=LONG_TEXT_MAX, description="Required to stop.")
    expected_version: int = Field(ge=0, le=ID_MAX)


def _rows():
    return Adoption.objects.select_related("example", "unit")


@router.get(
    "/",
    response={200: list[AdoptionOut], 401: Error, 403: Error, 404: Error, 422: InvalidRequest},
    auth=SIGNED_IN,
    summary="List adoptions of good examples",
)
@paginate(Pagination)
def list_adoptions(request, query: Query[AdoptionQuery]):
    _staff_only(request)
    qs = _rows()
    if query.example is not None:
        qs = qs.filter(example_id=query.example)
    if query.unit is not None:
        qs = qs.filter(get_object_or_404(Unit, pk=query.unit).subtree_q("unit__"))
    if query.origin_unit is not None:
        qs = qs.filter(get_object_or_404(Unit, pk=query.origin_unit).subtree_q("example__unit__"))
    if query.state is not None:
        qs = qs.filter(state=query.state)
    return qs.order_by("-start_date", "-pk")


@router.get(
    "/{adoption_id}",
    response={200: AdoptionDetailOut, 401: Error, 403: Error, 404: Error, 422: InvalidRequest},
    auth=SIGNED_IN,
    summary="Read an adoption with its steps",
)
def read_adoption(request, adoption_id: Id):
    _staff_only(request)
    return get_object_or_404(_rows().prefetch_related("steps"), pk=adoption_id)


@router.post(
    "/",
    response={201: AdoptionDetailOut, 400: Error, 401: Error, 403: Error, 404: Error, 409: Error, 422: InvalidRequest},
    auth=SIGNED_IN,
    summary="Start adopting a good example",
)
def create_adoption(request, payload: AdoptionIn):
    _staff_only(request)
    example = get_object_or_404(Example.objects.select_related("unit", "owner"), pk=payload.example_id)
    unit = Unit.objects.filter(pk=payload.unit_id).first()
    if unit is None:
        raise DomainError(_("There is no unit with this id."), field="unit_id")
    idea = None
    if payload.from_idea_id is not None:
        idea = Idea.objects.visible_to(request.user).select_related("unit").filter(pk=payload.from_idea_id).first()
        if idea is None:
            raise DomainError(_("There is no idea with this id that you may read."), field="from_idea_id")
    try:
        adoption = services.adoption_start(
            example=example,
            unit=unit,
            by=request.user,
            start_date=payload.start_date,
            changes=payload.changes,
            from_idea=idea,
        )
    except DomainError as exc:
        if exc.field in ("unit", "from_idea"):
            exc.field = f"{exc.field}_id"  # name the field as the request does
        raise
    return Status(201, _rows().prefetch_related("steps").get(pk=adoption.pk))


@router.post(
    "/{adoption_id}/steps",
    response={201: AdoptionDetailOut, 400: Error, 401: Error, 403: Error, 404: Error, 409: Error, 422: InvalidRequest},
    auth=SIGNED_IN,
    summary="Record an adoption's next step",
)
def create_step(request, adoption_id: Id, payload: StepIn):
    _staff_only(request)
    adoption = get_object_or_404(_rows(), pk=adoption_id)
    services.adoption_step(
        adoption=adoption,
        by=request.user,
        expected_version=payload.expected_version,
        to_state=payload.to_state,
        on=payload.on,
        note=payload.note,
        evidence=payload.evidence,
        stopped_reason=payload.stopped_reason,
    )
    return Status(201, _rows().prefetch_related("steps").get(pk=adoption_id))
