"""Exports of governance follow-up: reports as PDF and XLSX, indicator values as CSV.

The PDFs are rendered by WeasyPrint from ``templates/governance/pdf/``, which include the
report page's own body (``partials/report_body.html``) and the chart components, so a
printed report reads as its page does. WeasyPrint gets the print stylesheet from the static
folder and a URL fetcher that reads files in that folder and nothing else: rendering never
reaches the network. Everything is rendered in the reader's language (``language``, or the
active one), so headings, dates and figures are Swedish for a Swedish reader.

WeasyPrint (and with it Pango) is imported only when a PDF is made, so the rest of the site
runs on a machine without Pango.
"""

from __future__ import annotations

import functools
import io
import re
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from core.city import CITY_TIME_ZONE
from core.spreadsheet import CsvWriter, append_row, new_workbook, safe_cell
from governance import selectors
from governance.models import (
    Indicator,
    IndicatorValue,
    Measure,
    Period,
    Report,
    ReportingPeriod,
    ReportStatus,
)
from organisation.models import Unit

if TYPE_CHECKING:
    from openpyxl import Workbook
    from weasyprint import Document

#: The print stylesheet, found through the static files finders (no network, no collectstatic needed).
PRINT_CSS = "css/report-print.css"

#: The columns of the indicator values CSV, named as in the open data files.
CSV_COLUMNS = (
    "year",
    "period",
    "unit_code",
    "unit_name",
    "unit_kind",
    "indicator_code",
    "indicator_name",
    "measure",
    "value",
    "basis",
    "computed_at",
)
#: Excel keeps at most this many characters in a cell.
XLSX_CELL_MAX = 32_767

PDF_TYPE = "application/pdf"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv; charset=utf-8"


@contextmanager
def _language(language: str | None):
    with translation.override(language or translation.get_language() or settings.LANGUAGE_CODE):
        yield


# --- file names -------------------------------------------------------------------------


def _safe_filename(name: str) -> str:
    """A file name every system keeps: no path separators, reserved or control characters."""
    cleaned = re.sub(r'[\\/:*?"<>|\x00-\x1f\x7f]+', " ", name)
    return re.sub(r"\s+", " ", cleaned).strip(" .") or "export"


def report_filename(report: Report, extension: str) -> str:
    """``Farsta stadsdelsförvaltning – T2 2026.pdf``"""
    period = report.reporting_period
    return _safe_filename(f"{report.unit.name} – {Period.short(period.period)} {period.year}") + f".{extension}"


def city_filename(reporting_period: ReportingPeriod, extension: str) -> str:
    """``Stockholms stad – T2 2026.xlsx``"""
    city = Unit.objects.get_first_root_node()
    name = city.name if city else _("The whole city")
    return _safe_filename(f"{name} – {Period.short(reporting_period.period)} {reporting_period.year}") + f".{extension}"


def values_filename(*, year: int | None, period: str | None) -> str:
    parts = [_("Indicator values"), *(str(p) for p in (year, period) if p)]
    return _safe_filename(" ".join(parts)) + ".csv"


# --- PDF ------------------------------------------------------------------------------------


def _css_string(text: str) -> str:
    """A CSS string literal, safe inside a ``<style>`` element."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3C ")
    escaped = escaped.replace("\r", "").replace("\n", "\\A ")
    return f'"{escaped}"'


def page_counter_content() -> SafeString:
    """The CSS ``content`` of the page number in the reader's language: ``"Sida " counter(page) " av " counter(pages)``."""
    text = _("Page %(page)s of %(pages)s")
    parts = []
    for part in re.split(r"(%\(pages?\)s)", text):
        if part == "%(page)s":
            parts.append("counter(page)")
        elif part == "%(pages)s":
            parts.append("counter(pages)")
        elif part:
            parts.append(_css_string(part))
    return mark_safe(" ".join(parts))  # built from escaped CSS strings only


