"""Importing the innovation items of the city's employee survey: a CSV file of aggregated results per unit and year,
as the survey vendor exports it.

The file is checked like the unit import (``organisation.services.units_import_csv``): every bad row is reported with
its line and column, and nothing is imported unless every row is good. A year's import replaces that year's earlier
one, and only when the person has confirmed it.

When the results are imported, the anonymity rules decide which may be shown (``surveys.anonymity``). For each item,
each imported unit's result counts the unit and every unit below it, so the results are nested groups: each unit gets
a cell of "its own part" (its respondents less those of the nearest imported units below it), each group is its own
cell and its imported descendants' cells, and the groups are offered from the top down. A result that would let
someone subtract their way to a group smaller than ``SPRANG_SURVEY_MIN_ANSWERS`` (a parent less its children) is not
shown.
"""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.audit import actor_from
from core.errors import DomainError, ErrorCode, require
from organisation.models import Unit, User
from organisation.services import units_csv_decode
from surveys.anonymity import Group, decide, min_answers
from surveys.models import EmployeeSurveyImport, EmployeeSurveyItem, EmployeeSurveyResult

#: The columns the file must have, in the vendor's Swedish names.
YEAR, UNIT, CODE, TEXT, RESPONDENTS, MEAN = "år", "enhetskod", "frågekod", "fråga", "antal_svar", "medelvärde"
COLUMNS = (YEAR, UNIT, CODE, TEXT, RESPONDENTS, MEAN)
DELIMITERS = (";", ",", "\t")
_CODE = re.compile(r"^[-a-zA-Z0-9_]{1,40}$")


@dataclass(frozen=True)
class RowError:
    line: int
    column: str
    message: str


class EmployeeSurveyFileError(DomainError):
    """The file has bad rows; ``errors`` lists them by line and column. Nothing was imported."""

    def __init__(self, errors: list[RowError]) -> None:
        super().__init__(
            _("The file has %(count)d errors; nothing was imported.") % {"count": len(errors)}, field="file"
        )
        self.errors = errors


@dataclass(frozen=True)
class Row:
    line: int
    unit: Unit
    code: str
    text: str
    respondents: int
    mean: Decimal


CONFIRM_REPLACE = gettext_lazy(
    "Results for %(year)s were imported before. Importing this file replaces them: confirm to go on."
)


def _reader(text: str) -> csv.DictReader:
    text = text.lstrip("\ufeff")
    header = text.split("\n", 1)[0]
    delimiter = max(DELIMITERS, key=header.count)
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    reader.fieldnames = [(name or "").strip().lower() for name in (reader.fieldnames or [])]
    return reader


def _decimal(value: str) -> Decimal | None:
    try:
        number = Decimal(value.replace(",", ".").replace("\u00a0", "").replace(" ", ""))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def read_rows(*, text: str, year: int) -> list[Row]:
    """The file's rows, each checked; ``EmployeeSurveyFileError`` lists every bad one by line and column."""
    reader = _reader(text)
    missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        message = _("The first line lacks the column(s): %(columns)s.") % {"columns": ", ".join(missing)}
        raise EmployeeSurveyFileError([RowError(1, ", ".join(missing), message)])
    units = {u.code: u for u in Unit.objects.only("pk", "code", "path", "name")}
    errors: list[RowError] = []
    rows: list[Row] = []
    seen: dict[tuple[str, str], int] = {}
    for raw in reader:
        line = reader.line_num
        row = {k: (v or "").strip() for k, v in raw.items() if k}
        if not any(row.values()):
            continue  # an empty row, as spreadsheets leave below the table
        bad = len(errors)
        if not row[YEAR]:
            errors.append(RowError(line, YEAR, _("The year is missing.")))
        elif row[YEAR] != str(year):
            errors.append(
                RowError(
                    line,
                    YEAR,
                    _("The year %(value)s is not %(year)s, the year chosen.") % {"value": row[YEAR], "year": year},
                )
            )
        unit = units.get(row[UNIT])
        if unit is None:
            errors.append(RowError(line, UNIT, _("The unit code %(value)r is unknown.") % {"value": row[UNIT]}))
        if not _CODE.match(row[CODE]):
            errors.append(
                RowError(
                    line,
                    CODE,
                    _("The item code %(value)r must be 1–40 letters, digits, - or _.") % {"value": row[CODE]},
                )
            )
        if not row[TEXT]:
            errors.append(RowError(line, TEXT, _("The item's text is empty.")))
        elif len(row[TEXT]) > 400:
            errors.append(RowError(line, TEXT, _("The item's text is longer than 400 characters.")))
        respondents = row[RESPONDENTS].replace(" ", "")
        if not respondents.isdigit():
            errors.append(
                RowError(
                    line,
                    RESPONDENTS,
                    _("The number of respondents %(value)r is not a whole number.") % {"value": row[RESPONDENTS]},
                )
            )
        mean = _decimal(row[MEAN])
        if mean is None or not Decimal(1) <= mean <= Decimal(5):
            errors.append(
                RowError(line, MEAN, _("The mean %(value)r is not a number from 1 to 5.") % {"value": row[MEAN]})
            )
        key = (row[UNIT], row[CODE])
        if key in seen:
            errors.append(
                RowError(line, CODE, _("The unit and item are on line %(line)s already.") % {"line": seen[key]})
            )
        seen.setdefault(key, line)
        if len(errors) == bad and unit is not None and mean is not None:
            rows.append(Row(line, unit, row[CODE], row[TEXT], int(respondents), mean.quantize(Decimal("0.01"))))
    if not rows and not errors:
        errors.append(RowError(2, UNIT, _("The file has no results.")))
    errors.extend(_nesting_errors(rows))
    if errors:
        raise EmployeeSurveyFileError(sorted(errors, key=lambda e: (e.line, COLUMNS.index(e.column.split(",")[0]))))
    return rows


