"""Reading a closed round's results for one group: only ``GroupResult`` rows, never a count of answers.

Every figure comes from the row the anonymity rules kept for exactly that group (``surveys.results.compute``): a
group with no row (a unit outside the round, a version the round did not use, a version asked for when the round had
only one) shows nothing at all. The one thing read from the answers themselves is the free text of a group whose
text row says ``texts_shown``, in the order of the answers' random keys. Who answered is counted from the invitations:
response rates are not secret, answers are.

Each read makes a fixed number of queries, whatever the round's size.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from governance.charts import BarChart, LineChart, bar_chart, line_chart
from organisation.models import ORGANISATION_KINDS, Unit, UnitKind
from surveys.models import (
    GroupResult,
    Invitation,
    Question,
    QuestionKind,
    QuestionnaireVersion,
    ResultStatus,
    ResultText,
    Round,
    RoundState,
    Scope,
    Theme,
)
from surveys.rules import answered_shown

#: Free-text answers per page.
TEXTS_PER_PAGE = 10
#: The labels of a distribution's bars: "don't know", then the scores.
SCORE_LABELS = (_("Don't know"), "1", "2", "3", "4", "5")


# --- the group asked for -----------------------------------------------------------------------


@dataclass(frozen=True)
class GroupFilter:
    scope: str
    kind: str = ""
    unit_id: int | None = None
    version_id: int | None = None

    @property
    def group_param(self) -> str:
        if self.scope == Scope.KIND:
            return f"kind:{self.kind}"
        if self.scope == Scope.UNIT:
            return f"unit:{self.unit_id}"
        return "city"

    def query(self, *, version: bool = True) -> str:
        q = f"group={self.group_param}"
        if version and self.version_id is not None:
            q += f"&version={self.version_id}"
        return q

    @property
    def query_all_versions(self) -> str:
        return self.query(version=False)


CITY = GroupFilter(Scope.CITY)


def parse_group(group: str | None, version: str | None = None) -> GroupFilter | None:
    """``city``, ``kind:<kind>`` or ``unit:<unit pk>``, and perhaps a version's pk; ``None`` when it is neither
    (a crafted filter: it shows that there are no results for it)."""
    version_id: int | None = None
    if version not in (None, ""):
        if not str(version).isdigit() or len(str(version)) > 12:
            return None
        version_id = int(str(version))
    group = (group or "city").strip()
    if group == "city":
        return GroupFilter(Scope.CITY, version_id=version_id)
    prefix, _sep, rest = group.partition(":")
    if prefix == "kind" and rest in ORGANISATION_KINDS:
        return GroupFilter(Scope.KIND, kind=rest, version_id=version_id)
    if prefix == "unit" and rest.isdigit() and len(rest) <= 12:
        return GroupFilter(Scope.UNIT, unit_id=int(rest), version_id=version_id)
    return None


def _rows_of(round_: Round, group: GroupFilter):
    return GroupResult.objects.filter(
        round=round_, scope=group.scope, kind=group.kind, unit=group.unit_id, version=group.version_id
    )


class Counted:
    """A list of known length for the paginator, so that it does not count the rows again."""

    def __init__(self, rows, count: int) -> None:
        self.rows, self.n = rows, count

    def count(self) -> int:
        return self.n

    def __len__(self) -> int:
        return self.n

    def __getitem__(self, index):
        return self.rows[index]


def _texts_of(round_: Round, group: GroupFilter, unit: Unit | None, key: str):
    texts = ResultText.objects.filter(round=round_, question_key=key)
    if group.scope == Scope.KIND:
        texts = texts.filter(kind=group.kind)
    elif group.scope == Scope.UNIT:
        texts = texts.filter(unit_path__startswith=unit.path if unit else "\x00")
    if group.version_id is not None:
        texts = texts.filter(version_id=group.version_id)
    return texts


# --- rounds ------------------------------------------------------------------------------------


def closed_rounds():
    """The rounds whose results have been worked out, newest first."""
    return (
        Round.objects.filter(state=RoundState.CLOSED, results_at__isnull=False)
        .select_related("questionnaire")
        .order_by("-year", "-closed_at", "-pk")
    )


def closed_round(pk: int) -> Round | None:
    return closed_rounds().filter(pk=pk).first()


def versions_used(round_: Round) -> list[QuestionnaireVersion]:
    """The versions the round's answers were given to, when there were several (each has rows of its own)."""
    ids = (
        GroupResult.objects.filter(round=round_, version__isnull=False)
        .order_by()
        .values_list("version_id", flat=True)
        .distinct()
    )
    return list(QuestionnaireVersion.objects.filter(pk__in=ids).order_by("number"))


