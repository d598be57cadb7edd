"""Reads of ideas: each function owns its joins so a page does a fixed number of queries."""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from statistics import median
from typing import Any, cast

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Exists, Min, OuterRef, Prefetch, Q, QuerySet, Subquery, prefetch_related_objects
from django.utils import timezone

from core.city import CITY_TIME_ZONE
from core.public_cache import model_version
from core.statements import Statement
from ideas import lock, similarity, timeline
from ideas.lessons import Effect, Factor
from ideas.lock import Stage
from ideas.models import (
    Assessment,
    Attachment,
    Comment,
    Follow,
    GateDecision,
    Idea,
    IdeaQuerySet,
    Lesson,
    PublicationEvent,
    PublicationStep,
    Support,
    count_of,
    support_count,
)
from ideas.rules import scope_filter, visible_ideas_filter
from ideas.search import WORD, best_first, count_matches, document_frequencies, matching_any, search, stem, words
from ideas.timeline import TimelineEntry
from organisation.models import Unit, User

SORTS = {
    "newest": ("-created_at",),
    "oldest": ("created_at",),
    "title": ("title",),
    "stage": ("stage", "-created_at"),
    "due": ("answer_due_at",),
    "supports": ("-support_count", "-created_at"),
}


@dataclass
class IdeaFilters:
    q: str = ""
    stage: str = ""
    source: str = ""
    kind: str = ""
    unit: Unit | None = None
    overdue: bool = False
    mine: bool = False
    sort: str = "newest"


def idea_list(*, user: User | AnonymousUser, filters: IdeaFilters, base: IdeaQuerySet | None = None) -> QuerySet:
    qs = (base if base is not None else Idea.objects.all()).visible_to(user)
    if filters.stage:
        qs = qs.filter(stage=filters.stage)
    if filters.source:
        qs = qs.filter(source=filters.source)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.unit is not None:
        qs = qs.in_subtree(filters.unit)
    if filters.overdue:
        qs = qs.overdue()
    if filters.mine and user.is_authenticated:
        qs = qs.filter(
            Q(author=user) | Q(pk__in=Idea.co_authors.through.objects.filter(user_id=user.pk).values("idea_id"))
        )
    qs = qs.for_list()
    if filters.q.strip():
        qs = cast(IdeaQuerySet, search(qs, filters.q))  # filtering keeps the queryset's class
        if _by_relevance(filters):
            return qs
    return qs.order_by(*SORTS.get(filters.sort, SORTS["newest"]), "-pk")


#: What a row of the idea list shows (``components/idea_row.html`` and its fragment in ``ideas/fragments.py``).
LIST_ROW_FIELDS = ("title", "stage", "answered_at", "answer_due_at", "unit__name", "source", "created_at")


def list_rows(ids: list[int]) -> IdeaQuerySet:
    """The idea list's rows for ideas already found in ``idea_list`` (so visible to the person): only what a row
    shows, with its unit's name and its support. Loading whole ideas with their author and coach and asking the
    list's filters again cost more than the rest of the page's SQL."""
    return (
        Idea.objects.filter(pk__in=ids)
        .select_related("unit")
        .only(*LIST_ROW_FIELDS)
        .annotate(support_count=support_count())
    )


def _by_relevance(filters: IdeaFilters) -> bool:
    return bool(filters.q.strip()) and (filters.sort == "relevance" or filters.sort not in SORTS)


def search_paging(
    *, user: User | AnonymousUser, filters: IdeaFilters, base: IdeaQuerySet | None = None
) -> tuple[Callable[[QuerySet, int], QuerySet] | None, Callable[[QuerySet, int], int] | None]:
    """For a paginator of ``idea_list(user=user, filters=filters, base=base)`` that is a search: how to narrow it
    to its first rows in relevance order (``search.best_first``; ``None`` in another order) and how to count
    its rows up to a cap (``search.count_matches``), both among the same ideas; ``(None, None)`` without words."""
    if not filters.q.strip():
        return None, None
    among = idea_list(user=user, filters=replace(filters, q="", sort="newest"), base=base)
    narrow = (lambda qs, rows: best_first(qs, filters.q, rows, among=among)) if _by_relevance(filters) else None
    return narrow, lambda qs, cap: count_matches(qs, filters.q, cap, among=among)


