"""Downloads of governance follow-up: a report or the city's compiled report as PDF or XLSX, indicator values as CSV.

A report's export is shown to whoever may read the report (``governance.view_report``;
anyone else gets 404, as for the page). The city's workbook and the CSV are for those who
see the dashboard (``governance.view_dashboard``; 403 otherwise), and so is the city's compiled
PDF (``governance.export_city_pdf``), which is built once per state of its data and kept
(``governance.city_pdf``). It is never laid out in the web process (ADR 0035): the worker
builds it and emails the person who asked, and the download link serves the built file.
"""

from __future__ import annotations

from typing import TypeVar

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.http import (
    FileResponse,
    Http404,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseRedirect,
    StreamingHttpResponse,
)
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe
from django_tasks import TaskResultStatus
from django_tasks.exceptions import TaskResultDoesNotExist

from core.http import AuthenticatedRequest
from governance import city_pdf as city_pdf_store
from governance import exports
from governance.models import Period, Report, ReportingPeriod
from governance.tasks import build_city_pdf

R = TypeVar("R", HttpResponse, StreamingHttpResponse, FileResponse)

#: Seconds after which someone told that the city's PDF is still being built should ask again.
RETRY_SECONDS = 60


def _attachment(response: R, filename: str) -> R:
    # RFC 6266 / 5987: filename*=utf-8''… keeps the Swedish letters and the dash.
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _no_pdf(request: AuthenticatedRequest, xlsx_url: str) -> HttpResponse:
    """This server lacks the system library that lays out PDFs: say so, and offer the spreadsheet."""
    return render(request, "governance/no_pdf.html", {"xlsx_url": xlsx_url}, status=503)


def _report(request: AuthenticatedRequest, pk: int) -> Report:
    report = Report.objects.select_related("unit", "reporting_period").filter(pk=pk).first()
    if report is None or not request.user.has_perm("governance.view_report", report):
        raise Http404
    return report


def _reporting_period(request: AuthenticatedRequest, year: int, period: str) -> ReportingPeriod:
    if not request.user.has_perm("governance.view_dashboard"):
        raise PermissionDenied
    if period not in Period.values:
        raise Http404
    return get_object_or_404(ReportingPeriod, year=year, period=period)


