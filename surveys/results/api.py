"""Closed survey rounds and a group's results through the API, for signed-in city staff
(``surveys.view_results``). A group is chosen as on the results page (``group=city|kind:<kind>|unit:<unit id>`` and
perhaps ``version``); every figure is a ``GroupResult`` row the anonymity rules show. A group with no results (a
crafted filter) is answered 404, with no figure; so is a round that is not closed."""

from __future__ import annotations

from datetime import datetime

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from core.api_auth import SIGNED_IN
from core.api_errors import Error, InvalidRequest
from core.api_pagination import Pagination
from core.api_types import Id
from core.errors import PermissionDeniedError
from surveys.models import ResultStatus, Round
from surveys.results import selectors

router = Router(tags=["surveys"], auth=SIGNED_IN)


def _staff_only(request) -> None:
    if not request.user.has_perm("surveys.view_results"):
        raise PermissionDeniedError(_("Only city staff may read survey results."))


class RoundOut(Schema):
    id: int
    name: str
    year: int
    questionnaire: str
    closed_at: datetime | None
    url: str

    @staticmethod
    def resolve_questionnaire(obj: Round) -> str:
        return obj.questionnaire.slug

    @staticmethod
    def resolve_url(obj: Round) -> str:
        return reverse("surveys:results", args=[obj.pk])


class GroupQuery(Schema):
    group: str = Field(
        "city",
        max_length=40,
        pattern=r"^(city|kind:[a-z_]{1,40}|unit:[0-9]{1,12})$",
        description="city, kind:<kind of organisation> or unit:<unit id>.",
    )
    version: int | None = Field(
        None, ge=1, le=2**31 - 1, description="One questionnaire version's answers (when the round had several)."
    )


class QuestionResultOut(Schema):
    key: str
    theme: str
    text: str
    kind: str
    status: ResultStatus | None = Field(description="shown, too_few or protected; null when nobody answered it.")
    mean: float | None = Field(description="The mean score 1–5, where shown.")
    scored: int | None = Field(description="How many gave a score of 1–5, where shown.")
    distribution: list[int] | None = Field(
        description="How many answered don't know, 1, 2, 3, 4 and 5, where the spread may be shown."
    )
    texts_shown: bool = Field(description="A free-text question: whether its answers are shown for this group.")


class GroupResultsOut(Schema):
    round_id: int
    round: str
    year: int
    group: str
    version: int | None
    label: str
    invited: int
    answered: int | None = Field(description="Null where fewer were invited than results need.")
    questions: list[QuestionResultOut]


@router.get(
    "/rounds",
    response={200: list[RoundOut], 401: Error, 403: Error, 422: InvalidRequest},
    url_name="surveys_rounds_list",
    summary="List the closed survey rounds, whose results may be read",
)
@paginate(Pagination)
def list_rounds(request):
    _staff_only(request)
    return selectors.closed_rounds()


@router.get(
    "/rounds/{round_id}/results",
    response={200: GroupResultsOut, 401: Error, 403: Error, 404: Error, 422: InvalidRequest},
    url_name="surveys_round_results",
    summary="Read a closed round's results for one group",
)
def read_results(request, round_id: Id, query: Query[GroupQuery]):
    _staff_only(request)
    round_ = selectors.closed_round(round_id)
    if round_ is None:
        raise Http404
    group = selectors.parse_group(query.group, str(query.version) if query.version else None)
    data = selectors.group_results(round_, group, texts=False)
    if not data.found:
        raise Http404
    questions = [
        {
            "key": item.question.key,
            "theme": item.question.theme,
            "text": item.question.text,
            "kind": item.question.kind,
            "status": item.status or None,
            "mean": item.mean,
            "scored": item.scored,
            "distribution": item.distribution,
            "texts_shown": item.texts_shown,
        }
        for block in data.themes
        for item in block.items
    ]
    return {
        "round_id": round_.pk,
        "round": round_.name,
        "year": round_.year,
        "group": data.group.group_param,
        "version": data.group.version_id,
        "label": data.label,
        "invited": data.invited,
        "answered": data.answered,
        "questions": questions,
    }
