"""Pages of challenges: the list and a challenge's page (public ones signed out too), answering with the idea form,
and the office's pages to write, publish, change and cancel a challenge, respond to its answers and publish
its summary.

Thin views: read through ``challenges.challenges.selectors``, write through ``challenges.challenges.services``,
decide through ``challenges/challenges/rules.py``.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from challenges.challenges import selectors, services
from challenges.challenges.forms import ChallengeForm, ConfirmForm, FilterForm, JuryForm, ResponseForm, SummaryForm
from challenges.challenges.rules import in_audience, is_challenge_office
from challenges.models import Answer, Challenge, ChallengeStatus, Need, Response, Route
from core.decorators import login_required_keep_input, pop_kept_input
from core.errors import ConflictError, DomainError
from core.forms import apply, show_domain_error
from core.http import AuthenticatedRequest, Request
from core.pagination import page_range
from core.public_cache import changes_at, public_page
from ideas.forms import IdeaForm
from ideas.models import Visibility
from organisation.models import Role, Unit

PAGE_SIZE = 20
ANSWERS_PAGE_SIZE = 50


def _challenge(request: Request, pk: int) -> Challenge:
    """The challenge, if the person may read it; anyone else gets the same 404 as for an id that does not exist."""
    challenge = (
        Challenge.objects.select_related("need", "unit", "audience_unit", "contact", "jury_call").filter(pk=pk).first()
    )
    if challenge is None or not request.user.has_perm("challenges.view_challenge", challenge):
        raise Http404
    return challenge


def _managed(request: AuthenticatedRequest, pk: int) -> Challenge:
    challenge = _challenge(request, pk)
    if not request.user.has_perm("challenges.respond_to_answers", challenge):
        raise PermissionDenied
    return challenge


def _office_units(user):
    """The units whose staff the office may ask: its own subtrees (the whole city for the director)."""
    units = Unit.objects.order_by("path")
    if user.is_director:
        return units
    paths = user.role_paths.get(Role.OFFICE, [])
    from django.db.models import Q

    scope = Q(pk__in=[])
    for path in paths:
        scope |= Q(path__startswith=path)
    return units.filter(scope)


def _need_url(need: Need) -> str:
    """The need's page, once the needs part has one (its page is ``challenges:need``)."""
    try:
        return need.get_absolute_url()
    except NoReverseMatch:
        return ""


# --- the list and a challenge's page ---------------------------------------------------------------------


@public_page
def challenge_list(request: Request) -> HttpResponse:
    now = timezone.now()
    office = is_challenge_office(request.user)
    form = FilterForm(request.GET or None, drafts=office)
    data = form.cleaned_data if form.is_valid() else {}
    filters = selectors.ChallengeFilters(
        state=data.get("state") or "open",
        q=data.get("q") or "",
        audience=data.get("audience") or "",
        order=data.get("order") or "newest",
    )
    changes_at(request, *selectors.next_moments(user=request.user, now=now))
    page_obj = Paginator(selectors.challenge_list(user=request.user, now=now, filters=filters), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "challenges/challenges/list.html",
        {
            "form": form,
            "filters": filters,
            "page_obj": page_obj,
            "page_range": page_range(page_obj),
            "query": query.urlencode(),
            "now": now,
            "is_office": office,
        },
    )


@public_page
def challenge_detail(request: Request, pk: int) -> HttpResponse:
    challenge = _challenge(request, pk)
    now = timezone.now()
    changes_at(request, challenge.opens_at, challenge.closes_at)
    user = request.user
    manages = user.has_perm("challenges.respond_to_answers", challenge)
    answers = Paginator(selectors.answers_for(challenge=challenge, user=user, manages=manages), ANSWERS_PAGE_SIZE)
    page_obj = answers.get_page(request.GET.get("page"))
    closed = services.is_closed(challenge, now)
    return render(
        request,
        "challenges/challenges/detail.html",
        {
            "challenge": challenge,
            "page_obj": page_obj,
            "page_range": page_range(page_obj),
            "manages": manages,
            "is_open": services.is_open(challenge, now),
            "not_yet": challenge.status == ChallengeStatus.PUBLISHED and now < challenge.opens_at,
            "closed": closed,
            "asked": in_audience(user, challenge),
            "counts": selectors.response_counts(challenge) if manages and closed else None,
            "may_change": user.has_perm("challenges.change_challenge", challenge),
            "may_publish": user.has_perm("challenges.publish_challenge", challenge),
            "may_cancel": user.has_perm("challenges.cancel_challenge", challenge),
            "may_close": services.is_open(challenge, now) and user.has_perm("challenges.close_challenge", challenge),
            "publish_form": ConfirmForm(initial={"version": challenge.version}),
            "need_url": _need_url(challenge.need) if manages else "",
        },
    )


