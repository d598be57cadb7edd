"""The attack of an outsider on the open data: nothing published as “<5” or left out can be worked out.

The attacker downloads, without signing in, both CSV files and the unit tree with its headcounts
from the API, and writes every figure as an equation over the counts they are made of: ideas per
region of the tree (a published unit's own part outside the published units below it), source or
stage, and step of the year (January–April, May–August, September–December). A rate gives its
count through the headcount, a share through the total, both to the rounding they are published
with; a suppressed count lies in 1–4, a withheld one is not zero. For every count of that model
that truly holds one to four – a region, an organisation, a step, a source – integer programming
finds the smallest and largest values the published figures allow, and they must differ.
"""

from __future__ import annotations

import csv
import io
import random
from collections import defaultdict
from datetime import timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import numpy as np
import pytest
from django.core.cache import cache
from scipy.optimize import Bounds, LinearConstraint, milp

from governance.models import period_bounds
from governance.services import indicator_values_compute
from ideas.lock import Stage
from ideas.models import Source
from opendata import selectors
from tests import factories
from tests.opendata.conftest import NOW, at

STHLM = ZoneInfo("Europe/Stockholm")
PERIODS = ("T1", "T2", "VB")
STEPS = (0, 1, 2)  # January–April, May–August, September–December
STEP_MONTHS = ((2, 3, 4), (5, 6, 8), (9, 10, 11))
EXTERNAL = {"resident", "supplier", "university", "city_unit", "feedback"}


def _random_year(people, tree, seed: int):
    """A year of ideas in 2025 from every source to every administration, mostly few of each."""
    rng = random.Random(seed)
    employee, office = people["employee"], people["director"]
    targets = [tree["SDF-N-ALD-1"], tree["SDF-N"], tree["SDF-S-SKO"], tree["SDF-S"], tree["SLK"]]
    moved = 0
    for n, (unit, source, step) in enumerate(
        (u, s, k) for u in targets for s in Source.values for k in STEPS if rng.random() < 0.35
    ):
        for i in range(rng.choice((1, 1, 2, 3, 5, 7))):
            month = rng.choice(STEP_MONTHS[step])
            when = at(month, 1 + (n + i) % 27, 8) + timedelta(minutes=n * 7 + i)
            idea = factories.idea(author=employee, unit=unit, source=source, now=when)
            if rng.random() < 0.4:
                factories.move(idea, by=office, to=Stage.PRESTUDY, now=when + timedelta(days=1))
                moved += 1
    for year, period, when in ((2025, "T1", at(5, 2)), (2025, "T2", at(9, 2)), (2025, "VB", at(1, 5, year=2026))):
        indicator_values_compute(year=year, period=period, now=when)
    return moved


def _csv(client, name):
    response = client.get(f"/opendata/{name}.csv")
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def _units(client):
    units, offset = [], 0
    while True:
        page = client.get("/api/v1/units/", {"limit": 100, "offset": offset}).json()
        units += page["items"]
        offset += 100
        if offset >= page["count"]:
            return units


class Attacker:
    """Integer programming over the counts the published figures are made of."""

    def __init__(self, units):
        by_id = {u["id"]: u for u in units}
        self.published = {u["code"] for u in units if u["kind"] not in ("department", "unit")}
        self.headcount = {u["code"]: u["headcount"] for u in units}

        def published_above(unit):
            seen = []
            while unit is not None:
                if unit["code"] in self.published:
                    seen.append(unit["code"])
                unit = by_id.get(unit["parent_id"])
            return seen

        self.region_of = {u["code"]: published_above(u)[0] for u in units}
        self.counts_for = {code: published_above(by_id[u["id"]]) for code, u in ((u["code"], u) for u in units)}
        self.regions = sorted(self.published)
        self.variables: dict[tuple, int] = {}
        self.equal: list[tuple[dict[int, float], float, float]] = []
        self.lo: list[float] = []
        self.hi: list[float] = []

    def var(self, key) -> int:
        if key not in self.variables:
            self.variables[key] = len(self.variables)
            self.lo.append(0)
            self.hi.append(10**6)
        return self.variables[key]

    def under(self, code):
        return [r for r in self.regions if code in self.counts_for[r]]

    def cell(self, table, code, categories, period) -> dict[int, float]:
        steps = STEPS[: PERIODS.index(period) + 1]
        return {self.var((table, r, c, k)): 1 for r in self.under(code) for c in categories for k in steps}

    def between(self, terms: dict[int, float], lo: float, hi: float):
        self.equal.append((terms, lo, hi))

    def count(self, table, code, categories, period, shown, note):
        terms = self.cell(table, code, categories, period)
        if note == "":
            self.between(terms, int(shown), int(shown))
        elif note == "suppressed":
            self.between(terms, 1, 4)
        else:
            assert note == "withheld"
            self.between(terms, 1, np.inf)

    def extremes(self, terms: dict[int, float]) -> tuple[int, int]:
        n = len(self.variables)
        matrix = np.zeros((len(self.equal), n))
        lows, highs = [], []
        for row, (t, lo, hi) in enumerate(self.equal):
            for i, a in t.items():
                matrix[row, i] = a
            lows.append(lo)
            highs.append(hi)
        found = []
        for sign in (1, -1):
            objective = np.zeros(n)
            for i in terms:
                objective[i] = sign
            result = milp(
                objective,
                constraints=[LinearConstraint(matrix, lows, highs)],
                integrality=np.ones(n),
                bounds=Bounds(self.lo, self.hi),
            )
            assert result.success, result.message
            found.append(round(sign * result.fun))
        return found[0], found[1]


