"""The open data API: the datasets and their rows, for anyone, without credentials."""

from django.urls import reverse
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from core.api_errors import InvalidRequest
from core.api_pagination import Pagination
from governance.models import Measure, Period
from opendata.catalog import absolute
from opendata.datasets import DATASETS, INDICATORS, LICENCE_URI, Dataset, published
from organisation.models import UnitKind

#: Open data asks for no credentials at all: a token sent along is neither needed nor checked.
router = Router(tags=["open data"], auth=None)

VALUE_DESCRIPTION = "The figure as text: “<5” for a count from 1 to 4; null when not published (see note)."
NOTE_DESCRIPTION = (
    "Empty when the figure is published. “suppressed”: it rests on fewer than five ideas and is not given "
    "exactly. “withheld”: left out so that a suppressed figure cannot be worked out from the others."
)


class ColumnOut(Schema):
    name: str
    description: str


class PeriodOut(Schema):
    year: int
    period: Period


class DatasetOut(Schema):
    key: str
    title: str
    description: str
    license: str = Field(description="The licence's URI: Creative Commons Zero 1.0.")
    columns: list[ColumnOut]
    periods: list[PeriodOut] = Field(description="The periods published, oldest first.")
    csv_url: str
    rows_url: str


class RowsQuery(Schema):
    year: int | None = Field(None, ge=2000, le=2100, description="Only this year.")
    period: Period | None = Field(None, description="Only this period: T1, T2 or VB (the whole year).")


class _Row(Schema):
    year: int
    period: Period
    unit_code: str
    unit_name: str
    unit_kind: UnitKind
    note: str = Field(description=NOTE_DESCRIPTION)


class IndicatorRowOut(_Row):
    indicator_code: str
    indicator_name: str = Field(description="In Swedish.")
    measure: Measure
    value: str | None = Field(description=VALUE_DESCRIPTION)


class IdeaRowOut(_Row):
    breakdown: str = Field(description="source: ideas received by where they came from; stage: ideas that reached it.")
    category: str
    category_name: str = Field(description="In Swedish.")
    ideas: str | None = Field(
        description="The number of ideas as text: “<5” for 1 to 4; null when withheld (see note)."
    )


def _describe(dataset: Dataset, periods: list[tuple[int, str]]) -> dict:
    return {
        "key": dataset.key,
        "title": str(dataset.title),
        "description": str(dataset.description),
        "license": LICENCE_URI,
        "columns": [{"name": c.name, "description": str(c.description)} for c in dataset.columns],
        "periods": [{"year": y, "period": p} for y, p in periods],
        "csv_url": absolute(reverse("opendata:csv", args=[dataset.key])),
        "rows_url": absolute(dataset.api_url),
    }


@router.get(
    "/datasets",
    response={200: list[DatasetOut], 422: InvalidRequest},
    url_name="opendata_datasets",
    summary="List the open datasets",
)
def list_datasets(request):
    return [_describe(dataset, periods) for dataset, periods in published()]


@router.get(
    "/indicators",
    response={200: list[IndicatorRowOut], 422: InvalidRequest},
    url_name="opendata_indicators",
    summary="Innovation indicators per organisation and period",
)
@paginate(Pagination)
def list_indicator_rows(request, query: Query[RowsQuery]):
    return INDICATORS.rows(year=query.year, period=query.period)


@router.get(
    "/ideas",
    response={200: list[IdeaRowOut], 422: InvalidRequest},
    url_name="opendata_ideas",
    summary="Ideas received and stages reached per organisation and period",
)
@paginate(Pagination)
def list_idea_rows(request, query: Query[RowsQuery]):
    return DATASETS["ideas"].rows(year=query.year, period=query.period)
