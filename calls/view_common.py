"""What the pages of the office, the jurors and the chair share: one application, a juror's score sheet."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.http import Http404
from django.urls import reverse

from calls import selectors
from calls.models import Application, Criterion, Score
from organisation.models import User


def application_or_404(pk: int) -> Application:
    application = (
        Application.objects.select_related("call", "applicant__unit", "unit", "category", "idea")
        .prefetch_related("budget_lines")
        .filter(pk=pk)
        .first()
    )
    if application is None:
        raise Http404
    return application


def with_anchor(name: str, pk: int, anchor: str) -> str:
    """The URL of the named page of ``pk``, at the part of the page ``anchor`` names."""
    return f"{reverse(name, args=[pk])}#{anchor}"


@dataclass
class ScoreSheet:
    """One juror's scores on an application, criterion by criterion, with the weighted total."""

    juror: User
    total: Decimal | None
    lines: list[tuple[Criterion, Score | None]]


def score_sheet(juror: User, scores: list[Score], criteria: list[Criterion]) -> ScoreSheet:
    by_criterion = {s.criterion_id: s for s in scores}
    weights = {c.pk: c.weight for c in criteria}
    total = selectors.weighted_total(scores, weights) if scores else None
    return ScoreSheet(juror=juror, total=total, lines=[(c, by_criterion.get(c.pk)) for c in criteria])
