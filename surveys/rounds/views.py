"""The surveys overview, the questionnaire and its versions, and a round: set up, open, move to another version,
close early, delete while being prepared, and its response rate per unit. Thin: selectors read, services write,
``surveys.rules`` decides who may."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.decorators import login_required_keep_input, pop_kept_input
from core.errors import ConflictError, DomainError
from core.forms import apply
from core.http import AuthenticatedRequest
from core.pagination import DeferredJoinPaginator, page_range
from organisation.models import Unit
from surveys.anonymity import min_answers
from surveys.models import Question, QuestionnaireVersion, Round, RoundState
from surveys.rounds import selectors, services
from surveys.rounds.default import default_questionnaire
from surveys.rounds.forms import (
    ConfirmForm,
    NewVersionForm,
    QuestionForm,
    RoundFilterForm,
    RoundForm,
    SwitchVersionForm,
)

PAGE_SIZE = 25


def _need(request: AuthenticatedRequest, permission: str) -> None:
    if not request.user.has_perm(permission):
        raise PermissionDenied


def _round_url(round_: Round) -> str:
    return reverse("surveys:round", args=[round_.pk])


# --- the overview ----------------------------------------------------------------------------------------------


@login_required
def round_list(request: AuthenticatedRequest) -> HttpResponse:
    """Every round, newest first: its state, window, target group and, while open, how many have answered."""
    _need(request, "surveys.view_results")
    user = request.user
    form = RoundFilterForm(request.GET or None, years=selectors.round_years(user=user))
    data = form.cleaned_data if form.is_valid() else {}
    filters = selectors.RoundFilters(
        q=data.get("q") or "", state=data.get("state") or "", year=data.get("year"), sort=data.get("sort") or "newest"
    )
    page_obj = DeferredJoinPaginator(selectors.round_list(user=user, filters=filters), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "form": form,
        "filtered": bool(filters.q or filters.state or filters.year),
        "can_run": user.has_perm("surveys.run_surveys"),
        "can_follow": user.has_perm("surveys.view_response_rates"),
        "page_obj": page_obj,
        "page_range": page_range(page_obj),
    }
    template = "surveys/rounds/partials/results.html" if request.htmx else "surveys/rounds/list.html"
    return render(request, template, context)


# --- the questionnaire -----------------------------------------------------------------------------------------


@login_required
def questionnaire(request: AuthenticatedRequest) -> HttpResponse:
    """The questionnaire that ships with Språng and its versions."""
    _need(request, "surveys.run_surveys")
    item = default_questionnaire()
    return render(
        request,
        "surveys/rounds/questionnaire.html",
        {"questionnaire": item, "versions": selectors.questionnaire_versions(item)},
    )


def _version(pk: int) -> QuestionnaireVersion:
    version = selectors.version_detail(pk)
    if version is None:
        raise Http404
    return version


@login_required
def version_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """A version's questions by theme, in both languages; changed only while nobody has answered it."""
    _need(request, "surveys.run_surveys")
    version = _version(pk)
    latest = version.questionnaire.versions.order_by("-number").values_list("pk", flat=True).first()
    context = {
        "version": version,
        "questionnaire": version.questionnaire,
        "groups": selectors.questions_by_theme(version),
        "rounds": selectors.version_rounds(version),
        "can_change": not version.has_answers,  # type: ignore[attr-defined]
        "is_latest": latest == version.pk,
    }
    return render(request, "surveys/rounds/version.html", context)


