"""The indicators of knowledge and leadership: what each counts, per unit and the units below it, and that no
figure published lets anyone work out a group smaller than the survey's minimum."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from core.city import CITY_TIME_ZONE
from governance.indicators import COMPUTATIONS, Tree
from governance.models import Measure, Period
from governance.services import indicator_values_compute
from learning.followup import indicators
from learning.models import CompletionSource, DevelopmentTalk
from learning.records.services import completion_record
from organisation import services as org_services
from organisation.models import PersonKind, Role, User
from surveys.anonymity import Group, atoms
from tests import factories

TODAY = timezone.localdate()


def window(days: int = 200) -> tuple[datetime, datetime]:
    """A period that ends at midnight tonight."""
    tomorrow = datetime.combine(TODAY + timedelta(days=1), datetime.min.time(), tzinfo=CITY_TIME_ZONE)
    return tomorrow - timedelta(days=days), tomorrow


def complete(person, course, on: date = TODAY) -> None:
    completion_record(person=person, course=course, on=on, source=CompletionSource.IMPORT)


def talk(person, *, year: int, innovation: bool, by=None) -> DevelopmentTalk:
    return DevelopmentTalk.objects.create(
        employee=person,
        manager=by,
        unit=person.unit,
        year=year,
        held_on=date(year, 3, 1),
        innovation_discussed=innovation,
    )


def by_code(figures, tree) -> dict[str, tuple[Decimal | None, int]]:
    codes = {u.pk: code for code, u in tree.items()}
    return {codes[pk]: (f.value, f.basis) for pk, f in figures.items()}


def employees(tree, *codes: str) -> list[User]:
    units = [tree[c] for c in codes]
    return list(User.objects.filter(kind=PersonKind.EMPLOYEE, unit__in=units).order_by("pk"))


def test_the_indicators_are_declared_in_their_positions():
    keys = [k for k in COMPUTATIONS if COMPUTATIONS[k].compute.__module__ == "learning.followup.indicators"]
    assert keys == [
        "intro_module_share",
        "leadership_module_share",
        "talks_innovation_share",
        "ideas_after_learning",
        "ideas_without_learning",
    ]
    assert [COMPUTATIONS[k].measure for k in keys] == [Measure.PERCENT] * 3 + [Measure.PER_THOUSAND] * 2
    with translation.override("en"):
        english = [(str(COMPUTATIONS[k].label), str(COMPUTATIONS[k].description)) for k in keys]
    with translation.override("sv"):
        assert str(COMPUTATIONS["talks_innovation_share"].label) == "Utvecklingssamtal som tog upp innovation"
        swedish = [(str(COMPUTATIONS[k].label), str(COMPUTATIONS[k].description)) for k in keys]
    assert all(s[0] != e[0] and s[1] != e[1] for s, e in zip(swedish, english, strict=True))


# -- the introductory module ------------------------------------------------------------------


def test_the_intro_share_is_of_the_staff_of_the_unit_and_below_who_had_completed_it_by_the_end(
    tree, people, staff, intro, workshop
):
    for person in [people["employee"], *staff["north"][:5]]:
        complete(person, intro, TODAY - timedelta(days=40))
    complete(staff["north"][5], workshop)  # another course does not count
    start, end = window()
    complete(staff["south"][0], intro, end.date())  # on the end's day: after it
    gone = factories.person(unit=tree["SDF-N-ALD-1"])
    complete(gone, intro)
    User.objects.filter(pk=gone.pk).update(is_active=False)  # has left: not counted

    figures = by_code(indicators.intro_module_share(start, end), tree)

    # 18 employees: 7 at Björkens äldreboende, 3 at Norra's office, 5 at Skola Södra, 2 at Södra's office, 1 at SLK.
    assert figures["CITY"] == (Decimal("33.33"), 18)
    assert figures["SDN-N"] == figures["SDF-N"] == (Decimal("60.00"), 10)
    # Björkens äldreboende (7) would leave Norra's office (3) to a subtraction; Södra (7) would leave SLK's one.
    assert set(figures) == {"CITY", "SDN-N", "SDF-N"}


def test_a_past_period_does_not_count_what_came_after_it(tree, people, staff, intro):
    for person in [people["employee"], *staff["north"]]:
        complete(person, intro, TODAY)
    start, end = window()
    User.objects.update(date_joined=start)
    yesterday = end - timedelta(days=1)
    assert by_code(indicators.intro_module_share(start, end), tree)["CITY"] == (Decimal("38.89"), 18)
    assert by_code(indicators.intro_module_share(start, yesterday), tree)["CITY"] == (Decimal("0.00"), 18)
    User.objects.filter(pk__in=[p.pk for p in staff["north"]]).update(date_joined=end)
    assert by_code(indicators.intro_module_share(start, end), tree)["CITY"] == (Decimal("8.33"), 12)


# -- the leadership programmes -----------------------------------------------------------------


def test_the_leadership_share_counts_each_manager_once_where_their_highest_role_is(
    tree, people, staff, leadership, intro
):
    more = [factories.person(unit=tree["SDF-N-ALD"], role=Role.MANAGER) for _ in range(4)]
    org_services.role_assign(user=people["manager"], role=Role.MANAGER, unit=tree["SDF-N-ALD-1"])
    for person in [people["manager"], more[0]]:
        complete(person, leadership)
    complete(more[1], intro)  # not a leadership module
    start, end = window()

    figures = by_code(indicators.leadership_module_share(start, end), tree)

    # Six managers: five in Norra (Maria Chef once, though she manages two units), Sven Södra in Södra. Norra's five
    # would give away Sven's record by a subtraction from the city's.
    assert figures == {"CITY": (Decimal("33.33"), 6)}


# -- development talks -------------------------------------------------------------------------


def test_the_talks_share_is_of_the_talks_of_the_year_ending_in_the_period(tree, people, staff):
    year = TODAY.year
    north, south = employees(tree, "SDF-N-ALD-1"), employees(tree, "SDF-S-SKO")
    for i, person in enumerate(north):
        talk(person, year=year, innovation=i < 4, by=people["manager"])
        talk(person, year=year - 1, innovation=True, by=people["manager"])
    for i, person in enumerate(south):
        talk(person, year=year, innovation=i < 1, by=staff["south_manager"])

    start, end = datetime(year, 1, 1, tzinfo=CITY_TIME_ZONE), datetime(year + 1, 1, 1, tzinfo=CITY_TIME_ZONE)
    figures = by_code(indicators.talks_innovation_share(start, end), tree)

    assert figures["CITY"] == (Decimal("41.67"), 12)
    assert figures["SDF-N-ALD-1"] == figures["SDN-N"] == (Decimal("57.14"), 7)
    assert figures["SDF-S-SKO"] == figures["SDN-S"] == (Decimal("20.00"), 5)
    assert "KS" not in figures and "SLK" not in figures
    # A tertial that is not the year's last has no year ending in it.
    assert indicators.talks_innovation_share(start, datetime(year, 5, 1, tzinfo=CITY_TIME_ZONE)) == {}


# -- ideas after learning ------------------------------------------------------------------------


def test_ideas_after_learning_beside_those_without(tree, people, staff, workshop, intro):
    learners = staff["north"]
    for person in learners[:5]:
        complete(person, workshop, TODAY - timedelta(days=30))
    complete(learners[5], intro, TODAY - timedelta(days=150))
    for person in learners[:3]:
        factories.idea(author=person)
    factories.idea(author=learners[5])  # 150 days after: counts in neither
    factories.idea(author=people["colleague"])
    factories.idea(author=staff["south"][1])
    factories.idea(author=people["resident"])  # not staff
    start, end = window()

    after = by_code(indicators.ideas_after_learning(start, end), tree)
    without = by_code(indicators.ideas_without_learning(start, end), tree)

    assert after["CITY"] == after["SDF-N-ALD-1"] == (Decimal("500.00"), 6)
    # Twelve without: Norra has four of them, too few; Skola Södra's five would leave Södra's office's two.
    assert without == {
        "CITY": (Decimal("166.67"), 12),
        "SDN-S": (Decimal("285.71"), 7),
        "SDF-S": (Decimal("285.71"), 7),
    }


def test_a_development_talk_on_innovation_counts_as_learning(tree, people, staff):
    learners = staff["north"][:5]
    for person in learners:
        DevelopmentTalk.objects.create(
            employee=person,
            unit=person.unit,
            year=TODAY.year,
            held_on=TODAY - timedelta(days=10),
            innovation_discussed=True,
        )
    DevelopmentTalk.objects.create(
        employee=staff["north"][5],
        unit=staff["north"][5].unit,
        year=TODAY.year,
        held_on=TODAY - timedelta(days=10),
        innovation_discussed=False,
    )
    factories.idea(author=learners[0])
    start, end = window()
    assert by_code(indicators.ideas_after_learning(start, end), tree)["CITY"] == (Decimal("200.00"), 5)
    assert by_code(indicators.ideas_without_learning(start, end), tree)["CITY"] == (Decimal("0.00"), 13)


# -- suppression as the survey's ---------------------------------------------------------------------


def _naive(tree: Tree, counts) -> set[int]:
    """Without the rule: every unit with at least the minimum in its subtree."""
    totals = tree.sum_up(counts.items())
    return {pk for pk, n in totals.items() if n >= settings.SPRANG_SURVEY_MIN_ANSWERS}


def _smallest_worked_out(published: set[int], own: dict[int, int]) -> int:
    """The smallest positive group of people anyone can work out from the published units' figures (their atoms)."""
    tree = Tree()
    groups = [Group(pk, frozenset(u for u, *_ in tree.units if pk in tree.ancestors(u))) for pk in published]
    sizes = [n for n in atoms(groups, own) if n > 0]
    return min(sizes, default=0)


