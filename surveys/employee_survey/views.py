"""The employee survey's pages: the executive office's import, and a year's results for all city staff."""

from __future__ import annotations

import base64
import binascii

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from core.errors import DomainError, ErrorCode
from core.forms import show_domain_error
from core.http import AuthenticatedRequest
from core.pagination import page_range
from surveys.anonymity import min_answers
from surveys.employee_survey import selectors, services
from surveys.employee_survey.forms import ImportForm, ItemWordingForm, ResultFilterForm
from surveys.models import EmployeeSurveyItem

PAGE_SIZE = 50
#: The largest file taken: far more than a city's units times the items.
MAX_FILE_BYTES = 5 * 1024 * 1024

EXAMPLE = (
    "år;enhetskod;frågekod;fråga;antal_svar;medelvärde\n"
    "2026;CITY;inno-1;Jag har möjlighet att pröva nya arbetssätt;4120;3,7\n"
    "2026;SDF-N;inno-1;Jag har möjlighet att pröva nya arbetssätt;512;3,6\n"
    "2026;CITY;inno-2;Mina idéer om förbättringar tas till vara;4098;3,4\n"
)


def _import(request: AuthenticatedRequest, form: ImportForm, *, file_name: str, data: bytes, replace: bool):
    """Run the import: the page to answer with, or None when it was refused at the form."""
    year = form.cleaned_data["year"]
    try:
        imported = services.employee_survey_import(
            by=request.user, year=year, file_name=file_name, data=data, replace=replace
        )
    except services.EmployeeSurveyFileError as exc:
        show_domain_error(form, exc)
        return None, exc.errors
    except DomainError as exc:
        if exc.code == ErrorCode.CONFLICT:
            context = {
                "year": year,
                "file_name": file_name,
                "content": base64.b64encode(data).decode(),
                "message": exc.message,
            }
            return render(request, "surveys/employee_survey/confirm_replace.html", context), []
        show_domain_error(form, exc)
        return None, []
    messages.success(
        request,
        _("%(rows)s results for %(year)s were imported from %(file)s.")
        % {"rows": imported.rows, "year": imported.year, "file": imported.file_name},
    )
    return redirect("surveys:employee_survey_results", year=imported.year), []


@login_required
def import_page(request: AuthenticatedRequest) -> HttpResponse:
    """Upload a year's CSV file; a year imported before is replaced only after confirming."""
    if not request.user.has_perm("surveys.run_surveys"):
        raise PermissionDenied
    errors: list[services.RowError] = []
    if request.method == "POST" and request.POST.get("action") == "replace":
        form = ImportForm({"year": request.POST.get("year")}, {})
        form.fields["file"].required = False
        try:
            data = base64.b64decode(request.POST.get("content", ""), validate=True)
        except binascii.Error:
            data = b""
        if form.is_valid() and not data:
            form.add_error("file", _("The file did not come through. Choose it again."))
        elif form.is_valid():
            file_name = request.POST.get("file_name", "")[:200]
            answer, errors = _import(request, form, file_name=file_name, data=data, replace=True)
            if answer is not None:
                return answer
    elif request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            if upload.size > MAX_FILE_BYTES:
                form.add_error("file", _("The file is larger than 5 MB; a year's results take far less."))
            else:
                answer, errors = _import(request, form, file_name=upload.name, data=upload.read(), replace=False)
                if answer is not None:
                    return answer
    else:
        form = ImportForm()
    context = {
        "form": form,
        "errors": errors,
        "imports": selectors.imports()[:50],
        "example": EXAMPLE,
        "columns": services.COLUMNS,
    }
    return render(request, "surveys/employee_survey/import.html", context)


@login_required
def index(request: AuthenticatedRequest) -> HttpResponse:
    """The years with imported results."""
    if not request.user.has_perm("surveys.view_results"):
        raise PermissionDenied
    context = {"years": selectors.years(), "may_import": request.user.has_perm("surveys.run_surveys")}
    return render(request, "surveys/employee_survey/index.html", context)


@login_required
def results(request: AuthenticatedRequest, year: int) -> HttpResponse:
    """A year's items per unit: the mean where shown, or why not. Sorted and filtered by unit."""
    if not request.user.has_perm("surveys.view_results"):
        raise PermissionDenied
    if year not in selectors.years():
        raise Http404
    form = ResultFilterForm(request.GET or None, units=selectors.units_of(year))
    data = form.cleaned_data if form.is_valid() else {}
    filters = selectors.ResultFilters(unit=data.get("unit"), sort=data.get("sort") or "unit")
    page_obj = Paginator(selectors.results(year=year, filters=filters), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "year": year,
        "form": form,
        "page_obj": page_obj,
        "page_range": page_range(page_obj),
        "filtered": filters.unit is not None,
        "min_answers": min_answers(),
        "years": selectors.years(),
        "may_import": request.user.has_perm("surveys.run_surveys"),
    }
    return render(request, "surveys/employee_survey/results.html", context)


@login_required
def items(request: AuthenticatedRequest) -> HttpResponse:
    """The items imported so far, each with its Swedish and English wording: for the executive office, who may word
    them in English."""
    if not request.user.has_perm("surveys.run_surveys"):
        raise PermissionDenied
    return render(request, "surveys/employee_survey/items.html", {"items": list(selectors.items())})


@login_required
def item_wording(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Word one item in English. What was there when the form opened travels with it, so a change made by someone
    else in the meantime is shown, not overwritten."""
    if not request.user.has_perm("surveys.run_surveys"):
        raise PermissionDenied
    item = get_object_or_404(EmployeeSurveyItem, pk=pk)
    if request.method == "POST":
        form = ItemWordingForm(request.POST)
        if form.is_valid():
            try:
                services.item_translate(
                    item=item, by=request.user, text_en=form.cleaned_data["text_en"], was=form.cleaned_data["was"]
                )
            except DomainError as exc:
                if exc.code == ErrorCode.CONFLICT:
                    # What they wrote stays in the field; what is there now is shown, and becomes what they saw.
                    item.refresh_from_db()
                    form = ItemWordingForm({"text_en": form.cleaned_data["text_en"], "was": item.text_en})
                    form.is_valid()
                show_domain_error(form, exc)
            else:
                messages.success(request, _("The English wording of %(code)s was saved.") % {"code": item.code})
                return redirect("surveys:employee_survey_items")
    else:
        form = ItemWordingForm(initial={"text_en": item.text_en, "was": item.text_en})
    return render(request, "surveys/employee_survey/item_wording.html", {"item": item, "form": form})