def _pdf_context(*, title: str, running_unit: str, running_period: str) -> dict[str, Any]:
    city = Unit.objects.get_first_root_node()
    return {
        "document_title": title,
        "author": city.name if city else "",
        "printed_at": timezone.now(),
        "page_counter": page_counter_content(),
        "running_unit": mark_safe(_css_string(running_unit)),
        "running_period": mark_safe(_css_string(running_period)),
    }


def _print_css() -> Path:
    found = finders.find(PRINT_CSS)
    if not found:
        raise FileNotFoundError(f"The print stylesheet {PRINT_CSS} is not among the static files.")
    return Path(found if isinstance(found, str) else found[0]).resolve()


@functools.cache
def _fetcher_class() -> type:
    from weasyprint.urls import URLFetcher

    class StaticFilesOnly(URLFetcher):
        """Reads files under one folder (and ``data:`` URLs); refuses every other URL, so nothing is fetched remotely."""

        def __init__(self, root: Path) -> None:
            super().__init__(allowed_protocols={"file", "data"})
            self.root = root

        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.startswith("file:"):
                path = Path(url2pathname(urlsplit(url).path)).resolve()
                if not (path.is_relative_to(self.root) and path.is_file()):
                    raise ValueError(f"Not a static file: {url}")
            elif not url.startswith("data:"):
                raise ValueError(f"Not fetched: {url}")
            return super().fetch(url, headers)

    return StaticFilesOnly


@functools.cache
def pdf_available() -> bool:
    """Whether this server can lay out PDFs: WeasyPrint needs the Pango library of the system."""
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError):
        return False
    return True


def pdf_document(html: str) -> Document:
    """Lay out printable HTML with the print stylesheet: the pages, before they are written as a PDF."""
    from weasyprint import CSS, HTML

    stylesheet = _print_css()
    root = stylesheet.parents[len(Path(PRINT_CSS).parts) - 1]
    fetcher = _fetcher_class()(root)
    html_doc = HTML(string=html, base_url=root.as_uri() + "/", url_fetcher=fetcher)
    return html_doc.render(stylesheets=[CSS(filename=str(stylesheet), url_fetcher=fetcher)])


def render_pdf(html: str) -> bytes:
    # Tagged, so that screen readers follow headings, lists and tables (the city publishes these documents).
    return pdf_document(html).write_pdf(pdf_tags=True)


def report_html(report: Report, *, language: str | None = None) -> str:
    with _language(language):
        detail = selectors.report_detail(report)
        period = report.reporting_period
        running_period = str(period)
        if report.status != ReportStatus.APPROVED:
            running_period = f"{running_period} · {report.get_status_display()}"
        context = _pdf_context(
            title=f"{report.unit.name} – {period}", running_unit=report.unit.name, running_period=running_period
        )
        return render_to_string("governance/pdf/report.html", {**detail, **context})


def report_pdf(report: Report, *, language: str | None = None) -> bytes:
    """One report as a PDF, as its page shows it, with its history."""
    return render_pdf(report_html(report, language=language))


@dataclass
class OutcomeMatrix:
    """Every report's computed outcomes side by side: one row per report, one column per indicator."""

    indicators: list[Indicator]
    rows: list[tuple[Report, list[selectors.OutcomeRow | None]]]


def outcome_matrix(details: Iterable[dict]) -> OutcomeMatrix:
    details = list(details)
    found: dict[int, Indicator] = {}
    for detail in details:
        for row in detail["computed"]:
            found.setdefault(row.indicator.pk, row.indicator)
    indicators = sorted(found.values(), key=lambda i: i.pk)
    rows = []
    for detail in details:
        by_indicator = {row.indicator.pk: row for row in detail["computed"]}
        rows.append((detail["report"], [by_indicator.get(i.pk) for i in indicators]))
    return OutcomeMatrix(indicators=indicators, rows=rows)