@pytest.fixture
def director_alone(tree, people, staff, intro):
    """The director, alone at SLK (under KS), has completed the introductory module; so have Norra's staff."""
    for person in [people["director"], people["employee"], *staff["north"]]:
        complete(person, intro)
    return tree


def _own(tree) -> dict[int, int]:
    own: dict[int, int] = {}
    for unit_id in indicators.staff(timezone.now() + timedelta(days=1)).values_list("unit_id", flat=True):
        own[unit_id] = own.get(unit_id, 0) + 1
    return own


def test_no_published_figures_let_a_small_group_be_worked_out(director_alone):
    tree = director_alone
    start, end = window()
    figures = indicators.intro_module_share(start, end)
    own = _own(tree)
    assert _smallest_worked_out(set(figures), own) >= settings.SPRANG_SURVEY_MIN_ANSWERS
    # The attack: the city's completions less Norra's and Södra's would be the director's own.
    done = {pk: round(f.value * f.basis / 100) for pk, f in figures.items()}
    assert tree["SDN-S"].pk not in done and tree["KS"].pk not in done and tree["SLK"].pk not in done


def test_without_the_rule_a_subtraction_gives_the_director_away(director_alone, monkeypatch):
    tree = director_alone
    own = _own(tree)
    monkeypatch.setattr(indicators, "shown_units", lambda tree_, counts: _naive(tree_, counts))
    start, end = window()
    figures = indicators.intro_module_share(start, end)
    assert _smallest_worked_out(set(figures), own) == 1
    done = {pk: round(f.value * f.basis / 100) for pk, f in figures.items()}
    assert done[tree["CITY"].pk] - done[tree["SDN-N"].pk] - done[tree["SDN-S"].pk] == 1  # the director's


