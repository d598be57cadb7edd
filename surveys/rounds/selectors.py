"""Reads of the survey rounds and the questionnaire: the overview of rounds, one round, the response rate per unit
down the tree (counted from the invitations, never naming who answered), the questionnaire's versions and a
version's questions by theme. Each asks a fixed number of queries."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Case, Count, Exists, F, IntegerField, OuterRef, Q, QuerySet, Value, When

from organisation.models import Role, Unit, User
from surveys.anonymity import min_answers
from surveys.models import (
    Invitation,
    Question,
    Questionnaire,
    QuestionnaireVersion,
    Response,
    Round,
    RoundState,
    Theme,
)
from surveys.rules import answered_shown

#: The orders the overview can be sorted in.
ROUND_SORTS = {
    "newest": ("-year", "-opens_on", "-pk"),
    "oldest": ("year", "opens_on", "pk"),
    "name": ("name_sv", "pk"),
    "closes": ("closes_on", "pk"),
}


@dataclass
class RoundFilters:
    q: str = ""
    state: str = ""
    year: int | None = None
    sort: str = "newest"


def _answered_count() -> Case:
    """How many have answered: counted up as they send (``Round.answered_count``); none where fewer were invited than
    results need (``surveys.rules.answered_shown``)."""
    return Case(
        When(invited_count__gte=min_answers(), then=F("answered_count")),
        default=Value(None),
        output_field=IntegerField(),
    )


def visible_rounds(user: User) -> QuerySet[Round]:
    """Every round for the executive office; for the rest of the staff, those that have opened."""
    qs = Round.objects.all()
    if not user.has_perm("surveys.run_surveys"):
        qs = qs.exclude(state=RoundState.DRAFT)
    return qs


def round_list(*, user: User, filters: RoundFilters) -> QuerySet[Round]:
    """The rounds the person may see, searched by name, filtered by state and year, sorted; with answers counted."""
    qs = visible_rounds(user).select_related("unit", "version").annotate(answered=_answered_count())
    if filters.state:
        qs = qs.filter(state=filters.state)
    if filters.year:
        qs = qs.filter(year=filters.year)
    for word in filters.q.split()[:8]:
        qs = qs.filter(Q(name_sv__icontains=word) | Q(name_en__icontains=word))
    return qs.order_by(*ROUND_SORTS.get(filters.sort, ROUND_SORTS["newest"]))


def round_years(*, user: User) -> list[int]:
    return list(visible_rounds(user).order_by("-year").values_list("year", flat=True).distinct())


def round_detail(*, user: User, pk: int) -> Round | None:
    return (
        visible_rounds(user)
        .select_related("unit", "version", "questionnaire", "created_by")
        .annotate(answered=_answered_count())
        .filter(pk=pk)
        .first()
    )


@dataclass
class RateRow:
    """A unit's line in the response-rate table: those invited and those who answered in it and below it."""

    unit: Unit
    depth: int
    invited: int = 0
    #: None where fewer were invited than results need (``surveys.rules.answered_shown``).
    answered: int | None = 0

    @property
    def indent(self) -> str:
        """The class that sets the unit in under the one above it (by padding, so a long name wraps in line)."""
        return f"sprang-indent-{min(self.depth, 6)}"

    @property
    def percent(self) -> int | None:
        return round(100 * self.answered / self.invited) if self.invited and self.answered is not None else None


def _prefixes(path: str) -> list[str]:
    return [path[:end] for end in range(Unit.steplen, len(path) + 1, Unit.steplen)]


def response_rates(*, round_: Round, user: User) -> list[RateRow]:
    """Invited and answered per unit, summed up the tree, in the tree's order: every unit with someone invited in it
    or below it. The executive office sees the whole tree; a manager or innovation office the rows of the units they
    hold the role for and those below. Two queries."""
    counts = round_.response_counts  # kept when the round closed
    if counts is None:
        counts = {
            path: [n, a]
            for path, n, a in Invitation.objects.filter(round=round_)
            .order_by()
            .values_list("unit__path")
            .annotate(invited=Count("pk"), answered=Count("pk", filter=Q(answered=True)))
        }
    invited: dict[str, int] = defaultdict(int)
    answered: dict[str, int] = defaultdict(int)
    for path, (n, a) in counts.items():
        for prefix in _prefixes(path):
            invited[prefix] += n
            answered[prefix] += a
    if not invited:
        return []
    roots: list[str] | None = None  # None: every row
    if not user.has_perm("surveys.run_surveys"):
        paths = user.role_paths
        roots = paths.get(Role.MANAGER, []) + paths.get(Role.OFFICE, [])
    shown = [p for p in invited if roots is None or any(p.startswith(r) for r in roots)]
    if not shown:
        return []
    top = min(len(p) for p in shown)
    units = Unit.objects.filter(path__in=shown).order_by("path")
    return [
        RateRow(
            unit=u,
            depth=(len(u.path) - top) // Unit.steplen,
            invited=invited[u.path],
            answered=answered_shown(invited[u.path], answered[u.path]),
        )
        for u in units
    ]


# --- the questionnaire -----------------------------------------------------------------------------------------


def questionnaire_versions(questionnaire: Questionnaire) -> list[QuestionnaireVersion]:
    """The questionnaire's versions, newest first, each with its number of questions, whether it has answers and the
    rounds that use it (``version.round_list``)."""
    versions: list[QuestionnaireVersion] = list(
        questionnaire.versions.select_related("created_by")
        .annotate(
            question_count=Count("questions", distinct=True),
            has_answers=Exists(Response.objects.filter(version=OuterRef("pk"))),
        )
        .order_by("-number")
    )
    rounds = defaultdict(list)
    for round_ in Round.objects.filter(questionnaire=questionnaire).order_by("-year", "-opens_on", "pk"):
        rounds[round_.version_id].append(round_)
    for version in versions:
        version.round_list = rounds[version.pk]  # type: ignore[attr-defined]
    return versions


def version_detail(pk: int) -> QuestionnaireVersion | None:
    return (
        QuestionnaireVersion.objects.select_related("questionnaire", "created_by")
        .annotate(has_answers=Exists(Response.objects.filter(version=OuterRef("pk"))))
        .filter(pk=pk)
        .first()
    )


@dataclass
class ThemeGroup:
    theme: str
    label: str
    questions: list[Question] = field(default_factory=list)


def questions_by_theme(version: QuestionnaireVersion) -> list[ThemeGroup]:
    """The version's questions in the order asked, grouped by theme (success factors, capability areas, free text);
    each question knows whether it is the first and last of the version (``is_first``, ``is_last``)."""
    questions = list(version.questions.order_by("position"))
    groups = {value: ThemeGroup(value, str(label)) for value, label in Theme.choices}
    for i, question in enumerate(questions):
        question.is_first = i == 0  # type: ignore[attr-defined]
        question.is_last = i == len(questions) - 1  # type: ignore[attr-defined]
        groups[question.theme].questions.append(question)
    return [g for g in groups.values() if g.questions]


def version_rounds(version: QuestionnaireVersion) -> list[Round]:
    return list(Round.objects.filter(version=version).order_by("-year", "-opens_on", "pk"))
