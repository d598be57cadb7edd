"""Working out a closed round's results once: counted per the finest cell (the unit an answer counts for, the
questionnaire version, the kind of organisation), then per group, with the anonymity rules deciding what each group
shows (``surveys.anonymity``). Kept as ``GroupResult`` rows, so the results pages, exports, API and open data read
them and never count answers themselves."""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Hashable
from dataclasses import dataclass, field
from datetime import datetime

from django.db import connection, transaction
from django.db.models import Count, F, Q
from django.utils import timezone

from core.public_cache import model_written
from organisation.models import ORGANISATION_KINDS, Unit
from surveys.anonymity import Decision, Group, decide, min_answers, min_detail
from surveys.models import (
    GroupResult,
    Invitation,
    Question,
    QuestionKind,
    Response,
    ResultStatus,
    ResultText,
    Round,
    Scope,
)

#: A cell: (unit id, version id, kind of organisation).
Cell = tuple[int, int, str]


@dataclass
class Counts:
    """One question's counts in one cell."""

    #: How many answered "don't know", 1, 2, 3, 4 and 5.
    distribution: list[int] = field(default_factory=lambda: [0] * 6)
    texts: int = 0

    @property
    def scored(self) -> int:
        return sum(self.distribution[1:])

    @property
    def respondents(self) -> int:
        return sum(self.distribution)

    @property
    def total(self) -> int:
        return sum(i * n for i, n in enumerate(self.distribution))


@dataclass(frozen=True)
class GroupKey:
    scope: str
    kind: str = ""
    unit_id: int | None = None
    version_id: int | None = None


def groups_of(cells: list[Cell], units: dict[int, Unit], versions: list[int]) -> list[tuple[GroupKey, Group]]:
    """Every group the results could show, in the order the anonymity rules consider them: the city, the kinds of
    organisation, the units from the top down, and then the same for each version alone (when there are several)."""
    by_unit: dict[int, set[Cell]] = defaultdict(set)
    unit_by_path = {u.path: u for u in units.values()}
    for cell in cells:
        path = units[cell[0]].path
        for end in range(Unit.steplen, len(path) + 1, Unit.steplen):
            ancestor = unit_by_path.get(path[:end])
            if ancestor is not None:
                by_unit[ancestor.pk].add(cell)
    ordered_units = sorted(by_unit, key=lambda pk: (units[pk].depth, units[pk].path))
    kinds = [k for k in ORGANISATION_KINDS if any(c[2] == k for c in cells)]

    def build(version_id: int | None) -> list[tuple[GroupKey, Group]]:
        def keep(cs) -> frozenset[Cell]:
            return frozenset(c for c in cs if version_id is None or c[1] == version_id)

        out = [(GroupKey(Scope.CITY, version_id=version_id), keep(cells))]
        out += [
            (GroupKey(Scope.KIND, kind=k, version_id=version_id), keep(c for c in cells if c[2] == k)) for k in kinds
        ]
        out += [(GroupKey(Scope.UNIT, unit_id=pk, version_id=version_id), keep(by_unit[pk])) for pk in ordered_units]
        return [(key, Group(key, cs)) for key, cs in out if cs]

    groups = build(None)
    if len(versions) > 1:
        for version_id in versions:
            groups += build(version_id)
    return groups