# --- one group's results -----------------------------------------------------------------------


@dataclass
class Item:
    question: Question
    row: GroupResult | None

    @property
    def status(self) -> str:
        return self.row.status if self.row else ""

    @property
    def shown(self) -> bool:
        return bool(self.row and self.row.status == ResultStatus.SHOWN)

    @property
    def mean(self) -> float | None:
        return self.row.mean if self.shown and self.row else None

    @property
    def scored(self) -> int | None:
        return self.row.scored if self.shown and self.row else None

    @property
    def distribution(self) -> list[int] | None:
        return self.row.distribution if self.shown and self.row else None

    @property
    def dont_know(self) -> int | None:
        return self.distribution[0] if self.distribution else None

    @property
    def chart(self) -> BarChart | None:
        if not self.distribution:
            return None
        items = [(str(label), n, None) for label, n in zip(SCORE_LABELS, self.distribution, strict=True)]
        return bar_chart(items, width=560, label_width=90, sort=False, whole=True)  # type: ignore[arg-type]

    @property
    def texts_shown(self) -> bool:
        return bool(self.row and self.row.texts_shown)

    @property
    def why(self) -> str:
        """One line on why nothing is shown."""
        if self.row is None:
            return str(_("Nobody in this group answered this question."))
        if self.row.status == ResultStatus.TOO_FEW:
            return str(
                _("Results are shown only for groups where enough people answered, so nobody can be singled out.")
            )
        if self.row.status == ResultStatus.PROTECTED:
            return str(
                _(
                    "Showing it beside the other results would let someone work out the answers of a smaller group "
                    "by subtracting one result from another."
                )
            )
        return ""


@dataclass
class ThemeBlock:
    theme: str
    label: str
    items: list[Item]

    @property
    def mean(self) -> float | None:
        """The theme's mean of its questions' means: only where every question of it is shown."""
        scale = [i for i in self.items if i.question.kind == QuestionKind.SCALE]
        if not scale or not all(i.shown and i.mean is not None for i in scale):
            return None
        return sum(i.mean for i in scale if i.mean is not None) / len(scale)

    @property
    def is_scale(self) -> bool:
        return any(i.question.kind == QuestionKind.SCALE for i in self.items)


@dataclass
class Child:
    unit: Unit
    status: str
    linked: bool
    invited: int = 0
    #: None where fewer were invited than results need (``surveys.rules.answered_shown``).
    answered: int | None = 0

    @property
    def rate(self) -> float | None:
        return self.answered * 100 / self.invited if self.invited and self.answered is not None else None


@dataclass
class TextList:
    question: Question
    page: Page
    param: str


@dataclass
class Trend:
    rounds: list[Round]
    #: (question, [mean or status per round])
    rows: list[tuple[Question, list[GroupResult | None]]]

    @property
    def charts(self) -> list[tuple[Question, LineChart]]:
        """A small line chart per question over the rounds, on the scale 1–5; a round whose result is not shown is a
        gap in the line, never a value. The figures are those of the trend's table."""
        return [
            (
                question,
                line_chart(
                    [
                        (str(r.year), row.mean if row is not None and row.status == ResultStatus.SHOWN else None)
                        for r, row in zip(self.rounds, cells, strict=True)
                    ],
                    width=300,
                    height=170,
                    scale=(1, 5),
                ),
            )
            for question, cells in self.rows
        ]


@dataclass
class GroupResults:
    round: Round
    group: GroupFilter
    #: False for a group with no results at all (a crafted or empty filter): nothing else is filled in.
    found: bool
    unit: Unit | None = None
    #: The unit one level up from a unit's page (below the whole city, which is always offered).
    parent: Unit | None = None
    label: str = ""
    versions: list[QuestionnaireVersion] = field(default_factory=list)
    themes: list[ThemeBlock] = field(default_factory=list)
    #: The kinds of organisation side by side: (question, [row per kind]).
    kinds: list[str] = field(default_factory=list)
    comparison: list[tuple[Question, list[GroupResult | None]]] = field(default_factory=list)
    children: list[Child] = field(default_factory=list)
    invited: int = 0
    #: None where fewer were invited than results need (``surveys.rules.answered_shown``).
    answered: int | None = 0
    trend: Trend | None = None
    texts: list[TextList] = field(default_factory=list)

    @property
    def rate(self) -> float | None:
        return self.answered * 100 / self.invited if self.invited and self.answered is not None else None

    @property
    def kind_labels(self) -> list[str]:
        return [str(UnitKind(k).label) for k in self.kinds]

    @property
    def texts_by_key(self) -> dict[str, TextList]:
        return {t.param: t for t in self.texts}

    @property
    def kind_choices(self) -> list[tuple[str, str]]:
        return list(zip(self.kinds, self.kind_labels, strict=True))


