from datetime import date, datetime

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from core.api_auth import ANYONE, SIGNED_IN
from core.api_errors import Error, InvalidRequest, anonymous_allowed
from core.api_pagination import Pagination
from core.api_types import ID_MAX, LINE_MAX, LONG_TEXT_MAX, EmailAddress, Id, Key, Line, Text
from core.errors import DomainError
from ideas import services
from ideas.lessons import Effect, Factor, LessonEntry
from ideas.lock import CloseReason, Stage
from ideas.models import Area, Idea, InnovationKind, Source, Visibility
from ideas.selectors import IdeaFilters, idea_list
from organisation.models import Unit

router = Router(tags=["ideas"])


class IdeaOut(Schema):
    id: int
    title: str
    problem: str
    audience: str
    proposal: str
    expected_value: str
    kind: InnovationKind | None = Field(
        description="Empty (null) until the innovation office classifies an idea sent by a resident or supplier."
    )
    area: Area | None = Field(description="What a resident's or supplier's idea is about, in their words.")
    place: str
    values: list[str]
    source: Source
    stage: Stage
    visibility: Visibility
    unit_id: int
    unit_name: str
    coach_id: int | None
    created_at: datetime
    answer_due_at: datetime
    answered_at: datetime | None
    version: int = Field(description="Send it back as expected_version to make sure nobody changed the idea meanwhile.")
    url: str

    @staticmethod
    def resolve_kind(obj: Idea) -> str | None:
        return obj.kind or None

    @staticmethod
    def resolve_area(obj: Idea) -> str | None:
        return obj.area or None

    @staticmethod
    def resolve_values(obj: Idea) -> list[str]:
        return obj.value_keys

    @staticmethod
    def resolve_unit_name(obj: Idea) -> str:
        return obj.unit.name

    @staticmethod
    def resolve_url(obj: Idea) -> str:
        return obj.get_absolute_url()


class IdeaIn(Schema):
    title: Line = Field(min_length=1, max_length=200)
    problem: Text = Field(min_length=1, max_length=LONG_TEXT_MAX)
    audience: Text = Field(min_length=1, max_length=LONG_TEXT_MAX)
    proposal: Text = Field(min_length=1, max_length=LONG_TEXT_MAX)
    expected_value: Text = Field(min_length=1, max_length=LONG_TEXT_MAX)
    kind: InnovationKind | None = Field(
        None, description="Required from city staff; residents and suppliers may leave it out."
    )
    values: list[Key] = Field(min_length=1, max_length=10, description="Any of economic, social, environmental.")
    unit_id: Id | None = Field(
        None,
        description=(
            "Required from city staff. A resident or supplier may leave it out (or name a district administration): "
            "the idea then goes to the city's innovation office, which classifies it."
        ),
    )
    area: Area | None = Field(None, description="What the idea is about (residents and suppliers).")
    place: Line = Field("", max_length=200, description="Where in the city, in the sender's words.")
    source: Source | None = Field(None, description="Defaults from the kind of person sending it.")
    visibility: Visibility = Visibility.INTERNAL
    public_consent: bool = Field(
        False,
        description=(
            "Must be true for a public idea: the author (the one sending it) and everyone named in it agree to "
            "publication. Only the author consents; nobody publishes someone else's idea."
        ),
    )
    co_authors: list[EmailAddress] = Field(
        default_factory=list,
        max_length=50,
        description=(
            "Email addresses of the people who co-wrote it (city staff only). They are looked up once everything "
            "else is valid; an address without an account in use is refused, with the same answer whatever the reason."
        ),
    )


class LessonIn(Schema):
    factor: Factor
    effect: Effect
    note: Line = Field(min_length=1, max_length=LINE_MAX, description="How it helped or blocked, in a sentence.")


class LessonOut(Schema):
    factor: Factor
    effect: Effect
    note: str


class DecisionIn(Schema):
    to_stage: Stage
    rationale: Text = Field(min_length=1, max_length=LONG_TEXT_MAX)
    checklist: dict[str, bool] = Field(
        default_factory=dict, max_length=50, description="The gate's checklist: its keys, true for each point met."
    )
    expected_version: int | None = Field(None, ge=0, le=ID_MAX)
    expected_stage: Stage | None = None
    parked_until: date | None = None
    closed_reason: CloseReason | None = Field(
        None, description="Why the idea is closed (only when closing); the rationale says the rest."
    )
    lessons: list[LessonIn] = Field(
        default_factory=list,
        max_length=len(Factor.values),
        description=(
            "What helped and what blocked the idea, each factor at most once (only when closing or moving to "
            "spread). At least one is required at spread and when closing an idea that got to a pilot."
        ),
    )


