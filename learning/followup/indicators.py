"""The governance indicators of knowledge and leadership (M9), per unit, counting the unit and every unit below it.

For a period [start, end):

- ``intro_module_share``: of the unit's staff — the city's employees whose unit is the unit or one below it, who are
  active and joined before ``end`` — the share who had completed the introductory module by ``end``;
- ``leadership_module_share``: of the unit's managers — people holding the manager's role, given before ``end``, for
  the unit or one below it, each counted once where their highest such role is — the share who had completed a
  module of the leadership programmes by ``end``;
- ``talks_innovation_share``: of the development talks of the year(s) ending in the period (as the employee survey's
  indicator reads years) recorded before ``end``, counted in the unit the employee belonged to at the talk, the share
  that covered innovation;
- ``ideas_after_learning`` and ``ideas_without_learning``: ideas the unit's staff sent in during the period, per 1,000
  staff — the ideas sent within 90 days after their author completed a course or had a development talk that
  covered innovation, per 1,000 staff who had either in the period or the 90 days before it; beside the ideas of the
  staff who had neither, per 1,000 of them. An idea sent more than 90 days after its author's learning counts in
  neither.

Every figure is about people, so it is published under the survey's rule (``surveys.anonymity``), in the form for
an attribute of known people (``decide_split``): the units' subtrees are offered from the top down as groups whose
cells are each unit's own people in the denominator (talks for the talks' share) counted with and without what the
figure counts (completed, covered innovation, learnt), and only a unit whose group is ``SHOWN`` — at least the
minimum with it and without it, in the unit and in every atom a subtraction leaves — has a figure; the others are left
out of the figures, so neither the dashboard, the reports nor the open data carry them. A share of 0 or 100 per cent
is never published: it would tell each person's. A figure's basis is its denominator.

The people's record holds no leaving date nor the units they belonged to before, so the staff and managers are those
of today who had joined by ``end``; governance keeps a period's values once computed after its end, so they do not
change afterwards. Each computation makes a fixed number of queries, whatever the size of the city.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.city import CITY_TIME_ZONE
from governance.indicators import Figure, Figures, Tree, computation
from governance.models import Direction, Measure, quantize
from ideas.models import Idea
from learning.models import Completion, CourseKind, DevelopmentTalk
from organisation.models import PersonKind, Role, RoleAssignment, User
from surveys.anonymity import Decision, Group, decide_split
from surveys.employee_survey.indicators import _years_ending_in

#: How long after a completion or a talk an idea counts as following it.
AFTER_LEARNING = timedelta(days=90)


def _last_day(end: datetime) -> date:
    """The last day (in the city's time) that falls before ``end``."""
    return timezone.localtime(end - timedelta(microseconds=1), CITY_TIME_ZONE).date()


def shown_units(tree: Tree, counts: Mapping[int, tuple[int, int]]) -> set[int]:
    """The units whose figure may be published: their subtree, offered from the top down as a group of each unit's
    own people counted (with, without) the attribute the figure is about, is ``SHOWN`` by
    ``surveys.anonymity.decide_split``: at least the minimum with it and without it, in the group and in every atom."""
    cells: dict[int, set[int]] = defaultdict(set)
    for pk, _path, _headcount in tree.units:
        for above in tree.ancestors(pk):
            cells[above].add(pk)
    groups = [
        Group(key=pk, cells=frozenset(cells[pk]))
        for pk, _path, _headcount in sorted(tree.units, key=lambda u: u[1])  # by path: from the top down
    ]
    own: dict[Hashable, tuple[int, int]] = dict(counts.items())
    decided = decide_split(groups, own, minimum=settings.SPRANG_SURVEY_MIN_ANSWERS)
    return {pk for pk in cells if decided.get(pk) is Decision.SHOWN}


def _shares(tree: Tree, rows: Iterable[tuple[int, int, int]]) -> Figures:
    """Per unit, the share (per cent) of ``done`` of ``n`` from rows (unit, n, done) kept per unit, summed up the tree;
    only for the units ``shown_units`` allows."""
    rows = list(rows)
    own = {unit_id: (done, n - done) for unit_id, n, done in rows}
    totals = tree.sum_up((unit_id, n) for unit_id, n, _done in rows)
    done = tree.sum_up((unit_id, d) for unit_id, _n, d in rows)
    return {
        pk: Figure(quantize(Decimal(done.get(pk, 0)) * 100 / n), n)
        for pk in shown_units(tree, own)
        if (n := totals.get(pk, 0))
    }


def staff(end: datetime):
    """The city's active employees with a unit who had joined before ``end``."""
    return User.objects.filter(kind=PersonKind.EMPLOYEE, is_active=True, unit__isnull=False, date_joined__lt=end)


@computation(
    "intro_module_share",
    label=_("Staff who have taken the introductory module"),
    description=_(
        "Of the unit's employees (active, with the unit or a unit below it as theirs, employed before the period "
        "ended), the share who had completed the introductory module on innovation by the end of the period. "
        "Only where the unit has enough employees for no one's record to be worked out, as for the surveys."
    ),
    measure=Measure.PERCENT,
    direction=Direction.HIGHER,
    position=161,
)
def intro_module_share(start: datetime, end: datetime) -> Figures:
    tree = Tree()
    completed = Completion.objects.filter(course__is_introduction=True, completed_on__lte=_last_day(end))
    rows = (
        staff(end)
        .order_by()
        .values("unit_id")
        .annotate(n=Count("pk"), done=Count("pk", filter=Q(pk__in=completed.values("person_id"))))
        .values_list("unit_id", "n", "done")
    )
    return _shares(tree, rows)


@computation(
    "leadership_module_share",
    label=_("Managers who have taken a leadership module on innovation"),
    description=_(
        "Of the managers of the unit and the units below it (each counted once, where their highest manager's role "
        "is), the share who had completed an innovation module of the leadership programmes by the end of the "
        "period. Only where there are enough managers for no one's record to be worked out."
    ),
    measure=Measure.PERCENT,
    direction=Direction.HIGHER,
    position=162,
)
def leadership_module_share(start: datetime, end: datetime) -> Figures:
    tree = Tree()
    completed = Completion.objects.filter(
        person=OuterRef("user_id"), course__kind=CourseKind.LEADERSHIP, completed_on__lte=_last_day(end)
    )
    assignments = (
        RoleAssignment.objects.filter(role=Role.MANAGER, created_at__lt=end, user__is_active=True)
        .order_by()
        .annotate(done=Exists(completed))
        .values_list("user_id", "unit_id", "done")
    )
    highest: dict[int, tuple[int, bool]] = {}
    for user_id, unit_id, done in assignments:
        if unit_id not in tree.path_of:
            continue
        kept = highest.get(user_id)
        if kept is None or tree.path_of[unit_id] < tree.path_of[kept[0]]:
            highest[user_id] = (unit_id, bool(done))
    per_unit: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for unit_id, done in highest.values():
        per_unit[unit_id][0] += 1
        per_unit[unit_id][1] += int(done)
    return _shares(tree, ((unit_id, n, d) for unit_id, (n, d) in per_unit.items()))


@computation(
    "talks_innovation_share",
    label=_("Development talks that covered innovation"),
    description=_(
        "Of the development talks of the year ending in the period with the employees of the unit and the units "
        "below it (where they belonged at the talk), recorded by the end of the period, the share that covered "
        "innovation. Only where there are enough talks for no one's talk to be worked out."
    ),
    measure=Measure.PERCENT,
    direction=Direction.HIGHER,
    position=163,
)
def talks_innovation_share(start: datetime, end: datetime) -> Figures:
    tree = Tree()
    rows = (
        DevelopmentTalk.objects.filter(year__in=_years_ending_in(start, end), created_at__lt=end)
        .order_by()
        .values("unit_id")
        .annotate(n=Count("pk"), done=Count("pk", filter=Q(innovation_discussed=True)))
        .values_list("unit_id", "n", "done")
    )
    return _shares(tree, rows)


def _learning(first: date, last: date, end: datetime):
    """Completions and development talks on innovation from ``first`` to ``last``."""
    completions = Completion.objects.filter(completed_on__gte=first, completed_on__lte=last)
    talks = DevelopmentTalk.objects.filter(
        innovation_discussed=True, held_on__gte=first, held_on__lte=last, created_at__lt=end
    )
    return completions, talks


def _ideas_per_thousand(start: datetime, end: datetime, *, learnt: bool) -> Figures:
    """Per unit, the ideas after learning (or without) per 1,000 of the staff who learnt (or did not) in the period or
    the 90 days before it. Five queries: the tree, the staff per unit and how many learnt, the staff's ideas of the
    period, and their authors' completions and talks."""
    tree = Tree()
    first, last = timezone.localtime(start, CITY_TIME_ZONE).date() - AFTER_LEARNING, _last_day(end)
    completed, talked = _learning(first, last, end)
    learnt_q = Q(pk__in=completed.values("person_id")) | Q(pk__in=talked.values("employee_id"))
    per_unit = (
        staff(end)
        .order_by()
        .values("unit_id")
        .annotate(n=Count("pk"), learnt=Count("pk", filter=learnt_q))
        .values_list("unit_id", "n", "learnt")
    )
    per_unit = list(per_unit)
    # Whether someone learnt is about them: both rates are published only where the learnt and those who did not are
    # each enough, in the unit and every atom (the denominator of one is the other's complement).
    split = {unit_id: (n_learnt, n - n_learnt) for unit_id, n, n_learnt in per_unit}
    own = {unit_id: (n_learnt if learnt else n - n_learnt) for unit_id, n, n_learnt in per_unit}
    of_period = Idea.objects.filter(created_at__gte=start, created_at__lt=end, author__in=staff(end))
    ideas = list(of_period.values_list("author_id", "author__unit_id", "created_at"))
    authors = of_period.values("author_id")
    completions, talks = _learning(first, last, end)
    days: dict[int, list[date]] = defaultdict(list)
    for person, day in completions.filter(person__in=authors).values_list("person_id", "completed_on"):
        days[person].append(day)
    for person, day in talks.filter(employee__in=authors).values_list("employee_id", "held_on"):
        days[person].append(day)
    sent: dict[int, int] = defaultdict(int)
    for author, unit_id, created_at in ideas:
        if bool(days.get(author)) != learnt:
            continue  # an author who learnt counts only after learning; one who did not, only without
        day = timezone.localtime(created_at, CITY_TIME_ZONE).date()
        if not learnt or any(day - AFTER_LEARNING <= d <= day for d in days[author]):
            sent[unit_id] += 1
    totals = tree.sum_up(own.items())
    ideas_up = tree.sum_up(sent.items())
    return {
        pk: Figure(quantize(Decimal(ideas_up.get(pk, 0)) * 1000 / n), n)
        for pk in shown_units(tree, split)
        if (n := totals.get(pk, 0))
    }


@computation(
    "ideas_after_learning",
    label=_("Ideas per 1,000 staff after a course or a talk on innovation"),
    description=_(
        "Ideas the unit's employees sent in during the period within 90 days after they completed a course or had a "
        "development talk that covered innovation, per 1,000 employees who completed a course or had such a talk in "
        "the period or the 90 days before it. Compare with the ideas of those who had neither. Only where there are "
        "enough people for no one to be picked out."
    ),
    measure=Measure.PER_THOUSAND,
    direction=Direction.HIGHER,
    position=164,
)
def ideas_after_learning(start: datetime, end: datetime) -> Figures:
    return _ideas_per_thousand(start, end, learnt=True)


@computation(
    "ideas_without_learning",
    label=_("Ideas per 1,000 staff without a course or a talk on innovation"),
    description=_(
        "Ideas the unit's employees sent in during the period, per 1,000 employees who neither completed a course nor "
        "had a development talk that covered innovation in the period or the 90 days before it. Compare with the "
        "ideas after a course or a talk. Only where there are enough people for no one to be picked out."
    ),
    measure=Measure.PER_THOUSAND,
    direction=Direction.HIGHER,
    position=165,
)
def ideas_without_learning(start: datetime, end: datetime) -> Figures:
    return _ideas_per_thousand(start, end, learnt=False)