def best_first_narrowing(
    *, user: User | AnonymousUser, filters: IdeaFilters, base: IdeaQuerySet | None = None
) -> Callable[[QuerySet, int], QuerySet] | None:
    """How to narrow a search to its first rows (``search_paging``'s first half)."""
    return search_paging(user=user, filters=filters, base=base)[0]


def search_counting(
    *, user: User | AnonymousUser, filters: IdeaFilters, base: IdeaQuerySet | None = None
) -> Callable[[QuerySet, int], int] | None:
    """How to count a search's rows up to a cap (``search_paging``'s second half)."""
    return search_paging(user=user, filters=filters, base=base)[1]


#: What an idea's page shows that most ideas have none of (co-authors, attachments, an assessment, publication
#: steps): the rows (with an ``idea_id``) that say an idea has some, and the prefetch that reads them.
SELDOM: dict[str, tuple[Any, Callable[[], Prefetch]]] = {
    "co_authors": (Idea.co_authors.through, lambda: Prefetch("co_authors")),
    "attachments": (Attachment, lambda: Prefetch("attachments")),
    "assessments": (
        Assessment,
        lambda: Prefetch("assessments", queryset=Assessment.objects.select_related("assessed_by")),
    ),
    "publication_events": (
        PublicationEvent,
        lambda: Prefetch("publication_events", queryset=PublicationEvent.objects.select_related("by").order_by("pk")),
    ),
}


def _seldom_query(pk: int) -> QuerySet:
    return (
        Idea.objects.filter(pk=pk)
        .order_by()
        .values(
            **{
                # Named apart from the relations: an annotation may not take a field's name.
                f"has_{name}": Exists(rows._default_manager.filter(idea_id=OuterRef("pk")))
                for name, (rows, _prefetch) in SELDOM.items()
            }
        )
    )


#: Which of them an idea has, asked in one statement written once per process (``core.statements``): built through
#: the ORM on every page it cost more than the queries it saves.
_seldom = Statement("question of an idea's seldom parts", _seldom_query)


def idea_detail(*, user: User | AnonymousUser, pk: int) -> Idea:
    """The idea with everything its page shows, with what the apps' parts of its timeline read
    (``ideas/timeline.py``: the calls' ``idea.funding`` lists its decided fund and stipend applications).

    A part is read only when it has something for the idea, so an idea without funding costs no query for it; so
    are the co-authors, attachments, assessments and publication steps (``SELDOM``), which one statement asks about.
    """
    timeline_parts = timeline.parts()
    # What a comment shows (``ideas/partials/comment.html``): a long discussion read as whole comments with their
    # authors' and moderators' whole rows cost a third of the page.
    visible_comments = (
        Comment.objects.select_related("author")
        .only("idea", "author__name", "created_at", "hidden", "hidden_reason", "body")
        .order_by("created_at", "pk")
    )
    idea = (
        Idea.objects.visible_to(user)
        .select_related("unit", "author", "coach", "author__supplier", "public_consent_by")
        .prefetch_related(
            Prefetch(
                "decisions", queryset=GateDecision.objects.select_related("decided_by").prefetch_related("lessons")
            ),
            Prefetch("comments", queryset=visible_comments),
        )
        .annotate(
            support_count=support_count(),
            # One person may support an idea in two ways; the page counts people.
            supporter_count=count_of(Support.objects.filter(idea=OuterRef("pk")), distinct="user"),
            follower_count=count_of(Follow.objects.filter(idea=OuterRef("pk"))),
            **{f"has_{p.key}": p.exists() for p in timeline_parts},
        )
        .get(pk=pk)
    )
    answers = _seldom.row(idea.pk, idea._state.db or Idea.objects.db) or {}
    has = {name for name in SELDOM if answers.get(f"has_{name}")}
    prefetch_related_objects([idea], *(prefetch() for name, (_rows, prefetch) in SELDOM.items() if name in has))
    for name in SELDOM.keys() - has:
        _has_none(idea, name)
    for p in timeline_parts:
        if getattr(idea, f"has_{p.key}"):
            p.load(idea)
    return idea


