"""Pages for the jurors: their work across calls, scoring an application, declaring a conflict of interest.

Thin views: read through selectors, write through services, decide through ``calls/rules.py``.
An application a juror is recused from does not exist for them (404), whatever the URL.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from calls import selectors
from calls.jury_forms import ConflictForm, ScoreForm, score_initial
from calls.models import Application, Assignment, Juror, Status
from calls.rules import WITH_THE_JURY, is_recused
from calls.services import jury as jury_services
from calls.view_common import application_or_404, score_sheet
from core.decorators import login_required_keep_input, pop_kept_input
from core.errors import ConflictError, DomainError, ErrorCode
from core.forms import apply
from core.http import AuthenticatedRequest
from core.pagination import page_range
from organisation.models import User

# --- the jurors ----------------------------------------------------------------------------------


#: Rows of one call's table on the overview; the whole list, a page at a time, is at ``?call=<pk>``.
JURY_OVERVIEW_ROWS = 10
#: Rows per page when one call's applications are shown alone.
JURY_PAGE_SIZE = 25
#: The table's filter: what each choice keeps (``show`` in the query string).
JURY_FILTERS = ("to_score", "submitted", "all")


def _filtered(applications, show: str):
    if show == "to_score":
        return applications.filter(submitted=False, status=Status.IN_REVIEW)
    if show == "submitted":
        return applications.filter(submitted=True)
    return applications


def _jury_counts(*, user: User, recused: set[int]) -> dict[int, dict[str, Any]]:
    """Call id → how many applications the juror has there, has submitted, and has left to score."""
    rows = (
        Assignment.objects.filter(juror=user, application__status__in=WITH_THE_JURY)
        .exclude(application_id__in=recused)
        .values("application__call_id")
        .annotate(
            total=Count("pk"),
            scored=Count("pk", filter=Q(submitted_at__isnull=False)),
            left=Count("pk", filter=Q(submitted_at__isnull=True, application__status=Status.IN_REVIEW)),
        )
        .order_by()
    )
    return {row["application__call_id"]: dict(row) for row in rows}


@login_required
def jury_home(request: AuthenticatedRequest) -> HttpResponse:
    """Each jury seat with its applications: the calls with work left first, then the others, latest first.

    ``?call=<pk>`` shows one call's applications alone, a page at a time; ``?show=`` filters them.
    """
    user = request.user
    seats = list(Juror.objects.filter(user=user).select_related("call").order_by("-call__closes_at", "-call__pk"))
    only = request.GET.get("call")
    if only is not None:
        seats = [seat for seat in seats if str(seat.call_id) == only.strip()]
        if not seats:
            raise Http404
    recused = {seat.call_id: selectors.recused_ids(user=user, call=seat.call) for seat in seats}
    counts = _jury_counts(user=user, recused=set().union(*recused.values()))
    work = []
    context: dict[str, Any] = {"single": only is not None}
    for seat in seats:
        count = counts.get(seat.call_id, {})
        total, scored, left = count.get("total", 0), count.get("scored", 0), count.get("left", 0)
        item: dict[str, Any] = {
            "seat": seat,
            "total": total,
            "scored": scored,
            "left": left,
            "published": seat.call.results_published_at is not None,
            "applications": [],
        }
        work.append(item)
        if not total or (item["published"] and only is None):
            continue
        show = request.GET.get("show", "") if only is not None else ""
        if show not in JURY_FILTERS:
            show = "to_score" if left else "all"
        item["show"] = show
        item["filters"] = [
            ("to_score", _("To score"), left),
            ("submitted", _("Submitted"), scored),
            ("all", _("All"), total),
        ]
        applications = _filtered(
            selectors.juror_applications(user=user, call=seat.call, recused=recused[seat.call_id]), show
        )
        if only is not None:
            page_obj = Paginator(applications, JURY_PAGE_SIZE).get_page(request.GET.get("page"))
            item["applications"] = page_obj.object_list
            context["page_obj"] = page_obj
            context["page_range"] = page_range(page_obj)
        else:
            rows = list(applications[: JURY_OVERVIEW_ROWS + 1])
            item["more"] = len(rows) > JURY_OVERVIEW_ROWS
            item["applications"] = rows[:JURY_OVERVIEW_ROWS]
    # Where work is left comes first; the seats are already latest deadline first, and the sort keeps that order.
    work.sort(key=lambda item: not item["left"])
    context["work"] = work
    return render(request, "calls/jury.html", context)


def _to_score(request: AuthenticatedRequest, pk: int) -> Application:
    """The application, if the person is assigned it and not recused from it; otherwise it does not exist for them."""
    application = application_or_404(pk)
    user = request.user
    assigned = application.assignments.filter(juror=user).exists() and not is_recused(user, application)
    if not assigned or application.status not in WITH_THE_JURY:
        raise Http404
    return application


@login_required_keep_input
def score(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    application = _to_score(request, pk)
    call = application.call
    criteria = list(call.criteria.all())
    assignment = Assignment.objects.get(application=application, juror=request.user)
    own = list(assignment.scores.all())
    form_args: dict[str, Any] = {"criteria": criteria, "scale_min": call.scale_min, "scale_max": call.scale_max}
    form = None
    status = 200
    conflict = False
    if assignment.submitted_at is None and application.status == Status.IN_REVIEW:
        kept = pop_kept_input(request)
        form = (
            ScoreForm(kept, **form_args)
            if kept is not None
            else ScoreForm(initial=score_initial(version=assignment.version, scores=own), **form_args)
        )
    if request.method == "POST":
        if form is None:
            if assignment.submitted_at is not None:
                messages.error(request, _("Your scores are submitted and final."))
            else:
                messages.error(request, _("The application is no longer with the jury; scores can no longer be given."))
            return redirect("calls:score", pk=application.pk)
        form = ScoreForm(request.POST, **form_args)
        if form.is_valid():
            submitting = "submit" in request.POST
            try:
                jury_services.scores_save(
                    application=application,
                    juror=request.user,
                    expected_version=form.cleaned_data["version"],
                    scores=form.scores(),
                    submit=submitting,
                )
            except ConflictError as exc:
                # Keep what this juror wrote, beside the scores saved meanwhile; saving again is their choice.
                assignment.refresh_from_db()
                own = list(assignment.scores.all())
                if assignment.submitted_at is not None:
                    messages.error(request, _("Your scores were submitted from another window and are final."))
                    return redirect("calls:score", pk=application.pk)
                data = request.POST.copy()
                data["version"] = str(assignment.version)
                form = ScoreForm(data, **form_args)
                form.is_valid()
                form.add_error(None, exc.message)
                status, conflict = 409, True
            except DomainError as exc:
                if exc.code == ErrorCode.LOCKED:
                    messages.error(request, exc.message)
                    return redirect("calls:score", pk=application.pk)
                form.apply_domain_error(exc)
            else:
                if submitting:
                    messages.success(request, _("Your scores are submitted. You can now see the other jurors' scores."))
                else:
                    messages.success(request, _("Your scores are saved. Submit them when every criterion is scored."))
                return redirect("calls:score", pk=application.pk)
    context = {
        "application": application,
        "call": call,
        "criteria": criteria,
        "assignment": assignment,
        "form": form,
        "conflict": conflict,
        "own_sheets": [score_sheet(request.user, own, criteria)],
        "others": [],
        "show_identity": request.user.has_perm("calls.see_applicant", application),
    }
    if assignment.submitted_at is not None:
        context["others"] = [
            score_sheet(a.juror, list(a.scores.all()), criteria)
            for a in selectors.others_scores(application=application, juror=request.user)
        ]
    return render(request, "calls/score.html", context, status=status)


@login_required_keep_input
def conflict_declare(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    application = _to_score(request, pk)
    own = Assignment.objects.get(application=application, juror=request.user)
    if own.submitted_at is not None or application.status != Status.IN_REVIEW:
        messages.warning(
            request,
            _(
                "Your scores are submitted or the application is no longer with the jury: tell the city's innovation office (executive office) of the conflict instead."
            ),
        )
        return redirect("calls:score", pk=application.pk)
    form = ConflictForm(request.POST if request.method == "POST" else pop_kept_input(request))
    if request.method == "POST" and form.is_valid():
        declared = apply(
            form,
            lambda: jury_services.conflict_declare(
                application=application, juror=request.user, reason=form.cleaned_data["reason"]
            ),
        )
        if declared is not None:
            messages.success(
                request,
                _(
                    "You are recused from “%(title)s”. It is no longer in your list, and the city's innovation office is shown why."
                )
                % {"title": application.title},
            )
            return redirect("calls:jury")
    return render(request, "calls/jury_conflict.html", {"application": application, "form": form})
