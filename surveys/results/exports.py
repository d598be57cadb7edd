"""A group's results of a closed round as XLSX and PDF: exactly what its page shows, from the same ``GroupResult``
rows (``surveys.results.selectors``). A question whose result is not shown says why, and holds no figure."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from core.spreadsheet import new_workbook
from governance.exports import _pdf_context, _safe_filename, _Sheet, _workbook_bytes, render_pdf
from surveys.models import ResultStatus
from surveys.results.selectors import GroupResults


def filename(data: GroupResults, extension: str) -> str:
    """``Innovationsförmåga 2026 – Hela staden.xlsx``"""
    return _safe_filename(f"{data.round.name} – {data.label}") + f".{extension}"


def _status_text(status: str) -> str:
    texts: dict[str, str] = {
        ResultStatus.SHOWN: _("Shown"),
        ResultStatus.TOO_FEW: _("Too few answers"),
        ResultStatus.PROTECTED: _("Not shown, to protect a smaller group"),
    }
    return texts.get(status, _("No answers"))


def results_xlsx(data: GroupResults) -> bytes:
    """One sheet: a row per question, with its mean, number of scores and spread where shown, or why not."""
    wb = new_workbook()
    sheet = _Sheet(
        wb.active,
        _("Results"),
        [
            (_("Theme"), 20),
            (_("Question key"), 18),
            (_("Question"), 60),
            (_("Status"), 22),
            (_("Mean (1–5)"), 12),
            (_("Number of scores"), 12),
            (_("Don't know"), 10),
            *[(str(n), 8) for n in range(1, 6)],
            (_("Why not shown"), 60),
        ],
    )
    for block in data.themes:
        for item in block.items:
            spread: list[int | None] = [*item.distribution] if item.distribution else [None] * 6
            status = item.status if item.question.is_scale or not item.texts_shown else ResultStatus.SHOWN
            sheet.add(
                [
                    block.label,
                    item.question.key,
                    item.question.text,
                    _status_text(status),
                    None if item.mean is None else round(item.mean, 2),
                    item.scored,
                    *spread,
                    "" if item.shown or item.texts_shown else item.why,
                ],
                formats={5: "0.0"},
            )
    sheet.finish()
    return _workbook_bytes(wb, title=f"{data.round.name} – {data.label}")


def results_html(data: GroupResults) -> str:
    title = f"{data.round.name} – {data.label}"
    context = _pdf_context(title=title, running_unit=data.label, running_period=data.round.name)
    return render_to_string("surveys/results/pdf.html", {**context, "data": data, "round": data.round, "print": True})


def results_pdf(data: GroupResults) -> bytes:
    return render_pdf(results_html(data))
