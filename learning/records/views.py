"""The learning record's pages: a person's own record, a manager's staff and one person's record, and the executive
office's import of completions from the city's learning platform."""

from __future__ import annotations

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.errors import DomainError
from core.forms import show_domain_error
from core.http import AuthenticatedRequest
from core.pagination import page_range
from learning.models import Course, CourseState
from learning.records import selectors, services
from learning.records.forms import ImportForm, StaffFilterForm
from learning.rules import managed_units

PAGE_SIZE = 50
IMPORTS_PAGE_SIZE = 20
#: The largest file taken: far more than a year of the platform's completions for the whole city.
MAX_FILE_BYTES = 5 * 1024 * 1024

EXAMPLE = "e-post;kurskod;datum\nanna.andersson@stockholm.se;{code};{day}\n"
EXAMPLE_CODE = "inno-intro"


def _record_page(request: AuthenticatedRequest, person, *, own: bool) -> HttpResponse:
    record = selectors.record_of(person)
    context = {
        "record": record,
        "own": own,
        "person": person,
        # Asked of the rules alone: no query for those who may not.
        "may_view_staff": own and rules.has_perm("learning.view_staff_records", request.user),
        "may_import": own and rules.has_perm("learning.import_completions", request.user),
    }
    return render(request, "learning/records/record.html", context)


@login_required
def my_record(request: AuthenticatedRequest) -> HttpResponse:
    """What I have learnt, what I have signed up for, my development talks and what to take next."""
    return _record_page(request, request.user, own=True)


@login_required
def person_record(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """A person's record, for their manager. Anyone else is answered 404, as if there were no such person."""
    person = selectors.person_for_record(viewer=request.user, pk=pk)
    if person is None:
        raise Http404
    return _record_page(request, person, own=person.pk == request.user.pk)


@login_required
def staff_records(request: AuthenticatedRequest) -> HttpResponse:
    """The staff of the units the manager manages, each with a summary of their learning."""
    if not request.user.has_perm("learning.view_staff_records"):
        raise PermissionDenied
    units = managed_units(request.user)
    form = StaffFilterForm(request.GET or None, units=units)
    data = form.cleaned_data if form.is_valid() else {}
    filters = selectors.StaffFilters(unit=data.get("unit"), q=data.get("q") or "", sort=data.get("sort") or "name")
    staff = selectors.staff_list(manager=request.user, filters=filters)
    page_obj = Paginator(staff, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page_obj": page_obj,
        "page_range": page_range(page_obj),
        "filtered": bool(filters.unit or filters.q),
        "year": timezone.localdate().year,
    }
    return render(request, "learning/records/staff.html", context)


@login_required
def import_page(request: AuthenticatedRequest) -> HttpResponse:
    """Upload the learning platform's CSV file: every line is checked first, and nothing is imported unless all are
    right. Below, the imports made."""
    if not request.user.has_perm("learning.import_completions"):
        raise PermissionDenied
    errors: list[dict] = []
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            if upload.size > MAX_FILE_BYTES:
                form.add_error("file", _("The file is larger than 5 MB. Split it into smaller files."))
            else:
                data = upload.read()
                try:
                    imported = services.completions_import(by=request.user, file=data, file_name=upload.name)
                except services.CompletionImportError as exc:
                    show_domain_error(form, exc)
                    headers = _headers(data)
                    errors = [
                        {"line": e.position, "column": headers.get(e.field, ""), "message": e.message}
                        for e in exc.errors
                    ]
                except DomainError as exc:
                    show_domain_error(form, exc)
                else:
                    new = imported.rows - imported.already_recorded
                    message = ngettext(
                        "%(file)s: %(new)s completion was imported",
                        "%(file)s: %(new)s completions were imported",
                        new,
                    ) % {"file": imported.file_name, "new": new}
                    if imported.already_recorded:
                        message += "; " + ngettext(
                            "%(n)s was already recorded",
                            "%(n)s were already recorded",
                            imported.already_recorded,
                        ) % {"n": imported.already_recorded}
                    messages.success(request, message + ".")
                    return redirect("learning:completion_import")
    else:
        form = ImportForm()
    page_obj = Paginator(selectors.imports(), IMPORTS_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "errors": errors,
        "page_obj": page_obj,
        "page_range": page_range(page_obj),
        **_example(),
    }
    return render(request, "learning/records/import.html", context)


def _example() -> dict[str, object]:
    """The format's example, with the code of a course in the catalogue (the introductory module if there is one)
    and a day gone by."""
    course = (
        Course.objects.filter(state=CourseState.PUBLISHED).order_by("-is_introduction", "code").only("code").first()
    )
    today = timezone.localdate()
    day = min(today.replace(month=1, day=15), today)
    return {
        "example": EXAMPLE.format(code=course.code if course else EXAMPLE_CODE, day=day.isoformat()),
        "example_is_real": course is not None,
    }


def _headers(data: bytes) -> dict[str, str]:
    """The file's column for each field, to name it with a line's error (empty when the file could not be read)."""
    try:
        _records, headers = services.read_csv(data)
    except DomainError:
        return {}
    return headers
