"""Importing the employee survey's innovation items: checked row by row, all or nothing, and shown only where nobody's
answers can be worked out."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.test import override_settings

from core.errors import DomainError
from surveys.employee_survey import services
from surveys.models import EmployeeSurveyImport, EmployeeSurveyItem, EmployeeSurveyResult

HEADER = "år;enhetskod;frågekod;fråga;antal_svar;medelvärde\n"
GOOD = HEADER + (
    "2026;CITY;inno-1;Jag får pröva nya arbetssätt;400;3,8\n"
    "2026;SDF-N;inno-1;Jag får pröva nya arbetssätt;120;3,6\n"
    "2026;SDF-N-ALD;inno-1;Jag får pröva nya arbetssätt;60;3,5\n"
    "2026;SDF-S;inno-1;Jag får pröva nya arbetssätt;90;4,0\n"
    "2026;CITY;inno-2;Mina idéer tas till vara;398;3,2\n"
)


def run(director, text: str, *, year: int = 2026, replace: bool = False, bom: bool = False):
    data = ("\ufeff" + text if bom else text).encode()
    return services.employee_survey_import(
        by=director, year=year, file_name="medarbetare.csv", data=data, replace=replace
    )


def refused(director, text: str, **kwargs) -> list[tuple[int, str]]:
    with pytest.raises(services.EmployeeSurveyFileError) as error:
        run(director, text, **kwargs)
    assert not EmployeeSurveyResult.objects.exists()
    return [(e.line, e.column) for e in error.value.errors]


@pytest.mark.parametrize("bom", [False, True])
def test_a_good_file_is_imported_with_its_items(director, tree, bom):
    imported = run(director, GOOD, bom=bom)
    assert imported.rows == 5 and imported.imported_by == director
    assert set(EmployeeSurveyItem.objects.values_list("code", "text_sv")) == {
        ("inno-1", "Jag får pröva nya arbetssätt"),
        ("inno-2", "Mina idéer tas till vara"),
    }
    result = EmployeeSurveyResult.objects.get(unit=tree["SDF-N"], item__code="inno-1")
    assert str(result.mean) == "3.60" and result.respondents == 120 and result.status == "shown"


@pytest.mark.parametrize(
    ("row", "column"),
    [
        ("2026;NOPE;inno-1;Fråga;10;3,0", "enhetskod"),
        ("2026;SDF-S-SKO;inno-1;Fråga;10;5,5", "medelvärde"),
        ("2026;SDF-S-SKO;inno-1;Fråga;10;0,9", "medelvärde"),
        ("2026;SDF-S-SKO;inno-1;Fråga;10;hög", "medelvärde"),
        ("2026;SDF-S-SKO;inno-1;Fråga;10,5;3", "antal_svar"),
        ("2026;SDF-S-SKO;inno-1;Fråga;-3;3", "antal_svar"),
        (";SDF-S-SKO;inno-1;Fråga;10;3", "år"),
        ("2025;SDF-S-SKO;inno-1;Fråga;10;3", "år"),
        ("2026;SDF-S-SKO;;Fråga;10;3", "frågekod"),
        ("2026;SDF-S-SKO;inno-1;;10;3", "fråga"),
        ("2026;SDF-N;inno-1;Fråga;10;3", "frågekod"),  # the same unit and item twice
    ],
)
def test_every_kind_of_bad_row_is_refused_with_its_line_and_column_and_nothing_is_imported(director, tree, row, column):
    assert refused(director, GOOD + row + "\n") == [(7, column)]
    assert not EmployeeSurveyImport.objects.exists() and not EmployeeSurveyItem.objects.exists()


def test_a_unit_with_fewer_respondents_than_the_units_below_it_is_refused(director, tree):
    text = GOOD.replace("2026;SDF-N;inno-1;Jag får pröva nya arbetssätt;120;3,6", "2026;SDF-N;inno-1;Fråga;50;3,6")
    assert refused(director, text) == [(3, "antal_svar")]


def test_a_file_without_the_columns_is_refused_at_its_first_line(director, tree):
    assert refused(director, "year;unit;mean\n2026;CITY;3\n")[0][0] == 1


def test_a_years_import_replaces_the_earlier_one_only_when_confirmed(director, tree):
    run(director, GOOD)
    with pytest.raises(DomainError) as asked:
        run(director, HEADER + "2026;CITY;inno-3;Ny fråga;300;3,1\n")
    assert asked.value.code == "conflict" and asked.value.field == "replace"
    assert EmployeeSurveyResult.objects.count() == 5
    run(director, HEADER + "2026;CITY;inno-3;Ny fråga;300;3,1\n", replace=True)
    assert list(EmployeeSurveyResult.objects.values_list("item__code", flat=True)) == ["inno-3"]
    assert EmployeeSurveyImport.objects.count() == 1
    # Another year is its own import.
    run(director, GOOD.replace("2026;", "2025;"), year=2025)
    assert EmployeeSurveyImport.objects.count() == 2


def test_only_the_executive_office_imports(people, tree):
    with pytest.raises(PermissionDenied):
        run(people["manager"], GOOD)


@override_settings(SPRANG_SURVEY_MIN_ANSWERS=5)
def test_the_subtraction_attack_finds_nobody(director, tree):
    """SDF-N has 12 respondents, its only imported unit below 9: showing both would give away the 3 others."""
    text = HEADER + (
        "2026;CITY;inno-1;Fråga;100;3,5\n"
        "2026;SDF-N;inno-1;Fråga;12;3,0\n"
        "2026;SDF-N-ALD;inno-1;Fråga;9;2,8\n"
        "2026;SDF-S;inno-1;Fråga;4;4,0\n"
    )
    run(director, text)
    status = dict(EmployeeSurveyResult.objects.values_list("unit__code", "status"))
    assert status == {"CITY": "shown", "SDF-N": "shown", "SDF-N-ALD": "protected", "SDF-S": "too_few"}
    # What anyone can subtract from the shown results: every difference is 0 or at least the minimum.
    shown = dict(EmployeeSurveyResult.objects.filter(status="shown").values_list("unit__code", "respondents"))
    assert shown["CITY"] - shown["SDF-N"] >= 5


@override_settings(SPRANG_SURVEY_MIN_ANSWERS=5)
def test_every_atom_of_the_shown_results_holds_none_or_at_least_the_minimum(director, tree):
    from surveys.anonymity import Group, atoms

    rows = services.read_rows(
        text=HEADER + "2026;CITY;i;F;40;3\n2026;SDF-N;i;F;20;3\n2026;SDF-N-ALD;i;F;16;3\n2026;SDF-N-ALD-1;i;F;13;3\n"
        "2026;SDF-S;i;F;6;3\n2026;SDF-S-SKO;i;F;5;3\n",
        year=2026,
    )
    decided = services.decisions(rows, minimum=5)
    paths = {row.unit.pk: row.unit.path for row in rows}
    own = {row.unit.path: row.respondents for row in rows}
    for row in rows:
        above = [p for p in own if row.unit.path.startswith(p) and p != row.unit.path]
        if above:
            own[max(above, key=len)] -= row.respondents
    shown = [
        Group(key=pk, cells=frozenset(p for p in own if p.startswith(paths[pk])))
        for (_c, pk), d in decided.items()
        if d == "shown"
    ]
    assert all(size == 0 or size >= 5 for size in atoms(shown, own))