@require_safe
@login_required
def report_pdf(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    if not exports.pdf_available():
        return _no_pdf(request, reverse("governance:report_xlsx", args=[report.pk]))
    content = exports.report_pdf(report)
    return _attachment(HttpResponse(content, content_type=exports.PDF_TYPE), exports.report_filename(report, "pdf"))


@require_safe
@login_required
def report_xlsx(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    content = exports.report_xlsx(report)
    return _attachment(HttpResponse(content, content_type=exports.XLSX_TYPE), exports.report_filename(report, "xlsx"))


@require_safe
@login_required
def city_pdf(request: AuthenticatedRequest, year: int, period: str) -> HttpResponse | FileResponse:
    """The city's compiled PDF as the data stands now, from the storage.

    Not built yet (or the reports changed since): the worker is asked to build it, once per person, period and
    language while that build waits or runs, and the answer is 202 with a page saying it is being made and that
    an email follows. Where work runs where it is enqueued (the tests), it is there at once and served."""
    reporting_period = _city_pdf_period(request, year, period)
    if not exports.pdf_available():
        return _no_pdf(request, reverse("governance:city_xlsx", args=[year, period]))
    language = get_language() or settings.LANGUAGE_CODE
    name = city_pdf_store.built_city_pdf(reporting_period, language=language)
    if name is None:
        if _build_state(request, reporting_period, language) not in ("queued", "building"):
            _enqueue_build(request, reporting_period, language)
        name = city_pdf_store.built_city_pdf(reporting_period, language=language)
    if name is None:
        response = render(
            request,
            "governance/pdf_building.html",
            {"reporting_period": reporting_period, "retry_seconds": RETRY_SECONDS},
            status=202,
        )
        response["Retry-After"] = str(RETRY_SECONDS)
        return response
    return _attachment(
        FileResponse(default_storage.open(name, "rb"), content_type=exports.PDF_TYPE),
        exports.city_filename(reporting_period, "pdf"),
    )


def _city_pdf_period(request: AuthenticatedRequest, year: int, period: str) -> ReportingPeriod:
    if not request.user.has_perm("governance.export_city_pdf"):
        raise PermissionDenied
    return _reporting_period(request, year, period)


def _build_key(reporting_period: ReportingPeriod, language: str) -> str:
    return f"city-pdf-build:{reporting_period.pk}:{language}"


#: What the page says of a build the person asked for, by the state of its task.
_BUILD_STATES = {
    TaskResultStatus.READY: "queued",
    TaskResultStatus.RUNNING: "building",
    TaskResultStatus.FAILED: "failed",
    TaskResultStatus.SUCCESSFUL: "none",  # built, but the data changed since: the page offers to build again
}


def _build_state(request: AuthenticatedRequest, reporting_period: ReportingPeriod, language: str) -> str:
    """Where the build this person last asked for stands ("queued", "building", "failed"), or "none"."""
    result_id = request.session.get(_build_key(reporting_period, language))
    if not result_id:
        return "none"
    try:
        return _BUILD_STATES[build_city_pdf.get_result(str(result_id)).status]
    except (TaskResultDoesNotExist, NotImplementedError, ValueError):
        return "none"


def _enqueue_build(request: AuthenticatedRequest, reporting_period: ReportingPeriod, language: str) -> None:
    result = build_city_pdf.enqueue(reporting_period.pk, language, request.user.pk)
    request.session[_build_key(reporting_period, language)] = result.id


def city_pdf_state(request: AuthenticatedRequest, reporting_period: ReportingPeriod) -> dict[str, object]:
    """What the reports page says of the city's PDF for a period: ``state`` is "ready" (built as the data stands
    now), "queued", "building" or "failed" (the build this person asked for), or "none"; ``polling`` whether the
    page should ask again."""
    language = get_language() or settings.LANGUAGE_CODE
    ready = city_pdf_store.built_city_pdf(reporting_period, language=language) is not None
    state = "ready" if ready else _build_state(request, reporting_period, language)
    return {"reporting_period": reporting_period, "state": state, "polling": state in ("queued", "building")}


def _city_pdf_build_status(request: AuthenticatedRequest, reporting_period: ReportingPeriod) -> HttpResponse:
    """Where the build the person asked for stands: waiting, being built, failed, or ready to download."""
    return render(request, "governance/partials/city_pdf_build.html", city_pdf_state(request, reporting_period))


@require_POST
@login_required
def city_pdf_build(request: AuthenticatedRequest, year: int, period: str) -> HttpResponse:
    """Build the city's PDF in the background; the person is emailed when it is ready."""
    reporting_period = _city_pdf_period(request, year, period)
    language = get_language() or settings.LANGUAGE_CODE
    if _build_state(request, reporting_period, language) not in ("queued", "building"):
        _enqueue_build(request, reporting_period, language)
    if request.htmx:
        return _city_pdf_build_status(request, reporting_period)
    return HttpResponseRedirect(f"{reverse('governance:reports')}?compiled={reporting_period.pk}#city-exports")


@require_safe
@login_required
def city_pdf_build_status(request: AuthenticatedRequest, year: int, period: str) -> HttpResponse:
    return _city_pdf_build_status(request, _city_pdf_period(request, year, period))


@require_safe
@login_required
def city_xlsx(request: AuthenticatedRequest, year: int, period: str) -> HttpResponse:
    reporting_period = _reporting_period(request, year, period)
    content = exports.city_xlsx(reporting_period)
    return _attachment(
        HttpResponse(content, content_type=exports.XLSX_TYPE), exports.city_filename(reporting_period, "xlsx")
    )


@require_safe
@login_required
def values_csv(request: AuthenticatedRequest) -> HttpResponseBase:
    if not request.user.has_perm("governance.view_dashboard"):
        raise PermissionDenied
    year_text, period = request.GET.get("year", ""), request.GET.get("period", "")
    if year_text and not (
        len(year_text) == 4 and year_text.isascii() and year_text.isdigit() and 2000 <= int(year_text) <= 2100
    ):
        return HttpResponseBadRequest(
            _("Give the year as four digits, for example ?year=2025."), content_type="text/plain; charset=utf-8"
        )
    if period and period not in Period.values:
        return HttpResponseBadRequest(
            _("Give the period as T1, T2 or VB, for example ?period=T1."), content_type="text/plain; charset=utf-8"
        )
    year = int(year_text) if year_text else None
    lines = exports.indicator_values_csv(year=year, period=period or None)
    response = StreamingHttpResponse((line.encode() for line in lines), content_type=exports.CSV_TYPE)
    return _attachment(response, exports.values_filename(year=year, period=period or None))