def _questions(version_ids: list[int]) -> dict[str, Question]:
    """Each question key once, with its text from the newest version that asks it, in that version's order."""
    questions: dict[str, Question] = {}
    for q in (
        Question.objects.filter(version_id__in=version_ids)
        .select_related("version")
        .order_by("-version__number", "position")
    ):
        questions.setdefault(q.key, q)
    return questions


def group_heading(round_: Round, group: GroupFilter | None) -> tuple[bool, str]:
    """Whether the round has results for the group, and its name, in two small queries: what the page needs before it
    knows whether the rest is kept already (``surveys.results.views.results``)."""
    if group is None or not _rows_of(round_, group).exists():
        return False, ""
    unit = Unit.objects.filter(pk=group.unit_id).first() if group.unit_id else None
    if group.scope == Scope.UNIT and unit is None:
        return False, ""
    return True, group_label(group, unit)


def group_label(group: GroupFilter, unit: Unit | None) -> str:
    if group.scope == Scope.KIND:
        return str(UnitKind(group.kind).label)
    if group.scope == Scope.UNIT:
        return unit.name if unit else ""
    return str(_("The whole city"))


def _rates(round_: Round, units: list[Unit]) -> dict[int, tuple[int, int]]:
    """(invited, answered) for each of ``units`` and the units below it: kept when the round closed
    (``Round.response_counts``), or counted from the invitations."""
    per_path: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    counted = round_.response_counts
    if counted is None:
        counted = {
            path: [invited, answered]
            for path, invited, answered in Invitation.objects.filter(round=round_)
            .order_by()
            .values_list("unit__path")
            .annotate(n=Count("pk"), a=Count("pk", filter=Q(answered=True)))
        }
    # Each unit's counts go to it and to every unit above it: a path's prefixes, one step of the tree at a time.
    for path, (invited, answered) in counted.items():
        for end in range(Unit.steplen, len(path) + 1, Unit.steplen):
            per_path[path[:end]][0] += invited
            per_path[path[:end]][1] += answered
    return {unit.pk: (per_path[unit.path][0], per_path[unit.path][1]) for unit in units}


