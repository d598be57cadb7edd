"""Reads for calls, applications and juries: lists, the juror's view, the ranking, results and figures."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import (
    Avg,
    Case,
    Count,
    DecimalField,
    Exists,
    F,
    Max,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from calls import policies
from calls.models import (
    JURY_ONLY_PROGRAMMES,
    Application,
    Assignment,
    Call,
    Category,
    Conflict,
    Decision,
    Juror,
    Programme,
    Score,
    Status,
)
from calls.policies import DISAGREEMENT_SHARE
from calls.rules import WITH_THE_JURY, is_programme_office, organisation_path
from core.city import CITY_TIME_ZONE
from ideas.lock import Stage
from ideas.models import Idea
from organisation.models import Unit, User


def calls_for(*, user: User | AnonymousUser, now: datetime | None = None) -> QuerySet:
    """Published calls for everyone; every call for the office. Open ones first, then by deadline."""
    # Another app's jury (a challenge's) is no call anyone applies to: it is reached from that app.
    qs = Call.objects.exclude(programme__in=JURY_ONLY_PROGRAMMES).annotate(
        n_applications=Count("applications", filter=~Q(applications__status__in=(Status.DRAFT, Status.WITHDRAWN)))
    )
    if not is_programme_office(user):
        qs = qs.filter(published=True)
    return qs.order_by("-closes_at", "-pk")  # a stable order across pages


def open_calls(*, now: datetime | None = None) -> QuerySet:
    now = now or timezone.now()
    return Call.objects.filter(published=True, opens_at__lte=now, closes_at__gt=now).order_by("closes_at")


def applications_of(*, user: User) -> QuerySet:
    return (
        Application.objects.filter(applicant=user)
        .exclude(call__programme__in=JURY_ONLY_PROGRAMMES)
        .select_related("call", "decision")
        .order_by("-created_at")
    )


def call_applications(*, call: Call, status: str = "") -> QuerySet:
    """The office's list of a call's applications (drafts stay the applicant's own)."""
    qs = call.applications.exclude(status=Status.DRAFT).select_related("applicant", "unit", "category")
    if status:
        qs = qs.filter(status=status)
    return qs.annotate(
        n_assigned=Count("assignments", distinct=True),
        n_scored=Count("assignments", filter=Q(assignments__submitted_at__isnull=False), distinct=True),
    ).order_by("submitted_at", "pk")


def juror_applications(*, user: User, call: Call, recused: Iterable[int] | None = None) -> QuerySet:
    """What a juror has in a call: their assignments with the jury or decided, never one they are recused
    from, in one ordered query (``submitted``: their scores are in). ``recused``: ``recused_ids`` for them,
    if already at hand."""
    if recused is None:
        recused = recused_ids(user=user, call=call)
    return (
        Application.objects.filter(call=call, assignments__juror=user, status__in=WITH_THE_JURY)
        .exclude(pk__in=list(recused))
        .select_related("applicant__unit", "unit", "category", "call")
        .annotate(
            submitted=Exists(
                Assignment.objects.filter(application=OuterRef("pk"), juror=user, submitted_at__isnull=False)
            )
        )
        .order_by("pk")
    )


def recusals(*, call: Call) -> dict[int, set[int]]:
    """Juror id → the application ids they are recused from (``recused_ids`` for each of the call's jurors)."""
    return {
        seat.user_id: recused_ids(user=seat.user, call=call)
        for seat in Juror.objects.filter(call=call).select_related("user__unit")
    }


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
    """A juror's weighted total of these scores (as kept on their assignment once submitted)."""
    return policies.weighted_total({s.criterion_id: s.value for s in scores}, weights)


def recused_ids(*, user: User, call: Call) -> set[int]:
    """The applications of the call one juror is recused from, found by the database.

    The same test as ``calls.rules.is_recused`` (a declared conflict, or the applicant's unit in
    the juror's organisation or above it), without loading every application of a large call.
    """
    declared = set(Conflict.objects.filter(application__call=call, juror=user).values_list("application_id", flat=True))
    declared |= set(call.applications.filter(applicant=user).values_list("pk", flat=True))
    own = organisation_path(user.unit)
    if not own:
        return declared
    prefixes = [own[:end] for end in range(Unit.steplen, len(own) + 1, Unit.steplen)]

    def same(path: str) -> Q:
        return Q(**{f"{path}__startswith": own}) | Q(**{f"{path}__in": prefixes})

    same_org = Q(unit__isnull=False) & same("unit__path") | same("applicant__unit__path")
    return declared | set(call.applications.exclude(status=Status.DRAFT).filter(same_org).values_list("pk", flat=True))


@dataclass(frozen=True)
class LeftOut:
    """What one person's ranking of a call leaves out (``ranking_left_out``)."""

    recused: frozenset[int] = frozenset()
    own_first: frozenset[int] = frozenset()

    @property
    def all(self) -> set[int]:
        return set(self.recused | self.own_first)


def ranking_left_out(*, call: Call, user: User) -> LeftOut:
    """What the ranking of a call leaves out for this person (ADR 0005), for the chair's pages and the API alike.

    - ``recused``: the applications they are recused from: nothing of them is shown, not the title, the
      scores or the amount;
    - ``own_first``: those with the jury they are still to score themselves: jurors score independently, so
      these join their ranking, scores and place alike, once they have submitted their own.

    The city's innovation office scores nothing and is recused from nothing: nothing is left out for it.
    """
    if is_programme_office(user):
        return LeftOut()
    recused = recused_ids(user=user, call=call)
    own_first = set(
        Assignment.objects.filter(
            application__call=call, juror=user, submitted_at__isnull=True, application__status=Status.IN_REVIEW
        ).values_list("application_id", flat=True)
    )
    return LeftOut(recused=frozenset(recused), own_first=frozenset(own_first - recused))


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


#: ``ranked(category=UNCLASSED)``: the applications of a call with classes that entered none.
UNCLASSED = "unclassed"


def in_ranking_class(applications: QuerySet, category: Category | str | None) -> QuerySet:
    """The applications of one ranking class: ``category``, ``UNCLASSED`` (none entered), or ``None`` (all)."""
    if category == UNCLASSED:
        return applications.filter(category__isnull=True)
    if isinstance(category, Category):
        return applications.filter(category=category)
    return applications


def ranked(*, call: Call, exclude: Iterable[int] = (), category: Category | str | None = None) -> QuerySet:
    """The call's applications with the jury or decided, best mean first, as one ordered query.

    A call with classes (the quality award's five) is ranked class by class: ``category`` keeps one
    class (``UNCLASSED``: those without one); entries of different classes are never ranked together.

    Each is annotated with the mean, highest and lowest of the jurors' weighted totals kept on
    their submitted assignments (``mean`` is None until someone has submitted), how many
    submitted, and how many assigned jurors have still to. Paginate it, then make the page's
    rows with ``ranking_rows``.
    """
    submitted = Q(assignments__submitted_at__isnull=False)
    return (
        in_ranking_class(call.applications.filter(status__in=WITH_THE_JURY), category)
        .exclude(pk__in=list(exclude))
        .select_related("applicant", "unit", "category", "decision")
        .annotate(
            mean=Avg("assignments__total", filter=submitted),
            high=Max("assignments__total", filter=submitted),
            low=Min("assignments__total", filter=submitted),
            scored=Count("assignments", filter=submitted),
            waiting=Count("assignments", filter=Q(assignments__submitted_at__isnull=True)),
        )
        .order_by(F("mean").desc(nulls_last=True), "pk")
    )


@dataclass
class RankingClass:
    """One class of a call's ranking, as the chair's class navigation shows it."""

    key: str  # the class's id, or ``UNCLASSED``
    name: str
    category: Category | None
    entries: int = 0
    undecided: int = 0


def ranking_classes(*, call: Call, exclude: Iterable[int] = ()) -> list[RankingClass]:
    """The classes the call's ranking is split into (none for a call without classes), each with how many of
    its applications are ranked and how many are still to decide; "Without a class" only when some entered
    none. Two queries whatever the number of applications."""
    categories = list(call.categories.all())
    if not categories:
        return []
    counts: dict[int | None, dict[str, Any]] = {
        row["category_id"]: dict(row)
        for row in call.applications.filter(status__in=WITH_THE_JURY)
        .exclude(pk__in=list(exclude))
        .values("category_id")
        .annotate(entries=Count("pk"), undecided=Count("pk", filter=Q(status=Status.IN_REVIEW)))
        .order_by()
    }
    classes = [
        RankingClass(
            key=str(c.pk),
            name=c.name,
            category=c,
            entries=counts.get(c.pk, {}).get("entries", 0),
            undecided=counts.get(c.pk, {}).get("undecided", 0),
        )
        for c in categories
    ]
    if None in counts:
        classes.append(
            RankingClass(
                key=UNCLASSED,
                name=str(_("Without a class")),
                category=None,
                entries=counts[None]["entries"],
                undecided=counts[None]["undecided"],
            )
        )
    return classes


def ranking_rows(applications: Iterable[Application], *, call: Call) -> list[Ranked]:
    """Rows of the ranking for applications from ``ranked`` (a page of them), with each juror's total."""
    applications = list(applications)
    scale = Decimal(call.scale_max - call.scale_min)
    totals: dict[int, list[JurorTotal]] = {}
    for assignment in (
        Assignment.objects.filter(application__in=applications, submitted_at__isnull=False)
        .select_related("juror")
        .order_by("juror_id")
    ):
        totals.setdefault(assignment.application_id, []).append(
            JurorTotal(juror=assignment.juror, total=assignment.total or Decimal(0), per_criterion={})
        )
    rows = []
    for application in applications:
        row: Any = application  # annotated by ``ranked``: mean, high, low, scored, waiting
        row.decided = getattr(application, "decision", None)
        mean = None if row.mean is None else Decimal(row.mean).quantize(Decimal("0.01"))
        spread = Decimal(row.high) - Decimal(row.low) if row.scored > 1 else None
        rows.append(
            Ranked(
                application=application,
                mean=mean,
                jurors=totals.get(application.pk, []),
                spread=spread,
                disagreement=spread is not None and scale > 0 and spread > scale * DISAGREEMENT_SHARE,
                pending=row.waiting,
            )
        )
    return rows


def ranking(*, call: Call, only: Application | None = None) -> list[Ranked]:
    """Applications with the jury (or decided), by the weighted mean of the submitted scores, best first.

    Large disagreement is flagged when two jurors' weighted totals are further apart than a
    quarter of the scale. ``only`` ranks one application with every score
    (``JurorTotal.per_criterion``), for its decision page; a whole call's pages use ``ranked``.
    """
    if only is None:
        return ranking_rows(ranked(call=call), call=call)
    weights = {c.pk: c.weight for c in call.criteria.all()}
    scale = Decimal(call.scale_max - call.scale_min)
    rows = []
    for application in (
        call.applications.filter(status__in=WITH_THE_JURY, pk=only.pk)
        .select_related("applicant", "unit", "category")
        .prefetch_related(
            Prefetch("assignments", queryset=Assignment.objects.select_related("juror").prefetch_related("scores"))
        )
    ):
        application.decided = Decision.objects.filter(application=application).first()  # type: ignore[attr-defined]
        totals, pending = [], 0
        for assignment in sorted(application.assignments.all(), key=lambda a: a.juror_id):
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


#: The public record's order: class by class (a call with classes decides each on its own); in each, the
#: winners first, the largest grant first; then the rest, by title. The primary key last, so that the pages
#: of a paginated record neither skip nor repeat an application.
PUBLIC_RECORD_ORDER = (
    F("category_id").asc(nulls_last=True),
    Case(When(status=Status.GRANTED, then=Value(0)), default=Value(1)),
    Coalesce("granted_amount", Value(Decimal(0)), output_field=DecimalField()).desc(),
    "title",
    "pk",
)


def public_record_applications(*, call: Call) -> QuerySet:
    """Once the results are published: the decided applications with their decisions, the jurors'
    submitted assignments (their weighted totals) and recusals, winners first (``PUBLIC_RECORD_ORDER``). A queryset, so that a large call is read a page
    at a time; nothing before publication."""
    if call.results_published_at is None:
        return Application.objects.none()
    return (
        call.applications.filter(status__in=(Status.GRANTED, Status.REJECTED))
        .select_related("decision__decided_by", "unit", "category", "applicant__unit")
        .prefetch_related(
            Prefetch(
                "assignments",
                queryset=Assignment.objects.filter(submitted_at__isnull=False).select_related("juror"),
            ),
            Prefetch("conflicts", queryset=Conflict.objects.select_related("juror")),
        )
        .order_by(*PUBLIC_RECORD_ORDER)
    )


def public_record(*, call: Call) -> list[Application]:
    """Once the results are published: every decided application with its decision, scores and recusals."""
    return list(public_record_applications(call=call))


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
    qs = Application.objects.exclude(call__programme__in=JURY_ONLY_PROGRAMMES).select_related(
        "call", "unit", "category", "applicant", "decision"
    )
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


@dataclass
class ScreeningCheck:
    """A rule of the call the screener checks by hand, with what the applicant stated for it."""

    rule: str
    facts: list[tuple[str, str]]


def _yes_no(value: bool | None) -> str:
    if value is None:
        return str(_("Not stated"))
    return str(_("Yes")) if value else str(_("No"))


def screening_checks(*, application: Application, now: datetime | None = None) -> list[ScreeningCheck]:
    """What the screener checks by hand, rule by rule, beside what the applicant stated for it (their date of
    birth, their connection to the city, the end of their employment by the city, the entering unit). Only for
    those who screen (``calls.screen_application``): it is personal data the jury never sees."""
    now = now or timezone.now()
    today = timezone.localtime(now, CITY_TIME_ZONE).date()
    call = application.call
    checks: list[ScreeningCheck] = []
    if call.min_age is not None:
        born = policies.birth_date_of(application)
        checks.append(
            ScreeningCheck(
                rule=_("At least %(age)s years old.") % {"age": call.min_age},
                facts=[
                    (
                        str(_("Date of birth")),
                        _("%(date)s (%(age)s years old today)")
                        % {"date": date_format(born, "j F Y"), "age": policies.years_between(born, today)}
                        if born
                        else str(_("Not stated")),
                    )
                ],
            )
        )
    if call.programme == Programme.STIPEND:
        checks.append(
            ScreeningCheck(
                rule=_("Lives, works or studies in the city."),
                facts=[(str(_("Connection to the city")), application.get_residence_display() or str(_("Not stated")))],
            )
        )
    if call.no_city_employment_months is not None:
        ended = application.city_employment_ended_on
        checks.append(
            ScreeningCheck(
                rule=_("Not employed by the city in the past %(months)s months.")
                % {"months": call.no_city_employment_months},
                facts=[
                    (str(pgettext("kind of person", "Account")), application.applicant.get_kind_display()),
                    (
                        str(_("Last day of employment by the city")),
                        date_format(ended, "j F Y") if ended else str(_("None stated: never employed by the city")),
                    ),
                ],
            )
        )
    if call.programme == Programme.QUALITY_AWARD:
        facts = [(str(_("A private provider")), _yes_no(application.private_provider))]
        if application.private_provider:
            facts.append(
                (str(_("Serves mainly the city's residents")), _yes_no(application.serves_mainly_city_residents))
            )
        else:
            facts.append(
                (str(_("Has its own budget and staff responsibility")), _yes_no(application.has_budget_responsibility))
            )
        checks.append(
            ScreeningCheck(
                rule=_(
                    "A unit of the city has its own budget and staff responsibility; a private provider serves mainly the city's residents."
                ),
                facts=facts,
            )
        )
    if call.min_staff is not None:
        staff = application.staff_count
        checks.append(
            ScreeningCheck(
                rule=_("The entering unit has at least %(staff)s staff.") % {"staff": call.min_staff},
                facts=[(str(_("Staff")), str(staff) if staff is not None else str(_("Not stated")))],
            )
        )
    return checks
