"""The development talk: the guide, the manager's list of their staff with this year's talk, recording a talk, and
the employee sending in what they raised as an idea. Thin: selectors read, services write, ``learning.rules``
decides who may."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.decorators import login_required_keep_input, pop_kept_input
from core.errors import ConflictError
from core.forms import apply
from core.http import AuthenticatedRequest
from core.pagination import DeferredJoinPaginator, page_range
from ideas import services as idea_services
from learning.models import DevelopmentTalk
from learning.rules import managed_units, staff_of
from learning.talks import selectors, services
from learning.talks.forms import TalkFilterForm, TalkForm, TalkIdeaForm

PAGE_SIZE = 50
#: How many years back the list of talks goes.
YEARS_BACK = 5
FIRST_YEAR = 2000


@login_required
def talk_guide(request: AuthenticatedRequest) -> HttpResponse:
    """A short guide for talking about innovation in the development talk; an employee also sees their own talks."""
    if not request.user.is_city_staff:
        raise PermissionDenied
    context = {
        "own_talks": list(selectors.own_talks(request.user)),
        "manages": request.user.has_perm("learning.view_staff_records"),
    }
    return render(request, "learning/talks/guide.html", context)


@login_required
def talk_list(request: AuthenticatedRequest) -> HttpResponse:
    """The staff of the manager's units, each with whether the year's talk is recorded, covered innovation and gave
    ideas; filtered by unit, searched by name."""
    user = request.user
    if not user.has_perm("learning.view_staff_records"):
        raise PermissionDenied
    this_year = timezone.localdate().year
    years = list(range(this_year, this_year - YEARS_BACK - 1, -1))
    units = managed_units(user)
    form = TalkFilterForm(request.GET or None, years=years, units=units, initial={"year": this_year})
    data = form.cleaned_data if form.is_valid() else {}
    filters = selectors.TalkFilters(year=data.get("year") or this_year, unit=data.get("unit"), q=data.get("q") or "")
    page_obj = DeferredJoinPaginator(selectors.staff_with_talks(user=user, filters=filters), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "form": form,
        "year": filters.year,
        "this_year": this_year,
        "filtered": bool(filters.unit or filters.q),
        "summary": selectors.year_summary(user=user, filters=filters),
        "page_obj": page_obj,
        "page_range": page_range(page_obj),
    }
    template = "learning/talks/partials/results.html" if request.htmx else "learning/talks/list.html"
    return render(request, template, context)


@login_required_keep_input
def talk_record(request: AuthenticatedRequest, person_pk: int, year: int) -> HttpResponse:
    """Record, or change, the year's talk with one of the manager's staff. Anyone else's staff: not found."""
    user = request.user
    if not user.has_perm("learning.view_staff_records"):
        raise PermissionDenied
    employee = get_object_or_404(staff_of(user).select_related("unit"), pk=person_pk)
    if not user.has_perm("learning.record_talk", employee) or not FIRST_YEAR <= year <= timezone.localdate().year:
        raise Http404
    talk = selectors.talk_for(employee=employee, year=year)
    list_url = f"{reverse('learning:talks')}?year={year}"
    if request.method == "POST":
        form = TalkForm(request.POST, year=year)
        if form.is_valid():
            data = form.cleaned_data
            fields = {
                "held_on": data["held_on"],
                "innovation_discussed": data["innovation_discussed"],
                "ideas_count": data["ideas_count"],
            }
            try:
                if talk is None:
                    done = apply(
                        form,
                        lambda: services.talk_record(employee=employee, by=user, year=year, **fields),
                        raising=(ConflictError,),
                    )
                else:
                    current = talk
                    done = apply(
                        form,
                        lambda: services.talk_update(
                            talk=current, by=user, expected_version=data.get("lock_version") or 0, **fields
                        ),
                        raising=(ConflictError,),
                    )
            except ConflictError as exc:
                # What this person entered stays in the form, beside what is recorded now; saving again overwrites.
                form.add_error(None, exc.message)
                talk = selectors.talk_for(employee=employee, year=year)
                fresh = request.POST.copy()
                fresh["lock_version"] = str(talk.lock_version if talk else "")
                form.data = fresh
                done = None
            if done is not None:
                messages.success(
                    request, _("The development talk with %(name)s has been recorded.") % {"name": employee.name}
                )
                return redirect(list_url)
    else:
        kept = pop_kept_input(request)
        if kept:
            form = TalkForm(kept, year=year)
        elif talk is not None:
            form = TalkForm(
                year=year,
                initial={
                    "lock_version": talk.lock_version,
                    "held_on": talk.held_on,
                    "innovation_discussed": "yes" if talk.innovation_discussed else "no",
                    "ideas_count": talk.ideas_count,
                },
            )
        else:
            form = TalkForm(year=year)
    context = {
        "employee": employee,
        "year": year,
        "talk": talk,
        "ideas_sent": selectors.ideas_sent(talk) if talk else 0,
        "form": form,
        "list_url": list_url,
    }
    return render(request, "learning/talks/record.html", context)


@login_required_keep_input
def talk_idea(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The employee sends in what they raised in their development talk as an idea: the idea form, filled in."""
    talk = get_object_or_404(DevelopmentTalk, pk=pk, employee=request.user)
    user = request.user
    if request.method == "POST":
        form = TalkIdeaForm(request.POST, request.FILES, user=user)
        if form.is_valid():
            idea = apply(
                form,
                lambda: services.talk_idea(talk=talk, by=user, **form.submit_fields()),
            )
            if idea is not None:
                messages.success(
                    request,
                    _("Thank you! Your idea has been sent. You will get an answer within %(days)d days.")
                    % {"days": settings.SPRANG_FIRST_ANSWER_DAYS},
                )
                return redirect(idea)
    else:
        kept = pop_kept_input(request)
        initial: dict = {"source": idea_services.default_source_for(user)}
        if user.unit_id:
            initial["unit"] = user.unit_id
        form = TalkIdeaForm(kept, user=user) if kept else TalkIdeaForm(initial=initial, user=user)
    context = {"talk": talk, "form": form, "sent": selectors.ideas_sent(talk)}
    return render(request, "learning/talks/idea.html", context)
