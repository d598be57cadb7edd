"""What waits for a person in the calls: applications to score (jurors), to decide (chairs), drafts (applicants).

The jury's count leaves out the applications a juror is recused from, by the same test as
``calls.selectors.recused_ids`` (a declared conflict, their own application, or the same
organisation), done in the one query for all the person's calls.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, F, Func, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, Substr
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from calls.models import JURY_ONLY_PROGRAMMES, Application, Assignment, Conflict, Juror, Status
from core.tasks_registry import MenuEntry, TaskGroup, TaskLine, link, menu, tasks
from organisation.models import Unit

# The main menu's link to the calls, for everyone.
link("calls", label=gettext_lazy("Calls"), url_name="calls:list", position=40)


def _count(qs: QuerySet) -> Coalesce:
    """The number of rows of a correlated queryset, as a subquery."""
    counted = qs.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def _with_the_jury(qs: QuerySet, *, user, prefix: str = "") -> QuerySet:
    """Applications (reached through ``prefix``) with the jury that the person is not recused from."""
    conflict = Conflict.objects.filter(application=OuterRef(f"{prefix}pk"), juror=user)
    qs = qs.filter(**{f"{prefix}status": Status.IN_REVIEW}).exclude(Exists(conflict))
    qs = qs.exclude(**{f"{prefix}applicant": user})
    if user.unit_id is None:
        return qs
    # The juror's organisation (the first three levels of their unit's path), read in the same query.
    own = Substr(Subquery(Unit.objects.filter(pk=user.unit_id).values("path")[:1]), 1, 3 * Unit.steplen)
    qs = qs.alias(own_organisation=own)
    for path in (f"{prefix}unit__path", f"{prefix}applicant__unit__path"):
        # Recused: the applicant's unit is in the juror's organisation, or above it.
        qs = qs.exclude(**{f"{path}__startswith": F("own_organisation")})
        qs = qs.exclude(Q(**{f"{path}__isnull": False}) & Q(own_organisation__startswith=F(path)))
    return qs


def left_to_score(user) -> QuerySet:
    """The juror's assignments still to score, leaving out the applications they are recused from."""
    assignments = Assignment.objects.filter(juror=user, submitted_at__isnull=True)
    return _with_the_jury(assignments, user=user, prefix="application__")


def _seats(user) -> list[Any]:
    """The person's jury seats (``Juror`` rows annotated ``left``, ``undecided`` and ``unscored``): the applications
    left for them to score and, for a chair, to decide."""
    if not user.is_authenticated or not Juror.objects.filter(user=user).exists():
        # Most people sit on no jury: a look at the index spares them compiling and planning the counts.
        return []
    left = left_to_score(user).filter(application__call=OuterRef("call"))
    undecided = _with_the_jury(Application.objects.filter(call=OuterRef("call")), user=user)
    unscored = Assignment.objects.filter(
        application__call=OuterRef("call"), application__status=Status.IN_REVIEW, submitted_at__isnull=True
    )
    return list(
        Juror.objects.filter(user=user)
        .select_related("call")
        .annotate(left=_count(left), undecided=_count(undecided), unscored=_count(unscored))
        .order_by("call__closes_at", "call__pk")
    )


def has_jury_seat() -> Exists:
    """Whether the person (``OuterRef("pk")``) sits on any jury: asked with the page header's one query."""
    return Exists(Juror.objects.filter(user=OuterRef("pk")))


@menu("jury", position=10, shown_if=has_jury_seat)
def jury_menu(user) -> MenuEntry:
    """*Jury work* in the menu, for jurors and chairs, with how many applications they have left to score."""
    return MenuEntry(_("Jury work"), reverse("calls:jury"), left_to_score(user).count(), _("left to score"))


@tasks("jury", position=30)
def jury_tasks(user) -> TaskGroup | None:
    """A juror: applications to score, call by call. A chair: calls with applications to rank and decide."""
    seats = _seats(user)
    if not seats:
        return None
    lines = []
    for seat in seats:
        if seat.left:
            text = ngettext(
                "%(call)s: %(n)s application to score", "%(call)s: %(n)s applications to score", seat.left
            ) % {"call": seat.call.title, "n": seat.left}
            lines.append(TaskLine(text, f"{reverse('calls:jury')}?call={seat.call_id}", seat.left))
    for seat in seats:
        if seat.is_chair and seat.undecided and not seat.call.is_jury_only:
            if seat.unscored:
                text = ngettext(
                    "%(call)s: rank and decide %(n)s application (%(m)s scores still to come)",
                    "%(call)s: rank and decide %(n)s applications (%(m)s scores still to come)",
                    seat.undecided,
                ) % {"call": seat.call.title, "n": seat.undecided, "m": seat.unscored}
            else:
                text = ngettext(
                    "%(call)s: every score is in – rank and decide %(n)s application",
                    "%(call)s: every score is in – rank and decide %(n)s applications",
                    seat.undecided,
                ) % {"call": seat.call.title, "n": seat.undecided}
            lines.append(TaskLine(text, reverse("calls:ranking", args=[seat.call_id]), seat.undecided))
    return TaskGroup(_("Jury work"), lines, _("No application is waiting for your scores or your decision."))


@tasks("applications", position=60)
def applicant_tasks(user) -> TaskGroup | None:
    """An applicant: applications begun and not yet sent."""
    if not user.is_authenticated:
        return None
    applications = list(
        Application.objects.filter(applicant=user)
        .exclude(call__programme__in=JURY_ONLY_PROGRAMMES)
        .select_related("call")
        .order_by("call__closes_at", "pk")
    )
    if not applications:
        return None
    drafts = [a for a in applications if a.status == Status.DRAFT]
    lines = [
        TaskLine(
            _("%(title)s (%(call)s): not sent yet")
            % {"title": draft.title or _("Untitled application"), "call": draft.call.title},
            reverse("calls:edit", args=[draft.pk]),
            1,
        )
        for draft in drafts
    ]
    return TaskGroup(_("Your applications"), lines, _("Every application you began is sent."))
