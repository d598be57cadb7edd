"""No cell of any CSV or XLSX file Språng writes starts a formula; every such file is written through one module."""

from __future__ import annotations

import csv
import io
import re
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from django.conf import settings
from django.urls import reverse

from challenges.models import Audience, Challenge, ChallengeStatus, Need, NeedOrigin, NeedStatus, Route
from core.spreadsheet import FORMULA_STARTS, PLAIN_NUMBER, CsvWriter, append_row, new_workbook, safe_cell
from governance import services as governance
from governance.models import ActivityStatus, Fulfilment, Indicator, Period
from opendata.datasets import DATASETS
from organisation.models import PersonKind, Role, Unit
from organisation.services import units_import_csv
from procurement.models import CaseStage, ProcurementCase, Rfi, RfiStatus
from spread.models import Example, ExampleStatus, ExampleVisibility
from tests import factories

STHLM = ZoneInfo("Europe/Stockholm")
BOM = "\ufeff"

HOSTILE = ["=1+1", "+1+1", "-1+1", "@SUM(1+1)", "\t=1+1", "\r=1+1", '=HYPERLINK("http://x.example")', "-", "+"]


@pytest.mark.parametrize("text", HOSTILE)
def test_text_a_spreadsheet_would_run_gets_an_apostrophe(text):
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("value", ["Farsta", "", "'=1+1", "1+1", "a=b", " =1", None, 5, -5, Decimal("-0.5"), -2.5])
def test_everything_else_is_left_as_it_is(value):
    assert safe_cell(value) == value


@pytest.mark.parametrize("text", ["-5", "-0.25", "12", "3.5"])
def test_a_figure_written_as_text_stays_a_figure(text):
    """Open data figures come as text; an apostrophe would make them text for every reader of the file."""
    assert safe_cell(text) == text


def test_the_csv_writer_escapes_text_and_writes_numbers_plainly():
    out = io.StringIO()
    CsvWriter(out).writerow(["=1+1", -5, Decimal("-1.50"), None, "-7", "@a"])
    assert next(csv.reader(io.StringIO(out.getvalue()))) == ["'=1+1", "-5", "-1.50", "", "-7", "'@a"]
    assert out.getvalue().endswith("\r\n")


def test_a_negative_number_stays_a_number_in_a_workbook():
    ws = new_workbook().active
    append_row(ws, ["=1+1", -5, Decimal("-2.5"), "-3", date(2026, 1, 2)])
    cells = list(ws[1])
    assert [c.value for c in cells[:4]] == ["'=1+1", -5, Decimal("-2.5"), "-3"]
    assert [c.data_type for c in cells] == ["s", "n", "n", "s", "d"]


# --- every export, with hostile text in every field a person can type --------------------------------------

#: Each unit's code and name as an administrator might import them.
HOSTILE_CODES = {
    "CITY": "=CITY",
    "KS": "+KS",
    "SLK": "@SLK",
    "SDN-N": "-SDN-N",
    "SDF-N": "=1+1",
    "SDF-N-ALD": "+SDF-N-ALD",
    "SDF-N-ALD-1": "@SDF-N-ALD-1",
    "SDN-S": "-SDN-S",
    "SDF-S": "=SDF-S",
    "SDF-S-SKO": "+SDF-S-SKO",
}


def _hostile_tree_csv() -> str:
    lines = factories.TREE_CSV.strip().splitlines()
    out = [lines[0]]
    for line in lines[1:]:
        code, name, kind, parent, headcount, sectors = line.split(",")
        out.append(
            ",".join(
                [HOSTILE_CODES[code], f'=HYPERLINK("{name}")', kind, HOSTILE_CODES.get(parent, ""), headcount, sectors]
            )
        )
    return "\n".join(out) + "\n"


