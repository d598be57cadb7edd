"""The needs list, a need's page, writing and editing, sending, the office's decision, the same need and following.

Thin views: reads through ``selectors``, writes through ``services``, permissions from ``rules``.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from challenges.challenges.rules import visible_challenges_filter
from challenges.models import Need, NeedFile, NeedOrigin, NeedStatus, Route
from challenges.needs import route_work, selectors, services
from challenges.needs.forms import CloseForm, DecideForm, Decision, NeedForm, NeedListForm, SameNeedForm
from challenges.needs.rules import same_need_units, writes_for_unit
from challenges.openlab.rules import visible_assignments_filter
from challenges.openlab.selectors import final_reports_of
from core.decorators import login_required_keep_input, pop_kept_input
from core.errors import ConflictError, DomainError
from core.forms import apply
from core.http import AuthenticatedRequest
from core.pagination import DeferredJoinPaginator, page_range
from core.uploads import file_download
from core.validators import parse_id
from ideas.models import Idea

PAGE_SIZE = 25


def _filters(form: NeedListForm) -> selectors.NeedFilters:
    data = form.cleaned_data if form.is_valid() else {}
    return selectors.NeedFilters(
        q=data.get("q") or "",
        status=data.get("status") or "",
        route=data.get("route") or "",
        origin=data.get("origin") or "",
        unit=data.get("unit"),
        sort=data.get("sort") or "newest",
    )


@login_required
def need_list(request: AuthenticatedRequest) -> HttpResponse:
    """The needs this person may read, searched, filtered and sorted, a page at a time."""
    if not request.user.has_perm("challenges.view_needs"):
        raise PermissionDenied
    form = NeedListForm(request.GET or None)
    filters = _filters(form)
    paginator = DeferredJoinPaginator(selectors.need_list(user=request.user, filters=filters), PAGE_SIZE)
    page_obj = paginator.get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page_obj": page_obj,
        "page_range": page_range(page_obj),
        "searching": any((filters.q.strip(), filters.status, filters.route, filters.origin, filters.unit)),
        "may_write": request.user.has_perm("challenges.add_need"),
    }
    template = "challenges/needs/partials/results.html" if request.htmx else "challenges/needs/list.html"
    return render(request, template, context)


def _readable(request: AuthenticatedRequest, pk: int) -> Need:
    try:
        need = selectors.need_detail(pk=pk)
    except Need.DoesNotExist as exc:
        raise Http404 from exc
    if not request.user.has_perm("challenges.view_need", need):
        raise Http404
    return need


def _next_step(user, need: Need) -> dict[str, Any] | None:
    """What whoever looks at the need may do next, said plainly."""
    if user.has_perm("challenges.submit_need", need):
        return {"kind": "submit"}
    if user.has_perm("challenges.validate_need", need) or user.has_perm("challenges.route_need", need):
        return {"kind": "decide"}
    return None


def _route_work(user, need: Need) -> dict[str, Any]:
    """The challenges published from a need, or its assignments to universities, that the person may read, and
    the route's next step if the person may take it; for other routes, what the apps doing that work declare
    (``challenges.needs.route_work``)."""
    declared = route_work.shown(user, need) if need.route else []
    if declared:
        return {"declared": declared}
    if need.route in (Route.INTERNAL_CHALLENGE, Route.PUBLIC_CHALLENGE):
        return {
            "challenges": list(need.challenges.filter(visible_challenges_filter(user)).order_by("-opens_at", "-pk")),
            "may_publish": user.has_perm("challenges.publish_challenge_from", need),
        }
    if need.route == Route.OPENLAB:
        return {
            "assignments": list(
                need.assignments.filter(visible_assignments_filter(user))
                .select_related("university", "cancelled_by")
                .order_by("-created_at", "-pk")
            ),
            "may_assign": user.has_perm("challenges.assign_need", need),
        }
    return {}


@login_required
def need_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    need = _readable(request, pk)
    user = request.user
    following = need.follows.filter(user=user).exists()
    context = {
        "need": need,
        "links": list(need.links.all()),
        "files": list(need.files.all()),
        "decisions": list(need.decisions.all()),
        "same_needs": list(need.same_needs.all()),
        "following": following,
        "can_follow": user.has_perm("challenges.follow_need", need),
        "can_change": user.has_perm("challenges.change_need", need),
        "can_close": user.has_perm("challenges.close_need", need),
        "next_step": _next_step(user, need),
        "can_report_same": user.has_perm("challenges.report_same_need", need) and bool(same_need_units(user, need)),
        "idea_readable": need.idea is not None and user.has_perm("ideas.view_idea", need.idea),
        "routed_idea_readable": need.routed_idea is not None and user.has_perm("ideas.view_idea", need.routed_idea),
        # The universities' final reports that answer it (OpenLab's part), for a need sent there.
        "openlab_reports": list(final_reports_of(need, user)) if need.route == Route.OPENLAB else [],
        # What the route has led to so far, and its next step for whoever may take it.
        "route_work": _route_work(user, need),
    }
    return render(request, "challenges/needs/detail.html", context)


@login_required
def need_file(request: AuthenticatedRequest, pk: int, file_pk: int) -> FileResponse:
    found = get_object_or_404(NeedFile.objects.select_related("need__unit"), pk=file_pk, need_id=pk)
    if not request.user.has_perm("challenges.view_need", found.need):
        raise Http404
    return file_download(found.file, filename=found.original_name, content_type=found.content_type)


def _texts(data: dict[str, Any]) -> dict[str, Any]:
    return {name: data.get(name) or "" for name in services.TEXTS}


def _idea_for(request: AuthenticatedRequest, pk: int | None) -> Idea | None:
    if pk is None:
        return None
    return Idea.objects.visible_to(request.user).select_related("unit").filter(pk=pk).first()


@login_required_keep_input
def need_create(request: AuthenticatedRequest) -> HttpResponse:
    """Write a need; from an idea's page (``?idea=<number>``) it starts as seen in that idea, for the idea's unit."""
    user = request.user
    if not user.has_perm("challenges.add_need"):
        raise PermissionDenied
    if request.method == "POST":
        form = NeedForm(request.POST, request.FILES, user=user)
        if form.is_valid():
            data = form.cleaned_data
            idea = _idea_for(request, data.get("idea"))
            if data.get("idea") and idea is None:
                form.add_error("idea", _("There is no idea with number %(n)s that you can read.") % {"n": data["idea"]})
            else:
                need = apply(
                    form,
                    lambda: services.need_create(
                        by=user,
                        unit=data["unit"],
                        origin=data["origin"],
                        idea=idea,
                        links=form.links(),
                        attachments=data.get("attachments") or [],
                        **_texts(data),
                    ),
                )
                if need is not None:
                    messages.success(
                        request, _("The need is saved as a draft. Send it for validation when it is complete.")
                    )
                    return redirect(need)
    else:
        kept = pop_kept_input(request)
        initial: dict[str, Any] = {"origin": NeedOrigin.OWN_WORK}
        idea = _idea_for(request, parse_id(request.GET.get("idea")))
        if idea is not None:
            initial.update(origin=NeedOrigin.IDEA, idea=idea.pk, title=idea.title, how_it_shows=idea.problem)
            initial["who_has_it"] = idea.audience
            if writes_for_unit(user, idea.unit):
                initial["unit"] = idea.unit_id
        elif user.unit_id and writes_for_unit(user, user.unit):
            initial["unit"] = user.unit_id
        form = NeedForm(kept, user=user) if kept else NeedForm(initial=initial, user=user)
    return render(request, "challenges/needs/form.html", {"form": form, "need": None})


@login_required_keep_input
def need_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    need = _readable(request, pk)
    if not request.user.has_perm("challenges.change_need", need):
        raise PermissionDenied
    links = list(need.links.all())
    if request.method == "POST":
        form = NeedForm(request.POST, request.FILES, user=request.user, need=need)
        version = parse_id(request.POST.get("version"))
        if form.is_valid():
            if version is None:
                form.add_error(None, _("The form came without the need's version. Check your text and save again."))
            else:
                data = form.cleaned_data
                saved = apply(
                    form,
                    lambda: services.need_update(
                        need=need,
                        by=request.user,
                        expected_version=version,
                        links=form.links(),
                        attachments=data.get("attachments") or [],
                        remove_files=data.get("remove_files") or [],
                        **_texts(data),
                    ),
                )
                if saved is not None:
                    messages.success(request, _("The need has been saved."))
                    return redirect(saved)
    else:
        initial: dict[str, Any] = {name: getattr(need, name) for name in services.TEXTS}
        for n, link in enumerate(links, start=1):
            initial[f"link_url_{n}"], initial[f"link_title_{n}"] = link.url, link.title
        form = NeedForm(initial=initial, user=request.user, need=need, link_rows=len(links) + 2)
    return render(request, "challenges/needs/form.html", {"form": form, "need": need})


@login_required
@require_POST
def need_submit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Send the need to the innovation office (a button on its page)."""
    need = _readable(request, pk)
    if not request.user.has_perm("challenges.submit_need", need):
        raise PermissionDenied
    version = parse_id(request.POST.get("version"))
    try:
        services.need_submit(need=need, by=request.user, expected_version=version or 0)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The need has been sent to the innovation office for validation."))
    return redirect(need)