def _true_counts(year: int = 2025):
    """What the attacker is after: ideas received per unit, source and step of the year."""
    from ideas.models import Idea

    counts: dict[tuple[str, str, int], int] = defaultdict(int)
    start, end = period_bounds(year, "T1")[0], period_bounds(year, "VB")[1]
    for code, source, created in Idea.objects.filter(created_at__gte=start, created_at__lt=end).values_list(
        "unit__code", "source", "created_at"
    ):
        month = created.astimezone(STHLM).month
        counts[code, source, 0 if month < 5 else 1 if month < 9 else 2] += 1
    return counts


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5, 6, 7, 8])
def test_no_suppressed_count_can_be_worked_out_from_the_open_data(client, people, tree, settings, seed):
    settings.SPRANG_MAX_IDEAS_PER_HOUR = 0
    _random_year(people, tree, seed)
    attacker = Attacker(_units(client))
    ideas = [r for r in _csv(client, "ideas") if r["year"] == "2025"]
    indicators = [r for r in _csv(client, "indicators") if r["year"] == "2025"]
    assert any(r["note"] == "suppressed" for r in ideas)

    for row in ideas:
        table = "received" if row["breakdown"] == "source" else "reached"
        attacker.count(table, row["unit_code"], [row["category"]], row["period"], row["ideas"], row["note"])
    everything = list(Source.values)
    for row in indicators:
        code, period, value = row["unit_code"], row["period"], row["value"]
        if row["indicator_code"] == "reached-pilot":
            attacker.count("reached", code, ["pilot"], period, value, row["note"])
        if not value or row["note"]:
            continue
        v = Decimal(value)
        if row["indicator_code"] == "ideas-per-thousand":
            # value = round(1000 · total / headcount, 2)
            total = attacker.cell("received", code, everything, period)
            k = Decimal(attacker.headcount[code]) / 1000
            attacker.between(total, float((v - Decimal("0.005")) * k), float((v + Decimal("0.005")) * k))
        if row["indicator_code"] == "external-share":
            # value = round(100 · external / total, 2): 100 · external − (value ± 0.005) · total brackets 0
            total = attacker.cell("received", code, everything, period)
            external = attacker.cell("received", code, sorted(EXTERNAL), period)
            for bound, sign in ((v - Decimal("0.005"), 1), (v + Decimal("0.005"), -1)):
                terms = defaultdict(float)
                for i in external:
                    terms[i] += 100 * sign
                for i in total:
                    terms[i] -= float(bound) * sign
                attacker.between(dict(terms), 0, np.inf)

    # Every count truly of one to four – per region, per published unit, per step and source – stays unknown.
    truth = _true_counts()
    checked = 0
    for code in sorted(attacker.published):
        regions = attacker.under(code)
        for source in everything:
            for step in STEPS:
                true = sum(
                    v
                    for (u, s, k), v in truth.items()
                    if s == source and k == step and attacker.region_of[u] in regions
                )
                if 0 < true < 5:
                    terms = {attacker.var(("received", r, source, step)): 1 for r in regions}
                    assert attacker.extremes(terms)[0] != attacker.extremes(terms)[1], (code, source, step, true)
                    checked += 1
    assert checked > 10


def test_the_attack_recovers_small_counts_from_primary_suppression_alone(client, people, tree, settings, monkeypatch):
    """Without complementary suppression, the same attack finds small counts: the test can see what it looks for."""
    settings.SPRANG_MAX_IDEAS_PER_HOUR = 0
    employee = people["employee"]
    for i in range(6):
        factories.idea(author=employee, unit=tree["SDF-N"], source="employee" if i else "city_unit", now=at(2, 3 + i))
    for period, when in (("T1", at(5, 2)), ("T2", at(9, 2)), ("VB", at(1, 5, year=2026))):
        indicator_values_compute(year=2025, period=period, now=when)
    from core import disclosure

    def primary_only(table, rounds, *, minimum=5):
        return {
            c: disclosure.Status.SUPPRESSED if 0 < table.value(c) < minimum else disclosure.Status.PUBLISHED
            for r in rounds
            for c in r
        }

    monkeypatch.setattr(selectors, "protect", primary_only)
    rows = selectors.idea_rows(year=2025, period="T1", now=NOW)
    north = {r["category"]: r["ideas"] for r in rows if r["unit_code"] == "SDF-N" and r["breakdown"] == "source"}
    per_thousand = next(
        r["value"]
        for r in selectors.indicator_rows(year=2025, period="T1", now=NOW)
        if r["unit_code"] == "SDF-N" and r["indicator_code"] == "ideas-per-thousand"
    )
    # 6 ideas = 12 per thousand of Norra's 500; 5 of them from employees: the sixth, "<5", is 1.
    assert north["city_unit"] == "<5"
    assert Decimal(per_thousand) * 500 / 1000 - int(north["employee"]) == 1
    monkeypatch.undo()
    cache.clear()  # the decisions above were kept under the same digest
    rows = selectors.idea_rows(year=2025, period="T1", now=NOW)
    north = {
        r["category"]: (r["ideas"], r["note"]) for r in rows if r["unit_code"] == "SDF-N" and r["breakdown"] == "source"
    }
    indicators = selectors.indicator_rows(year=2025, period="T1", now=NOW)
    rate = next(r for r in indicators if r["unit_code"] == "SDF-N" and r["indicator_code"] == "ideas-per-thousand")
    # With disclosure control the total is withheld instead: the rate goes, the five stay.
    assert (rate["value"], rate["note"]) == (None, "withheld")
    assert north["employee"] == ("5", "")