def test_the_rates_of_ideas_are_suppressed_by_the_same_rule(tree, people, staff, workshop, monkeypatch):
    """Six learnt: the director alone at SLK and five at Björkens äldreboende; the other 12 did not."""
    learners = [people["director"], *staff["north"][:5]]
    for person in learners:
        complete(person, workshop)
    factories.idea(author=people["director"])
    start, end = window()
    everyone = _own(tree)
    after: dict[int, int] = {}
    for person in learners:
        after[person.unit_id] = after.get(person.unit_id, 0) + 1
    without = {unit: n - after.get(unit, 0) for unit, n in everyone.items()}
    for key, own in (("ideas_after_learning", after), ("ideas_without_learning", without)):
        figures = COMPUTATIONS[key].compute(start, end)
        assert figures and tree["SLK"].pk not in figures and tree["KS"].pk not in figures
        assert _smallest_worked_out(set(figures), own) in (0, *range(settings.SPRANG_SURVEY_MIN_ANSWERS, 100))
    # Without the rule, the city's six less Norra's five would be the director, and their idea.
    monkeypatch.setattr(indicators, "shown_units", lambda tree_, counts: _naive(tree_, counts))
    figures = indicators.ideas_after_learning(start, end)
    assert _smallest_worked_out(set(figures), after) == 1


# -- queries -----------------------------------------------------------------------------------------


QUERIES = {
    "intro_module_share": 2,
    "leadership_module_share": 2,
    "talks_innovation_share": 2,
    "ideas_after_learning": 5,
    "ideas_without_learning": 5,
}


def test_a_fixed_number_of_queries_whatever_the_size_of_the_city(
    tree, people, staff, intro, leadership, django_assert_num_queries
):
    start, end = window(400)  # with a year's end in it

    def measure():
        for key, n in QUERIES.items():
            with django_assert_num_queries(n):
                COMPUTATIONS[key].compute(start, end)

    measure()
    for i in range(30):
        person = factories.person(unit=tree["SDF-S-SKO" if i % 2 else "SDF-N-ALD-1"], role=Role.MANAGER)
        complete(person, intro)
        complete(person, leadership, TODAY - timedelta(days=1))
        talk(person, year=TODAY.year, innovation=bool(i % 3))
        factories.idea(author=person)
    measure()


# -- the dashboard, the reports and the open data ------------------------------------------------------


@pytest.mark.parametrize("rule", [True, False], ids=["with the rule", "without"])
def test_a_suppressed_units_figure_is_not_in_the_open_data(tree, people, staff, client, monkeypatch, rule):
    """A year's talks: Södra has five and the director one, so Södra's would give the director's away."""
    if not rule:
        monkeypatch.setattr(indicators, "shown_units", lambda tree_, counts: _naive(tree_, counts))
    year = TODAY.year - 1
    for person in employees(tree, "SDF-N-ALD-1", "SDF-S-SKO") + [people["director"]]:
        talk(person, year=year, innovation=True)
    DevelopmentTalk.objects.update(created_at=datetime(year, 6, 1, tzinfo=CITY_TIME_ZONE))
    indicator_values_compute(year=year, period=Period.ANNUAL)

    response = client.get(reverse("opendata:csv", args=["indicators"]))
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    rows = [r for r in csv.DictReader(io.StringIO(text)) if r["indicator_code"] == "talks-innovation-share"]
    units = {r["unit_code"]: r["value"] for r in rows}
    assert units["CITY"] == "100.00" and units["SDF-N"] == "100.00"
    assert "SLK" not in units and "KS" not in units
    # Without the rule, the city's 13 less Norra's 7 and Södra's 5 would be the director's talk.
    assert ("SDF-S" in units and "SDN-S" in units) is not rule
