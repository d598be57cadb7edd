"""Pages of adoptions: a unit adopts an example (also from one of its ideas), records its steps, and lists its
adoptions; an example's spread across the city."""

from __future__ import annotations

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
from core.pagination import DeferredJoinPaginator, page_range
from ideas.lock import ROUTE
from ideas.models import Idea
from organisation.models import Unit
from spread.adoptions import selectors, services
from spread.adoptions.forms import AdoptForm, ChooseExampleForm, ListFilterForm, StepForm
from spread.adoptions.rules import leads, led_paths
from spread.adoptions.states import targets_from
from spread.models import Adoption, Example

PAGE_SIZE = 25


def _staff_only(request) -> None:
    if not request.user.has_perm("spread.view_adoptions"):
        raise PermissionDenied


def _example(pk: int) -> Example:
    return get_object_or_404(Example.objects.select_related("unit", "owner"), pk=pk)


@login_required
def adoption_list(request) -> HttpResponse:
    _staff_only(request)
    form = ListFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    scope = data.get("scope") or ("ours" if led_paths(request.user) else "all")
    qs = selectors.adoption_list(
        user=request.user, scope=scope, state=data.get("state", ""), q=data.get("q", ""), sort=data.get("sort", "")
    )
    page_obj = DeferredJoinPaginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "spread/adoptions/list.html",
        {
            "form": form,
            "scope": scope,
            "page_obj": page_obj,
            "page_range": page_range(page_obj),
            "filtered": bool(data.get("state") or data.get("q")),
        },
    )


def _idea_for(request, example: Example) -> Idea | None:
    """The idea an adoption starts from (``?idea=``), if the person may read it and leads its unit."""
    raw = request.POST.get("from_idea") or request.GET.get("idea")
    if not raw:
        return None
    try:
        idea = Idea.objects.visible_to(request.user).select_related("unit").get(pk=int(raw))
    except (ValueError, Idea.DoesNotExist) as exc:
        raise Http404 from exc
    if not leads(request.user, idea.unit) or idea.stage not in ROUTE:
        raise PermissionDenied
    return idea


@login_required_keep_input
def adopt(request, example: int) -> HttpResponse:
    _staff_only(request)
    ex = _example(example)
    if not request.user.has_perm("spread.adopt_example", ex):
        raise PermissionDenied
    idea = _idea_for(request, ex)
    units = selectors.adoptable_units(request.user, ex)
    fixed_unit = idea.unit if idea is not None else None
    if request.method == "POST":
        form = AdoptForm(request.POST, units=units, fixed_unit=fixed_unit)
        if form.is_valid():
            data = form.cleaned_data
            unit = Unit.objects.filter(pk=data["unit"]).first()
            if unit is None:
                form.add_error("unit", _("Choose the unit that is adopting the example."))
            else:
                adoption = apply(
                    form,
                    lambda: services.adoption_start(
                        example=ex,
                        unit=unit,
                        by=request.user,
                        start_date=data["start_date"],
                        changes=data["changes"],
                        from_idea=idea,
                    ),
                )
                if adoption is not None:
                    messages.success(
                        request,
                        _("%(unit)s is now adopting “%(title)s”. Record each step here as it goes.")
                        % {"unit": unit.name, "title": ex.title},
                    )
                    return redirect(adoption)
    else:
        kept = pop_kept_input(request)
        form = AdoptForm(
            kept, units=units, fixed_unit=fixed_unit, initial={"start_date": timezone.localdate()} if not kept else None
        )
    return render(
        request, "spread/adoptions/adopt.html", {"example": ex, "form": form, "idea": idea, "no_units": not units}
    )


@login_required
def adopt_from_idea(request, idea: int) -> HttpResponse:
    """An idea in the lock turns out to be the same as a good example: find the example to adopt instead."""
    _staff_only(request)
    try:
        found = Idea.objects.visible_to(request.user).select_related("unit").get(pk=idea)
    except Idea.DoesNotExist as exc:
        raise Http404 from exc
    if not leads(request.user, found.unit) or found.stage not in ROUTE:
        raise PermissionDenied
    form = ChooseExampleForm(request.GET or None)
    q = form.cleaned_data.get("q", "") if form.is_valid() else ""
    results = selectors.examples_to_choose(q) if q else []
    return render(request, "spread/adoptions/from_idea.html", {"idea": found, "form": form, "q": q, "results": results})


@login_required
def adoption_detail(request, pk: int) -> HttpResponse:
    _staff_only(request)
    try:
        adoption = selectors.adoption_detail(pk)
    except Adoption.DoesNotExist as exc:
        raise Http404 from exc
    can_step = request.user.has_perm("spread.step_adoption", adoption)
    form = None
    if can_step and targets_from(adoption.state):
        kept = pop_kept_input(request)
        form = StepForm(
            kept,
            adoption=adoption,
            initial={"version": adoption.version, "on": timezone.localdate()} if not kept else None,
        )
    return _detail(request, adoption, form)


def _detail(request, adoption: Adoption, form: StepForm | None, status: int = 200) -> HttpResponse:
    return render(
        request,
        "spread/adoptions/detail.html",
        {"adoption": adoption, "example": adoption.example, "form": form, "steps": adoption.steps.all()},
        status=status,
    )


@login_required_keep_input
def adoption_step(request, pk: int) -> HttpResponse:
    _staff_only(request)
    try:
        adoption = selectors.adoption_detail(pk)
    except Adoption.DoesNotExist as exc:
        raise Http404 from exc
    if not request.user.has_perm("spread.step_adoption", adoption):
        raise PermissionDenied
    if request.method != "POST":
        return redirect(adoption)
    form = StepForm(request.POST, adoption=adoption)
    if form.is_valid():
        data = form.cleaned_data
        try:
            done = apply(
                form,
                lambda: services.adoption_step(
                    adoption=adoption,
                    by=request.user,
                    expected_version=data["version"],
                    to_state=data["to_state"],
                    on=data["on"],
                    note=data["note"],
                    evidence=data["evidence"],
                    stopped_reason=data["stopped_reason"],
                ),
                raising=(ConflictError,),
            )
        except ConflictError as exc:
            # Someone else moved it first: show the new state, with what this person typed kept for a second try.
            adoption = selectors.adoption_detail(pk)
            data_kept = request.POST.copy()
            data_kept["version"] = str(adoption.version)
            form = StepForm(data_kept, adoption=adoption)
            form.is_valid()
            form.add_error(None, exc.message)
            return _detail(request, adoption, form if targets_from(adoption.state) else None, status=409)
        if done is not None:
            messages.success(
                request,
                _("The step is recorded: the adoption is now “%(state)s”.") % {"state": done.get_state_display()},
            )
            return redirect(reverse("spread:adoption", args=[pk]) + "#steps")
    return _detail(request, adoption, form, status=400)


@login_required
def example_spread(request, example: int) -> HttpResponse:
    """The spread of one example: its adopters on the organisation tree, counts per organisation, the steps."""
    _staff_only(request)
    ex = _example(example)
    return render(
        request,
        "spread/adoptions/example_spread.html",
        {
            "example": ex,
            "spread": selectors.example_spread(ex),
            "can_adopt": request.user.has_perm("spread.adopt_example", ex),
        },
    )
