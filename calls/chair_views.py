"""Pages for the jury's chair: the ranking, class by class, and the decision on each application.

Thin views: read through selectors, write through services, decide through ``calls/rules.py``.
Nothing of an application the chair is recused from is shown (``selectors.ranking_left_out``).
"""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Sum
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from calls import policies, selectors
from calls.jury_forms import DecisionForm
from calls.models import Application, Call, Category, Decision, Juror, Status
from calls.rules import WITH_THE_JURY
from calls.services import decision as decision_services
from calls.view_common import application_or_404, score_sheet
from core.decorators import login_required_keep_input, pop_kept_input
from core.forms import apply
from core.http import AuthenticatedRequest
from core.pagination import page_range
from organisation.models import User

# --- the chair ---------------------------------------------------------------------------------------


#: Ranked applications per page.
RANKING_PAGE_SIZE = 50


@login_required
def ranking(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    call = get_object_or_404(Call, pk=pk)
    user = request.user
    if not user.has_perm("calls.view_ranking", call):
        raise PermissionDenied
    is_office = user.has_perm("calls.manage_call", call)
    # Nothing of an application the chair is recused from: not its title, not its scores, not its amount.
    left_out = selectors.ranking_left_out(call=call, user=user)
    out = left_out.recused
    # A call with classes is ranked and decided class by class: one class at a time (``?class=``).
    classes = selectors.ranking_classes(call=call, exclude=left_out.all)
    wanted = request.GET.get("class")
    current = next((c for c in classes if c.key == wanted), classes[0] if classes else None)
    category = None if current is None else (current.category or selectors.UNCLASSED)
    ranked = selectors.ranked(call=call, exclude=left_out.all, category=category)
    recused = call.applications.filter(status__in=WITH_THE_JURY, pk__in=out)
    hidden = selectors.in_ranking_class(recused, category).count() if out else 0
    seat = Juror.objects.filter(call=call, user=user).first()
    # A large call ranks hundreds of applications: one ordered query, a page at a time.
    page_obj = Paginator(ranked, RANKING_PAGE_SIZE).get_page(request.GET.get("page"))
    page_obj.object_list = selectors.ranking_rows(page_obj.object_list, call=call)
    granted = (
        Decision.objects.filter(application__call=call, granted=True)
        .exclude(application__in=out)
        .aggregate(total=Sum("amount"))["total"]
    ) or Decimal(0)
    return render(
        request,
        "calls/ranking.html",
        {
            "call": call,
            "classes": classes,
            "current_class": current,
            "page_obj": page_obj,
            "page_range": page_range(page_obj),
            "hidden": hidden,
            "own_first": len(left_out.own_first),
            "criteria": list(call.criteria.all()),
            # The chair of another app's jury decides nothing: that app records what follows.
            "is_chair": seat is not None and seat.is_chair and not call.is_jury_only,
            "can_manage": is_office,
            "show_identity": is_office or not call.blind_review,
            "granted_sum": granted,
            "threshold": (Decimal(call.scale_max - call.scale_min) * policies.DISAGREEMENT_SHARE).quantize(
                Decimal("0.01")
            ),
        },
    )


def _ranking_place(call: Call, user: User, application: Application) -> str:
    """The ranking page the application is on, as this chair sees the ranking, at its row."""
    exclude = selectors.ranking_left_out(call=call, user=user).all
    key, category = _class_of(call, application)
    order = list(selectors.ranked(call=call, exclude=exclude, category=category).values_list("pk", flat=True))
    page = order.index(application.pk) // RANKING_PAGE_SIZE + 1 if application.pk in order else 1
    query = urlencode({name: value for name, value in (("class", key), ("page", page if page > 1 else None)) if value})
    return f"{reverse('calls:ranking', args=[call.pk])}{'?' if query else ''}{query}#application-{application.pk}"


def _class_of(call: Call, application: Application) -> tuple[str | None, Category | str | None]:
    """The ranking class an application is ranked and decided in: (its ``?class=`` key, the ``ranked`` filter)."""
    if application.category_id is not None:
        return str(application.category_id), application.category
    if call.categories.exists():
        return selectors.UNCLASSED, selectors.UNCLASSED
    return None, None


@login_required_keep_input
def decide(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    application = application_or_404(pk)
    user = request.user
    if not user.has_perm("calls.view_application", application):
        raise Http404
    if not user.has_perm("calls.decide_application", application):
        raise PermissionDenied
    call = application.call
    criteria = list(call.criteria.all())
    decision = Decision.objects.filter(application=application).select_related("decided_by").first()
    form = None
    if decision is None and application.status == Status.IN_REVIEW:
        form = DecisionForm(pop_kept_input(request), funding=call.is_funding)
        if request.method == "POST":
            form = DecisionForm(request.POST, funding=call.is_funding)
            if form.is_valid():
                data = form.cleaned_data
                recorded = apply(
                    form,
                    lambda: decision_services.decision_record(
                        application=application,
                        by=user,
                        granted=data["granted"],
                        justification=data["justification"],
                        amount=data.get("amount"),
                    ),
                )
                if recorded is not None:
                    messages.success(
                        request,
                        _("The decision on “%(title)s” is recorded; the applicant is told.")
                        % {"title": application.title},
                    )
                    return redirect(_ranking_place(call, user, application))
    elif request.method == "POST":
        if decision is not None:
            messages.error(request, _("This application is already decided."))
        else:
            messages.error(request, _("Only applications with the jury can be decided."))
        return redirect("calls:decide", pk=application.pk)
    row = next(iter(selectors.ranking(call=call, only=application)), None)
    # Jurors score independently: a chair who is to score it sees the jury's scores once theirs are in.
    own_first = application.pk in selectors.ranking_left_out(call=call, user=user).own_first
    if own_first:
        row = None
    key, _category = _class_of(call, application)
    return render(
        request,
        "calls/decide.html",
        {
            "application": application,
            "call": call,
            "ranking_url": reverse("calls:ranking", args=[call.pk]) + (f"?{urlencode({'class': key})}" if key else ""),
            "row": row,
            "own_first": own_first,
            "sheets": [
                score_sheet(total.juror, list(total.per_criterion.values()), criteria)
                for total in (row.jurors if row else [])
            ],
            "decision": decision,
            "form": form,
            "show_identity": request.user.has_perm("calls.see_applicant", application),
        },
    )