def city_html(reporting_period: ReportingPeriod, *, language: str | None = None) -> str:
    with _language(language):
        data = selectors.city_report(reporting_period=reporting_period)
        city = Unit.objects.get_first_root_node()
        city_name = city.name if city else _("The whole city")
        context = _pdf_context(
            title=f"{city_name} – {reporting_period}", running_unit=city_name, running_period=str(reporting_period)
        )
        return render_to_string(
            "governance/pdf/city.html",
            {**data, **context, "city": city, "matrix": outcome_matrix(data["reports"])},
        )


def city_pdf(reporting_period: ReportingPeriod, *, language: str | None = None) -> bytes:
    """The city's compiled report for a period: the city's figures, then every report but the drafts."""
    return render_pdf(city_html(reporting_period, language=language))


@dataclass
class PdfTiming:
    """Where the time of one PDF went: reading and rendering the HTML, laying out the pages, writing the file."""

    reports: int
    pages: int
    size: int
    html_seconds: float
    layout_seconds: float
    write_seconds: float

    @property
    def seconds(self) -> float:
        return self.html_seconds + self.layout_seconds + self.write_seconds


def city_pdf_timed(reporting_period: ReportingPeriod, *, language: str | None = None) -> tuple[bytes, PdfTiming]:
    """The city's compiled PDF with its timing, for the benchmark and ``manage.py city_report``."""
    started = time.perf_counter()
    html = city_html(reporting_period, language=language)
    rendered = time.perf_counter()
    document = pdf_document(html)
    laid_out = time.perf_counter()
    content = document.write_pdf(pdf_tags=True)
    written = time.perf_counter()
    reports = Report.objects.filter(reporting_period=reporting_period).exclude(status=ReportStatus.DRAFT).count()
    return content, PdfTiming(
        reports=reports,
        pages=len(document.pages),
        size=len(content),
        html_seconds=rendered - started,
        layout_seconds=laid_out - rendered,
        write_seconds=written - laid_out,
    )


# --- XLSX ---------------------------------------------------------------------------------------


def _sheet_title(title: str) -> str:
    return re.sub(r"[\[\]:*?/\\]", "", title)[:31]


def _xlsx_value(value: Any) -> Any:
    """A value as a spreadsheet cell takes it: local times without a zone, text without control characters."""
    if isinstance(value, datetime):
        return timezone.localtime(value, CITY_TIME_ZONE).replace(tzinfo=None)
    if isinstance(value, str):
        # made safe before it is cut, so the apostrophe counts within the cell's length
        return safe_cell(ILLEGAL_CHARACTERS_RE.sub("", value))[:XLSX_CELL_MAX]
    return value


def _number_format(measure: str) -> str:
    return "#,##0" if measure in (Measure.COUNT, Measure.SEK) else "#,##0.0"


class _Sheet:
    """A worksheet with a bold, frozen header row and a filter; rows are appended as plain values."""

    def __init__(self, ws: Worksheet, title: str, header: list[tuple[str, int]]) -> None:
        self.ws = ws
        ws.title = _sheet_title(title)
        append_row(ws, [label for label, _width in header])
        for index, (_label, width) in enumerate(header, start=1):
            ws.column_dimensions[get_column_letter(index)].width = width
            ws.cell(row=1, column=index).font = Font(bold=True)
        ws.freeze_panes = "A2"

    def add(self, values: list[Any], *, formats: dict[int, str] | None = None) -> None:
        append_row(self.ws, [_xlsx_value(v) for v in values])
        row = self.ws.max_row
        for cell in self.ws[row]:
            if isinstance(cell.value, datetime):
                cell.number_format = "yyyy-mm-dd hh:mm"
            elif isinstance(cell.value, date):
                cell.number_format = "yyyy-mm-dd"
            elif isinstance(cell.value, str) and len(cell.value) > 60:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        for column, number_format in (formats or {}).items():
            self.ws.cell(row=row, column=column).number_format = number_format

    def finish(self) -> None:
        if self.ws.max_row > 1:
            self.ws.auto_filter.ref = self.ws.dimensions


