"""The results page, its exports, the API, the open dataset and the indicators: who reads them, what they show, and
that each reads only the rows the anonymity rules show, in a fixed number of queries."""

from __future__ import annotations

import csv
import io
from datetime import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from governance import exports as governance_exports
from governance.indicators import COMPUTATIONS
from surveys.models import GroupResult, Question, ResultStatus, Round, Scope, TargetGroup
from surveys.results import selectors
from surveys.results.datasets import survey_rows
from surveys.rounds import services as rounds
from surveys.rounds.default import FACTORS
from tests import factories
from tests.surveys.conftest import close_round, make_round, open_round
from tests.surveys.results.conftest import SCALE_KEYS, answer_all


@pytest.fixture
def reader(client, people):
    client.force_login(people["employee"])
    return client


def url(round_, query: str = "") -> str:
    return reverse("surveys:results", args=[round_.pk]) + (f"?{query}" if query else "")


def test_only_city_staff_read_results_and_only_of_closed_rounds(
    closed_employee_round, client, people, director, version
):
    assert client.get(url(closed_employee_round)).status_code == 302
    client.force_login(people["resident"])
    assert client.get(url(closed_employee_round)).status_code == 403
    assert client.get(reverse("surveys:results_list")).status_code == 403
    client.force_login(people["employee"])
    assert client.get(url(closed_employee_round)).status_code == 200
    still_open = open_round(director, make_round(director, version, year=2027))
    assert client.get(url(still_open)).status_code == 404
    listed = client.get(reverse("surveys:results_list")).content.decode()
    assert closed_employee_round.name in listed and still_open.name not in listed


def test_the_city_page_shows_means_spread_kinds_units_and_rates(closed_employee_round, reader, tree):
    body = reader.get(url(closed_employee_round)).content.decode()
    city = GroupResult.objects.get(round=closed_employee_round, scope=Scope.CITY, question_key="strategy")
    assert "sprang-chart" in body  # the spread, with its table
    assert f"{city.scored}" in body
    assert "Stadsdelsförvaltning" in body and "Fackförvaltning" in body  # the kinds side by side
    assert f"group=unit:{tree['SDN-N'].pk}" in body  # drill down
    assert "100,0" in body  # everyone answered


@pytest.fixture
def protected_department_round(director, version, staff, tree):
    """The city's employees asked, with five at Norra's administration itself, so that they and the six managers of
    Äldreomsorg Norra each count for their own unit. Everyone answers except three of the five at the administration
    and all but three at Skola Södra. So Norra minus Äldreomsorg Norra would be two: the department is protected
    (Björkens äldreboende below it is shown), and Skola Södra has too few answers."""
    for _ in range(2):
        factories.person(unit=tree["SDF-N"])
    round_ = open_round(director, make_round(director, version, target_group=TargetGroup.EMPLOYEES))
    assert round_.invitations.filter(reporting_unit=tree["SDF-N"]).count() == 5
    assert round_.invitations.filter(reporting_unit=tree["SDF-N-ALD"]).count() == 6
    quiet = {
        *round_.invitations.filter(unit=tree["SDF-N"]).order_by("pk").values_list("pk", flat=True)[2:],
        *round_.invitations.filter(unit=tree["SDF-S-SKO"]).order_by("pk").values_list("pk", flat=True)[3:],
    }
    answer_all(round_, only=lambda invitation: invitation.pk not in quiet)
    return close_round(director, round_)


def test_drilling_down_links_only_as_far_as_results_are_shown(protected_department_round, reader, tree):
    round_ = protected_department_round
    body = reader.get(url(round_, f"group=unit:{tree['SDF-N'].pk}")).content.decode()
    # Äldreomsorg Norra is protected, but Björkens äldreboende below it is shown: the link leads on.
    assert f"group=unit:{tree['SDF-N-ALD'].pk}" in body
    body = reader.get(url(round_, f"group=unit:{tree['SDF-N-ALD'].pk}")).content.decode()
    assert "Visas inte, för att skydda en mindre grupp" in body
    assert f"group=unit:{tree['SDF-N-ALD-1'].pk}" in body
    # Skola Södra has too few answers and nothing shown below it: Södra names it without a link.
    body = reader.get(url(round_, f"group=unit:{tree['SDF-S'].pk}")).content.decode()
    assert "Skola Södra" in body and f"group=unit:{tree['SDF-S-SKO'].pk}" not in body


