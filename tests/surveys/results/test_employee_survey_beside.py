"""The employee survey's innovation items beside a capability survey's results: the same group's items of the year
nearest the round's, shown under the same rules, on the page and through the API."""

from __future__ import annotations

import pytest
from django.test import override_settings
from django.urls import reverse

from surveys.employee_survey import services
from surveys.models import EmployeeSurveyItem, EmployeeSurveyResult, ResultStatus
from tests.surveys.employee_survey.test_services import HEADER, run


def url(round_, query: str = "") -> str:
    return reverse("surveys:results", args=[round_.pk]) + (f"?{query}" if query else "")


def section(page):
    return page.html.select_one("section[aria-labelledby=employee-survey]")


@pytest.fixture
def imported(director, tree):
    """2023 and 2027 imported: 2027 is the nearer to a round of 2026."""
    run(director, HEADER + "2023;CITY;inno-1;Jag får pröva nya arbetssätt;380;2,2\n", year=2023)
    run(
        director,
        HEADER + "2027;CITY;inno-1;Jag får pröva nya arbetssätt;400;3,9\n"
        "2027;SDF-N;inno-1;Jag får pröva nya arbetssätt;120;3,3\n"
        "2027;SDF-S;inno-1;Jag får pröva nya arbetssätt;4;4,8\n",
        year=2027,
    )


@override_settings(SPRANG_SURVEY_MIN_ANSWERS=5)
def test_the_city_page_shows_the_city_s_items_of_the_nearest_year_with_a_link(
    django_app, closed_employee_round, imported, people, tree
):
    page = django_app.get(url(closed_employee_round), user=people["employee"])
    beside = section(page)
    assert beside is not None and "Medarbetarenkätens innovationsfrågor" in beside.text
    assert "medarbetarenkäten 2027" in beside.text
    assert "3,9" in beside.text and "400" in beside.text and "2,2" not in beside.text
    link = beside.select_one(f"a[href='/surveys/employee-survey/2027/?unit={tree['CITY'].pk}']")
    full = django_app.get(link["href"], user=people["employee"])
    assert "Medarbetarenkäten 2027" in full.text


@override_settings(SPRANG_SURVEY_MIN_ANSWERS=5)
def test_a_unit_s_page_shows_its_own_items_and_only_what_the_rule_shows(
    django_app, closed_employee_round, imported, people, tree
):
    assert EmployeeSurveyResult.objects.get(year=2027, unit=tree["SDF-S"]).status != ResultStatus.SHOWN
    north = section(
        django_app.get(url(closed_employee_round, f"group=unit:{tree['SDF-N'].pk}"), user=people["employee"])
    )
    assert "3,3" in north.text and "3,9" not in north.text
    south = section(
        django_app.get(url(closed_employee_round, f"group=unit:{tree['SDF-S'].pk}"), user=people["employee"])
    )
    assert "4,8" not in south.text and "För få svar" in south.text


def test_a_kind_or_a_unit_without_items_gets_a_plain_note(django_app, closed_employee_round, imported, people, tree):
    kind = section(
        django_app.get(url(closed_employee_round, "group=kind:district_administration"), user=people["employee"])
    )
    assert "räknas per enhet" in kind.text and "3,9" not in kind.text
    office = section(
        django_app.get(url(closed_employee_round, f"group=unit:{tree['SLK'].pk}"), user=people["employee"])
    )
    assert "Inga resultat från medarbetarenkäten" in office.text
    django_app.set_cookie("django_language", "en")
    english = django_app.get(url(closed_employee_round, f"group=unit:{tree['SLK'].pk}"), user=people["employee"])
    assert "No results of the employee survey have been imported" in section(english).text


def test_an_import_shows_on_a_page_kept_before_it(django_app, closed_employee_round, director, people, tree):
    before = section(django_app.get(url(closed_employee_round), user=people["employee"]))
    assert "Inga resultat från medarbetarenkäten" in before.text
    run(director, HEADER + "2026;CITY;inno-1;Jag får pröva nya arbetssätt;400;3,7\n")
    after = section(django_app.get(url(closed_employee_round), user=people["employee"]))
    assert "3,7" in after.text


API = "/api/v1/surveys/employee-survey"


@override_settings(SPRANG_SURVEY_MIN_ANSWERS=5)
def test_the_api_gives_staff_the_years_and_a_year_s_items_suppressed_as_on_the_page(client, imported, people, tree):
    assert client.get(API).status_code == 401
    client.force_login(people["resident"])
    assert client.get(API).status_code == 403
    assert client.get(f"{API}/2027/results").status_code == 403
    client.force_login(people["employee"])
    assert [y["year"] for y in client.get(API).json()["items"]] == [2027, 2023]
    items = client.get(f"{API}/2027/results").json()["items"]
    by_unit = {i["unit_id"]: i for i in items}
    assert by_unit[tree["CITY"].pk]["mean"] == 3.9 and by_unit[tree["CITY"].pk]["respondents"] == 400
    south = by_unit[tree["SDF-S"].pk]
    assert south["status"] == "too_few" and south["mean"] is None and south["respondents"] is None
    north = client.get(f"{API}/2027/results", {"unit": tree["SDF-N"].pk}).json()["items"]
    assert [i["unit_id"] for i in north] == [tree["SDF-N"].pk]
    assert client.get(f"{API}/2027/results", {"unit": 999999}).json()["items"] == []
    assert client.get(f"{API}/2026/results").status_code == 404
    assert client.get(f"{API}/99999/results").status_code == 422


def test_a_large_number_of_respondents_is_written_with_the_language_s_thousands_separator():
    from types import SimpleNamespace

    from django.template.loader import render_to_string
    from django.utils import translation

    result = SimpleNamespace(item=SimpleNamespace(text="Jag har tid"), status="shown", respondents=26982, mean=3.3)
    unit = SimpleNamespace(name="Stockholms stad", pk=1)
    context = {"employee_survey": {"per_unit": True, "results": [result], "year": 2025, "unit": unit}}
    with translation.override("sv"):
        assert ">26\xa0982<" in render_to_string("surveys/results/_employee_survey.html", context)
    with translation.override("en"):
        assert ">26,982<" in render_to_string("surveys/results/_employee_survey.html", context)


@override_settings(SPRANG_SURVEY_MIN_ANSWERS=5)
def test_a_new_wording_shows_on_a_results_page_kept_before_it(django_app, closed_employee_round, director, people):
    run(director, HEADER + "2026;CITY;inno-1;Jag får pröva nya arbetssätt;400;3,7\n")
    django_app.set_cookie("django_language", "en")
    reader = people["employee"]
    url = reverse("surveys:results", args=[closed_employee_round.pk])
    before = django_app.get(url, user=reader).html.select_one("section[aria-labelledby=employee-survey]")
    assert before.find("th", lang="sv", string="Jag får pröva nya arbetssätt") is not None
    item = EmployeeSurveyItem.objects.get(code="inno-1")
    services.item_translate(item=item, by=director, text_en="I get to try new ways of working", was="")
    after = django_app.get(url, user=reader).html.select_one("section[aria-labelledby=employee-survey]")
    assert after.find("th", lang="en", string="I get to try new ways of working") is not None