def _workbook_bytes(wb: Workbook, *, title: str) -> bytes:
    wb.properties.title = title
    wb.properties.creator = "Språng"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _source(row: selectors.OutcomeRow) -> str:
    if row.indicator.is_computed:
        return _("Språng, as it stands now") if row.live else _("Språng, as submitted")
    return row.outcome.source


def _goal_set_by(assessment) -> str:
    goal = assessment.goal
    return _("The city's goal") if goal.is_city_goal else goal.unit.name


def _goal_serves(assessment) -> str:
    goal = assessment.goal
    return goal.parent.title if goal.parent_id else ""


def _outcome_header() -> list[tuple[str, int]]:
    return [
        (_("Indicator"), 44),
        (_("Indicator code"), 22),
        (_("Unit of measure"), 18),
        (_("Outcome"), 12),
        (_("Target"), 12),
        (_("Number it rests on"), 12),
        (_("Source"), 30),
    ]


def _outcome_values(row: selectors.OutcomeRow) -> list[Any]:
    indicator = row.indicator
    return [
        indicator.label,
        indicator.code,
        indicator.get_measure_display(),
        row.value,
        row.target,
        row.basis if indicator.is_computed else None,
        _source(row),
    ]


def report_xlsx(report: Report, *, language: str | None = None) -> bytes:
    """One report as a workbook: the report, its outcomes, goals and assessments, activities and history."""
    with _language(language):
        detail = selectors.report_detail(report)
        period = report.reporting_period
        wb = new_workbook()
        summary = _Sheet(wb.active, _("Report"), [(_("Field"), 28), (_("Value"), 100)])
        for label, value in (
            (_("Administration or company"), report.unit.name),
            (_("Period"), str(period)),
            (_("Status"), report.get_status_display()),
            (_("Deadline"), report.deadline),
            (_("Submitted"), report.submitted_at),
            (_("Approved"), report.decided_at if report.status == ReportStatus.APPROVED else None),
            (_("The period's innovation work"), report.narrative),
        ):
            summary.add([label, value])

        outcomes = _Sheet(wb.create_sheet(), _("Outcomes"), _outcome_header())
        for row in detail["outcomes"]:
            number_format = _number_format(row.indicator.measure)
            outcomes.add(_outcome_values(row), formats={4: number_format, 5: number_format})
        outcomes.finish()

        goals = _Sheet(
            wb.create_sheet(),
            _("Goals and assessments"),
            [
                (_("Goal"), 50),
                (_("Set by"), 30),
                (_("City goal it serves"), 40),
                (_("Assessment"), 16),
                (_("Comment"), 60),
            ],
        )
        activities = _Sheet(
            wb.create_sheet(),
            _("Activities"),
            [
                (_("Goal"), 40),
                (_("Activity"), 50),
                (_("Responsible"), 24),
                (_("Starts"), 12),
                (_("Ends"), 12),
                (_("Status"), 14),
            ],
        )
        for assessment in detail["assessments"]:
            goal = assessment.goal
            goals.add(
                [
                    goal.title,
                    _goal_set_by(assessment),
                    _goal_serves(assessment),
                    assessment.get_fulfilment_display() if assessment.fulfilment else _("not yet assessed"),
                    assessment.comment,
                ]
            )
            for activity in goal.activities.all():
                activities.add(
                    [
                        goal.title,
                        activity.title,
                        activity.owner.name,
                        activity.starts_on,
                        activity.ends_on,
                        activity.get_status_display(),
                    ]
                )
        goals.finish()
        activities.finish()

        history = _Sheet(
            wb.create_sheet(), _("History"), [(_("Action"), 24), (_("By"), 28), (_("When"), 18), (_("Comment"), 60)]
        )
        for event in detail["events"]:
            history.add([event.get_action_display(), event.by.name, event.at, event.comment])
        history.finish()
        return _workbook_bytes(wb, title=f"{report.unit.name} – {period}")


