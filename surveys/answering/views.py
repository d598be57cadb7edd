"""The page behind a personal link: anyone holding the link answers, signed in or not (the link is the credential).

The page is never cached (not by the public pages' cache, a proxy or the browser), tells the browser to send no
``Referer`` from it and search engines not to index it, and the link's token is kept out of the logs
(``surveys.answering.logs``).

It takes no CSRF token: what lets someone answer is the address itself, not a cookie of the browser, so a form on
another site can do nothing that whoever knows the link could not do directly. (With ``Referrer-Policy: no-referrer``
a browser sends ``Origin: null`` with the page's own form, which Django's CSRF check would refuse anyway.) Sending writes nothing to the audit trail: the answer is stored without the person.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from core.errors import DomainError, ErrorCode
from core.forms import show_domain_error
from surveys.anonymity import min_answers, min_detail
from surveys.answering import services
from surveys.answering.forms import AnswerForm
from surveys.models import Invitation

#: The refusals that mean the link no longer takes answers: shown as their own page, not at the form.
_STATE_CODES = (ErrorCode.NOT_FOUND, ErrorCode.SUBMITTED, ErrorCode.CLOSED)


def private_link(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A page whose address is a credential: no ``Referer`` leaves it and no search engine keeps it."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = view(request, *args, **kwargs)
        response["Referrer-Policy"] = "no-referrer"
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    return wrapped


def _state_page(request: HttpRequest, invitation: Invitation | None, problem: str = "") -> HttpResponse:
    """The page for a link that takes no answers now: unknown, already used, or outside the round's window."""
    refused = request.method == "POST"
    if invitation is None:
        return render(request, "surveys/answering/not_found.html", status=404)
    status = 409 if refused else 200
    if invitation.answered:
        return render(request, "surveys/answering/answered.html", {"round": invitation.round}, status=status)
    context = {"round": invitation.round, "problem": problem}
    return render(request, "surveys/answering/closed.html", context, status=status)


def _run(request: HttpRequest, token: str, form: AnswerForm, action: Callable[[], None]) -> HttpResponse | None:
    """Run a service; a refusal at a question goes to the form, a link that no longer takes answers to its page."""
    try:
        action()
    except DomainError as exc:
        if exc.code in _STATE_CODES:
            invitation = services.invitation_for(token)
            problem = services.window_problem(invitation.round) if invitation is not None else None
            return _state_page(request, invitation, problem or "")
        show_domain_error(form, exc)
    return None


@csrf_exempt
@never_cache
@private_link
def answer(request: HttpRequest, token: str) -> HttpResponse:
    invitation = services.invitation_for(token)
    if invitation is None or invitation.answered:
        return _state_page(request, invitation)
    round_ = invitation.round
    problem = services.window_problem(round_)
    if problem:
        return _state_page(request, invitation, problem)
    questions = services.questions(round_)
    context = {
        "round": round_,
        "min_answers": min_answers(),
        "min_detail": min_detail(),
    }
    if request.method != "POST":
        draft = services.draft_of(invitation, token)
        if request.GET.get("step") == "confirm":
            # The confirmation step is a page of its own (reached by a redirect after "send"), so that the browser's
            # back button from the thank-you page never offers to post the form again.
            form = AnswerForm(draft, questions=questions)
            if form.is_valid() and form.answers():
                return render(request, "surveys/answering/confirm.html", {**context, "form": form})
            return redirect(request.path)
        form = AnswerForm(initial=draft, questions=questions)
        return render(request, "surveys/answering/answer.html", {**context, "form": form})

    form = AnswerForm(request.POST, questions=questions)
    action = request.POST.get("action", "")
    if form.is_valid() and action in ("save", "send", "confirm"):
        answers = form.answers()
        if action == "save":
            refused = _run(request, token, form, lambda: services.draft_save(token=token, answers=answers))
            if refused is not None:
                return refused
            if form.is_valid():
                messages.success(
                    request,
                    _("Your answers are saved, but not sent. Open the same link again to carry on where you left off."),
                )
                return redirect(request.path)
        elif action == "send" and not answers:
            form.add_error(None, _("Answer at least one question before sending."))
        elif action == "send":
            # Kept as a draft too, so that nothing is lost if the person leaves at the confirmation step.
            refused = _run(request, token, form, lambda: services.draft_save(token=token, answers=answers))
            if refused is not None:
                return refused
            if form.is_valid():
                return redirect(f"{request.path}?step=confirm")
        else:
            refused = _run(request, token, form, lambda: services.response_submit(token=token, answers=answers))
            if refused is not None:
                return refused
            if form.is_valid():
                return redirect("surveys:answer_thanks")
    return render(request, "surveys/answering/answer.html", {**context, "form": form})


@never_cache
@private_link
def thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "surveys/answering/thanks.html")
