"""The open data pages: the page that lists the datasets, their CSV files and the DCAT-AP-SE catalogue. No sign-in."""

from __future__ import annotations

import io
from itertools import groupby

from django.http import Http404, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from core.public_cache import public_page
from core.spreadsheet import CsvWriter
from governance.models import Period
from opendata.catalog import catalog as build_catalog
from opendata.catalog import catalog_rdf_xml
from opendata.datasets import DATASETS, LICENCE_URI, Dataset, published
from opendata.selectors import Row, preview


def _public(response: HttpResponse) -> HttpResponse:
    """Any site may read the files. How long they are kept is ``public_page``'s (ETag, 304)."""
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
@public_page
def index(request):
    datasets = []
    for dataset, periods in published():
        by_year = [(year, [p for _y, p in group]) for year, group in groupby(periods, key=lambda yp: yp[0])]
        shown = preview(dataset, periods)
        datasets.append(
            {
                "dataset": dataset,
                "years": [{"year": year, "periods": [Period.short(p) for p in ps]} for year, ps in reversed(by_year)],
                "api_url": dataset.api_url,
                "preview": shown,
                # A dataset that is not periodic is published as it is now, even while it lists nothing.
                "downloads": bool(by_year) or not dataset.periodic,
                "published": bool(by_year) or (not dataset.periodic and shown is not None),
            }
        )
    return render(
        request,
        "opendata/index.html",
        {
            "datasets": datasets,
            "anything_published": any(d["published"] for d in datasets),
            "licence_url": LICENCE_URI,
            "api_docs_url": reverse("api:openapi-view"),
        },
    )


def _filters(request) -> tuple[int | None, str | None]:
    """``?year=`` and ``?period=``; a value that is not one raises ValueError with the message to show."""
    year_text, period = request.GET.get("year", "").strip(), request.GET.get("period", "").strip().upper()
    year = None
    if year_text:
        if (
            not (len(year_text) == 4 and year_text.isascii() and year_text.isdigit())
            or not 2000 <= int(year_text) <= 2100
        ):
            raise ValueError(_("Give the year as four digits, for example ?year=2025."))
        year = int(year_text)
    if period and period not in Period.values:
        raise ValueError(_("Give the period as T1, T2 or VB, for example ?period=T1."))
    return year, period or None


def rows_as_csv(dataset: Dataset, rows: list[Row]) -> str:
    """Comma-separated with a header row, as text; the caller adds the byte-order mark.

    No cell starts a formula (``core.spreadsheet``): text such as a unit's code or name that a
    spreadsheet would run gets a leading apostrophe; the figures are written as they are.
    """
    out = io.StringIO()
    writer = CsvWriter(out)
    writer.writerow(dataset.column_names)
    for row in rows:
        writer.writerow([row[name] for name in dataset.column_names])
    return out.getvalue()


@require_safe
@public_page(same_for_everyone=True)
def dataset_csv(request, dataset: str):
    found = DATASETS.get(dataset)
    if found is None:
        raise Http404
    if found.periodic:
        try:
            year, period = _filters(request)
        except ValueError as error:
            return HttpResponseBadRequest(str(error), content_type="text/plain; charset=utf-8")
        rows = found.rows(year=year, period=period)
    else:
        year, period = None, None
        rows = found.rows()
    text = rows_as_csv(found, rows)
    # UTF-8 with a byte-order mark, so that Excel reads Swedish letters right.
    response = HttpResponse(("\ufeff" + text).encode(), content_type="text/csv; charset=utf-8")
    suffix = "".join(f"-{part}" for part in (year, period) if part)
    response["Content-Disposition"] = f'attachment; filename="sprang-{found.key}{suffix}.csv"'
    return _public(response)


@require_safe
@public_page(same_for_everyone=True)
def catalog(request):
    return _public(
        JsonResponse(
            build_catalog(),
            content_type="application/ld+json",
            json_dumps_params={"ensure_ascii": False, "indent": 2},
        )
    )


@require_safe
@public_page(same_for_everyone=True)
def catalog_rdf(request):
    return _public(HttpResponse(catalog_rdf_xml(), content_type="application/rdf+xml; charset=utf-8"))
