"""The indicators of knowledge and leadership: what each counts, per unit and the units below it, and that no
figure published lets anyone work out a group smaller than the survey's minimum."""

from __future__ import annotations

import csv
import io
from collections import defaultdict
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


def _every_unit(tree_: Tree, counts) -> set[int]:
    """Without the rule: every unit with anyone in its subtree."""
    totals = tree_.sum_up((unit, sum(split)) for unit, split in counts.items())
    return {pk for pk, n in totals.items() if n}


@pytest.fixture
def every_unit(monkeypatch):
    """What each figure counts, for every unit, whatever the rule would hold back (tested below on its own)."""
    monkeypatch.setattr(indicators, "shown_units", _every_unit)


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
    tree, people, staff, intro, workshop, every_unit
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
    assert figures["SDF-N-ALD-1"] == (Decimal("85.71"), 7)
    assert figures["SDF-S"] == (Decimal("0.00"), 7)


def test_a_past_period_does_not_count_what_came_after_it(tree, people, staff, intro, every_unit):
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
    tree, people, staff, leadership, intro, every_unit
):
    more = [factories.person(unit=tree["SDF-N-ALD"], role=Role.MANAGER) for _ in range(4)]
    org_services.role_assign(user=people["manager"], role=Role.MANAGER, unit=tree["SDF-N-ALD-1"])
    for person in [people["manager"], more[0]]:
        complete(person, leadership)
    complete(more[1], intro)  # not a leadership module
    start, end = window()

    figures = by_code(indicators.leadership_module_share(start, end), tree)

    # Six managers: five in Norra (Maria Chef once, though she manages two units), Sven Södra in Södra.
    assert figures["CITY"] == (Decimal("33.33"), 6)
    assert figures["SDF-N"] == (Decimal("40.00"), 5)
    assert figures["SDF-S"] == (Decimal("0.00"), 1)


# -- development talks -------------------------------------------------------------------------


def test_the_talks_share_is_of_the_talks_of_the_year_ending_in_the_period(tree, people, staff, every_unit):
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
    assert "KS" not in figures and "SLK" not in figures  # no talks there
    # A tertial that is not the year's last has no year ending in it.
    assert indicators.talks_innovation_share(start, datetime(year, 5, 1, tzinfo=CITY_TIME_ZONE)) == {}


# -- ideas after learning ------------------------------------------------------------------------


def test_ideas_after_learning_beside_those_without(tree, people, staff, workshop, intro, every_unit):
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
    # Twelve without: four in Norra (Björkens äldreboende's seventh, Norra's office's three), seven in Södra.
    assert without["CITY"] == (Decimal("166.67"), 12)
    assert without["SDF-S"] == (Decimal("285.71"), 7)
    assert without["SDF-N"] == (Decimal("0.00"), 4)


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


MIN = settings.SPRANG_SURVEY_MIN_ANSWERS


def _naive(tree_: Tree, counts) -> set[int]:
    """Without the rule, as most tools do it: every unit with at least the minimum of people in its subtree."""
    totals = tree_.sum_up((unit, sum(split)) for unit, split in counts.items())
    return {pk for pk, n in totals.items() if n >= MIN}


def _worked_out(published: set[int], has: dict[int, int], has_not: dict[int, int]) -> list[tuple[int, int]]:
    """What anyone can work out from the published units' figures and bases: for each atom (the people in exactly the
    same published units), how many have what the figures count and how many have not."""
    tree = Tree()
    pieces: dict[tuple, list[int]] = defaultdict(lambda: [0, 0])
    for unit, *_ in tree.units:
        key = tuple(sorted(pk for pk in tree.ancestors(unit) if pk in published))
        if key:  # in no published unit, nothing is known of them
            pieces[key][0] += has.get(unit, 0)
            pieces[key][1] += has_not.get(unit, 0)
    return [(a, b) for a, b in pieces.values() if a + b]


def _gives_someone_away(pieces: list[tuple[int, int]]) -> bool:
    """A piece with fewer than the minimum with or without (1 of them, or all of them: 0 without) tells of people."""
    return any(n < MIN for piece in pieces for n in piece)


def _split(tree, done_people) -> tuple[dict[int, int], dict[int, int]]:
    has: dict[int, int] = defaultdict(int)
    has_not: dict[int, int] = defaultdict(int)
    done = {p.pk for p in done_people}
    for pk, unit_id in indicators.staff(timezone.now() + timedelta(days=1)).values_list("pk", "unit_id"):
        (has if pk in done else has_not)[unit_id] += 1
    return has, has_not