def group_results(
    round_: Round,
    group: GroupFilter | None,
    *,
    text_pages: Mapping[str, str | None] | None = None,
    texts: bool = True,
) -> GroupResults:
    """Everything the results page shows for one group, in a fixed number of queries (the free texts only with
    ``texts``)."""
    if group is None:
        return GroupResults(round=round_, group=CITY, found=False)
    rows = {r.question_key: r for r in _rows_of(round_, group)}
    if not rows:
        return GroupResults(round=round_, group=group, found=False)
    unit = Unit.objects.filter(pk=group.unit_id).first() if group.unit_id else None
    if group.scope == Scope.UNIT and unit is None:
        return GroupResults(round=round_, group=group, found=False)
    parent = None
    if unit is not None and unit.depth > 2:
        parent = Unit.objects.filter(path=unit.path[: -Unit.steplen]).first()
    versions = versions_used(round_)
    version_ids = [group.version_id] if group.version_id else ([v.pk for v in versions] or [round_.version_id])
    questions = _questions(version_ids)
    result = GroupResults(
        round=round_,
        group=group,
        found=True,
        unit=unit,
        parent=parent,
        label=group_label(group, unit),
        versions=versions,
    )
    by_theme: dict[str, list[Item]] = defaultdict(list)
    for key, question in questions.items():
        by_theme[question.theme].append(Item(question, rows.get(key)))
    result.themes = [
        ThemeBlock(theme, str(label), by_theme[theme]) for theme, label in Theme.choices if by_theme.get(theme)
    ]

    # The kinds of organisation side by side (on the city's and a kind's page; the others offer them to choose).
    kind_rows: dict[tuple[str, str], GroupResult] = {
        (r.kind, r.question_key): r
        for r in GroupResult.objects.filter(round=round_, scope=Scope.KIND, version_id=group.version_id)
    }
    result.kinds = [k for k in ORGANISATION_KINDS if any(kind == k for kind, _key in kind_rows)]
    if group.scope in (Scope.CITY, Scope.KIND):
        result.comparison = [
            (q, [kind_rows.get((k, q.key)) for k in result.kinds])
            for q in questions.values()
            if q.kind == QuestionKind.SCALE
        ]

    # The units below, with what they show and their response rates.
    if group.scope == Scope.UNIT and unit is not None:
        child_units = list(Unit.objects.filter(path__startswith=unit.path, depth=unit.depth + 1).order_by("name"))
    elif group.scope == Scope.KIND:
        child_units = list(Unit.objects.filter(kind=group.kind).order_by("name"))
    else:
        child_units = list(Unit.objects.filter(depth=2).order_by("name"))
    statuses: dict[str, set[str]] = defaultdict(set)
    for path, status in (
        GroupResult.objects.filter(round=round_, scope=Scope.UNIT, version_id=group.version_id)
        .order_by()
        .values_list("unit__path", "status")
        .distinct()
    ):
        statuses[path].add(status)
    root_unit = Unit.objects.get_first_root_node() if group.scope == Scope.CITY else None
    rates = _rates(round_, [*child_units, *([unit] if unit else []), *([root_unit] if root_unit else [])])
    for child in child_units:
        own = statuses.get(child.path, set())
        below = any(ResultStatus.SHOWN in s for p, s in statuses.items() if p.startswith(child.path))
        if ResultStatus.SHOWN in own:
            status = ResultStatus.SHOWN
        elif ResultStatus.PROTECTED in own:
            status = ResultStatus.PROTECTED
        elif own:
            status = ResultStatus.TOO_FEW
        else:
            status = ""
        invited, answered = rates.get(child.pk, (0, 0))
        result.children.append(Child(child, status, below, invited, answered_shown(invited, answered)))
    invited, answered = 0, 0
    if unit is not None:
        invited, answered = rates[unit.pk]
    elif group.scope == Scope.KIND:
        for child in child_units:
            invited += rates.get(child.pk, (0, 0))[0]
            answered += rates.get(child.pk, (0, 0))[1]
    elif root_unit is not None:
        invited, answered = rates[root_unit.pk]
    result.invited, result.answered = invited, answered_shown(invited, answered)

    result.trend = _trend(round_, group, questions)

    # The free texts, only where the group's text row says they may be shown, in the order drawn when the round closed.
    pages = text_pages or {}
    for key, question in questions.items() if texts else ():
        row = rows.get(key)
        if question.kind != QuestionKind.TEXT or row is None or not row.texts_shown:
            continue
        listed = _texts_of(round_, group, unit, key).order_by("pk").values_list("text", flat=True)
        known = Counted(listed, row.text_count) if row.text_count is not None else listed
        page = Paginator(known, TEXTS_PER_PAGE).get_page(pages.get(key))  # type: ignore[arg-type]
        result.texts.append(TextList(question, page, key))
    return result


def _trend(round_: Round, group: GroupFilter, questions: dict[str, Question]) -> Trend | None:
    """The group over the closed rounds of the same questionnaire put to the same people (target group and unit), on
    the question keys every one of them asked."""
    rounds = list(
        closed_rounds()
        .filter(questionnaire_id=round_.questionnaire_id, target_group=round_.target_group, unit_id=round_.unit_id)
        .defer("response_counts")
        .order_by("year", "closed_at")
    )
    if len(rounds) < 2:
        return None
    found = GroupResult.objects.filter(
        round__in=rounds, scope=group.scope, kind=group.kind, unit=group.unit_id, version__isnull=True
    ).only("round_id", "question_key", "status", "mean")  # what the trend shows: not the distributions
    by_round: dict[int, dict[str, GroupResult]] = defaultdict(dict)
    for r in found:
        by_round[r.round_id][r.question_key] = r
    # The keys each round's questionnaire version asked.
    version_of = {r.pk: r.version_id for r in rounds}
    keys_of: dict[int, set[str]] = defaultdict(set)
    for version_id, key in Question.objects.filter(version_id__in=set(version_of.values())).values_list(
        "version_id", "key"
    ):
        keys_of[version_id].add(key)
    asked = {pk: keys_of[v] for pk, v in version_of.items()}
    shared = [
        q for key, q in questions.items() if q.kind == QuestionKind.SCALE and all(key in asked[r.pk] for r in rounds)
    ]
    if not shared:
        return None
    return Trend(rounds=rounds, rows=[(q, [by_round[r.pk].get(q.key) for r in rounds]) for q in shared])