class DecisionOut(Schema):
    id: int
    idea_id: int
    from_stage: Stage
    to_stage: Stage
    decided_by_id: int
    decided_at: datetime
    rationale: str
    checklist: dict[str, bool]
    lessons: list[LessonOut]

    @staticmethod
    def resolve_lessons(obj) -> list:
        return list(obj.lessons.all())


class IdeaQuery(Schema):
    q: Line = Field("", max_length=LINE_MAX, description="Full-text search that understands Swedish inflection.")
    stage: Stage | None = None
    source: Source | None = None
    kind: InnovationKind | None = None
    unit: Id | None = Field(None, description="Only ideas of this unit and the units below it.")
    overdue: bool = False


@router.get(
    "/",
    response={200: list[IdeaOut], 401: Error, 404: Error, 422: InvalidRequest},
    auth=ANYONE,
    openapi_extra=anonymous_allowed(),
    summary="List ideas you may read",
)
@paginate(Pagination)
def list_ideas(request, query: Query[IdeaQuery]):
    unit = get_object_or_404(Unit, pk=query.unit) if query.unit else None
    filters = IdeaFilters(
        q=query.q,
        stage=query.stage or "",
        source=query.source or "",
        kind=query.kind or "",
        unit=unit,
        overdue=query.overdue,
        sort="relevance" if query.q else "newest",
    )
    return idea_list(user=request.user, filters=filters)


class GoalRef(Schema):
    id: int
    title: str
    year: int
    city_goal: bool = Field(description="The city's own goal (else a committee's, a board's or an organisation's).")
    unit_name: str = Field(description="The unit that set the goal.")

    @staticmethod
    def resolve_city_goal(obj) -> bool:
        return obj.parent_id is None

    @staticmethod
    def resolve_unit_name(obj) -> str:
        return obj.unit.name


class IdeaDetailOut(IdeaOut):
    goals: list[GoalRef] = Field(
        description="The city's and the committees' goals the idea serves; shown to the city's staff, empty for others."
    )

    @staticmethod
    def resolve_goals(obj: Idea) -> list:
        return getattr(obj, "served_goals", [])


@router.get(
    "/{idea_id}",
    response={200: IdeaDetailOut, 401: Error, 404: Error, 422: InvalidRequest},
    auth=ANYONE,
    openapi_extra=anonymous_allowed(),
    summary="Read an idea",
)
def read_idea(request, idea_id: Id):
    from governance.selectors import goals_of

    idea = get_object_or_404(Idea.objects.visible_to(request.user).select_related("unit"), pk=idea_id)
    # The goals it serves (ADR 0031), for those who read the follow-up: the city's staff.
    idea.served_goals = goals_of(idea) if request.user.has_perm("governance.view_goal_work") else []  # type: ignore[attr-defined]
    return idea


@router.post(
    "/",
    response={201: IdeaOut, 400: Error, 401: Error, 403: Error, 422: InvalidRequest},
    auth=SIGNED_IN,
    summary="Submit an idea",
)
def create_idea(request, payload: IdeaIn):
    unit = Unit.objects.filter(pk=payload.unit_id).first() if payload.unit_id is not None else None
    if unit is None and payload.unit_id is not None:
        return Status(400, {"detail": _("There is no unit with this id."), "code": "invalid", "field": "unit_id"})
    try:
        idea = services.idea_submit(
            author=request.user,
            unit=unit,
            title=payload.title,
            problem=payload.problem,
            audience=payload.audience,
            proposal=payload.proposal,
            expected_value=payload.expected_value,
            kind=payload.kind or "",
            values=payload.values,
            area=payload.area or "",
            place=payload.place,
            source=payload.source,
            visibility=payload.visibility,
            public_consent=payload.public_consent,
            co_authors=payload.co_authors,
        )
    except DomainError as exc:
        if exc.field == "unit":
            exc.field = "unit_id"  # name the field as the request does
        raise
    return Status(201, idea)


@router.post(
    "/{idea_id}/decisions",
    response={201: DecisionOut, 400: Error, 401: Error, 403: Error, 404: Error, 409: Error, 422: InvalidRequest},
    auth=SIGNED_IN,
    summary="Decide a gate: move the idea to another stage",
)
def create_decision(request, idea_id: Id, payload: DecisionIn):
    idea = get_object_or_404(Idea.objects.visible_to(request.user).select_related("unit"), pk=idea_id)
    decision = services.gate_decide(
        idea=idea,
        decided_by=request.user,
        to_stage=payload.to_stage,
        rationale=payload.rationale,
        checklist=payload.checklist,
        expected_version=payload.expected_version,
        expected_stage=payload.expected_stage,
        parked_until=payload.parked_until,
        closed_reason=payload.closed_reason or "",
        lessons=[LessonEntry(lesson.factor, lesson.effect, lesson.note) for lesson in payload.lessons],
    )
    return Status(201, decision)