@pytest.fixture
def hostile(db):
    """A city whose every typed text starts a formula: units, people, indicators, goals, activities, a report."""
    units_import_csv(text=_hostile_tree_csv())
    unit = {code: Unit.objects.get(code=hostile_code) for code, hostile_code in HOSTILE_CODES.items()}
    director = factories.person(unit=unit["SLK"], role=Role.DIRECTOR, role_unit=unit["CITY"], name="@Diana")
    manager = factories.person(unit=unit["SDF-N"], role=Role.MANAGER, name="+Maria")
    employee = factories.person(unit=unit["SDF-N-ALD-1"], name="-Anna")
    resident = factories.person(kind=PersonKind.RESIDENT, name="=Rut")
    for i in range(6):
        factories.idea(author=employee, now=datetime(2025, 2, 3 + i, 9, tzinfo=STHLM))
    factories.idea(author=resident, unit=unit["SDF-N"], now=datetime(2025, 3, 3, 9, tzinfo=STHLM))

    governance.indicators_sync()
    # The admin site lets the director rename an indicator's code.
    Indicator.objects.filter(computation="reached_pilot").update(code="-reached-pilot")
    survey = governance.indicator_create(
        by=director, code="=survey", name="@Klimat", measure="percent", direction="higher", source="+Enkäten"
    )
    governance.indicator_values_compute(year=2025, period="VB", now=datetime(2026, 1, 5, tzinfo=STHLM))

    city_goal = governance.goal_create(
        by=director,
        year=2026,
        unit=unit["CITY"],
        title="=Fler idéer",
        indicators=[Indicator.objects.get(computation="reached_pilot"), survey],
    )
    north_goal = governance.goal_create(
        by=manager, year=2026, unit=unit["SDF-N"], parent=city_goal, title="-Varje enhet prövar"
    )
    governance.activity_add(
        goal=north_goal,
        by=manager,
        title="+Idéverkstad",
        owner=employee,
        starts_on=date(2026, 2, 1),
        ends_on=date(2026, 6, 30),
        status=ActivityStatus.ONGOING,
    )
    t1 = governance.reporting_period_open(by=director, year=2026, period=Period.T1, deadline=date(2026, 5, 15))
    report = governance.report_start(by=manager, reporting_period=t1, unit=unit["SDF-N"])
    governance.report_save(
        report=report,
        by=manager,
        expected_version=report.version,
        narrative="=Vi har startat ett nätverk.",
        outcomes={survey.pk: ("64,5", "@Medarbetarenkäten")},
        assessments={
            city_goal.pk: (Fulfilment.PARTLY, "=1+1 är ingen formel här."),
            north_goal.pk: (Fulfilment.MET, "-Alla har prövat."),
        },
    )
    governance.report_submit(
        report=report, by=manager, expected_version=report.version, now=datetime(2026, 5, 10, 12, tzinfo=STHLM)
    )
    governance.report_approve(report=report, by=director, comment="+Godkänd.", now=datetime(2026, 5, 20, tzinfo=STHLM))
    # A public good example, in the open dataset of examples, written as formulas too.
    Example.objects.create(
        title="=1+1",
        unit=unit["SDF-N"],
        owner=employee,
        contact=employee,
        problem="+Ensamhet",
        what_was_done="-Kvällsfika",
        effect="@Färre ensamma",
        status=ExampleStatus.PUBLISHED,
        visibility=ExampleVisibility.PUBLIC,
        public_consent_at=datetime(2026, 5, 1, tzinfo=STHLM),
        public_consent_by=employee,
        published_at=datetime(2026, 5, 1, tzinfo=STHLM),
    )
    # A public challenge, in the open dataset of challenges, from a need; its texts are formulas too.
    need = Need.objects.create(
        title="=Behov",
        unit=unit["SDF-N"],
        who_has_it="+Sökande",
        how_it_shows="-Köer",
        good_outcome="@Kortare köer",
        origin=NeedOrigin.COMPLAINTS,
        status=NeedStatus.ROUTED,
        route=Route.PUBLIC_CHALLENGE,
        created_by=manager,
    )
    Challenge.objects.create(
        need=need,
        unit=unit["SDF-N"],
        title="=1+1",
        question="+Hur korta köerna?",
        background="-Bakgrund",
        audience=Audience.RESIDENTS,
        opens_at=datetime(2026, 5, 1, tzinfo=STHLM),
        closes_at=datetime(2026, 6, 1, tzinfo=STHLM),
        criteria="@Genomförbart",
        contact=employee,
        status=ChallengeStatus.PUBLISHED,
        created_by=director,
        published_at=datetime(2026, 5, 1, tzinfo=STHLM),
    )
    # A published request for information, in the open dataset of market dialogues, its title a formula too.
    case = ProcurementCase.objects.create(
        need=need,
        unit=unit["SDF-N"],
        title="=Upphandling",
        estimated_value_sek=1_000_000,
        period_months=24,
        officer=manager,
        plan="+Plan",
        stage=CaseStage.DIALOGUE,
        created_by=manager,
    )
    Rfi.objects.create(
        case=case,
        title="=1+1",
        description="-Vad finns?",
        questions_close_at=datetime(2026, 5, 10, tzinfo=STHLM),
        responses_close_at=datetime(2026, 5, 20, tzinfo=STHLM),
        status=RfiStatus.PUBLISHED,
        published_at=datetime(2026, 5, 1, tzinfo=STHLM),
        published_by=manager,
    )
    return {"director": director, "report": report}


