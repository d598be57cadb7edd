"""Asking for advice, the queue that answers it and one request's page. Thin: selectors read, services write."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from core.decorators import login_required_keep_input, pop_kept_input
from core.forms import apply
from core.http import AuthenticatedRequest
from core.pagination import DeferredJoinPaginator, page_range
from ideas import services as idea_services
from spread.advice import selectors, services
from spread.advice.forms import AdviceIdeaForm, AnswerForm, AskForm, FilterForm
from spread.advice.rules import is_answerer
from spread.models import AdviceRequest, AdviceStatus

PAGE_SIZE = 25


def _filters(form: FilterForm) -> selectors.AdviceFilters:
    data = form.cleaned_data if form.is_valid() else {}
    return selectors.AdviceFilters(q=data.get("q") or "", state=data.get("state") or "", sort=data.get("sort") or "due")


@login_required
def advice_list(request: AuthenticatedRequest) -> HttpResponse:
    """The asker's own requests; for an innovation office or a coach, also the queue of requests to answer."""
    user = request.user
    answers = user.has_perm("spread.view_advice_queue")
    if not answers and not user.has_perm("spread.ask_advice"):
        raise PermissionDenied
    view = request.GET.get("view", "queue" if answers else "mine")
    if view != "mine" and not answers:
        view = "mine"
    form = FilterForm(request.GET or None)
    filters = _filters(form)
    if view == "queue":
        qs = selectors.queue(user=user, filters=filters)
        counts = selectors.queue_counts(user=user)
    else:
        qs = selectors.asked_by(user=user, filters=filters)
        counts = None
    paginator = DeferredJoinPaginator(qs, PAGE_SIZE)
    page_obj = paginator.get_page(request.GET.get("page"))
    context = {
        "form": form,
        "view": view,
        "answers": answers,
        "counts": counts,
        "page_obj": page_obj,
        "page_range": page_range(page_obj),
        "filtered": bool(filters.q or filters.state),
    }
    template = "spread/advice/partials/results.html" if request.htmx else "spread/advice/list.html"
    return render(request, template, context)


