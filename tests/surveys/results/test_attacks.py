"""A curious reader combines every result the page, the API and the exports show: a parent minus its shown children,
a kind of organisation against a committee, all versions against one, small groups. Whatever they combine, they
find no group of one to four answers."""

from __future__ import annotations

import io
import itertools

import pytest
from openpyxl import load_workbook

from governance import exports as governance_exports
from organisation.models import Role, Unit
from surveys.anonymity import Group, atoms
from surveys.models import GroupResult, Response, TargetGroup
from surveys.results import exports, selectors
from surveys.rounds import services as rounds
from tests import factories
from tests.surveys.conftest import answer, close_round, make_round, open_round, token_of
from tests.surveys.results.conftest import answer_all

MINIMUM = 5
KEY = "strategy"


def candidate_groups(round_) -> list[dict[str, str]]:
    """Every filter a reader could type: the city, each kind, every unit, and each of them in each version."""
    groups = ["city", "kind:company", "kind:specialist_administration", "kind:district_administration"]
    groups += [f"unit:{pk}" for pk in Unit.objects.values_list("pk", flat=True)]
    versions = [""] + [str(v) for v in Response.objects.filter(round=round_).values_list("version_id", flat=True)]
    return [{"group": g, "version": v} for g in groups for v in dict.fromkeys(versions)]


def members(round_, group: str, version: str) -> frozenset[int]:
    """The answers truly in a group (the attacker's unknowns), from the answers themselves."""
    answers = Response.objects.filter(round=round_, scores__has_key=KEY)
    scope, _sep, rest = group.partition(":")
    if scope == "kind":
        answers = answers.filter(organisation_kind=rest)
    elif scope == "unit":
        answers = answers.filter(unit__path__startswith=Unit.objects.get(pk=rest).path)
    if version:
        answers = answers.filter(version_id=version)
    return frozenset(answers.values_list("pk", flat=True))


def seen_through_api(client, round_) -> dict[tuple[str, str], int]:
    """What the API shows: the number of scores of each group whose result is shown."""
    shown = {}
    for params in candidate_groups(round_):
        query = {k: v for k, v in params.items() if v}
        response = client.get(f"/api/v1/surveys/rounds/{round_.pk}/results", query)
        assert response.status_code in (200, 404), response.content
        if response.status_code == 404:
            continue
        item = next(q for q in response.json()["questions"] if q["key"] == KEY)
        if item["status"] == "shown":
            shown[(params["group"], params["version"])] = item["scored"]
        else:
            assert item["mean"] is None and item["scored"] is None and item["distribution"] is None
    return shown


def assert_nobody_found(round_, shown: dict[tuple[str, str], int]) -> None:
    groups = {key: members(round_, *key) for key in shown}
    for key, cells in groups.items():
        assert len(cells) == shown[key] >= MINIMUM, key
    # Every combination of the shown groups is a combination of their atoms: each holds none or enough answers.
    sizes = atoms([Group(k, c) for k, c in groups.items()], dict.fromkeys(set().union(*groups.values()), 1))
    assert all(size == 0 or size >= MINIMUM for size in sizes), sizes
    # And the subtractions a reader makes by hand find nothing small either.
    for (a, ca), (b, cb) in itertools.combinations(groups.items(), 2):
        for part in (ca - cb, cb - ca, ca & cb):
            assert len(part) == 0 or len(part) >= MINIMUM, (a, b, len(part))


@pytest.fixture
def reader(client, people):
    client.force_login(people["employee"])
    return client


def test_a_parent_minus_its_shown_children_finds_nobody(director, version, staff, tree, reader):
    # Norra's care department: Björkens äldreboende's 13 answer, and 2 of the department's own 6 managers do. With
    # two more at Norra's administration (five of its own), the managers' answers count for the department itself.
    for _ in range(2):
        factories.person(unit=tree["SDF-N"])
    round_ = open_round(director, make_round(director, version, target_group=TargetGroup.EMPLOYEES))
    assert round_.invitations.filter(reporting_unit=tree["SDF-N-ALD"]).count() == 6
    quiet = {p.pk for p in staff["north_managers"][2:]}
    answer_all(round_, only=lambda invitation: invitation.person_id not in quiet)
    round_ = close_round(director, round_)
    shown = seen_through_api(reader, round_)
    assert ("city", "") in shown
    department = f"unit:{tree['SDF-N-ALD'].pk}"
    home = f"unit:{tree['SDF-N-ALD-1'].pk}"
    # The department minus the care home would be the two managers: the care home, offered after it, is protected.
    assert (department, "") in shown and (home, "") not in shown
    protected = GroupResult.objects.get(round=round_, unit=tree["SDF-N-ALD-1"], question_key=KEY)
    assert protected.status == "protected" and protected.mean is None and protected.scored is None
    assert_nobody_found(round_, shown)