def test_the_free_texts_are_shown_only_from_eight_answers_in_random_order_and_paged(
    closed_employee_round, reader, tree
):
    city = reader.get(url(closed_employee_round)).content.decode()
    assert "Svar " in city
    texts = selectors.group_results(closed_employee_round, selectors.CITY).texts
    [obstacles] = texts
    assert obstacles.page.paginator.count == 45 and obstacles.page.paginator.num_pages == 5
    # In the order of the answers' random keys, the same every time.
    again = selectors.group_results(closed_employee_round, selectors.CITY).texts[0]
    assert list(obstacles.page.object_list) == list(again.page.object_list)
    page_two = reader.get(url(closed_employee_round, "texts=obstacles&page=2")).content.decode()
    assert all(text not in page_two for text in obstacles.page.object_list)
    # The executive office's six answers: enough for a mean, too few for their texts.
    office = GroupResult.objects.get(round=closed_employee_round, unit=tree["SLK"], question_key="obstacles")
    assert office.status == ResultStatus.TOO_FEW and not office.texts_shown
    body = reader.get(url(closed_employee_round, f"group=unit:{tree['SLK'].pk}")).content.decode()
    assert "Svar " not in body


def test_the_page_reads_in_a_fixed_number_of_queries(
    closed_employee_round, reader, tree, django_assert_max_num_queries
):
    for query in ("", "group=kind:district_administration", f"group=unit:{tree['SDF-N'].pk}", "group=unit:999999"):
        with django_assert_max_num_queries(30):
            assert reader.get(url(closed_employee_round, query)).status_code in (200, 404)


def test_the_xlsx_holds_the_page_s_rows_and_says_why_a_cell_is_empty(protected_department_round, reader, tree):
    round_ = protected_department_round
    response = reader.get(reverse("surveys:results_xlsx", args=[round_.pk]) + "?group=city")
    assert response.status_code == 200
    assert response["Content-Type"] == governance_exports.XLSX_TYPE
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(min_row=2, values_only=True))
    strategy = next(r for r in rows if r[1] == "strategy")
    city = GroupResult.objects.get(round=round_, scope=Scope.CITY, question_key="strategy")
    assert strategy[4] == round(city.mean, 2) and strategy[5] == city.scored
    department = reader.get(reverse("surveys:results_xlsx", args=[round_.pk]) + f"?group=unit:{tree['SDF-N-ALD'].pk}")
    rows = list(load_workbook(io.BytesIO(department.content)).active.iter_rows(min_row=2, values_only=True))
    assert all(r[4] is None and r[5] is None for r in rows)
    assert all(r[-1] for r in rows)


@pytest.mark.skipif(not governance_exports.pdf_available(), reason="WeasyPrint needs Pango")
def test_the_pdf_is_laid_out(closed_employee_round, reader):
    response = reader.get(reverse("surveys:results_pdf", args=[closed_employee_round.pk]) + "?group=city")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_the_api_lists_closed_rounds_and_a_group_s_results_for_staff_only(closed_employee_round, client, people):
    assert client.get("/api/v1/surveys/rounds").status_code == 401
    client.force_login(people["resident"])
    assert client.get("/api/v1/surveys/rounds").status_code == 403
    assert client.get(f"/api/v1/surveys/rounds/{closed_employee_round.pk}/results").status_code == 403
    client.force_login(people["employee"])
    listed = client.get("/api/v1/surveys/rounds").json()
    assert [r["id"] for r in listed["items"]] == [closed_employee_round.pk]
    data = client.get(f"/api/v1/surveys/rounds/{closed_employee_round.pk}/results", {"group": "city"}).json()
    strategy = next(q for q in data["questions"] if q["key"] == "strategy")
    city = GroupResult.objects.get(round=closed_employee_round, scope=Scope.CITY, question_key="strategy")
    assert strategy["mean"] == city.mean and strategy["distribution"] == city.distribution
    assert client.get(f"/api/v1/surveys/rounds/{closed_employee_round.pk}/results", {"group": "x"}).status_code == 422
    assert client.get("/api/v1/surveys/rounds/999999/results").status_code == 404


