"""The employee survey's imported innovation items through the API, for signed-in city staff
(``surveys.view_results``): the years imported, and a year's results per unit and item. A result's mean and
respondents are given only where the anonymity rules decided at the import show them (``status`` ``shown``); otherwise
only why not. A year not imported is answered 404."""

from decimal import Decimal
from typing import Annotated

from django.http import Http404
from django.urls import reverse
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from core.api_auth import SIGNED_IN
from core.api_errors import Error, InvalidRequest
from core.api_pagination import Pagination
from core.api_types import Id
from organisation.models import Unit
from surveys.employee_survey import selectors
from surveys.models import EmployeeSurveyResult, ResultStatus
from surveys.results.api import _staff_only

Year = Annotated[int, Field(ge=1900, le=2999, description="The year the employee survey was run.")]

router = Router(tags=["surveys"], auth=SIGNED_IN)


class YearOut(Schema):
    year: int
    url: str

    @staticmethod
    def resolve_url(obj: int) -> str:
        return reverse("surveys:employee_survey_results", args=[obj])

    @staticmethod
    def resolve_year(obj: int) -> int:
        return obj


class EmployeeResultQuery(Schema):
    unit: Id | None = Field(None, description="Only this unit and the units below it.")


class EmployeeResultOut(Schema):
    year: int
    unit_id: int
    unit: str
    item: str = Field(description="The item's code in the employee survey.")
    text: str = Field(description="The item's wording, in English where one has been written, else in Swedish.")
    text_language: str = Field(description="The language of text: en or sv.")
    status: ResultStatus = Field(description="shown, too_few or protected.")
    respondents: int | None = Field(description="How many answered the item, where shown.")
    mean: float | None = Field(description="The mean score 1–5, where shown.")

    @staticmethod
    def resolve_unit(obj: EmployeeSurveyResult) -> str:
        return obj.unit.name

    @staticmethod
    def resolve_item(obj: EmployeeSurveyResult) -> str:
        return obj.item.code

    @staticmethod
    def resolve_text(obj: EmployeeSurveyResult) -> str:
        return obj.item.text

    @staticmethod
    def resolve_text_language(obj: EmployeeSurveyResult) -> str:
        return obj.item.text_language

    @staticmethod
    def resolve_respondents(obj: EmployeeSurveyResult) -> int | None:
        return obj.respondents if obj.status == ResultStatus.SHOWN else None

    @staticmethod
    def resolve_mean(obj: EmployeeSurveyResult) -> float | None:
        return float(Decimal(obj.mean)) if obj.status == ResultStatus.SHOWN else None


@router.get(
    "/employee-survey",
    response={200: list[YearOut], 401: Error, 403: Error, 422: InvalidRequest},
    url_name="surveys_employee_survey_years",
    summary="List the years of the employee survey whose innovation items were imported",
)
@paginate(Pagination)
def list_years(request):
    _staff_only(request)
    return selectors.years()


@router.get(
    "/employee-survey/{year}/results",
    response={200: list[EmployeeResultOut], 401: Error, 403: Error, 404: Error, 422: InvalidRequest},
    url_name="surveys_employee_survey_results",
    summary="Read a year's innovation items of the employee survey per unit",
)
@paginate(Pagination)
def read_results(request, year: Year, query: Query[EmployeeResultQuery]):
    _staff_only(request)
    if year not in selectors.years():
        raise Http404
    unit = None
    if query.unit is not None:
        unit = Unit.objects.filter(pk=query.unit).first()
        if unit is None:
            return EmployeeSurveyResult.objects.none()
    return selectors.results(year=year, filters=selectors.ResultFilters(unit=unit))