def test_a_kind_and_a_committee_overlapping_give_away_nobody(director, version, staff, tree, reader):
    # Five people at the north committee itself, of no kind of organisation, and five at the city's top: the
    # committee's own answers count for it, the others' for the city. Only three of the committee's five answer.
    committee = [factories.person(unit=tree["SDN-N"]) for _ in range(5)]
    for _ in range(5):
        factories.person(unit=tree["CITY"])
    round_ = open_round(director, make_round(director, version, target_group=TargetGroup.EMPLOYEES))
    assert round_.invitations.filter(reporting_unit=tree["SDN-N"], reporting_kind="").count() == 5
    quiet = {p.pk for p in committee[3:]}
    answer_all(round_, only=lambda invitation: invitation.person_id not in quiet)
    round_ = close_round(director, round_)
    shown = seen_through_api(reader, round_)
    # The kind (39) and the city's answers of no kind (8) are shown; the committee overlaps the kind in its district
    # administration (22), and the committee minus that overlap would be its own three: it is protected.
    assert ("kind:district_administration", "") in shown and (f"unit:{tree['SDF-N'].pk}", "") in shown
    assert (f"unit:{tree['SDN-N'].pk}", "") not in shown
    protected = GroupResult.objects.get(round=round_, unit=tree["SDN-N"], question_key=KEY, version=None)
    assert protected.status == "protected" and protected.mean is None and protected.scored is None
    assert_nobody_found(round_, shown)


def test_the_same_group_in_two_versions_gives_away_neither(director, version, questionnaire, staff, tree, reader):
    round_ = open_round(director, make_round(director, version, target_group=TargetGroup.EMPLOYEES))
    invitations = list(round_.invitations.order_by("pk"))
    for i, invitation in enumerate(invitations[:30]):
        answer(token_of(invitation), strategy=1 + i % 5, time=2)
    new = rounds.version_create(questionnaire=questionnaire, by=director, note="Ny version")
    round_.refresh_from_db()
    rounds.round_version_switch(round=round_, by=director, expected_version=round_.lock_version, version=new)
    for i, invitation in enumerate(invitations[30:]):
        answer(token_of(invitation), strategy=1 + i % 5, time=4)
    round_ = close_round(director, round_)
    assert GroupResult.objects.filter(round=round_, version=new).exists()
    shown = seen_through_api(reader, round_)
    assert any(version for _group, version in shown)
    assert_nobody_found(round_, shown)
    # A version the round did not use is a crafted filter: nothing.
    other = rounds.version_create(questionnaire=questionnaire, by=director)
    response = reader.get(f"/surveys/results/{round_.pk}/?group=city&version={other.pk}")
    assert response.status_code == 404
    assert "Mean (1–5)" not in response.content.decode() and "Medelvärde (1–5)" not in response.content.decode()


