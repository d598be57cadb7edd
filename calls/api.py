"""The calls API: published calls for anyone; one's own applications (and, for the programme office, all of them).

Applications follow ``calls.view_application``: anyone else, a recused juror too, gets the
same 404 as for an id that does not exist. On a call with blind review a juror reads the
application without the applicant's name and unit (``calls.see_applicant``).
"""

from datetime import datetime
from decimal import Decimal
from enum import StrEnum

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from calls import selectors
from calls.models import DECIDED, Application, Call, Programme
from calls.models import Status as ApplicationStatus
from calls.services import application as application_services
from core.api_auth import SIGNED_IN
from core.api_errors import Error, InvalidRequest
from core.api_pagination import Pagination
from core.api_types import Id
from core.errors import DomainError

#: Published calls are public: no credentials are asked for, and a token sent along is not checked.
calls_router = Router(tags=["calls"], auth=None)
applications_router = Router(tags=["applications"], auth=SIGNED_IN)


def _kronor(value: Decimal | None) -> int | None:
    return None if value is None else int(value)


# --- calls ----------------------------------------------------------------------------------


class CallOut(Schema):
    id: int
    programme: Programme
    title: str
    summary: str
    description: str
    year: int
    opens_at: datetime
    closes_at: datetime = Field(description="The deadline; applications are refused from this moment.")
    is_open: bool = Field(description="Whether the call takes applications now.")
    budget: int | None = Field(description="The call's budget in kronor; null when it has none.")
    blind_review: bool = Field(description="Jurors do not see who applied or from which unit.")
    scale_min: int = Field(description="The lowest score a juror gives on a criterion.")
    scale_max: int = Field(description="The highest score a juror gives on a criterion.")
    min_age: int | None = Field(description="Applicants must be at least this old; null when not checked.")
    no_city_employment_months: int | None = Field(
        description="Applicants may not have been employed by the city within this many months; null when not checked."
    )
    exclude_last_year_winners: bool
    min_staff: int | None = Field(description="An entering unit must have at least this many staff.")
    results_published_at: datetime | None
    url: str

    @staticmethod
    def resolve_is_open(obj: Call) -> bool:
        return obj.is_open()

    @staticmethod
    def resolve_budget(obj: Call) -> int | None:
        return _kronor(obj.budget)

    @staticmethod
    def resolve_url(obj: Call) -> str:
        return obj.get_absolute_url()


class CategoryOut(Schema):
    id: int
    name: str
    entry_rule: str


class CriterionOut(Schema):
    id: int
    name: str
    description: str = Field(description="What a high score means.")
    weight: float = Field(description="Scores are weighted by it in the ranking.")


class CallDetailOut(CallOut):
    categories: list[CategoryOut] = Field(description="The classes one enters (the quality award's five, …).")
    criteria: list[CriterionOut] = Field(description="The rubric the jury scores on.")

    @staticmethod
    def resolve_categories(obj: Call) -> list:
        return list(obj.categories.all())

    @staticmethod
    def resolve_criteria(obj: Call) -> list:
        return list(obj.criteria.all())


class CallQuery(Schema):
    open: bool | None = Field(None, description="true: only calls open now; false: only calls not open now.")
    programme: Programme | None = None
    year: int | None = Field(None, ge=2000, le=2100, description="Only the calls of this year.")


@calls_router.get(
    "/",
    response={200: list[CallOut], 422: InvalidRequest},
    url_name="calls_list",
    summary="List published calls",
)
@paginate(Pagination)
def list_calls(request, query: Query[CallQuery]):
    return selectors.published_calls(open_now=query.open, programme=query.programme or "", year=query.year)


@calls_router.get(
    "/{call_id}",
    response={200: CallDetailOut, 404: Error, 422: InvalidRequest},
    url_name="calls_read",
    summary="Read a published call, with its classes and rubric",
)
def read_call(request, call_id: Id):
    call = selectors.published_calls().prefetch_related("categories", "criteria").filter(pk=call_id).first()
    if call is None:
        raise Http404
    return call


# --- applications ------------------------------------------------------------------------


class BudgetLineOut(Schema):
    description: str
    amount: int

    @staticmethod
    def resolve_amount(obj) -> int:
        return int(obj.amount)


class DecisionOut(Schema):
    granted: bool = Field(
        description="Granted (the fund, the stipend) or awarded (an award): see the application's outcome."
    )
    amount: int | None = Field(description="The amount granted, in kronor.")
    justification: str
    decided_at: datetime

    @staticmethod
    def resolve_amount(obj) -> int | None:
        return _kronor(obj.amount)


class Outcome(StrEnum):
    GRANTED = "granted"
    NOT_GRANTED = "not_granted"
    AWARDED = "awarded"
    NOT_AWARDED = "not_awarded"