@pytest.fixture
def director_alone(tree, people, staff, intro):
    """The director, alone at SLK (under KS), has completed the introductory module; so have all seven at Björkens
    äldreboende. Nobody else has: Norra's office (3) and Södra (7)."""
    done = [people["director"], people["employee"], *staff["north"]]
    for person in done:
        complete(person, intro)
    return done


@pytest.mark.parametrize("rule", [True, False], ids=["with the rule", "without"])
def test_no_share_published_gives_anyones_record_away(tree, director_alone, monkeypatch, rule):
    if not rule:
        monkeypatch.setattr(indicators, "shown_units", _naive)
    start, end = window()
    figures = indicators.intro_module_share(start, end)
    published = by_code(figures, tree)
    pieces = _worked_out(set(figures), *_split(tree, director_alone))
    assert _gives_someone_away(pieces) is not rule
    if rule:
        # 8 of 18 have: the city is shown; Norra's 10 (7 and 3) and Södra's 7 (0) are not.
        assert published == {"CITY": (Decimal("44.44"), 18)}
    else:
        # The attacks the rule stops: a share of 100 per cent (each of the seven has), 0 per cent (nobody in Södra
        # has), and the city's less Norra's and Södra's, which is the director's own.
        assert published["SDF-N-ALD-1"] == (Decimal("100.00"), 7)
        assert published["SDN-S"] == (Decimal("0.00"), 7)
        done = {code: round(value * basis / 100) for code, (value, basis) in published.items()}
        assert done["CITY"] - done["SDN-N"] - done["SDN-S"] == 1


def test_a_unit_where_everyone_or_no_one_has_is_not_shown_however_many_they_are(tree, people, intro):
    many = [factories.person(unit=tree["SDF-N-ALD-1"]) for _ in range(12)]
    for person in many:
        complete(person, intro)
    others = [factories.person(unit=tree["SDF-S-SKO"]) for _ in range(12)]
    start, end = window()
    published = by_code(indicators.intro_module_share(start, end), tree)
    assert "SDF-N-ALD-1" not in published and "SDF-S-SKO" not in published  # 100 % and 0 %
    assert "CITY" in published and 0 < published["CITY"][0] < 100
    assert others  # they are the city's 0 per cent part


def test_the_rates_of_ideas_are_suppressed_by_the_same_rule(tree, people, staff, workshop, monkeypatch):
    """Six learnt: the director alone at SLK and five at Björkens äldreboende; the other 12 did not."""
    learners = [people["director"], *staff["north"][:5]]
    for person in learners:
        complete(person, workshop)
    factories.idea(author=people["director"])
    start, end = window()
    has, has_not = _split(tree, learners)
    for key in ("ideas_after_learning", "ideas_without_learning"):
        figures = COMPUTATIONS[key].compute(start, end)
        assert set(by_code(figures, tree)) == {"CITY"}
        assert not _gives_someone_away(_worked_out(set(figures), has, has_not))
    # Without the rule, the city's six less Norra's five would be the director, and their idea.
    monkeypatch.setattr(indicators, "shown_units", _naive)
    figures = indicators.ideas_after_learning(start, end)
    assert _gives_someone_away(_worked_out(set(figures), has, has_not))


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
    """A year's talks: five of Björkens äldreboende's seven covered innovation, none of Skola Södra's five did, and the
    director's did. Only the city's share keeps everyone's talk to themselves."""
    if not rule:
        monkeypatch.setattr(indicators, "shown_units", _naive)
    year = TODAY.year - 1
    for i, person in enumerate(employees(tree, "SDF-N-ALD-1")):
        talk(person, year=year, innovation=i < 5)
    for person in employees(tree, "SDF-S-SKO"):
        talk(person, year=year, innovation=False)
    talk(people["director"], year=year, innovation=True)
    DevelopmentTalk.objects.update(created_at=datetime(year, 6, 1, tzinfo=CITY_TIME_ZONE))
    indicator_values_compute(year=year, period=Period.ANNUAL)

    response = client.get(reverse("opendata:csv", args=["indicators"]))
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    rows = [r for r in csv.DictReader(io.StringIO(text)) if r["indicator_code"] == "talks-innovation-share"]
    units = {r["unit_code"]: r["value"] for r in rows}
    if rule:
        assert units == {"CITY": "46.15"}
    else:
        # Södra's 0 per cent tells each of Skola Södra's five's talk; the city's less Norra's and Södra's, the
        # director's.
        assert units["SDN-S"] == "0.00"
        assert "SDN-N" in units