def test_the_open_dataset_publishes_only_shown_city_and_kind_rows(closed_manager_round, client):
    rows = survey_rows()
    assert rows and {r["group"] for r in rows} <= {
        "city",
        "company",
        "specialist_administration",
        "district_administration",
    }
    shown = {
        (r.scope if r.scope == Scope.CITY else r.kind, r.question_key): r
        for r in GroupResult.objects.filter(round=closed_manager_round, version__isnull=True, status=ResultStatus.SHOWN)
    }
    for row in rows:
        result = shown[(row["group"], row["question_key"])]
        assert row["scored"] == str(result.scored) and row["mean"] == f"{result.mean:.2f}"
    assert not any(r["question_key"] in ("obstacles", "support") for r in rows)
    response = client.get(reverse("opendata:csv", args=["survey_results"]))
    assert response.status_code == 200
    assert list(csv.DictReader(io.StringIO(response.content.decode())))


def test_the_city_minus_its_kinds_gives_away_nobody(closed_employee_round, closed_manager_round):
    """The attack on the open data: subtract the kinds published from the city's count, question by question."""
    rows = survey_rows()
    by_question: dict[tuple, dict[str, int]] = {}
    for row in rows:
        if row["scored"].isdigit():
            by_question.setdefault((row["round"], row["question_key"]), {})[row["group"]] = int(row["scored"])
    assert by_question
    for counts in by_question.values():
        if "city" in counts:
            rest = counts["city"] - sum(n for group, n in counts.items() if group != "city")
            assert rest == 0 or rest >= 5, counts
        assert all(n >= 5 for n in counts.values())


def test_a_factor_s_indicator_is_the_mean_of_its_shown_rows(closed_manager_round, tree):
    assert len(FACTORS) == 5
    year = closed_manager_round.year
    tz = timezone.get_current_timezone()
    start, end = datetime(year, 1, 1, tzinfo=tz), datetime(year + 1, 1, 1, tzinfo=tz)
    figures = COMPUTATIONS["survey_factor_strategy"].compute(start, end)
    city = GroupResult.objects.get(round=closed_manager_round, scope=Scope.CITY, question_key="strategy")
    root = tree["CITY"]
    assert float(figures[root.pk].value) == pytest.approx(city.mean, abs=0.01)
    assert figures[root.pk].basis == city.scored
    hidden = GroupResult.objects.filter(round=closed_manager_round, scope=Scope.UNIT, question_key="strategy").exclude(
        status=ResultStatus.SHOWN
    )
    assert all(row.unit_id not in figures for row in hidden)
    assert COMPUTATIONS["survey_factor_strategy"].compute(datetime(year - 1, 1, 1, tzinfo=tz), start) == {}
    assert "1–5" in str(COMPUTATIONS["survey_factor_time"].label)


def test_a_units_page_offers_the_unit_one_level_up_and_the_units_below(django_app, closed_employee_round, people, tree):
    north, elderly, home = tree["SDF-N"], tree["SDF-N-ALD"], tree["SDF-N-ALD-1"]
    page = django_app.get(url(closed_employee_round, f"group=unit:{elderly.pk}"), user=people["employee"])
    groups = page.html.select_one("nav[aria-labelledby=groups-heading]")
    up = groups.select_one(f"a[href$='?group=unit:{north.pk}']")
    assert up is not None and north.name in up.text
    assert f"group=unit:{home.pk}" in page.text  # the drill-down stays
    page = page.click(href=f"group=unit:{north.pk}$")
    assert (
        page.html.select_one("h1").text.strip().endswith(north.name) or north.name in page.html.select_one("main").text
    )


def test_the_page_is_kept_until_the_results_are_worked_out_again(
    closed_employee_round, reader, django_assert_max_num_queries
):
    round_ = closed_employee_round
    first = reader.get(url(round_)).content.decode().split("<main")[1]
    with django_assert_max_num_queries(12):  # the header's, the round's and the group's: nothing of the results
        again = reader.get(url(round_)).content.decode().split("<main")[1]
    assert again == first
    GroupResult.objects.filter(round=round_, scope="city").update(scored=987654)
    assert "987" not in reader.get(url(round_)).content.decode()  # still the kept page
    # Worked out again (the moment is part of what the page is kept under): drawn anew from the rows.
    Round.objects.filter(pk=round_.pk).update(results_at=timezone.now())
    assert "987" in reader.get(url(round_)).content.decode()


