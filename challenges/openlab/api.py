"""OpenLab's assignments through the API, for whoever may read them: city staff read every one, a university's
people those given to their university. Any other is answered 404, as one that does not exist."""

from __future__ import annotations

from datetime import date

from django.http import Http404
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from challenges.models import AssignmentStatus
from challenges.openlab import selectors
from core.api_errors import Error, InvalidRequest
from core.api_pagination import Pagination
from core.api_types import Id

router = Router(tags=["openlab"])


class AssignmentOut(Schema):
    id: int
    title: str
    brief: str
    university: str = Field(description="The university (or OpenLab) the need was given to.")
    need_title: str
    status: AssignmentStatus
    agreement_starts_on: date | None
    agreement_ends_on: date | None
    agreement_reference: str
    project_count: int

    @staticmethod
    def resolve_university(obj) -> str:
        return obj.university.name

    @staticmethod
    def resolve_need_title(obj) -> str:
        return obj.need.title


@router.get(
    "/assignments",
    response={200: list[AssignmentOut], 401: Error, 422: InvalidRequest},
    url_name="openlab_assignments",
    summary="List the OpenLab assignments you may read",
)
@paginate(Pagination)
def list_assignments(request):
    return selectors.collaborations(request.user)


@router.get(
    "/assignments/{assignment_id}",
    response={200: AssignmentOut, 401: Error, 404: Error, 422: InvalidRequest},
    summary="Read an OpenLab assignment",
)
def read_assignment(request, assignment_id: Id):
    row = selectors.collaborations(request.user).filter(pk=assignment_id).first()
    if row is None:
        raise Http404
    return row