def _nearest_above(paths: list[str]) -> dict[str, str | None]:
    """For each path, the nearest path above it among ``paths`` (or None)."""
    known = set(paths)
    nearest: dict[str, str | None] = {}
    for path in paths:
        nearest[path] = next(
            (path[:end] for end in range(len(path) - Unit.steplen, 0, -Unit.steplen) if path[:end] in known), None
        )
    return nearest


def _nesting_errors(rows: list[Row]) -> list[RowError]:
    """A unit's respondents count the units below it too: fewer than the imported units below it is a bad row."""
    errors = []
    by_item: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        by_item[row.code].append(row)
    for item_rows in by_item.values():
        by_path = {row.unit.path: row for row in item_rows}
        below: dict[str, int] = defaultdict(int)
        for path, parent in _nearest_above(list(by_path)).items():
            if parent is not None:
                below[parent] += by_path[path].respondents
        for path, total in below.items():
            row = by_path[path]
            if row.respondents < total:
                errors.append(
                    RowError(
                        row.line,
                        RESPONDENTS,
                        _(
                            "%(unit)s has %(n)s respondents, fewer than the %(below)s of the units below it in the "
                            "file; a unit's figure counts the units below it too."
                        )
                        % {"unit": row.unit.code, "n": row.respondents, "below": total},
                    )
                )
    return errors


def decisions(rows: list[Row], *, minimum: int) -> dict[tuple[str, int], str]:
    """Whether each (item code, unit id) result may be shown, by ``surveys.anonymity.decide`` over nested groups."""
    decided: dict[tuple[str, int], str] = {}
    by_item: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        by_item[row.code].append(row)
    for code, item_rows in by_item.items():
        by_path = {row.unit.path: row for row in sorted(item_rows, key=lambda r: r.unit.path)}
        nearest = _nearest_above(list(by_path))
        own = {path: row.respondents for path, row in by_path.items()}
        for path, parent in nearest.items():
            if parent is not None:
                own[parent] -= by_path[path].respondents
        groups = [
            Group(key=path, cells=frozenset(p for p in by_path if p.startswith(path)))
            for path in by_path  # sorted by path: units from the top down
        ]
        for key, decision in decide(groups, own, minimum=minimum).items():
            decided[(code, by_path[str(key)].unit.pk)] = decision.value
    return decided


@actor_from("by")
@transaction.atomic
def employee_survey_import(
    *, by: User, year: int, file_name: str, data: bytes, replace: bool = False
) -> EmployeeSurveyImport:
    """Import a year's results from the vendor's CSV file, replacing the year's earlier import when ``replace``.

    Refused whole when any row is bad (``EmployeeSurveyFileError``), and with ``ErrorCode.CONFLICT`` when the year
    has results already and ``replace`` was not confirmed.
    """
    require("surveys.run_surveys", by, message=_("Only the executive office imports the employee survey."))
    if not 2000 <= year <= 2100:
        raise DomainError(_("Give the year as four digits, such as 2026."), field="year")
    rows = read_rows(text=units_csv_decode(data), year=year)
    earlier = EmployeeSurveyImport.objects.select_for_update().filter(year=year)
    if earlier.exists():
        if not replace:
            raise DomainError(str(CONFIRM_REPLACE) % {"year": year}, code=ErrorCode.CONFLICT, field="replace")
        EmployeeSurveyResult.objects.filter(year=year).delete()
        for old in earlier:
            old.delete()
    imported = EmployeeSurveyImport.objects.create(year=year, file_name=file_name[:200], rows=len(rows), imported_by=by)
    items = {item.code: item for item in EmployeeSurveyItem.objects.filter(code__in={r.code for r in rows})}
    for row in rows:
        if row.code not in items:
            items[row.code] = EmployeeSurveyItem.objects.create(code=row.code, text_sv=row.text)
    status = decisions(rows, minimum=min_answers())
    EmployeeSurveyResult.objects.bulk_create(
        EmployeeSurveyResult(
            imported=imported,
            year=year,
            unit=row.unit,
            item=items[row.code],
            respondents=row.respondents,
            mean=row.mean,
            status=status[(row.code, row.unit.pk)],
        )
        for row in rows
    )
    return imported


#: Shown when someone else changed the wording while the form was open.
CHANGED_MEANWHILE = gettext_lazy(
    "Someone else changed the English wording while you were writing. It now reads as shown; write yours again if it "
    "should replace that."
)


@actor_from("by")
@transaction.atomic
def item_translate(*, item: EmployeeSurveyItem, by: User, text_en: str, was: str) -> EmployeeSurveyItem:
    """Write an item's English wording (empty: the English pages show the Swedish one). ``was`` is the wording the
    person saw when they began; if it has changed since, nothing is written (``ErrorCode.CONFLICT``)."""
    require("surveys.run_surveys", by, message=_("Only the executive office words the employee survey's items."))
    current = EmployeeSurveyItem.objects.select_for_update().get(pk=item.pk)
    if current.text_en != was:
        raise DomainError(str(CHANGED_MEANWHILE), code=ErrorCode.CONFLICT, field="text_en")
    text_en = " ".join(text_en.split())
    if len(text_en) > 400:
        raise DomainError(_("Keep the wording to 400 characters or fewer."), field="text_en")
    if text_en != current.text_en:
        current.text_en = text_en
        current.updated_at = timezone.now()
        current.save(update_fields=["text_en", "updated_at"])
    return current