# --- answering --------------------------------------------------------------------------------------------


@login_required_keep_input
def challenge_answer(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The idea form, for an answer to the challenge: sent through ``answer_submit`` with the challenge's tie."""
    challenge = _challenge(request, pk)
    user = request.user
    if challenge.status not in (ChallengeStatus.PUBLISHED, ChallengeStatus.SUMMARISED) or not in_audience(
        user, challenge
    ):
        response = render(request, "challenges/challenges/not_asked.html", {"challenge": challenge})
        response.status_code = 403
        return response
    now = timezone.now()
    late = not services.is_open(challenge, now)
    if request.method == "POST":
        form = IdeaForm(request.POST, request.FILES, user=user)
        form.fields.pop("source", None)
        _for_an_answer(form, challenge, late=late)
        if form.is_valid():
            data = form.cleaned_data
            result = apply(
                form,
                lambda: services.answer_submit(
                    challenge=challenge,
                    author=user,
                    unit=data.get("unit") or data.get("district") or challenge.unit,
                    title=data["title"],
                    problem=data["problem"],
                    audience=data["audience"],
                    proposal=data["proposal"],
                    expected_value=data["expected_value"],
                    kind=data.get("kind") or "",
                    values=data["values"],
                    area=data.get("area") or "",
                    place=data.get("place") or "",
                    visibility=data["visibility"],
                    public_consent=data.get("public_consent", False),
                    co_authors=data.get("co_authors") or [],
                    attachments=data.get("attachments") or [],
                ),
            )
            if result is not None:
                idea, answer = result
                if answer is None:
                    messages.warning(
                        request,
                        _(
                            "The challenge “%(title)s” closed before your answer arrived, so it was sent as an "
                            "ordinary idea. The innovation office reads it like every other idea and answers within "
                            "%(days)d days."
                        )
                        % {"title": challenge.title, "days": settings.SPRANG_FIRST_ANSWER_DAYS},
                    )
                else:
                    messages.success(
                        request,
                        _("Thank you! Your answer to “%(title)s” has been sent.") % {"title": challenge.title},
                    )
                return redirect(idea)
    else:
        kept = pop_kept_input(request)
        initial: dict[str, object] = {"unit": challenge.unit_id}
        if challenge.is_public:
            initial["visibility"] = Visibility.INTERNAL
        form = IdeaForm(kept, user=user) if kept else IdeaForm(initial=initial, user=user)
        form.fields.pop("source", None)
    _for_an_answer(form, challenge, late=late)
    return render(request, "challenges/challenges/answer.html", {"form": form, "challenge": challenge, "late": late})


def _for_an_answer(form: IdeaForm, challenge: Challenge, *, late: bool) -> None:
    """The idea form's words about who answers, told for an answer to the challenge: its office responds after it
    closes (an idea sent after closing is an ordinary idea, answered as the form says)."""
    if late:
        return
    who = _(
        "The innovation office of %(unit)s, which asks the challenge, responds to every answer after the last day to "
        "answer, %(day)s."
    ) % {"unit": challenge.unit.name, "day": date_format(challenge.last_day, "j F Y")}
    if "district" in form.fields:
        form.fields["district"].help_text = (
            _("Where the answer would make a difference, if in one district.") + " " + who
        )
    if "unit" in form.fields:
        form.fields["unit"].help_text = _("Choose the unit closest to where the idea would be used.") + " " + who


# --- the office ----------------------------------------------------------------------------------------


@login_required_keep_input
def challenge_create(request: AuthenticatedRequest, need_pk: int) -> HttpResponse:
    need = get_object_or_404(Need.objects.select_related("unit"), pk=need_pk)
    if not request.user.has_perm("challenges.view_need", need):
        raise Http404
    if not request.user.has_perm("challenges.publish_challenge_from", need):
        raise PermissionDenied
    internal = need.route == Route.INTERNAL_CHALLENGE
    units = _office_units(request.user)
    form = ChallengeForm(
        request.POST or None,
        units=units,
        internal_only=internal,
        initial={
            "title": need.title,
            "background": services.background_from(need),
            "audience_unit": need.unit_id if internal else None,
            "contact_email": request.user.email,
        },
    )
    if request.method == "POST" and form.is_valid():
        challenge = apply(
            form, lambda: services.challenge_create(need=need, by=request.user, **form.challenge_data(by=request.user))
        )
        if challenge is not None:
            messages.success(request, _("The challenge is saved as a draft. Read it through, then publish it."))
            return redirect(challenge)
    return render(
        request,
        "challenges/challenges/form.html",
        {"form": form, "need": need, "need_url": _need_url(need), "challenge": None},
    )


@login_required_keep_input
def challenge_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    challenge = _challenge(request, pk)
    if not request.user.has_perm("challenges.change_challenge", challenge):
        if not request.user.has_perm("challenges.respond_to_answers", challenge):
            raise PermissionDenied
        # Its own office: say why, instead of a refusal that sends it to itself.
        return render(request, "challenges/challenges/not_changeable.html", {"challenge": challenge})
    form = ChallengeForm(
        request.POST or None,
        units=_office_units(request.user),
        internal_only=challenge.need.route == Route.INTERNAL_CHALLENGE,
        initial=ChallengeForm.initial_for(challenge),
    )
    conflict = False
    if request.method == "POST" and form.is_valid():
        try:
            saved = apply(
                form,
                lambda: services.challenge_update(
                    challenge=challenge,
                    by=request.user,
                    expected_version=form.cleaned_data["version"] or 0,
                    **form.challenge_data(by=request.user, current=challenge),
                ),
                raising=(ConflictError,),
            )
        except ConflictError as exc:
            show_domain_error(form, exc)
            conflict = True
            saved = None
        if saved is not None:
            messages.success(request, _("The changes are saved."))
            return redirect(saved)
    return render(
        request,
        "challenges/challenges/form.html",
        {"form": form, "need": challenge.need, "need_url": "", "challenge": challenge, "conflict": conflict},
    )


@login_required_keep_input
def challenge_publish(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    challenge = _challenge(request, pk)
    form = ConfirmForm(request.POST)
    form.is_valid()
    try:
        services.challenge_publish(
            challenge=challenge, by=request.user, expected_version=form.cleaned_data.get("version") or 0
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The challenge is published."))
    return redirect(challenge)


@login_required_keep_input
def challenge_cancel(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    challenge = _challenge(request, pk)
    if not request.user.has_perm("challenges.cancel_challenge", challenge):
        raise PermissionDenied
    form = ConfirmForm(request.POST or None, initial={"version": challenge.version})
    if request.method == "POST" and form.is_valid():
        done = apply(
            form,
            lambda: services.challenge_cancel(
                challenge=challenge, by=request.user, expected_version=form.cleaned_data["version"] or 0
            ),
        )
        if done is not None:
            messages.success(request, _("The challenge is cancelled. The answers already sent stay ideas."))
            return redirect(done)
    return render(request, "challenges/challenges/cancel.html", {"form": form, "challenge": challenge})


@login_required_keep_input
def challenge_close(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Close a published challenge for answers now, after this page says what happens."""
    challenge = _challenge(request, pk)
    if not request.user.has_perm("challenges.close_challenge", challenge):
        raise PermissionDenied
    form = ConfirmForm(request.POST or None, initial={"version": challenge.version})
    if request.method == "POST" and form.is_valid():
        done = apply(
            form,
            lambda: services.challenge_close(
                challenge=challenge, by=request.user, expected_version=form.cleaned_data["version"] or 0
            ),
        )
        if done is not None:
            messages.success(request, _("The challenge is closed for answers. Respond to the answers that came in."))
            return redirect(done)
    return render(
        request,
        "challenges/challenges/close.html",
        {"form": form, "challenge": challenge, "is_open": services.is_open(challenge, timezone.now())},
    )


@login_required_keep_input
def challenge_responses(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The office's view of every answer with its response, and the way to the summary."""
    challenge = _managed(request, pk)
    wanted = request.GET.get("order", "")
    order = wanted if wanted in selectors.ANSWER_ORDERS else "received"
    answers = selectors.with_jury_results(
        selectors.answers_for(challenge=challenge, user=request.user, manages=True), challenge=challenge, order=order
    )
    page_obj = Paginator(answers, ANSWERS_PAGE_SIZE).get_page(request.GET.get("page"))
    counts = selectors.response_counts(challenge)
    closed = services.is_closed(challenge, timezone.now())
    jury = challenge.jury_call
    may_jury = closed and challenge.status == ChallengeStatus.PUBLISHED
    return render(
        request,
        "challenges/challenges/responses.html",
        {
            "challenge": challenge,
            "page_obj": page_obj,
            "page_range": page_range(page_obj),
            "counts": counts,
            "pending": counts[Response.PENDING],
            "closed": closed,
            "jury": jury,
            "order": order,
            "may_set_up_jury": may_jury and jury is None and request.user.has_perm("challenges.set_up_jury", challenge),
            "unsent": selectors.jury_unsent(challenge) if jury is not None and may_jury else 0,
            "send_form": ConfirmForm(initial={"version": challenge.version}),
        },
    )


@login_required_keep_input
def challenge_jury(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Let a jury score the shortlist: the rubric, the scale and blind review; then on to the jury's workroom."""
    challenge = _managed(request, pk)
    if not request.user.has_perm("challenges.set_up_jury", challenge):
        raise PermissionDenied
    if challenge.jury_call_id:
        return redirect("calls:manage", pk=challenge.jury_call_id)
    form = JuryForm(
        request.POST or None,
        names=services.jury_criteria_suggested(challenge),
        initial={"version": challenge.version, "scale_min": 1, "scale_max": 5},
    )
    shortlisted = challenge.answers.filter(shortlisted=True).count()
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        call = apply(
            form,
            lambda: services.challenge_jury_set_up(
                challenge=challenge,
                by=request.user,
                expected_version=data["version"] or 0,
                criteria=form.criteria(),
                scale_min=data["scale_min"],
                scale_max=data["scale_max"],
                blind_review=data["blind_review"],
            ),
        )
        if call is not None:
            messages.success(
                request, _("The jury is set up. Add the jurors and a chair, then give them the shortlisted answers.")
            )
            return redirect("calls:manage", pk=call.pk)
    return render(
        request,
        "challenges/challenges/jury.html",
        {"form": form, "challenge": challenge, "shortlisted": shortlisted},
    )


@login_required_keep_input
def challenge_jury_send(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Send the newly shortlisted answers to the jury already set up."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    challenge = _managed(request, pk)
    try:
        sent = services.challenge_jury_send_new(challenge=challenge, by=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            ngettext(
                "%(n)d answer is sent to the jury. Assign it to the jurors in the jury's workroom.",
                "%(n)d answers are sent to the jury. Assign them to the jurors in the jury's workroom.",
                sent,
            )
            % {"n": sent},
        )
    return redirect("challenges:challenge_responses", pk=challenge.pk)


@login_required_keep_input
def answer_respond(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    answer = get_object_or_404(Answer.objects.select_related("challenge", "challenge__unit", "idea"), pk=pk)
    challenge = _managed(request, answer.challenge_id)
    form = ResponseForm(
        request.POST or None,
        answer=answer,
        initial={
            "response": answer.response if answer.response != Response.PENDING else None,
            "reason": answer.response_reason,
            "merged_into": answer.merged_into_id,
            "shortlisted": answer.shortlisted,
            "version": answer.version,
        },
    )
    conflict = False
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        version = data["version"] or 0

        def respond() -> Answer:
            current = answer
            if data["shortlisted"] != answer.shortlisted:
                current = services.answer_shortlist(
                    answer=answer, by=request.user, expected_version=version, shortlisted=data["shortlisted"]
                )
            return services.answer_respond(
                answer=current,
                by=request.user,
                expected_version=current.version,
                response=data["response"],
                reason=data["reason"],
                merged_into=data.get("merged_into"),
            )

        try:
            saved = apply(form, respond, raising=(ConflictError,))
        except ConflictError as exc:
            show_domain_error(form, exc)
            conflict = True
            saved = None
        if saved is not None:
            messages.success(request, _("The response to “%(title)s” is saved.") % {"title": answer.idea.title})
            return redirect(reverse("challenges:challenge_responses", args=[challenge.pk]))
    return render(
        request,
        "challenges/challenges/respond.html",
        {"form": form, "answer": answer, "challenge": challenge, "conflict": conflict},
    )


@login_required_keep_input
def challenge_summary(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    challenge = _managed(request, pk)
    form = SummaryForm(request.POST or None, initial={"version": challenge.version, "summary": challenge.summary})
    if request.method == "POST" and form.is_valid():
        done = apply(
            form,
            lambda: services.challenge_summarise(
                challenge=challenge,
                by=request.user,
                expected_version=form.cleaned_data["version"] or 0,
                summary=form.cleaned_data["summary"],
            ),
        )
        if done is not None:
            messages.success(request, _("The summary is published."))
            return redirect(done)
    counts = selectors.response_counts(challenge)
    return render(
        request,
        "challenges/challenges/summary.html",
        {"form": form, "challenge": challenge, "counts": counts, "pending": counts[Response.PENDING]},
    )