def _has_none(instance: Any, name: str) -> None:
    """Note that ``instance`` has no ``name`` as a prefetch that found none would: its ``.all()`` is empty without a
    query, and a further ``.filter()`` still asks about this instance alone."""
    rows = getattr(instance, name).get_queryset()
    rows._result_cache = []
    rows._prefetch_done = True
    instance.__dict__.setdefault("_prefetched_objects_cache", {})[name] = rows


def publication_request_pending(idea: Idea) -> PublicationEvent | None:
    """The request to publish that waits for the author's answer: the idea's latest publication step, if it asks.

    Uses the steps ``idea_detail`` prefetched when there are.
    """
    if "publication_events" in getattr(idea, "_prefetched_objects_cache", {}):
        events = list(idea.publication_events.all())
        latest = max(events, key=lambda e: e.pk) if events else None
    else:
        latest = PublicationEvent.objects.filter(idea=idea).select_related("by").order_by("-pk").first()
    return latest if latest is not None and latest.step == PublicationStep.ASKED else None


def idea_timeline(idea: Idea) -> list[TimelineEntry]:
    """The gate decisions, publication steps and funding of an idea from ``idea_detail``, in time order (no queries)."""
    entries = [TimelineEntry(d.decided_at, "gate", decision=d) for d in idea.decisions.all()]
    entries += [TimelineEntry(e.at, "publication", publication=e) for e in idea.publication_events.all()]
    for p in timeline.parts():
        entries += p.entries(idea)
    return sorted(entries, key=lambda e: e.at)


def closing_decision(idea: Idea) -> GateDecision | None:
    """The decision that closed an idea from ``idea_detail`` (no queries): its rationale explains the reason."""
    if idea.stage != Stage.CLOSED:
        return None
    return max(
        (d for d in idea.decisions.all() if d.to_stage == Stage.CLOSED), key=lambda d: d.decided_at, default=None
    )


def triage_queue(*, user: User) -> QuerySet:
    """New ideas waiting for their first answer in the units this person triages, oldest due first."""
    qs = Idea.objects.awaiting_first_answer()
    scope = scope_filter(user, roles=("office",))
    if scope is not None:
        qs = qs.filter(scope)
    return qs.for_list().order_by("answer_due_at", "pk")


def parked_due(*, user: User) -> QuerySet:
    """Parked ideas whose date to be looked at again has come, in the units this person triages."""
    qs = Idea.objects.filter(stage=Stage.PARKED, parked_until__lte=timezone.localdate())
    scope = scope_filter(user, roles=("office",))
    if scope is not None:
        qs = qs.filter(scope)
    return qs.select_related("unit", "coach").order_by("parked_until", "pk")


def pipeline_scope(*, user: User) -> IdeaQuerySet:
    qs = Idea.objects.all()
    scope = scope_filter(user)
    return qs if scope is None else qs.filter(scope)