#: Characters of a need's texts above which its decision page folds them on a phone.
ESSENTIALS_FOLDED_OVER = 600


@login_required_keep_input
def need_decide(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The innovation office validates the need or returns it with a comment, and chooses its route with why."""
    need = _readable(request, pk)
    user = request.user
    if not (user.has_perm("challenges.validate_need", need) or user.has_perm("challenges.route_need", need)):
        raise PermissionDenied
    if request.method == "POST":
        form = DecideForm(request.POST, need=need)
        if form.is_valid():
            data = form.cleaned_data
            decision = data.get("decision") or Decision.ROUTE
            done = apply(form, lambda: _decide(need, user, decision, data))
            if done is not None:
                messages.success(request, _decided_message(done, decision))
                return redirect(done)
    else:
        kept = pop_kept_input(request)
        form = DecideForm(kept, need=need) if kept else DecideForm(initial={"version": need.version}, need=need)
    texts = (need.who_has_it, need.how_it_shows, need.cost_today, need.good_outcome, need.constraints)
    context = {
        "form": form,
        "need": need,
        "routes": Route,
        "links": list(need.links.all()),
        "files": list(need.files.all()),
        # A need longer than a phone's screen or two is folded there, so that the form is in reach.
        "long": sum(len(t or "") for t in texts) > ESSENTIALS_FOLDED_OVER,
    }
    return render(request, "challenges/needs/decide.html", context)


def _decide(need: Need, user, decision: str, data: dict[str, Any]) -> Need:
    version = data["version"]
    if decision == Decision.RETURN:
        return services.need_validate(
            need=need, by=user, expected_version=version, valid=False, comment=data.get("comment") or ""
        )
    if decision == Decision.VALIDATE:
        return services.need_validate(
            need=need, by=user, expected_version=version, valid=True, comment=data.get("comment") or ""
        )
    return services.need_route(
        need=need,
        by=user,
        expected_version=version,
        route=data.get("route") or "",
        rationale=data.get("rationale") or "",
        idea_kind=data.get("idea_kind") or "",
        idea_values=data.get("idea_values") or [],
    )


def _decided_message(need: Need, decision: str) -> str:
    if need.status == NeedStatus.RETURNED:
        return _("The need is returned to its writers with your comment.")
    if need.status == NeedStatus.VALIDATED:
        return _("The need is validated. Choose its route when you are ready.")
    if need.routed_idea_id:
        return _("The route is chosen: the need is now an idea in the lock.")
    return _("The route is chosen and recorded with your rationale.")


@login_required_keep_input
def need_same(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """A manager of another unit says "we have the same need", with a note."""
    need = _readable(request, pk)
    user = request.user
    if not user.has_perm("challenges.report_same_need", need):
        raise PermissionDenied
    units = same_need_units(user, need)
    if request.method == "POST":
        form = SameNeedForm(request.POST, units=units)
        if form.is_valid():
            data = form.cleaned_data
            done = apply(
                form, lambda: services.same_need_report(need=need, by=user, unit=data["unit"], note=data["note"])
            )
            if done is not None:
                messages.success(
                    request, _("Thank you. %(unit)s is counted as having the same need.") % {"unit": done.unit.name}
                )
                return redirect(need)
    else:
        kept = pop_kept_input(request)
        form = SameNeedForm(kept, units=units) if kept else SameNeedForm(units=units)
    return render(request, "challenges/needs/same.html", {"form": form, "need": need})


@login_required_keep_input
def need_close(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The innovation office closes the need, with why, after this page asks for it."""
    need = _readable(request, pk)
    if not request.user.has_perm("challenges.close_need", need):
        raise PermissionDenied
    if request.method == "POST":
        form = CloseForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            done = apply(
                form,
                lambda: services.need_close(
                    need=need, by=request.user, expected_version=data["version"], reason=data["reason"]
                ),
            )
            if done is not None:
                messages.success(request, _("The need is closed. Its history is kept."))
                return redirect(need)
    else:
        kept = pop_kept_input(request)
        form = CloseForm(kept) if kept else CloseForm(initial={"version": need.version})
    return render(request, "challenges/needs/close.html", {"form": form, "need": need})


@login_required
@require_POST
def need_follow(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Follow or stop following the need (a button on its page)."""
    need = _readable(request, pk)
    if request.POST.get("follow") == "0":
        services.need_unfollow(need=need, by=request.user)
        messages.success(request, _("You no longer follow this need."))
    else:
        try:
            services.need_follow(need=need, by=request.user)
        except (DomainError, ConflictError) as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("You follow this need: you are told when it is decided."))
    return redirect(need)