class ApplicationOut(Schema):
    id: int
    call_id: int
    call_title: str
    programme: Programme
    status: ApplicationStatus
    title: str
    summary: str
    description: str
    category: str | None = Field(description="The class entered, if the call has classes.")
    category_id: int | None = Field(
        description="The class entered. A call with classes (the quality award's five) is ranked and decided class "
        "by class."
    )
    applicant_name: str | None = Field(description="Null for a juror of a call with blind review.")
    unit_id: int | None = Field(description="The unit the application is from; null for a juror of a blind call.")
    unit_name: str | None
    idea_id: int | None = Field(
        description="The idea in the innovation lock it is about, if any. Null for a juror of a call with blind review "
        "(the idea names its author)."
    )
    requested_amount: int | None = Field(description="In kronor.")
    co_financing: int | None = Field(description="In kronor.")
    open_data_used: str = Field(description="The city's open data the entry builds on (the open data award).")
    budget: list[BudgetLineOut] = Field(description="The cost lines.")
    submitted_at: datetime | None
    screening_note: str = Field(description="Why it was found not eligible, if it was.")
    granted_amount: int | None = Field(description="In kronor.")
    decision: DecisionOut | None
    outcome: Outcome | None = Field(
        description="The decision in the programme's words: the fund and the stipend grant (granted, not_granted), "
        "an award awards (awarded, not_awarded). Null until decided. The status says granted or rejected for both."
    )
    version: int
    url: str

    @staticmethod
    def resolve_call_title(obj: Application) -> str:
        return obj.call.title

    @staticmethod
    def resolve_programme(obj: Application) -> str:
        return obj.call.programme

    @staticmethod
    def resolve_category(obj: Application) -> str | None:
        return obj.category.name if obj.category else None

    @staticmethod
    def resolve_applicant_name(obj: Application) -> str | None:
        return None if _hidden(obj) else obj.applicant.name

    @staticmethod
    def resolve_unit_id(obj: Application) -> int | None:
        return None if _hidden(obj) else obj.unit_id

    @staticmethod
    def resolve_idea_id(obj: Application) -> int | None:
        return None if _hidden(obj) else obj.idea_id

    @staticmethod
    def resolve_unit_name(obj: Application) -> str | None:
        return None if _hidden(obj) or obj.unit is None else obj.unit.name

    @staticmethod
    def resolve_requested_amount(obj: Application) -> int | None:
        return _kronor(obj.requested_amount)

    @staticmethod
    def resolve_co_financing(obj: Application) -> int | None:
        return _kronor(obj.co_financing)

    @staticmethod
    def resolve_granted_amount(obj: Application) -> int | None:
        return _kronor(obj.granted_amount)

    @staticmethod
    def resolve_budget(obj: Application) -> list:
        return list(obj.budget_lines.all())

    @staticmethod
    def resolve_decision(obj: Application):
        return getattr(obj, "decision", None)

    @staticmethod
    def resolve_outcome(obj: Application) -> str | None:
        if obj.status not in DECIDED:
            return None
        granted = obj.status == ApplicationStatus.GRANTED
        if obj.call.is_funding:
            return Outcome.GRANTED if granted else Outcome.NOT_GRANTED
        return Outcome.AWARDED if granted else Outcome.NOT_AWARDED

    @staticmethod
    def resolve_url(obj: Application) -> str:
        return obj.get_absolute_url()


def _hidden(application: Application) -> bool:
    """Set by the endpoint that read it: whether the reader may not know who applied."""
    return getattr(application, "identity_hidden", False)


class ApplicationQuery(Schema):
    call: Id | None = Field(None, description="Only the applications to this call.")
    status: ApplicationStatus | None = None


class ApplicationIn(Schema):
    call_id: Id = Field(description="An open call; the application starts as a draft to fill in on its page.")


@applications_router.get(
    "/",
    response={200: list[ApplicationOut], 401: Error, 422: InvalidRequest},
    url_name="applications_list",
    summary="List your applications (the city's innovation office: every application past its draft)",
)
@paginate(Pagination)
def list_applications(request, query: Query[ApplicationQuery]):
    # Only the applicant's own and the office's: both may see who applied.
    return selectors.applications_visible_to(user=request.user, call_id=query.call, status=query.status or "")


@applications_router.get(
    "/{application_id}",
    response={200: ApplicationOut, 401: Error, 404: Error, 422: InvalidRequest},
    url_name="applications_read",
    summary="Read an application you may see",
)
def read_application(request, application_id: Id):
    application = selectors.application_detail(user=request.user, pk=application_id)
    if application is None:
        raise Http404  # never 403: whether it exists is not for everyone to know
    application.identity_hidden = not request.user.has_perm(  # type: ignore[attr-defined]
        "calls.see_applicant", application
    )
    return application


@applications_router.post(
    "/",
    response={200: ApplicationOut, 201: ApplicationOut, 400: Error, 401: Error, 403: Error, 422: InvalidRequest},
    url_name="applications_start",
    summary="Start a draft application to an open call, or get the one already started",
    description="One draft per applicant and call: 201 with a new draft, or 200 with the draft you already "
    "started (as the web's Apply does).",
)
def start_application(request, payload: ApplicationIn):
    call = selectors.published_calls().filter(pk=payload.call_id).first()
    if call is None:
        return Status(
            400, {"detail": _("There is no published call with this id."), "code": "invalid", "field": "call_id"}
        )
    try:
        application, started = application_services.application_open(call=call, applicant=request.user)
    except DomainError as exc:
        exc.field = exc.field or "call_id"  # name the field as the request does
        raise
    return Status(201 if started else 200, selectors.application_detail(user=request.user, pk=application.pk))