def pipeline_units(*, user: User) -> QuerySet:
    """Units this person may pick as the pipeline's scope."""
    if user.is_director:
        return Unit.objects.filter(depth__lte=3).order_by("path")
    paths = [p for role in ("manager", "office") for p in user.role_paths.get(role, [])]
    q = Q(pk__in=[])
    for p in paths:
        q |= Q(path__startswith=p, depth__lte=len(p) // Unit.steplen + 1)
    return Unit.objects.filter(q).order_by("path")


BOARD_CARDS = 12


def ideas_generation() -> int:
    """A number that moves on with every write to an idea (``core.public_cache.model_version``): part of every cache
    key of figures over ideas, which comments, supports and other writes leave valid."""
    return model_version(Idea)


def stage_counts(*, qs: QuerySet) -> dict[str, int]:
    return dict(qs.order_by().values_list("stage").annotate(n=Count("pk")))


#: What a card of the board shows (``ideas/partials/board_card.html`` and its fragment in ``ideas/fragments.py``).
BOARD_CARD_FIELDS = ("title", "stage", "answered_at", "answer_due_at", "stage_changed_at", "unit__name", "coach__name")


def pipeline_board(*, qs: QuerySet, counts: dict[str, int] | None = None) -> list[dict]:
    """Columns for the board: each stage with its count and its most recent ideas, read with only what a card
    shows (whole ideas with their unit and coach took two thirds of the board's time)."""
    counts = stage_counts(qs=qs) if counts is None else counts
    columns = []
    for stage in (*lock.ROUTE, *lock.END_STATES):
        cards = list(
            qs.filter(stage=stage)
            .select_related(None)
            .select_related("unit", "coach")
            .only(*BOARD_CARD_FIELDS)
            .order_by("-stage_changed_at", "-pk")[:BOARD_CARDS]
        )
        columns.append({"stage": stage, "label": Stage(stage).label, "count": counts.get(stage, 0), "ideas": cards})
    return columns


def idea_counts(*, qs: QuerySet, now: datetime | None = None, overdue: bool = True) -> dict[str, int]:
    """How many ideas, waiting for an answer, past their answer date (unless ``overdue`` is false: the only figure
    that changes by the clock alone), in pilot and implemented or spreading."""
    figures = {
        "total": Count("pk"),
        "waiting": Count("pk", filter=Q(stage=Stage.IDEA, answered_at__isnull=True)),
        "pilots": Count("pk", filter=Q(stage=Stage.PILOT)),
        "implemented": Count("pk", filter=Q(stage__in=(Stage.IMPLEMENTATION, Stage.SPREAD))),
    }
    if overdue:
        due = Q(stage=Stage.IDEA, answered_at__isnull=True, answer_due_at__lt=now or timezone.now())
        figures["overdue"] = Count("pk", filter=due)
    return qs.aggregate(**figures)


def innovation_counts(*, unit: Unit | None = None, start: datetime, end: datetime) -> dict[str, int]:
    """How many realised changes count as innovations and how many as improvements (M1).

    Stable for a past period: an idea is counted by its latest assessment made before
    ``end``, if that assessment falls in [start, end). ``unassessed`` counts ideas that had
    reached implementation before ``end`` but had no assessment by then.
    """
    ideas = Idea.objects.all() if unit is None else Idea.objects.in_subtree(unit)
    latest = Assessment.objects.filter(idea=OuterRef("pk"), assessed_at__lt=end).order_by("-assessed_at", "-pk")
    implemented = GateDecision.objects.filter(idea=OuterRef("pk"), to_stage=Stage.IMPLEMENTATION, decided_at__lt=end)
    annotated = ideas.annotate(
        latest_at=Subquery(latest.values("assessed_at")[:1]),
        latest_is=Subquery(latest.values("is_innovation")[:1]),
        implemented=Exists(implemented),
    )
    result = annotated.aggregate(
        innovations=Count("pk", filter=Q(latest_at__gte=start, latest_is=True)),
        improvements=Count("pk", filter=Q(latest_at__gte=start, latest_is=False)),
        unassessed=Count("pk", filter=Q(latest_at__isnull=True, implemented=True)),
    )
    return result


def _stage_spans(idea: Idea, now: datetime) -> tuple[dict[str, timedelta], str | None]:
    """Time in each stage, and the stage whose time still grows (None once closed)."""
    spans: dict[str, timedelta] = {}
    stage: str
    entered, stage = idea.created_at, Stage.IDEA
    for decision in idea.decisions.all():
        spans[stage] = spans.get(stage, timedelta()) + (decision.decided_at - entered)
        entered, stage = decision.decided_at, decision.to_stage
    if stage in lock.ROUTE or stage == Stage.PARKED:
        spans[stage] = spans.get(stage, timedelta()) + (now - entered)
        return spans, stage
    return spans, None


def stage_durations_turn(idea: Idea, now: datetime) -> tuple[datetime, datetime] | None:
    """When the days in the idea's current stage last went up by one, and when they next will (None once closed)."""
    spans, growing = _stage_spans(idea, now)
    if growing is None:
        return None
    past = spans[growing] - timedelta(days=spans[growing].days)
    return now - past, now - past + timedelta(days=1)


def stage_durations(idea: Idea, now: datetime | None = None) -> list[dict]:
    """Days the idea spent in each stage, from its decisions (uses prefetched decisions)."""
    now = now or timezone.now()
    spans, _growing = _stage_spans(idea, now)
    return [
        {"stage": s, "label": Stage(s).label, "days": spans[s].days} for s in (*lock.ROUTE, Stage.PARKED) if s in spans
    ]


def median_days_in_stage(*, qs: QuerySet) -> dict[str, float | None]:
    result: dict[str, float | None] = {}
    ideas = qs.prefetch_related("decisions")
    per_stage: dict[str, list[int]] = {}
    for idea in ideas:
        for span in stage_durations(idea):
            per_stage.setdefault(span["stage"], []).append(span["days"])
    for stage in lock.ROUTE:
        values = per_stage.get(stage)
        result[stage] = median(values) if values else None
    return result


#: Ideas whose words are read for a spelling suggestion, at most.
SUGGESTION_SOURCES = 300


def spelling_suggestion(*, user: User | AnonymousUser, q: str) -> str | None:
    """The search with each word no readable idea has replaced by the nearest word they do have, if any.

    The words come from the titles and problems of ideas the person may read that share a
    word's first three letters (one query); the nearest is the closest by ``difflib``'s ratio.
    """
    tokens = [word.lower() for word in WORD.findall(q)]
    unknown = [word for word in words(q) if len(word) >= 4]
    if not unknown:
        return None
    visible = Idea.objects.visible_to(user)
    texts = (
        matching_any(visible, [(word[:3], True) for word in unknown])
        .order_by("-created_at")
        .values_list("title", "problem")[:SUGGESTION_SOURCES]
    )
    vocabulary = sorted({word for title, problem in texts for word in words(f"{title} {problem}")})
    known = {stem(word) for word in vocabulary}
    changed = False
    for position, token in enumerate(tokens):
        if token in unknown and stem(token) not in known:
            nearest = difflib.get_close_matches(token, vocabulary, n=1, cutoff=0.8)
            if nearest:
                tokens[position], changed = nearest[0], True
    return " ".join(tokens) if changed else None


#: Ideas fetched to rank at most: the rarest terms' ideas first (see docs/adr/0017-similar-ideas-ranking.md).
SIMILAR_CANDIDATES = 200


def similar_ideas(
    *, user: User, text: str = "", title: str = "", exclude: int | None = None, limit: int = 5
) -> list[Idea]:
    """Ideas this person may read that are like the one being written, most alike first.

    Three queries whatever the number of ideas: how many visible ideas hold each of the new
    idea's stems (for their IDF), the stems of the ideas holding the rarest of them (ranked in
    ``ideas.similarity``), and the few shown. An idea below ``similarity.MIN_SCORE`` is not shown.
    """
    if len((title + text).strip()) < 3:
        return []
    terms = similarity.query_terms(title=title, text=text)
    if not terms:
        return []
    visible = Idea.objects.visible_to(user)
    if exclude:
        visible = visible.exclude(pk=exclude)
    total, frequencies = document_frequencies(visible, [(t.stem, t.prefix) for t in terms], cap=similarity.COUNT_CAP)
    known = [(term, df) for term, df in zip(terms, frequencies, strict=True) if df]
    if not known:
        return []
    weights = {term.stem: term.weight * similarity.idf(total, df) for term, df in known}
    # The rarest terms find the candidates; a common term only adds to the score of ideas they found.
    lookup: list[tuple[str, bool]] = []
    reach = 0
    for term, df in sorted(known, key=lambda pair: pair[1]):
        if lookup and reach + df > SIMILAR_CANDIDATES:
            break
        lookup.append((term.stem, term.prefix))
        reach += df
    candidates = matching_any(visible, lookup).order_by("-created_at").values_list("pk", "title", "search_stems")
    scored = [
        (similarity.score(terms=terms, weights=weights, title=title, stems=stems), pk)
        for pk, title, stems in candidates[:SIMILAR_CANDIDATES]
    ]
    best = [pk for score, pk in sorted(scored, key=lambda pair: -pair[0]) if score >= similarity.MIN_SCORE][:limit]
    if not best:
        return []
    shown = Idea.objects.select_related("unit").in_bulk(best)
    return [shown[pk] for pk in best]


def lessons_of(idea: Idea) -> list[Lesson]:
    """What helped and blocked an idea, from the decisions that closed it or moved it to spread, oldest first.

    For the good example made from the idea: its page shows them to whoever may read the example.
    """
    return list(
        Lesson.objects.filter(decision__idea_id=idea.pk)
        .select_related("decision")
        .order_by("decision__decided_at", "decision_id", "pk")
    )


def first_lesson_year() -> int | None:
    """The year of the first decision with lessons: the lessons view offers the years from it on."""
    first = Lesson.objects.aggregate(first=Min("decision__decided_at"))["first"]
    return timezone.localtime(first, CITY_TIME_ZONE).year if first else None


def lessons_in(
    *, user: User, unit: Unit | None = None, start: datetime | None = None, end: datetime | None = None
) -> QuerySet[Lesson]:
    """The lessons of the ideas this person may read, decided from ``start`` up to ``end``, in a unit's subtree."""
    qs = Lesson.objects.all()
    readable = visible_ideas_filter(user)
    if readable:
        qs = qs.filter(decision__idea__in=Idea.objects.filter(readable).values("pk"))
    if unit is not None:
        qs = qs.filter(decision__idea__unit__path__startswith=unit.path)
    if start is not None:
        qs = qs.filter(decision__decided_at__gte=start)
    if end is not None:
        qs = qs.filter(decision__decided_at__lt=end)
    return qs


@dataclass(frozen=True)
class FactorCount:
    factor: str
    label: str
    helped: int
    blocked: int

    @property
    def total(self) -> int:
        return self.helped + self.blocked


def lesson_counts(qs: QuerySet[Lesson]) -> list[FactorCount]:
    """How often each factor helped and blocked, every factor listed, the most often named first (one query)."""
    rows: dict[str, Any] = {
        row["factor"]: row
        for row in qs.order_by()
        .values("factor")
        .annotate(
            helped=Count("pk", filter=Q(effect=Effect.HELPED)),
            blocked=Count("pk", filter=Q(effect=Effect.BLOCKED)),
        )
    }
    counts = [
        FactorCount(
            factor=f.value,
            label=str(f.label),
            helped=rows.get(f.value, {}).get("helped", 0),
            blocked=rows.get(f.value, {}).get("blocked", 0),
        )
        for f in Factor
    ]
    # A stable sort: factors named equally often keep the list's order.
    return sorted(counts, key=lambda c: -c.total)


def lessons_behind(qs: QuerySet[Lesson], *, factor: str, effect: str = "") -> QuerySet[Lesson]:
    """The lessons naming ``factor`` (that helped or blocked, or both), with their ideas, the newest first."""
    qs = qs.filter(factor=factor)
    if effect:
        qs = qs.filter(effect=effect)
    return qs.select_related("decision__idea__unit").order_by("-decision__decided_at", "-pk")