@login_required_keep_input
def advice_ask(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    if not user.has_perm("spread.ask_advice"):
        raise PermissionDenied
    unit = services.office_unit_for(user)
    if request.method == "POST":
        form = AskForm(request.POST, unit=unit)
        if form.is_valid():
            data = form.cleaned_data
            advice = apply(
                form,
                lambda: services.advice_ask(
                    asked_by=user, subject=data["subject"], question=data["question"], coach=data.get("coach")
                ),
            )
            if advice is not None:
                messages.success(
                    request,
                    _("Your question has been sent to %(unit)s. You will get an answer within %(days)d days.")
                    % {"unit": unit.name, "days": settings.SPRANG_FIRST_ANSWER_DAYS},
                )
                return redirect(advice)
    else:
        kept = pop_kept_input(request)
        form = AskForm(kept, unit=unit) if kept else AskForm(unit=unit)
    return render(request, "spread/advice/ask.html", {"form": form, "unit": unit})


def _visible(request: AuthenticatedRequest, pk: int) -> AdviceRequest:
    advice = selectors.visible_request(user=request.user, pk=pk)
    if advice is None:
        raise Http404
    return advice


def _choices(ids: list[str], find: str) -> dict:
    """The examples ticked (kept across a search) and the matches of ``find`` not among them."""
    wanted = [int(value) for value in ids if str(value).isdigit()][:50]
    chosen = list(services.readable_examples().filter(pk__in=wanted).select_related("unit").order_by("title"))
    matches = selectors.example_matches(q=find, exclude=[e.pk for e in chosen])
    return {"chosen": chosen, "matches": matches, "find": find}


ANSWER_FIELDS = ("version", "answer", "find", "suggest_idea")


@login_required_keep_input
def advice_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """One request: the question, the answer with its examples and the idea it became; the answer form for those
    who answer it. *Find examples* searches without sending, keeping what is written and ticked."""
    advice = _visible(request, pk)
    can_answer = request.user.has_perm("spread.answer_advice", advice)
    choices: dict = {"chosen": [], "matches": [], "find": ""}
    form = None
    kept_answer = ""
    if request.method == "POST" and not can_answer:
        if advice.status == AdviceStatus.OPEN or not is_answerer(request.user, advice):
            raise PermissionDenied
        # Someone else answered first: nothing is overwritten, and what this person wrote is shown to copy.
        kept_answer = request.POST.get("answer", "")
    if can_answer and request.method == "POST":
        find = request.POST.get("find", "").strip()
        choices = _choices(request.POST.getlist("examples"), find)
        if "find_examples" in request.POST:
            # Only a search: the form comes back as typed, with no errors, and nothing is sent.
            form = AnswerForm(initial={name: request.POST.get(name) for name in ANSWER_FIELDS})
            choices["searched"] = True
        else:
            form = AnswerForm(request.POST)
            if form.is_valid():
                data = form.cleaned_data
                done = apply(
                    form,
                    lambda: services.advice_answer(
                        advice=advice,
                        by=request.user,
                        expected_version=data["version"],
                        answer=data["answer"],
                        examples=data["examples"],
                        suggest_idea=data["suggest_idea"],
                    ),
                )
                if done is not None:
                    messages.success(
                        request, _("Your answer has been sent to %(name)s.") % {"name": advice.asked_by.name}
                    )
                    return redirect(advice)
    elif can_answer:
        # An answer posted as the session ended comes back as it was written once the person has signed in again.
        kept = pop_kept_input(request)
        form = AnswerForm(kept) if kept else AnswerForm(initial={"version": advice.version})
        if kept:
            choices = _choices(kept.getlist("examples"), kept.get("find", "").strip())
    context = {
        "advice": advice,
        "form": form,
        "can_answer": can_answer,
        "kept_answer": kept_answer,
        "can_make_idea": request.user.has_perm("spread.advice_to_idea", advice),
        **choices,
    }
    return render(request, "spread/advice/detail.html", context)


@login_required
def advice_examples(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The answer form's examples as the search box is typed in (htmx): those ticked, then the matches."""
    advice = _visible(request, pk)
    if not request.user.has_perm("spread.answer_advice", advice):
        raise PermissionDenied
    context = _choices(request.GET.getlist("examples"), request.GET.get("find", "").strip())
    return render(request, "spread/advice/partials/example_choices.html", {**context, "searched": True})


def _idea_initial(advice: AdviceRequest, user) -> dict:
    """The idea form filled in from the request: its subject as the title, its question as the problem."""
    initial: dict = {
        "version": advice.version,
        "title": advice.subject,
        "problem": advice.question,
        "source": idea_services.default_source_for(user),
    }
    if user.unit_id:
        initial["unit"] = user.unit_id
    return initial


@login_required_keep_input
def advice_idea(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The asker sends the question in as an idea: the idea form, filled in with the question, completed by them."""
    advice = _visible(request, pk)
    if not request.user.has_perm("spread.advice_to_idea", advice):
        if advice.idea is not None and advice.asked_by_id == request.user.pk:
            return redirect(advice.idea)
        raise PermissionDenied
    if request.method == "POST":
        form = AdviceIdeaForm(request.POST, request.FILES, user=request.user)
        if form.is_valid():
            data = form.cleaned_data
            idea = apply(
                form,
                lambda: services.advice_to_idea(
                    advice=advice, by=request.user, expected_version=data["version"], **form.submit_fields()
                ),
            )
            if idea is not None:
                messages.success(
                    request,
                    _("Thank you! Your idea has been sent. You will get an answer within %(days)d days.")
                    % {"days": settings.SPRANG_FIRST_ANSWER_DAYS},
                )
                return redirect(idea)
            if AdviceRequest.objects.filter(pk=advice.pk).exclude(version=data["version"]).exists():
                # An answer came in meanwhile: the message says so, and sending again goes ahead with it read.
                fresh = request.POST.copy()
                fresh["version"] = str(AdviceRequest.objects.get(pk=advice.pk).version)
                form.data = fresh
    else:
        kept = pop_kept_input(request)
        initial = _idea_initial(advice, request.user)
        form = AdviceIdeaForm(kept, user=request.user) if kept else AdviceIdeaForm(initial=initial, user=request.user)
    return render(request, "spread/advice/idea.html", {"advice": advice, "form": form})