def test_an_under_threshold_group_shows_no_figure_anywhere(director, version, staff, tree, reader):
    # Five managers at the executive office (a kind of organisation of its own), so Södra's six managers' answers
    # count for Södra rather than being taken in by the city's.
    for _ in range(3):
        factories.person(unit=tree["SLK"], role=Role.MANAGER)
    round_ = open_round(director, make_round(director, version))
    south = tree["SDF-S"]
    assert round_.invitations.filter(reporting_unit=south).count() == 6
    # Every manager answers but in Södra, where only three of the six do.
    answer_all(round_, score=lambda i: 4, only=lambda invitation: invitation.unit_id != south.pk)
    for invitation in round_.invitations.filter(unit=south).order_by("pk")[:3]:
        answer(token_of(invitation), strategy=2)
    round_ = close_round(director, round_)
    office = south
    row = GroupResult.objects.get(round=round_, unit=office, question_key=KEY)
    assert row.status == "too_few" and row.mean is None
    # Nor can it be worked out: the district administrations minus Norra would be Södra's three, so Norra is protected.
    north = GroupResult.objects.get(round=round_, unit=tree["SDF-N"], question_key=KEY)
    assert north.status == "protected" and north.mean is None
    assert_nobody_found(round_, seen_through_api(reader, round_))
    page = reader.get(f"/surveys/results/{round_.pk}/?group=unit:{office.pk}")
    assert page.status_code == 200
    body = page.content.decode()
    assert "Too few answers" in body or "För få svar" in body
    assert "Number of scores" not in body and "Antal värderingar" not in body
    api = reader.get(f"/api/v1/surveys/rounds/{round_.pk}/results", {"group": f"unit:{office.pk}"}).json()
    assert all(q["mean"] is None for q in api["questions"])
    xlsx = reader.get(f"/surveys/results/{round_.pk}/results.xlsx?group=unit:{office.pk}")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    strategy = next(r for r in rows if r[1] == KEY)
    assert strategy[4] is None and strategy[5] is None and strategy[-1]  # no figure, and why
    # The PDF is laid out from the same group's HTML: no mean, count or chart in it either.
    printed = exports.results_html(selectors.group_results(round_, selectors.parse_group(f"unit:{office.pk}")))
    assert ("Too few answers" in printed or "För få svar" in printed) and "sprang-chart" not in printed
    assert "Number of scores" not in printed and "Antal värderingar" not in printed
    if governance_exports.pdf_available():
        pdf = reader.get(f"/surveys/results/{round_.pk}/results.pdf?group=unit:{office.pk}")
        assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


@pytest.mark.parametrize(
    "query",
    [
        "group=unit:999999",
        "group=kind:company",  # no company answered
        "group=kind:nonsense",
        "group=everyone",
        "group=city&version=999999",
        "group=city&version=abc",
        "group=unit:1'--",
    ],
)
def test_a_crafted_filter_shows_no_results_and_no_figures(closed_employee_round, reader, query):
    page = reader.get(f"/surveys/results/{closed_employee_round.pk}/?{query}")
    assert page.status_code == 404
    body = page.content.decode()
    assert "No results for this group" in body or "Inga resultat för den här gruppen" in body
    assert "sprang-chart" not in body
    assert reader.get(f"/surveys/results/{closed_employee_round.pk}/results.xlsx?{query}").status_code == 404
    assert reader.get(f"/surveys/results/{closed_employee_round.pk}/results.pdf?{query}").status_code == 404
    group, _sep, rest = query.partition("&")
    params = dict(p.split("=", 1) for p in query.split("&"))
    api = reader.get(f"/api/v1/surveys/rounds/{closed_employee_round.pk}/results", params)
    assert api.status_code in (404, 422)
    assert "mean" not in api.content.decode()


def test_how_many_answered_is_not_shown_where_so_few_were_invited_that_it_tells_who(
    director, version, staff, tree, client, people
):
    """The managers' round: Stadsledningskontoret has two managers invited, so how many of them have answered would
    tell whether the one who did is this one or that one."""
    round_ = open_round(director, make_round(director, version))
    invitation = round_.invitations.get(person=staff["office_managers"][0])
    answer(token_of(invitation), strategy=3)
    client.force_login(director)
    page = client.get(f"/surveys/rounds/{round_.pk}/").content.decode()
    from surveys.rounds.selectors import response_rates

    rows = {row.unit.code: row for row in response_rates(round_=round_, user=director)}
    assert rows["SLK"].invited == 2 and rows["SLK"].answered is None
    assert rows["CITY"].invited >= MINIMUM and rows["CITY"].answered == 1
    assert all(row.answered is None for row in rows.values() if row.invited < MINIMUM)
    assert "–" in page
    round_ = close_round(director, round_)
    client.force_login(people["employee"])
    for child in (
        client.get(f"/api/v1/surveys/rounds/{round_.pk}/results", {"group": "city"}).json().get("children", [])
    ):
        if child.get("invited", 0) < MINIMUM:
            assert child.get("answered") is None