def city_xlsx(reporting_period: ReportingPeriod, *, language: str | None = None) -> bytes:
    """The city's compiled report as a workbook: the reports, every organisation × indicator outcome, every assessment."""
    with _language(language):
        data = selectors.city_report(reporting_period=reporting_period)
        wb = new_workbook()
        reports = _Sheet(
            wb.active,
            _("Reports"),
            [
                (_("Administration or company"), 40),
                (_("Unit code"), 14),
                (_("Status"), 18),
                (_("Submitted"), 18),
                (_("Approved"), 18),
                (_("The period's innovation work"), 100),
            ],
        )
        outcomes = _Sheet(
            wb.create_sheet(),
            _("Outcomes"),
            [(_("Administration or company"), 40), (_("Unit code"), 14), (_("Status"), 18), *_outcome_header()],
        )
        goals = _Sheet(
            wb.create_sheet(),
            _("Goal assessments"),
            [
                (_("Administration or company"), 40),
                (_("Unit code"), 14),
                (_("Status"), 18),
                (_("Goal"), 50),
                (_("Set by"), 30),
                (_("City goal it serves"), 40),
                (_("Assessment"), 16),
                (_("Comment"), 60),
            ],
        )
        for detail in data["reports"]:
            report = detail["report"]
            who = [report.unit.name, report.unit.code, report.get_status_display()]
            approved = report.decided_at if report.status == ReportStatus.APPROVED else None
            reports.add([*who[:3], report.submitted_at, approved, report.narrative])
            for row in detail["outcomes"]:
                number_format = _number_format(row.indicator.measure)
                outcomes.add([*who, *_outcome_values(row)], formats={7: number_format, 8: number_format})
            for assessment in detail["assessments"]:
                goals.add(
                    [
                        *who,
                        assessment.goal.title,
                        _goal_set_by(assessment),
                        _goal_serves(assessment),
                        assessment.get_fulfilment_display() if assessment.fulfilment else _("not yet assessed"),
                        assessment.comment,
                    ]
                )
        for sheet in (reports, outcomes, goals):
            sheet.finish()
        return _workbook_bytes(wb, title=str(reporting_period))


# --- CSV --------------------------------------------------------------------------------------------


def indicator_values_csv(
    *, year: int | None = None, period: str | None = None, language: str | None = None
) -> Iterator[str]:
    """Every kept indicator value with its indicator and unit, as CSV lines: UTF-8 with a byte-order mark, a header row.

    Filtered by year and period when given; for one period, its figures are brought up to
    date first, as the dashboard does. Indicator names are in the reader's language, worked
    out before the first line, so the lines can be streamed after the request's language is gone.
    """
    if year is not None and period is not None:
        from governance.services import indicator_values_ensure

        indicator_values_ensure(year=year, period=period)
    with _language(language):
        indicators = {i.pk: (i.code, i.label, i.measure) for i in Indicator.objects.all()}
    values = IndicatorValue.objects.all()
    if year is not None:
        values = values.filter(year=year)
    if period is not None:
        values = values.filter(period=period)
    rows = values.order_by("year", "period", "unit__path", "indicator_id").values_list(
        "year", "period", "unit__code", "unit__name", "unit__kind", "indicator_id", "value", "basis", "computed_at"
    )
    return _csv_lines(rows.iterator(chunk_size=2000), indicators)


def _csv_lines(rows: Iterable[tuple], indicators: dict[int, tuple[str, str, str]]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = CsvWriter(buffer)

    def line(values: list[Any]) -> str:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow(values)
        return buffer.getvalue()

    yield "\ufeff" + line(list(CSV_COLUMNS))
    for year, period, unit_code, unit_name, unit_kind, indicator_id, value, basis, computed_at in rows:
        code, name, measure = indicators[indicator_id]
        yield line(
            [
                year,
                period,
                unit_code,
                unit_name,
                unit_kind,
                code,
                name,
                measure,
                None if value is None else Decimal(value),
                basis,
                timezone.localtime(computed_at, CITY_TIME_ZONE).isoformat(timespec="seconds"),
            ]
        )
