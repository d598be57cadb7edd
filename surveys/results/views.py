"""A closed round's results, one group at a time, and the same as PDF and XLSX. Every member of the city staff reads
them (``surveys.view_results``); a round that is not closed is answered 404, as one that does not exist. A group
with no results (a crafted filter) shows that there are none, and nothing else."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.http import content_disposition_header, urlencode
from django.utils.translation import get_language

from core.http import AuthenticatedRequest
from core.pagination import page_range
from governance import exports as governance_exports
from surveys.employee_survey import selectors as employee_survey
from surveys.models import Round, Scope
from surveys.results import exports, selectors


def _worked_out(round_: Round) -> str:
    """When the round's results were last worked out: part of the key its page and exports are kept under."""
    return str(round_.results_at.timestamp() if round_.results_at else 0)


def _round(request: AuthenticatedRequest, pk: int) -> Round:
    if not request.user.has_perm("surveys.view_results"):
        raise PermissionDenied
    round_ = selectors.closed_round(pk)
    if round_ is None:
        raise Http404
    return round_


def _data(request: AuthenticatedRequest, round_: Round, *, texts: bool = True) -> selectors.GroupResults:
    group = selectors.parse_group(request.GET.get("group"), request.GET.get("version"))
    # One list of free texts is paged at a time (``?texts=<question key>&page=<n>``); the others show their first page.
    pages = {request.GET.get("texts", ""): request.GET.get("page")} if texts else {}
    return selectors.group_results(round_, group, text_pages=pages, texts=texts)


@login_required
def round_list(request: AuthenticatedRequest) -> HttpResponse:
    if not request.user.has_perm("surveys.view_results"):
        raise PermissionDenied
    return render(request, "surveys/results/list.html", {"rounds": list(selectors.closed_rounds())})


@login_required
def results(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The page's body is the same for every reader until the round's results are worked out again, so it is kept in
    the cache under the round, the moment its results were worked out, the language and the query: only the first
    reader of a group pays for reading and drawing it."""
    round_ = _round(request, pk)
    found, label = selectors.group_heading(
        round_, selectors.parse_group(request.GET.get("group"), request.GET.get("version"))
    )

    def data() -> selectors.GroupResults:
        loaded = _data(request, round_)
        for text_list in loaded.texts:
            text_list.page_range = page_range(text_list.page)  # type: ignore[attr-defined]
        return loaded

    def employee() -> employee_survey.BesideRound:
        # The same group's items of the employee survey, nearest the round's year: the group's unit (the top unit for
        # the whole city); the employee survey counts no kinds of organisation.
        return employee_survey.beside_round(
            year=round_.year, unit=results_data.unit, per_unit=results_data.group.scope != Scope.KIND
        )

    results_data = SimpleLazyObject(data)

    query = urlencode(sorted((k, str(v)) for k, v in request.GET.items() if k in ("group", "version", "texts", "page")))
    return render(
        request,
        "surveys/results/results.html",
        {
            "round": round_,
            "found": found,
            "label": label,
            "data": results_data,
            "employee_survey": SimpleLazyObject(employee),
            # A new import of the employee survey changes what the page shows beside the results.
            "kept_as": f"{_worked_out(round_)}:{employee_survey.import_stamp()}:{query}",
            # A day; a group with no results (a crafted filter) is cheap to draw and never kept.
            "kept_for": 86400 if found else 0,
            "base_url": reverse("surveys:results", args=[round_.pk]),
            "pdf_available": governance_exports.pdf_available(),
        },
        status=200 if found else 404,
    )


def _attachment(response: HttpResponse, filename: str) -> HttpResponse:
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _export(
    request: AuthenticatedRequest, round_: Round, kind: str, build: Callable[[selectors.GroupResults], bytes]
) -> tuple[bytes, str]:
    """A group's export and its file name. Like the page's body, the file is the same for every reader until the
    round's results are worked out again, so it is kept in the cache (a day) under the round, the moment its results
    were worked out, the language and the group: only the first download pays for building it. A group with no
    results is answered 404 and nothing is kept."""
    group = selectors.parse_group(request.GET.get("group"), request.GET.get("version"))
    if group is None:
        raise Http404
    key = f"surveys:export:{kind}:{round_.pk}:{_worked_out(round_)}:{get_language()}:{group.query()}"
    kept = cache.get(key)
    if kept is not None:
        return kept
    data = _data(request, round_, texts=False)
    if not data.found:
        raise Http404
    made = (build(data), exports.filename(data, kind))
    cache.set(key, made, 86400)
    return made


@login_required
def results_xlsx(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    round_ = _round(request, pk)
    content, filename = _export(request, round_, "xlsx", exports.results_xlsx)
    return _attachment(HttpResponse(content, content_type=governance_exports.XLSX_TYPE), filename)


@login_required
def results_pdf(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    round_ = _round(request, pk)
    if not governance_exports.pdf_available():
        data = _data(request, round_, texts=False)
        if not data.found:
            raise Http404
        return render(
            request,
            "governance/no_pdf.html",
            {"xlsx_url": reverse("surveys:results_xlsx", args=[round_.pk]) + "?" + data.group.query()},
            status=503,
        )
    content, filename = _export(request, round_, "pdf", exports.results_pdf)
    return _attachment(HttpResponse(content, content_type=governance_exports.PDF_TYPE), filename)
