"""The employee survey's pages, used as a browser uses them: the import with its confirmation, the year's results."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest
from django.test import override_settings
from webtest import Upload

from core.city import CITY_TIME_ZONE
from surveys.employee_survey import selectors
from surveys.employee_survey.indicators import innovation_mean
from surveys.models import EmployeeSurveyImport, EmployeeSurveyResult
from tests.surveys.employee_survey.test_services import GOOD, HEADER, run

IMPORT = "/surveys/employee-survey/import/"


def upload(django_app, person, text: str, *, year: int = 2026):
    form = django_app.get(IMPORT, user=person).forms["employee-survey-import"]
    form["year"] = str(year)
    form["file"] = Upload("medarbetarenkat.csv", text.encode(), "text/csv")
    return form.submit(user=person)


def test_the_director_imports_a_file_and_sees_the_results(django_app, director, tree):
    page = django_app.get(IMPORT, user=director)
    assert "frågekod" in page.text and "Inga filer har importerats" in page.text
    results = upload(django_app, director, GOOD).follow(user=director)
    assert "5 resultat för 2026" in results.text
    assert "Norra stadsdelsförvaltningen" in results.text and "3,6" in results.text
    listed = django_app.get(IMPORT, user=director)
    assert "medarbetarenkat.csv" in listed.text and director.name in listed.text


def test_bad_rows_are_listed_with_line_and_column_and_nothing_is_imported(django_app, director, tree):
    page = upload(django_app, director, GOOD + "2026;NOPE;inno-1;Fråga;10;7\n")
    assert page.status_code == 200
    table = page.html.find("table").text
    assert "7" in table and "enhetskod" in table and "medelvärde" in table
    assert not EmployeeSurveyImport.objects.exists()


def test_a_year_imported_before_is_replaced_only_after_confirming(django_app, director, tree):
    run(director, GOOD)
    confirm = upload(django_app, director, HEADER + "2026;CITY;inno-9;Ny fråga;300;3,1\n")
    assert "Ersätt resultaten för 2026" in confirm.text
    assert EmployeeSurveyResult.objects.count() == 5
    done = confirm.forms["confirm-replace"].submit(user=director).follow(user=director)
    assert "Ny fråga" in done.text
    assert list(EmployeeSurveyResult.objects.values_list("item__code", flat=True)) == ["inno-9"]


def test_only_the_executive_office_opens_the_import(django_app, people, tree):
    django_app.get(IMPORT, user=people["manager"], status=403)


@override_settings(SPRANG_SURVEY_MIN_ANSWERS=5)
def test_the_results_say_why_a_result_is_not_shown_and_filter_by_unit(django_app, director, people, tree):
    run(
        director,
        HEADER + "2026;CITY;inno-1;Fråga;100;3,5\n2026;SDF-N;inno-1;Fråga;12;3,0\n"
        "2026;SDF-N-ALD;inno-1;Fråga;9;2,8\n2026;SDF-S;inno-1;Fråga;4;4,0\n",
    )
    page = django_app.get("/surveys/employee-survey/2026/", user=people["employee"])
    assert "För få svar" in page.text and "Visas inte, för att skydda en mindre grupp" in page.text
    assert "2,8" not in page.text
    form = page.forms["results-filter"]
    form["unit"] = str(tree["SDF-S"].pk)
    form["sort"] = "mean"
    filtered = form.submit(user=people["employee"])
    rows = [row.th.text for row in filtered.html.find("tbody").find_all("tr")]
    assert rows == ["Södra stadsdelsförvaltningen"]


def test_residents_do_not_see_the_results(django_app, director, people, tree):
    run(director, GOOD)
    django_app.get("/surveys/employee-survey/2026/", user=people["resident"], status=403)


def test_a_year_without_results_is_not_found(django_app, people, tree):
    django_app.get("/surveys/employee-survey/2019/", user=people["employee"], status=404)


def test_the_results_are_read_in_a_fixed_number_of_queries(director, tree, django_assert_max_num_queries):
    run(director, GOOD)
    with django_assert_max_num_queries(1):
        rows = list(selectors.results(year=2026, filters=selectors.ResultFilters(sort="mean")))
        assert [r.unit.name for r in rows] and [r.item.text for r in rows]


@override_settings(SPRANG_SURVEY_MIN_ANSWERS=5)
def test_the_indicator_is_the_mean_of_shown_results_in_the_year(director, tree):
    run(
        director,
        HEADER + "2026;CITY;inno-1;Fråga;100;3,5\n2026;CITY;inno-2;Fråga 2;100;4,0\n"
        "2026;SDF-N;inno-1;Fråga;12;3,0\n2026;SDF-N-ALD;inno-1;Fråga;9;2,8\n",
    )
    figures = innovation_mean(datetime(2026, 1, 1, tzinfo=CITY_TIME_ZONE), datetime(2027, 1, 1, tzinfo=CITY_TIME_ZONE))
    assert figures[tree["CITY"].pk].value == Decimal("3.75") and figures[tree["CITY"].pk].basis == 100
    assert figures[tree["SDF-N"].pk].value == Decimal("3.00")
    assert tree["SDF-N-ALD"].pk not in figures  # protected: not shown, so no figure
    earlier = innovation_mean(datetime(2026, 1, 1, tzinfo=CITY_TIME_ZONE), datetime(2026, 9, 1, tzinfo=CITY_TIME_ZONE))
    assert earlier == {}


@pytest.mark.parametrize("path", ["/surveys/employee-survey/", IMPORT])
def test_signed_out_visitors_are_sent_to_sign_in(django_app, db, path):
    assert django_app.get(path).status_code == 302