@transaction.atomic
def results_compute(round_: Round, *, now: datetime | None = None) -> int:
    """Work out the round's results again from its answers; returns how many result rows are kept."""
    minimum = min_answers()
    detail = min_detail()
    counts: dict[str, dict[Cell, Counts]] = defaultdict(lambda: defaultdict(Counts))
    versions: set[int] = set()
    written: list[tuple[Cell, str, str]] = []
    for unit_id, version_id, kind, scores, texts in Response.objects.filter(round=round_).values_list(
        "unit_id", "version_id", "organisation_kind", "scores", "texts"
    ):
        cell = (unit_id, version_id, kind)
        versions.add(version_id)
        for key, score in scores.items():
            if 0 <= int(score) <= 5:
                counts[key][cell].distribution[int(score)] += 1
        for key, text in texts.items():
            if text:
                counts[key][cell].texts += 1
                written.append((cell, key, text))
    kinds_of_question = dict(
        Question.objects.filter(version__in=versions).values_list("key", "kind")
    )  # a key is the same kind in every version (a change of kind gives a new key)
    all_cells = sorted({cell for per_cell in counts.values() for cell in per_cell})
    unit_ids = {c[0] for c in all_cells}
    paths = {p for u in Unit.objects.filter(pk__in=unit_ids) for p in u.path_prefixes()}
    units = {u.pk: u for u in Unit.objects.filter(path__in=paths)}
    groups = groups_of(all_cells, units, sorted(versions))

    rows: list[GroupResult] = []
    for key, per_cell in counts.items():
        kind = kinds_of_question.get(key, QuestionKind.SCALE)
        question_groups = [(k, Group(g.key, frozenset(c for c in g.cells if c in per_cell))) for k, g in groups]
        question_groups = [(k, g) for k, g in question_groups if g.cells]
        ordered = [g for _, g in question_groups]
        if kind == QuestionKind.TEXT:
            shown = decide(ordered, {c: n.texts for c, n in per_cell.items()}, minimum=detail)
            detailed: dict[Hashable, Decision] = {}
        else:
            shown = decide(ordered, {c: n.scored for c, n in per_cell.items()}, minimum=minimum)
            detailed = decide(
                [g for g in ordered if shown[g.key] is Decision.SHOWN],
                {c: n.respondents for c, n in per_cell.items()},
                minimum=detail,
            )
        for group_key, group in question_groups:
            decision = shown[group.key]
            row = GroupResult(
                round=round_,
                scope=group_key.scope,
                kind=group_key.kind,
                unit_id=group_key.unit_id,
                version_id=group_key.version_id,
                question_key=key,
                status=ResultStatus(decision.value),
            )
            if decision is Decision.SHOWN:
                if kind == QuestionKind.TEXT:
                    row.texts_shown = True
                    row.text_count = sum(per_cell[member].texts for member in group.cells)  # type: ignore[index,misc]
                else:
                    total = Counts()
                    for member in group.cells:
                        for i, n in enumerate(per_cell[member].distribution):  # type: ignore[index]
                            total.distribution[i] += n
                    row.scored = total.scored
                    row.mean = round(total.total / total.scored, 4) if total.scored else None
                    if detailed.get(group.key) is Decision.SHOWN:
                        row.respondents = total.respondents
                        row.distribution = total.distribution
            rows.append(row)
    GroupResult.objects.filter(round=round_).delete()
    GroupResult.objects.bulk_create(rows, batch_size=2000)
    # The free texts in an order drawn at random, which their keys keep.
    random.SystemRandom().shuffle(written)
    ResultText.objects.filter(round=round_).delete()
    ResultText.objects.bulk_create(
        (
            ResultText(
                round=round_,
                question_key=key,
                unit_path=units[cell[0]].path,
                kind=cell[2],
                version_id=cell[1],
                text=text,
            )
            for cell, key, text in written
        ),
        batch_size=2000,
    )
    response_counts: dict[str, list[int]] = {}
    for path, invited, answered in (
        Invitation.objects.filter(round=round_)
        .order_by()
        .values_list("unit__path")
        .annotate(n=Count("pk"), a=Count("pk", filter=Q(answered=True)))
    ):
        response_counts[path] = [invited, answered]
    Round.objects.filter(pk=round_.pk).update(
        results_at=now or timezone.now(),
        response_counts=response_counts,
        answered_count=sum(a for _i, a in response_counts.values()),
    )
    model_written(GroupResult)
    transaction.on_commit(forget_order)
    return len(rows)


def forget_transactions(round_: Round) -> None:
    """On PostgreSQL, write every answer of the round anew in one statement, and then every invitation in another,
    each in a savepoint of its own. Every row keeps the transaction that wrote it (``xmin``), and an answer and its
    invitation marked answered were written in the same one; afterwards all the round's answers carry one
    transaction, all its invitations another, and nothing joins the two. (``forget_order`` then rewrites the tables
    in key order; ``CLUSTER`` keeps each row's ``xmin``.)"""
    if connection.vendor != "postgresql":
        return
    with transaction.atomic():
        Response.objects.filter(round=round_).update(version=F("version"))
    with transaction.atomic():
        Invitation.objects.filter(round=round_).update(answered=F("answered"))


def forget_order() -> None:
    """On PostgreSQL, rewrite the answers' and invitations' tables in key order: a table's rows otherwise lie in the
    order they were written, and an invitation marked answered is written anew, so the two orders could be matched.
    The answers' keys are drawn at random, so afterwards neither table's order says anything. (SQLite keeps the
    answers by their key from the start: migration 0002.)"""
    if connection.vendor != "postgresql":
        return
    with transaction.atomic(), connection.cursor() as cursor:
        # Checks of keys deferred to the end of a surrounding transaction would stop CLUSTER: make them now.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for table in (Response._meta.db_table, Invitation._meta.db_table):
            cursor.execute(f'CLUSTER "{table}" USING "{table}_pkey"')  # noqa: S608 (names from the models)