def test_over_the_years_shows_only_the_questions_every_round_asked_and_hides_what_the_rule_hides(
    director, version, questionnaire, staff, reader
):
    """The managers' rounds of 2026 (version 1, all 15 answer) and 2027 (a version 2 that asks something new instead
    of the leadership question and adds a question; only 4 answer, too few to show)."""
    first = open_round(director, make_round(director, version, year=2026))
    answer_all(first, score=lambda i: 4)
    close_round(director, first)
    newer = rounds.version_create(questionnaire=questionnaire, by=director)
    leadership = newer.questions.get(key="leadership")
    rounds.question_update(
        question=leadership,
        by=director,
        text_sv="Ger ledningen dig tid att pröva nya arbetssätt?",
        text_en="Does management give you time to try new ways of working?",
        theme=leadership.theme,
        kind=leadership.kind,
        asks_something_new=True,
    )
    added = rounds.question_add(
        version=newer,
        by=director,
        text_sv="Delar ni idéer med andra förvaltningar?",
        text_en="Do you share ideas with other departments?",
        theme=leadership.theme,
        kind=leadership.kind,
    )
    second = open_round(director, make_round(director, newer, year=2027))
    four = set(second.invitations.order_by("pk").values_list("pk", flat=True)[:4])
    answer_all(second, score=lambda i: 2, only=lambda invitation: invitation.pk in four)
    second = close_round(director, second)

    trend = selectors.group_results(second, selectors.CITY).trend
    assert trend is not None and [r.year for r in trend.rounds] == [2026, 2027]
    keys = [question.key for question, _cells in trend.rows]
    assert "leadership" not in keys and added.key not in keys
    assert Question.objects.get(pk=leadership.pk).key not in keys
    assert set(keys) == set(SCALE_KEYS) - {"leadership"}
    for _question, (then, now) in trend.rows:
        assert then.status == ResultStatus.SHOWN and then.mean == 4.0
        assert now.status == ResultStatus.TOO_FEW and now.mean is None  # four answers: hidden here as everywhere

    body = reader.get(url(second)).content.decode()
    section = body.split('id="trend"', 1)[1].split("</section>", 1)[0]
    assert "Över åren" in body
    assert "4,0" in section and "2,0" not in section
    assert "Ger ledningen dig tid" not in section and "Delar ni idéer" not in section
    # A small chart per shared question, described by the table; the hidden round is a gap, not a point at 2.
    charts = section.split('<figure class="sprang-chart sprang-chart--small">')[1:]
    assert len(charts) == len(keys)
    for chart in charts:
        assert 'aria-describedby="trend-table"' in chart and ">2026</text>" in chart and ">2027</text>" in chart
        assert chart.count("<circle ") == 1 and chart.count(' d="M') == 1 and "L" not in chart.split(' d="', 1)[1][:20]
    assert section.count('id="trend-table"') == 1 and "<details" not in section


def test_the_xlsx_is_kept_per_language_until_the_results_are_worked_out_again(closed_employee_round, reader):
    round_ = closed_employee_round
    xlsx = reverse("surveys:results_xlsx", args=[round_.pk]) + "?group=city"

    def scored(response) -> object:
        rows = load_workbook(io.BytesIO(response.content)).active.iter_rows(min_row=2, values_only=True)
        return next(r for r in rows if r[1] == "strategy")[5]

    first = reader.get(xlsx)
    GroupResult.objects.filter(round=round_, scope="city").update(scored=987654)
    again = reader.get(xlsx)
    assert again.content == first.content and again["Content-Disposition"] == first["Content-Disposition"]
    reader.cookies["django_language"] = "en"
    english = reader.get(xlsx)
    del reader.cookies["django_language"]
    assert scored(english) == 987654  # another language is another file, built from the rows as they are now
    Round.objects.filter(pk=round_.pk).update(results_at=timezone.now())  # worked out again
    assert scored(reader.get(xlsx)) == 987654
    assert reader.get(reverse("surveys:results_xlsx", args=[round_.pk]) + "?group=nonsense").status_code == 404