@login_required_keep_input
def version_new(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Make a new version, a copy of the latest, with a note of what changes (a confirmation first)."""
    _need(request, "surveys.run_surveys")
    version = _version(pk)
    if request.method == "POST":
        form = NewVersionForm(request.POST)
        if form.is_valid():
            made = apply(
                form,
                lambda: services.version_create(
                    questionnaire=version.questionnaire, by=request.user, note=form.cleaned_data["note"]
                ),
            )
            if made is not None:
                messages.success(
                    request,
                    _("Version %(number)s has been made. Change its questions before a round uses it.")
                    % {"number": made.number},
                )
                return redirect("surveys:version", made.pk)
    else:
        kept = pop_kept_input(request)
        form = NewVersionForm(kept) if kept else NewVersionForm()
    latest = version.questionnaire.versions.order_by("-number").first()
    return render(request, "surveys/rounds/version_new.html", {"version": version, "latest": latest, "form": form})


@login_required_keep_input
def question_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    _need(request, "surveys.run_surveys")
    version = _version(pk)
    if request.method == "POST":
        form = QuestionForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            question = apply(
                form,
                lambda: services.question_add(
                    version=version,
                    by=request.user,
                    text_sv=data["text_sv"],
                    text_en=data["text_en"],
                    theme=data["theme"],
                    kind=data["kind"],
                ),
            )
            if question is not None:
                messages.success(request, _("The question has been added last in the questionnaire."))
                return redirect("surveys:version", version.pk)
    else:
        kept = pop_kept_input(request)
        form = QuestionForm(kept) if kept else QuestionForm()
    return render(request, "surveys/rounds/question_form.html", {"version": version, "form": form, "question": None})


def _question(pk: int) -> Question:
    return get_object_or_404(Question.objects.select_related("version__questionnaire"), pk=pk)


@login_required_keep_input
def question_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    _need(request, "surveys.run_surveys")
    question = _question(pk)
    version = question.version
    if request.method == "POST":
        form = QuestionForm(request.POST, editing=True)
        if form.is_valid():
            data = form.cleaned_data
            done = apply(
                form,
                lambda: services.question_update(
                    question=question,
                    by=request.user,
                    text_sv=data["text_sv"],
                    text_en=data["text_en"],
                    theme=data["theme"],
                    kind=data["kind"],
                    asks_something_new=data.get("asks_something_new", False),
                ),
            )
            if done is not None:
                messages.success(request, _("The question has been saved."))
                return redirect("surveys:version", version.pk)
    else:
        kept = pop_kept_input(request)
        initial = {"text_sv": question.text_sv, "text_en": question.text_en, "theme": question.theme}
        form = (
            QuestionForm(kept, editing=True)
            if kept
            else QuestionForm(initial=initial | {"kind": question.kind}, editing=True)
        )
    return render(
        request, "surveys/rounds/question_form.html", {"version": version, "form": form, "question": question}
    )


@login_required_keep_input
def question_remove(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Remove a question, after a confirmation."""
    _need(request, "surveys.run_surveys")
    question = _question(pk)
    version = question.version
    error = None
    if request.method == "POST":
        try:
            services.question_remove(question=question, by=request.user)
        except DomainError as exc:
            error = exc.message
        else:
            messages.success(request, _("The question has been removed."))
            return redirect("surveys:version", version.pk)
    return render(
        request, "surveys/rounds/question_remove.html", {"version": version, "question": question, "error": error}
    )


@require_POST
@login_required
def question_move(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    _need(request, "surveys.run_surveys")
    question = _question(pk)
    try:
        services.question_move(question=question, by=request.user, up=request.POST.get("direction") == "up")
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect(reverse("surveys:version", args=[question.version_id]) + f"#question-{question.pk}")


# --- a round ---------------------------------------------------------------------------------------------------


def _round(request: AuthenticatedRequest, pk: int) -> Round:
    round_ = selectors.round_detail(user=request.user, pk=pk)
    if round_ is None:
        raise Http404
    return round_


@login_required_keep_input
def round_add(request: AuthenticatedRequest) -> HttpResponse:
    _need(request, "surveys.run_surveys")
    item = default_questionnaire()
    versions = item.versions.order_by("-number")
    if request.method == "POST":
        form = RoundForm(request.POST, versions=versions)
        if form.is_valid():
            round_ = apply(
                form,
                lambda: services.round_create(
                    by=request.user, version=form.cleaned_data["version"], **form.service_kwargs()
                ),
            )
            if round_ is not None:
                messages.success(request, _("The round has been set up. Open it when everything is right."))
                return redirect(_round_url(round_))
    else:
        kept = pop_kept_input(request)
        initial = RoundForm.initial_new(
            today=services.today(), version=versions.first(), city=Unit.objects.get_first_root_node()
        )
        form = RoundForm(kept, versions=versions) if kept else RoundForm(initial=initial, versions=versions)
    return render(request, "surveys/rounds/round_form.html", {"form": form, "round": None})


@login_required_keep_input
def round_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    _need(request, "surveys.run_surveys")
    round_ = _round(request, pk)
    if round_.state == RoundState.CLOSED:
        messages.info(request, _("A closed round cannot change."))
        return redirect(_round_url(round_))
    is_open = round_.state == RoundState.OPEN
    if request.method == "POST":
        form = RoundForm(request.POST, initial=RoundForm.initial_for(round_), is_open=is_open)
        if form.is_valid():
            try:
                done = apply(
                    form,
                    lambda: services.round_update(
                        round=round_,
                        by=request.user,
                        expected_version=form.cleaned_data.get("lock_version") or 0,
                        **form.service_kwargs(),
                    ),
                    raising=(ConflictError,),
                )
            except ConflictError as exc:
                # What this person wrote stays in the form; saving again now goes ahead over the newer version.
                form.add_error(None, exc.message)
                fresh = request.POST.copy()
                fresh["lock_version"] = str(Round.objects.get(pk=round_.pk).lock_version)
                form.data = fresh
                done = None
            if done is not None:
                messages.success(request, _("The round has been saved."))
                return redirect(_round_url(round_))
    else:
        kept = pop_kept_input(request)
        initial = RoundForm.initial_for(round_)
        form = (
            RoundForm(kept, initial=initial, is_open=is_open) if kept else RoundForm(initial=initial, is_open=is_open)
        )
    return render(request, "surveys/rounds/round_form.html", {"form": form, "round": round_})


@login_required
def round_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Everything about a round, its state and who set it up; the response rate per unit for those who may follow it."""
    _need(request, "surveys.view_results")
    round_ = _round(request, pk)
    user = request.user
    can_run = user.has_perm("surveys.run_surveys")
    can_follow = user.has_perm("surveys.view_response_rates")
    rows = selectors.response_rates(round_=round_, user=user) if can_follow and round_.state != "draft" else []
    context = {
        "round": round_,
        "can_run": can_run,
        "can_follow": can_follow,
        "rows": rows,
        "is_draft": round_.state == RoundState.DRAFT,
        "is_open": round_.state == RoundState.OPEN,
        "is_closed": round_.state == RoundState.CLOSED,
        "min_answers": min_answers(),
    }
    return render(request, "surveys/rounds/round.html", context)


def _confirm(
    request: AuthenticatedRequest,
    pk: int,
    *,
    template: str,
    states: tuple[str, ...],
    action,
    done: str,
    extra=None,
) -> HttpResponse:
    """A confirmation page for one of a round's actions: it says what will happen; the action runs on POST."""
    _need(request, "surveys.run_surveys")
    round_ = _round(request, pk)
    if round_.state not in states:
        messages.info(request, _("The round has moved on: this can no longer be done."))
        return redirect(_round_url(round_))
    form = ConfirmForm(request.POST or None, initial={"lock_version": round_.lock_version})
    if request.method == "POST" and form.is_valid():
        try:
            result = apply(form, lambda: action(round_, form.cleaned_data["lock_version"]), raising=(ConflictError,))
        except ConflictError as exc:
            messages.error(request, exc.message)
            return redirect(request.path)
        if result is not None:
            messages.success(request, done)
            return redirect(result if isinstance(result, str) else _round_url(round_))
    context = {"round": round_, "form": form, **(extra(round_) if extra else {})}
    return render(request, template, context)


@login_required
def round_open(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    def action(round_: Round, lock: int) -> int:
        return services.round_open(round=round_, by=request.user, expected_version=lock) or -1

    return _confirm(
        request,
        pk,
        template="surveys/rounds/round_open.html",
        states=(RoundState.DRAFT,),
        action=action,
        done=_("The round is open. Everyone in the target group has been sent a personal link."),
        extra=lambda round_: {
            "invitees": len(services.invitees(round_)),
            "min_answers": min_answers(),
        },
    )


@login_required
def round_close(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _confirm(
        request,
        pk,
        template="surveys/rounds/round_close.html",
        states=(RoundState.OPEN,),
        action=lambda round_, lock: services.round_close(round=round_, by=request.user, expected_version=lock),
        done=_("The round is closed. Its results have been worked out."),
    )


@login_required
def round_delete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    def action(round_: Round, lock: int) -> str:
        services.round_delete(round=round_, by=request.user, expected_version=lock)
        return reverse("surveys:rounds")

    return _confirm(
        request,
        pk,
        template="surveys/rounds/round_delete.html",
        states=(RoundState.DRAFT,),
        action=action,
        done=_("The round has been deleted."),
    )


@login_required
def round_switch(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Move the round to another version of its questionnaire (a confirmation that names the version)."""
    _need(request, "surveys.run_surveys")
    round_ = _round(request, pk)
    if round_.state == RoundState.CLOSED:
        messages.info(request, _("The round has moved on: this can no longer be done."))
        return redirect(_round_url(round_))
    versions = QuestionnaireVersion.objects.filter(questionnaire_id=round_.questionnaire_id).exclude(
        pk=round_.version_id
    )
    versions = versions.order_by("-number")
    form = SwitchVersionForm(
        request.POST or None,
        versions=versions,
        initial={"lock_version": round_.lock_version, "version": versions.values_list("pk", flat=True).first()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            done = apply(
                form,
                lambda: services.round_version_switch(
                    round=round_, by=request.user, expected_version=data["lock_version"], version=data["version"]
                ),
                raising=(ConflictError,),
            )
        except ConflictError as exc:
            messages.error(request, exc.message)
            return redirect(request.path)
        if done is not None:
            messages.success(
                request,
                _("New answers now go to version %(number)s.") % {"number": data["version"].number},
            )
            return redirect(_round_url(round_))
    return render(
        request,
        "surveys/rounds/round_switch.html",
        {"round": round_, "form": form, "has_other": versions.exists()},
    )