def _csv_cells(content: bytes) -> list[str]:
    text = content.decode("utf-8").removeprefix(BOM)
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def _xlsx_cells(content: bytes) -> list[openpyxl.cell.cell.Cell]:
    wb = openpyxl.load_workbook(io.BytesIO(content))
    return [cell for ws in wb.worksheets for row in ws.iter_rows() for cell in row if cell.value is not None]


def _runs(text: str) -> bool:
    return text.startswith(FORMULA_STARTS) and not PLAIN_NUMBER.fullmatch(text)


def _streamed(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_no_cell_of_any_export_starts_a_formula(client, hostile):
    client.force_login(hostile["director"])
    csv_files = {
        **{f"open data {key}": reverse("opendata:csv", args=[key]) for key in DATASETS},
        "indicator values": reverse("governance:values_csv"),
    }
    xlsx_files = {
        "report": reverse("governance:report_xlsx", args=[hostile["report"].pk]),
        "city's report": reverse("governance:city_xlsx", args=[2026, "T1"]),
    }
    for label, url in csv_files.items():
        response = client.get(url)
        assert response.status_code == 200, label
        cells = _csv_cells(_streamed(response))
        assert [c for c in cells if _runs(c)] == [], label
        if label != "open data survey_results":  # no unit is named in it: the city and the kinds of organisation
            assert "'=1+1" in cells, f"{label}: the hostile unit code is not in the file"
    for label, url in xlsx_files.items():
        response = client.get(url)
        assert response.status_code == 200, label
        cells = _xlsx_cells(response.content)
        assert [c.value for c in cells if isinstance(c.value, str) and _runs(c.value)] == [], label
        assert all(c.data_type != "f" for c in cells), label
        assert "'=1+1 är ingen formel här." in [c.value for c in cells], label
    # Every hostile text reached some file (escaped), so none was left out of the check above.
    everything = set()
    for url in csv_files.values():
        everything |= set(_csv_cells(_streamed(client.get(url))))
    for url in xlsx_files.values():
        everything |= {c.value for c in _xlsx_cells(client.get(url).content)}
    expected = {
        *("'" + code for code in HOSTILE_CODES.values()),
        "'-reached-pilot",
        "'=survey",
        "'@Klimat",
        "'=Fler idéer",
        "'-Varje enhet prövar",
        "'+Idéverkstad",
        "'-Anna",
        "'+Maria",
        "'=Vi har startat ett nätverk.",
        "'@Medarbetarenkäten",
        "'-Alla har prövat.",
        "'+Godkänd.",
        '\'=HYPERLINK("Norra stadsdelsförvaltningen")',
    }
    assert expected - everything == set()


# --- no writer around the helper ----------------------------------------------------------------------------

#: What makes a CSV or XLSX file, or puts a value in a worksheet's cell, without core/spreadsheet.py.
WRITERS = re.compile(r"csv\.writer\(|DictWriter\(|\bWorkbook\(|xlsxwriter|\bws\.append\(|\.cell\([^)]*value=")


def _source_files() -> list[Path]:
    root = Path(settings.BASE_DIR)
    skip = {".venv", ".venv-bench", "var", "tests", "node_modules", "bench", "static"}
    return [
        path
        for path in root.rglob("*.py")
        if not skip & set(path.relative_to(root).parts) and path != root / "core" / "spreadsheet.py"
    ]


def test_every_csv_and_xlsx_file_is_written_through_the_helper():
    offenders = []
    for path in _source_files():
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if WRITERS.search(line):
                offenders.append(f"{path.relative_to(settings.BASE_DIR)}:{number}: {line.strip()}")
    assert offenders == [], "Write CSV and XLSX files through core.spreadsheet (CsvWriter, new_workbook, append_row)"


def test_the_scan_finds_a_writer_that_bypasses_the_helper():
    assert WRITERS.search("writer = csv.writer(out)")
    assert WRITERS.search("wb = openpyxl.Workbook()")
    assert WRITERS.search("self.ws.append([1, 2])")
    assert WRITERS.search('sheet.cell(row=1, column=2, value="=1+1")')
    assert not WRITERS.search("reader = csv.DictReader(text)")
