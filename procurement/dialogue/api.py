"""The open market dialogue's API, under ``/api/v1/procurement``: published requests for information (RFIs) with
their published answers, read without signing in (``/cases``, by the procurement case's id), and for a signed-in
supplier whose organisation is registered: its own questions and its own written response.

A case without a published RFI is answered 404, as one that does not exist. A supplier never reads another
organisation's questions or response: there is no id of theirs to ask for. Business secrets are in no answer
here except the supplier's own response, to its own organisation.
"""

from __future__ import annotations

from datetime import datetime

from django.db.models import Prefetch
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from core.api_auth import ANYONE, SIGNED_IN
from core.api_errors import Error, InvalidRequest, anonymous_allowed
from core.api_pagination import Pagination
from core.api_types import LONG_TEXT_MAX, Id, Text
from core.errors import PermissionDeniedError
from procurement.dialogue import selectors, services
from procurement.models import Maturity, Question, ResponseStatus, Rfi, RfiStatus, WrittenResponse

router = Router(tags=["procurement"], auth=ANYONE)


class PublishedAnswerOut(Schema):
    number: int
    question: str = Field(description="The question as published, without who asked.")
    answer: str
    published_at: datetime

    @staticmethod
    def resolve_question(obj: Question) -> str:
        return obj.public_text


class CaseSummaryOut(Schema):
    """A published request in the list: its answers are read one request at a time (``/cases/{case_id}``)."""

    id: int = Field(description="The procurement case's id.")
    case_title: str
    rfi_id: int
    title: str = Field(description="The request for information's title.")
    description: str
    terms: str
    unit_name: str
    published_at: datetime
    questions_close_at: datetime = Field(description="Questions are taken until this moment.")
    responses_close_at: datetime = Field(description="Written responses are taken until this moment.")
    published_question_count: int
    url: str

    @staticmethod
    def resolve_id(obj: Rfi) -> int:
        return obj.case_id

    @staticmethod
    def resolve_case_title(obj: Rfi) -> str:
        return obj.case.title

    @staticmethod
    def resolve_rfi_id(obj: Rfi) -> int:
        return obj.pk

    @staticmethod
    def resolve_unit_name(obj: Rfi) -> str:
        return obj.case.unit.name

    @staticmethod
    def resolve_url(obj: Rfi) -> str:
        return obj.get_absolute_url()


class CaseOut(CaseSummaryOut):
    answers: list[PublishedAnswerOut] = Field(description="The published questions and answers, by number.")

    @staticmethod
    def resolve_answers(obj: Rfi) -> list[Question]:
        return list(obj.published_answers)  # type: ignore[attr-defined]


class QuestionOut(Schema):
    id: int
    text: str = Field(description="The question as your organisation asked it.")
    asked_at: datetime
    published: bool = Field(description="True once its answer is published to every registered supplier.")
    number: int | None = None
    published_question: str = Field("", description="The question as published, once it is.")
    answer: str = Field("", description="The answer, once published.")

    @staticmethod
    def resolve_asked_at(obj: Question) -> datetime:
        return obj.created_at

    @staticmethod
    def resolve_published(obj: Question) -> bool:
        return obj.published_at is not None

    @staticmethod
    def resolve_published_question(obj: Question) -> str:
        return obj.public_text if obj.published_at is not None else ""

    @staticmethod
    def resolve_answer(obj: Question) -> str:
        # A drafted answer is not an answer until it is published to everyone.
        return obj.answer if obj.published_at is not None else ""


class QuestionIn(Schema):
    text: Text = Field(max_length=LONG_TEXT_MAX)


class ResponseOut(Schema):
    solution: str
    solution_secret: bool
    maturity: Maturity
    price_indication: str
    price_secret: bool
    other: str
    other_secret: bool
    status: ResponseStatus
    submitted_at: datetime | None
    version: int = Field(description="Send it back with a change: a change made meanwhile is refused (409).")


