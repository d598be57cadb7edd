"""Reads for calls, applications and juries: lists, the juror's view, the ranking, results and figures."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from django.db.models import Count, DecimalField, Exists, F, OuterRef, Prefetch, Q, QuerySet, Sum
from django.utils import timezone

from calls.models import Application, Assignment, Call, Conflict, Decision, Juror, Score, Status
from calls.rules import is_programme_office, same_organisation
from calls.services import DISAGREEMENT_SHARE
from ideas.lock import Stage
from ideas.models import Idea
from organisation.models import Unit, User


def calls_for(*, user: User, now: datetime | None = None) -> QuerySet:
    """Published calls for everyone; every call for the office. Open ones first, then by deadline."""
    qs = Call.objects.annotate(
        n_applications=Count("applications", filter=~Q(applications__status__in=(Status.DRAFT, Status.WITHDRAWN)))
    )
    if not is_programme_office(user):
        qs = qs.filter(published=True)
    return qs.order_by("-closes_at")


def open_calls(*, now: datetime | None = None) -> QuerySet:
    now = now or timezone.now()
    return Call.objects.filter(published=True, opens_at__lte=now, closes_at__gt=now).order_by("closes_at")


def applications_of(*, user: User) -> QuerySet:
    return Application.objects.filter(applicant=user).select_related("call", "decision").order_by("-created_at")


def call_applications(*, call: Call, status: str = "") -> QuerySet:
    """The office's list of a call's applications (drafts stay the applicant's own)."""
    qs = call.applications.exclude(status=Status.DRAFT).select_related("applicant", "unit", "category")
    if status:
        qs = qs.filter(status=status)
    return qs.annotate(
        n_assigned=Count("assignments", distinct=True),
        n_scored=Count("assignments", filter=Q(assignments__submitted_at__isnull=False), distinct=True),
    ).order_by("submitted_at", "pk")


def juror_applications(*, user: User, call: Call) -> list[Application]:
    """What a juror has to score in a call: their assignments, never an application they are recused from."""
    apps = (
        Application.objects.filter(call=call, assignments__juror=user)
        .select_related("applicant__unit", "unit", "category", "call")
        .annotate(
            submitted=Exists(
                Assignment.objects.filter(application=OuterRef("pk"), juror=user, submitted_at__isnull=False)
            ),
            declared=Exists(Conflict.objects.filter(application=OuterRef("pk"), juror=user)),
        )
        .order_by("pk")
    )
    # The same test as calls.rules.is_recused, in one query for the whole list.
    return [
        application
        for application in apps
        if not (application.declared or same_organisation(user.unit, application.unit or application.applicant.unit))
    ]


def recusals(*, call: Call) -> dict[int, set[int]]:
    """Juror id → the application ids they are recused from (own organisation or declared conflict)."""
    jurors = list(Juror.objects.filter(call=call).select_related("user__unit"))
    applications = list(call.applications.exclude(status=Status.DRAFT).select_related("unit", "applicant__unit"))
    declared: dict[int, set[int]] = {}
    for application_id, juror_id in Conflict.objects.filter(application__call=call).values_list(
        "application_id", "juror_id"
    ):
        declared.setdefault(juror_id, set()).add(application_id)
    result: dict[int, set[int]] = {}
    for seat in jurors:
        out = set(declared.get(seat.user_id, set()))
        out |= {
            application.pk
            for application in applications
            if same_organisation(seat.user.unit, application.unit or application.applicant.unit)
        }
        result[seat.user_id] = out
    return result


@dataclass
class JurorTotal:
    juror: User
    total: Decimal
    per_criterion: dict[int, Score]


@dataclass
class Ranked:
    application: Application
    mean: Decimal | None
    jurors: list[JurorTotal] = field(default_factory=list)
    spread: Decimal | None = None
    disagreement: bool = False
    pending: int = 0


def weighted_total(scores: list[Score], weights: dict[int, Decimal]) -> Decimal:
    total_weight = sum((weights[s.criterion_id] for s in scores), Decimal(0))
    if not total_weight:
        return Decimal(0)
    return (sum((s.value * weights[s.criterion_id] for s in scores), Decimal(0)) / total_weight).quantize(
        Decimal("0.01")
    )


def _ranked(application: Application, totals: list[JurorTotal], pending: int, scale: Decimal) -> Ranked:
    mean = (sum((t.total for t in totals), Decimal(0)) / len(totals)).quantize(Decimal("0.01")) if totals else None
    spread = (max(t.total for t in totals) - min(t.total for t in totals)) if len(totals) > 1 else None
    return Ranked(
        application=application,
        mean=mean,
        jurors=totals,
        spread=spread,
        disagreement=spread is not None and scale > 0 and spread > scale * DISAGREEMENT_SHARE,
        pending=pending,
    )


def ranking(*, call: Call, only: Application | None = None) -> list[Ranked]:
    """Applications with the jury (or decided), by the weighted mean of the submitted scores, best first.

    Large disagreement is flagged when two jurors' weighted totals are further apart than a
    quarter of the scale. Each juror's weighted total is summed in the database, so a call of
    several hundred applications is ranked without loading every score; ``only`` ranks one
    application with every score (``JurorTotal.per_criterion``), for its decision page.
    """
    weights = {c.pk: c.weight for c in call.criteria.all()}
    scale = Decimal(call.scale_max - call.scale_min)
    applications = call.applications.filter(
        status__in=(Status.IN_REVIEW, Status.GRANTED, Status.REJECTED)
    ).select_related("applicant", "unit", "category")
    decided = {d.application_id: d for d in Decision.objects.filter(application__call=call)}
    if only is not None:
        rows = []
        for application in applications.filter(pk=only.pk).prefetch_related(
            Prefetch("assignments", queryset=Assignment.objects.select_related("juror").prefetch_related("scores"))
        ):
            application.decided = decided.get(application.pk)  # type: ignore[attr-defined]
            totals, pending = [], 0
            for assignment in application.assignments.all():
                if assignment.submitted_at is None:
                    pending += 1
                    continue
                scores = list(assignment.scores.all())
                totals.append(
                    JurorTotal(
                        juror=assignment.juror,
                        total=weighted_total(scores, weights),
                        per_criterion={s.criterion_id: s for s in scores},
                    )
                )
            rows.append(_ranked(application, totals, pending, scale))
        return rows
    sums = (
        Score.objects.filter(assignment__application__call=call, assignment__submitted_at__isnull=False)
        .values("assignment__application_id", "assignment__juror_id")
        .annotate(
            weighted=Sum(
                F("value") * F("criterion__weight"), output_field=DecimalField(max_digits=14, decimal_places=4)
            ),
            weight=Sum("criterion__weight"),
        )
        .order_by()
    )
    pending_by = dict(
        Assignment.objects.filter(application__call=call, submitted_at__isnull=True)
        .values_list("application_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    per_application: dict[int, list[tuple[int, Decimal]]] = {}
    for row in sums:
        if row["weight"]:
            total = (Decimal(row["weighted"]) / Decimal(row["weight"])).quantize(Decimal("0.01"))
            per_application.setdefault(row["assignment__application_id"], []).append(
                (row["assignment__juror_id"], total)
            )
    jurors = User.objects.in_bulk({juror_id for pairs in per_application.values() for juror_id, _t in pairs})
    rows = []
    for application in applications:
        application.decided = decided.get(application.pk)  # type: ignore[attr-defined]
        totals = [
            JurorTotal(juror=jurors[juror_id], total=total, per_criterion={})
            for juror_id, total in sorted(per_application.get(application.pk, []), key=lambda pair: pair[0])
        ]
        rows.append(_ranked(application, totals, pending_by.get(application.pk, 0), scale))
    rows.sort(key=lambda r: (r.mean is None, -(r.mean or 0), r.application.pk))
    return rows


def others_scores(*, application: Application, juror: User) -> list[Assignment]:
    """The other jurors' submitted scores, shown to a juror only once their own are submitted."""
    own = Assignment.objects.filter(application=application, juror=juror).first()
    if own is None or own.submitted_at is None:
        return []
    return list(
        Assignment.objects.filter(application=application, submitted_at__isnull=False)
        .exclude(juror=juror)
        .select_related("juror")
        .prefetch_related("scores__criterion")
    )


def public_record(*, call: Call) -> list[Application]:
    """Once the results are published: every decided application with its decision, scores and recusals."""
    if call.results_published_at is None:
        return []
    return list(
        call.applications.filter(status__in=(Status.GRANTED, Status.REJECTED))
        .select_related("decision__decided_by", "unit", "category", "applicant")
        .prefetch_related(
            Prefetch(
                "assignments",
                queryset=Assignment.objects.filter(submitted_at__isnull=False)
                .select_related("juror")
                .prefetch_related("scores__criterion"),
            ),
            Prefetch("conflicts", queryset=Conflict.objects.select_related("juror")),
        )
        .order_by("-status", "-granted_amount", "title")
    )


def funding_figures(*, year: int | None = None, unit: Unit | None = None) -> dict:
    """Per call and in all: applications, granted amounts, and the share of ideas in the lock that got funding.

    For the governance indicators (M7) and the calls' own pages.
    """
    calls = Call.objects.filter(published=True)
    if year is not None:
        calls = calls.filter(year=year)
    applications = Application.objects.filter(call__in=calls).exclude(status__in=(Status.DRAFT, Status.WITHDRAWN))
    if unit is not None:
        applications = applications.filter(
            Q(unit__path__startswith=unit.path) | Q(idea__unit__path__startswith=unit.path)
        )
    per_call = list(
        calls.annotate(
            applications_count=Count("applications", filter=Q(applications__in=applications)),
            granted_count=Count(
                "applications", filter=Q(applications__in=applications, applications__status=Status.GRANTED)
            ),
            granted_sum=Sum("applications__granted_amount", filter=Q(applications__in=applications)),
        ).order_by("-year", "programme")
    )
    in_lock = Idea.objects.exclude(stage__in=(Stage.CLOSED,))
    if unit is not None:
        in_lock = in_lock.filter(unit__path__startswith=unit.path)
    funded = in_lock.filter(applications__status=Status.GRANTED, applications__call__in=calls).distinct().count()
    lock_total = in_lock.filter(stage__in=(Stage.PRESTUDY, Stage.PILOT, Stage.IMPLEMENTATION, Stage.SPREAD)).count()
    return {
        "calls": per_call,
        "applications": applications.count(),
        "granted": applications.filter(status=Status.GRANTED).count(),
        "granted_sum": applications.aggregate(s=Sum("granted_amount"))["s"] or Decimal(0),
        "funded_ideas": funded,
        "ideas_in_lock": lock_total,
        "funded_share": (Decimal(funded) * 100 / lock_total).quantize(Decimal("0.1")) if lock_total else None,
    }


def published_calls(
    *, open_now: bool | None = None, programme: str = "", year: int | None = None, now: datetime | None = None
) -> QuerySet:
    """Published calls, latest deadline first: all of them, only those open now, or only those that are not."""
    now = now or timezone.now()
    qs = Call.objects.filter(published=True)
    open_q = Q(opens_at__lte=now, closes_at__gt=now)
    if open_now is True:
        qs = qs.filter(open_q)
    elif open_now is False:
        qs = qs.exclude(open_q)
    if programme:
        qs = qs.filter(programme=programme)
    if year is not None:
        qs = qs.filter(year=year)
    return qs.order_by("-closes_at", "-pk")


def applications_visible_to(*, user: User, call_id: int | None = None, status: str = "") -> QuerySet:
    """A person's own applications; the programme office also every application past its draft."""
    qs = Application.objects.select_related("call", "unit", "category", "applicant", "decision")
    if is_programme_office(user):
        qs = qs.filter(Q(applicant=user) | ~Q(status=Status.DRAFT))
    else:
        qs = qs.filter(applicant=user)
    if call_id is not None:
        qs = qs.filter(call_id=call_id)
    if status:
        qs = qs.filter(status=status)
    return qs.prefetch_related("budget_lines").order_by("-created_at", "-pk")


def application_detail(*, user: User, pk: int) -> Application | None:
    """One application with what its page shows, or None when this person may not read it."""
    application = (
        Application.objects.select_related("call", "unit", "category", "applicant__unit", "decision")
        .prefetch_related("budget_lines")
        .filter(pk=pk)
        .first()
    )
    if application is None or not user.has_perm("calls.view_application", application):
        return None
    return application
