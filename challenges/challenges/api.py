"""The challenges API: public challenges without signing in; internal ones only to those they ask (and to the
office that manages them). A challenge the caller may not read is answered 404, as one that does not exist.

Answers are ideas: ``POST /challenges/{id}/answers`` takes the body of ``POST /ideas/`` and sends the idea tied to
the challenge (after it has closed, as an ordinary idea: ``answered`` is then false).
"""

from datetime import datetime
from enum import StrEnum

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from challenges.challenges import selectors, services
from challenges.models import Audience, Challenge, ChallengeStatus
from core.api_auth import ANYONE, SIGNED_IN
from core.api_errors import Error, InvalidRequest, anonymous_allowed
from core.api_pagination import Pagination
from core.api_types import Id, Line
from core.errors import DomainError
from ideas.api import IdeaIn, IdeaOut
from organisation.models import Unit

router = Router(tags=["challenges"], auth=ANYONE)


class ChallengeOut(Schema):
    id: int
    title: str
    question: str
    background: str
    audience: Audience
    audience_unit_id: int | None = Field(description="For staff of one part of the city: that unit.")
    unit_id: int = Field(description="The unit that asks.")
    unit_name: str
    opens_at: datetime
    closes_at: datetime = Field(description="Answers are taken until this moment.")
    criteria: str
    prizes: str
    status: ChallengeStatus
    answer_count: int
    summary: str = Field(description="What came in and what happens next, once published.")
    url: str

    @staticmethod
    def resolve_unit_name(obj: Challenge) -> str:
        return obj.unit.name

    @staticmethod
    def resolve_url(obj: Challenge) -> str:
        return obj.get_absolute_url()


class State(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class ChallengeQuery(Schema):
    state: State = Field(State.OPEN, description="open (the default: open, or published to open later) or closed.")
    q: Line = Field("", max_length=200, description="Words to search for.")
    audience: Audience | None = None


class AnswerOut(Schema):
    answered: bool = Field(description="False when the challenge had closed: the idea was sent as an ordinary idea.")
    idea: IdeaOut


@router.get(
    "/",
    response={200: list[ChallengeOut], 401: Error, 422: InvalidRequest},
    openapi_extra=anonymous_allowed(),
    url_name="challenges_list",
    summary="List challenges you may read",
)
@paginate(Pagination)
def list_challenges(request, query: Query[ChallengeQuery]):
    filters = selectors.ChallengeFilters(state=query.state, q=query.q, audience=query.audience or "")
    return selectors.challenge_list(user=request.user, now=timezone.now(), filters=filters)


def _readable(request, challenge_id: int) -> Challenge:
    challenge = selectors.challenges_visible_to(request.user).select_related("unit").filter(pk=challenge_id).first()
    if challenge is None:
        raise Http404
    return challenge


@router.get(
    "/{challenge_id}",
    response={200: ChallengeOut, 401: Error, 404: Error, 422: InvalidRequest},
    openapi_extra=anonymous_allowed(),
    url_name="challenges_read",
    summary="Read a challenge",
)
def read_challenge(request, challenge_id: Id):
    return _readable(request, challenge_id)


@router.post(
    "/{challenge_id}/answers",
    response={201: AnswerOut, 400: Error, 401: Error, 403: Error, 404: Error, 422: InvalidRequest},
    auth=SIGNED_IN,
    url_name="challenges_answer",
    summary="Answer a challenge with an idea",
)
def answer_challenge(request, challenge_id: Id, payload: IdeaIn):
    challenge = _readable(request, challenge_id)
    unit = Unit.objects.filter(pk=payload.unit_id).first() if payload.unit_id is not None else None
    if unit is None and payload.unit_id is not None:
        return Status(400, {"detail": _("There is no unit with this id."), "code": "invalid", "field": "unit_id"})
    try:
        idea, answer = services.answer_submit(
            challenge=challenge,
            author=request.user,
            unit=unit or challenge.unit,
            title=payload.title,
            problem=payload.problem,
            audience=payload.audience,
            proposal=payload.proposal,
            expected_value=payload.expected_value,
            kind=payload.kind or "",
            values=payload.values,
            area=payload.area or "",
            place=payload.place,
            visibility=payload.visibility,
            public_consent=payload.public_consent,
            co_authors=payload.co_authors,
        )
    except DomainError as exc:
        if exc.field == "unit":
            exc.field = "unit_id"
        raise
    return Status(201, {"answered": answer is not None, "idea": idea})