class ResponseIn(Schema):
    solution: Text = Field(max_length=LONG_TEXT_MAX)
    solution_secret: bool = False
    maturity: Maturity
    price_indication: Text = Field("", max_length=LONG_TEXT_MAX)
    price_secret: bool = True
    other: Text = Field("", max_length=LONG_TEXT_MAX)
    other_secret: bool = False
    submit: bool = Field(False, description="Send the response; without it a draft is saved.")
    version: int | None = Field(None, ge=1, le=2_147_483_647, description="The version you read; none for a first.")


def _published() -> Prefetch:
    return Prefetch(
        "questions",
        queryset=Question.objects.filter(published_at__isnull=False).order_by("number"),
        to_attr="published_answers",
    )


def _rfis(*, with_answers: bool = True):
    rfis = Rfi.objects.filter(status=RfiStatus.PUBLISHED).select_related("case__unit")
    return rfis.prefetch_related(_published()) if with_answers else rfis


def _rfi_of_case(case_id: int) -> Rfi:
    rfi = _rfis().filter(case_id=case_id).first()
    if rfi is None:
        raise Http404
    return rfi


@router.get(
    "/cases",
    response={200: list[CaseSummaryOut], 401: Error, 422: InvalidRequest},
    openapi_extra=anonymous_allowed(),
    url_name="procurement_cases",
    summary="List published requests for information (each one's answers at /cases/{case_id})",
)
@paginate(Pagination)
def list_cases(request):
    return _rfis(with_answers=False).order_by("-published_at", "-pk")


@router.get(
    "/cases/{case_id}",
    response={200: CaseOut, 401: Error, 404: Error, 422: InvalidRequest},
    openapi_extra=anonymous_allowed(),
    url_name="procurement_case",
    summary="Read a published request for information",
)
def read_case(request, case_id: Id):
    return _rfi_of_case(case_id)


def _taking_part(request, case_id: int) -> Rfi:
    rfi = _rfi_of_case(case_id)
    if not request.user.has_perm("procurement.take_part", rfi):
        raise PermissionDeniedError(
            _("Only the people of a supplier organisation registered for the request may do this.")
        )
    return rfi


@router.get(
    "/cases/{case_id}/questions",
    response={200: list[QuestionOut], 401: Error, 403: Error, 404: Error, 422: InvalidRequest},
    auth=SIGNED_IN,
    url_name="procurement_case_questions",
    summary="Your organisation's questions",
)
def list_questions(request, case_id: Id):
    rfi = _taking_part(request, case_id)
    return list(selectors.own_questions(rfi, request.user.supplier_id))


@router.post(
    "/cases/{case_id}/questions",
    response={201: QuestionOut, 400: Error, 401: Error, 403: Error, 404: Error, 422: InvalidRequest},
    auth=SIGNED_IN,
    url_name="procurement_case_ask",
    summary="Ask a question",
)
def ask_question(request, case_id: Id, payload: QuestionIn):
    rfi = _taking_part(request, case_id)
    return Status(201, services.question_ask(rfi=rfi, by=request.user, text=payload.text))


@router.get(
    "/cases/{case_id}/response",
    response={200: ResponseOut, 401: Error, 403: Error, 404: Error, 422: InvalidRequest},
    auth=SIGNED_IN,
    url_name="procurement_case_response",
    summary="Your organisation's written response",
)
def read_response(request, case_id: Id):
    rfi = _taking_part(request, case_id)
    response = WrittenResponse.objects.filter(rfi=rfi, supplier_id=request.user.supplier_id).first()
    if response is None:
        raise Http404
    return response


@router.put(
    "/cases/{case_id}/response",
    response={200: ResponseOut, 400: Error, 401: Error, 403: Error, 404: Error, 409: Error, 422: InvalidRequest},
    auth=SIGNED_IN,
    url_name="procurement_case_respond",
    summary="Save or send your organisation's written response",
)
def save_response(request, case_id: Id, payload: ResponseIn):
    rfi = _taking_part(request, case_id)
    return services.response_save(
        rfi=rfi,
        by=request.user,
        expected_version=payload.version,
        solution=payload.solution,
        solution_secret=payload.solution_secret,
        maturity=payload.maturity,
        price_indication=payload.price_indication,
        price_secret=payload.price_secret,
        other=payload.other,
        other_secret=payload.other_secret,
        submit=payload.submit,
    )
