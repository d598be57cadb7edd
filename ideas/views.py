"""Thin views: read through selectors, write through services, decide through rules."""

from __future__ import annotations

import hashlib
from urllib.parse import urlencode

from django.apps import apps
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.decorators import login_required_keep_input, pop_kept_input
from core.errors import ConflictError, DomainError, PermissionDeniedError
from core.forms import apply
from core.http import AuthenticatedRequest, Request
from core.pagination import DeferredJoinPaginator, page_range
from core.public_cache import changes_any_moment, changes_at, public_page
from core.uploads import file_download
from core.validators import parse_id
from ideas import actions, gates, lock, selectors, services
from ideas.forms import (
    AssessmentForm,
    AttachmentForm,
    ClassifyForm,
    CoachForm,
    CommentForm,
    DecisionForm,
    FilterForm,
    HideCommentForm,
    IdeaForm,
    LessonsFilterForm,
    PublicationAskForm,
    PublicationConsentForm,
    PublicationWithdrawForm,
    SupportForm,
)
from ideas.lessons import Period, period_bounds
from ideas.lock import Stage
from ideas.models import Attachment, Comment, Idea, SupportKind
from organisation.models import UnitKind

PAGE_SIZE = 25

#: The idea's own fields the edit form shows and saves as they are (the unit is a choice of unit, set apart).
EDITED_FIELDS = ("title", "problem", "audience", "proposal", "expected_value", "kind", "area", "place", "visibility")


def _visible_idea(request: Request, pk: int) -> Idea:
    idea = Idea.objects.visible_to(request.user).select_related("unit", "author").filter(pk=pk).first()
    if idea is None:
        raise Http404
    return idea


#: A search shows at most this many matches, best first (see DeferredJoinPaginator.count).
SEARCH_RESULTS_CAP = 1000


def _page(request: Request, qs, *, filters: selectors.IdeaFilters | None = None, base=None, rows=None):
    """The page of ``qs`` asked for; a search (``filters.q``) counts at most ``SEARCH_RESULTS_CAP`` matches,
    counted from the kept word weights where they can tell, and in relevance order looks for the page among
    its best matches first (``selectors.search_paging``). ``rows`` loads the page's rows by id (a page that
    shows the list's rows: ``selectors.list_rows``)."""
    narrow, counter = (
        selectors.search_paging(user=request.user, filters=filters, base=base) if filters is not None else (None, None)
    )
    paginator = DeferredJoinPaginator(
        qs,
        PAGE_SIZE,
        count_cap=SEARCH_RESULTS_CAP if counter is not None else None,
        narrow=narrow,
        counter=counter,
        rows=rows,
    )
    page_obj = paginator.get_page(request.GET.get("page"))
    return page_obj, page_range(page_obj)


def _filters(form: FilterForm) -> selectors.IdeaFilters:
    data = form.cleaned_data if form.is_valid() else {}
    return selectors.IdeaFilters(
        q=data.get("q") or "",
        stage=data.get("stage") or "",
        source=data.get("source") or "",
        kind=data.get("kind") or "",
        unit=data.get("unit"),
        overdue=bool(data.get("overdue")),
        sort=data.get("sort") or ("relevance" if data.get("q") else "newest"),
    )


@public_page
def idea_list_view(request: Request) -> HttpResponse:
    form = FilterForm(request.GET or None)
    filters = _filters(form)
    qs = selectors.idea_list(user=request.user, filters=filters)
    page_obj, page_range = _page(request, qs, filters=filters, rows=selectors.list_rows)
    # A row says when its idea's first answer is overdue; which ideas are overdue changes at any moment.
    if filters.overdue:
        changes_any_moment(request)
    else:
        changes_at(request, *(idea.answer_due_at for idea in page_obj))
    nothing_found = bool(filters.q.strip()) and not page_obj.paginator.count
    suggested = selectors.spelling_suggestion(user=request.user, q=filters.q) if nothing_found else None
    suggestion = (
        {"q": suggested, "url": f"{reverse('ideas:list')}?{urlencode({'q': suggested})}"} if suggested else None
    )
    template = "ideas/partials/idea_results.html" if request.htmx else "ideas/list.html"
    context = {"form": form, "page_obj": page_obj, "page_range": page_range, "suggestion": suggestion}
    return render(request, template, context)


def similar(request: Request) -> HttpResponse:
    title = request.GET.get("title", "")
    text = " ".join(request.GET.get(k, "") for k in ("problem", "proposal"))
    found = selectors.similar_ideas(user=request.user, title=title, text=text) if request.user.is_authenticated else []
    return render(request, "ideas/partials/similar.html", {"similar": found})


@login_required_keep_input
def idea_create(request: AuthenticatedRequest) -> HttpResponse:
    if request.method == "POST":
        form = IdeaForm(request.POST, request.FILES, user=request.user)
        if form.is_valid():
            idea = apply(
                form,
                lambda: services.idea_submit(author=request.user, **form.submit_fields()),
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
        initial: dict[str, object] = {"source": services.default_source_for(request.user)}
        if request.user.unit_id:
            initial["unit"] = request.user.unit_id
        form = IdeaForm(kept, user=request.user) if kept else IdeaForm(initial=initial, user=request.user)
    return render(request, "ideas/form.html", {"form": form, "editing": False})


@login_required_keep_input
def idea_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    idea = _visible_idea(request, pk)
    if not request.user.has_perm("ideas.edit_idea", idea):
        raise PermissionDenied
    if request.method == "POST":
        form = IdeaForm(request.POST, user=request.user, editing=True, idea=idea)
        version = parse_id(request.POST.get("version"))
        valid = form.is_valid()
        if valid and version is None:
            form.add_error(
                None,
                _(
                    "The form came without the idea's version, so it could not be saved safely. Check your text below and save again."
                ),
            )
            valid = False
        if valid and version is not None:
            data = form.cleaned_data
            apply(
                form,
                lambda: services.idea_update(
                    idea=idea,
                    by=request.user,
                    expected_version=version,
                    values=data["values"],
                    public_consent=data.get("public_consent", False),
                    # A page that does not show the co-authors leaves them as they are.
                    co_authors=data.get("co_authors") if "co_authors" in request.POST else None,
                    **{k: data[k] for k in (*EDITED_FIELDS, "unit") if k in data},
                ),
            )
            if form.is_valid():
                messages.success(request, _("The idea has been saved."))
                return redirect(idea)
    else:
        values = idea.value_keys
        initial = {f: getattr(idea, f) for f in EDITED_FIELDS}
        initial.update(
            values=values,
            unit=idea.unit_id,
            co_authors=", ".join(idea.co_authors.values_list("email", flat=True)),
            public_consent=idea.public_consent_at is not None,
        )
        kept = pop_kept_input(request)
        form = IdeaForm(kept, initial=initial, user=request.user, editing=True, idea=idea)
    return render(request, "ideas/form.html", {"form": form, "editing": True, "idea": idea})


@public_page
def idea_detail_view(request: Request, pk: int) -> HttpResponse:
    try:
        idea = selectors.idea_detail(user=request.user, pk=pk)
    except Idea.DoesNotExist as exc:
        raise Http404 from exc
    user = request.user
    now = timezone.now()
    # What changes by the clock alone: the first answer falls due, the days in the stage go up by one.
    changes_at(request, idea.answer_due_at, *(selectors.stage_durations_turn(idea, now) or ()))
    can_decide = user.has_perm("ideas.decide_gate", idea)
    context = {
        "idea": idea,
        "stages": [{"value": s, "label": Stage(s).label} for s in lock.ROUTE],
        "durations": selectors.stage_durations(idea, now),
        "timeline": selectors.idea_timeline(idea),
        "closing": selectors.closing_decision(idea),
        "parked_from_name": lock.stage_name(idea.parked_from),
        "assessment": next(iter(idea.assessments.all()), None),
        "targets": [
            {"value": t, "name": lock.stage_name(t)}
            for t in lock.targets_from(idea.stage, parked_from=idea.parked_from)
        ]
        if can_decide
        else [],
        "can_decide": can_decide,
        "can_edit": user.has_perm("ideas.edit_idea", idea),
        "can_coach": user.has_perm("ideas.assign_coach", idea),
        "can_classify": user.has_perm("ideas.classify_idea", idea),
        "can_assess": user.has_perm("ideas.assess_idea", idea)
        and lock.stage_index(idea.stage) >= lock.stage_index(Stage.IMPLEMENTATION),
        "can_comment": user.has_perm("ideas.comment_idea", idea),
        "can_moderate": user.has_perm("ideas.moderate_comment", idea),
        "can_support": user.has_perm("ideas.support_idea", idea),
        "can_follow": user.has_perm("ideas.follow_idea", idea),
        "can_attach": user.has_perm("ideas.add_attachment", idea),
        # What other apps offer on the idea's page (``ideas/actions.py``).
        "idea_actions": actions.shown(user, idea),
        **_publication_context(request, idea),
        "comment_form": CommentForm(),
        "coach_form": CoachForm(initial={"coach": idea.coach_id}),
        "attachment_form": AttachmentForm(),
    }
    if user.is_authenticated:
        context["my_supports"] = set(idea.supports.filter(user=user).values_list("kind", flat=True))
        context["following"] = idea.follows.filter(user=user).exists()
        context["support_kinds"] = SupportKind.choices
    return render(request, "ideas/detail.html", context)


def _publication_context(request: Request, idea: Idea, **forms) -> dict:
    """What the idea's page shows about publishing it: the author's answer, or the request others may send."""
    user = request.user
    can_consent = user.has_perm("ideas.consent_to_publish", idea)
    can_ask = user.has_perm("ideas.ask_to_publish", idea)
    pending = selectors.publication_request_pending(idea) if can_consent or can_ask else None
    return {
        "can_consent": can_consent,
        "can_ask": can_ask,
        "publication_pending": pending,
        "ask_form": forms.get("ask_form") or PublicationAskForm(),
        "consent_form": forms.get("consent_form") or PublicationConsentForm(initial={"version": idea.version}),
        "withdraw_form": PublicationWithdrawForm(initial={"version": idea.version}),
    }


def _publication_page(request: Request, idea: Idea, **forms) -> HttpResponse:
    """The publication panel on a page of its own, with what the person wrote and what is wrong with it."""
    return render(request, "ideas/publication.html", {"idea": idea, **_publication_context(request, idea, **forms)})


#: The answers on the publication panel and the rule each needs.
PUBLICATION_ACTIONS = {
    "ask": "ideas.ask_to_publish",
    "consent": "ideas.consent_to_publish",
    "decline": "ideas.consent_to_publish",
    "withdraw": "ideas.consent_to_publish",
}


@login_required_keep_input
def publication(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Ask the author to publish (anyone who works on the idea with them) or answer (the author)."""
    idea = _visible_idea(request, pk)
    user = request.user
    if not (user.has_perm("ideas.consent_to_publish", idea) or user.has_perm("ideas.ask_to_publish", idea)):
        raise PermissionDenied
    if request.method != "POST":
        return _publication_page(request, idea)
    action = request.POST.get("action", "")
    if action in PUBLICATION_ACTIONS and not user.has_perm(PUBLICATION_ACTIONS[action], idea):
        raise PermissionDenied
    try:
        if action == "ask":
            ask_form = PublicationAskForm(request.POST)
            if not ask_form.is_valid():
                return _publication_page(request, idea, ask_form=ask_form)
            apply(
                ask_form,
                lambda: services.publication_ask(idea=idea, by=user, message=ask_form.cleaned_data["message"]),
                raising=(PermissionDeniedError,),
            )
            if not ask_form.is_valid():
                return _publication_page(request, idea, ask_form=ask_form)
            messages.success(request, _("The author has been asked. You will be told when they answer."))
        elif action == "consent":
            consent_form = PublicationConsentForm(request.POST)
            if not consent_form.is_valid():
                return _publication_page(request, idea, consent_form=consent_form)
            apply(
                consent_form,
                lambda: services.publication_consent(
                    idea=idea,
                    by=user,
                    public_consent=consent_form.cleaned_data["public_consent"],
                    expected_version=consent_form.cleaned_data["version"],
                ),
                raising=(ConflictError, PermissionDeniedError),
            )
            if not consent_form.is_valid():
                return _publication_page(request, idea, consent_form=consent_form)
            messages.success(request, _("The idea is public: everyone can read it."))
        elif action == "decline":
            services.publication_decline(idea=idea, by=user)
            messages.success(request, _("The idea stays internal. The one who asked is told."))
        elif action == "withdraw":
            withdraw_form = PublicationWithdrawForm(request.POST)
            services.publication_withdraw(
                idea=idea,
                by=user,
                expected_version=withdraw_form.cleaned_data["version"] if withdraw_form.is_valid() else None,
            )
            messages.success(request, _("You have withdrawn your consent: the idea is internal again."))
        else:
            messages.error(request, _("Choose one of the answers offered."))
    except PermissionDeniedError:
        raise  # the service's refusal is a PermissionDenied: 403
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect(idea.get_absolute_url() + "#publication")


@login_required_keep_input
def decide(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    idea = _visible_idea(request, pk)
    if not request.user.has_perm("ideas.decide_gate", idea):
        raise PermissionDenied
    to_stage = request.POST.get("to_stage") or request.GET.get("to", "")
    gate: lock.Gate | None
    if idea.stage == Stage.PARKED and to_stage == idea.parked_from:
        gate = lock.Gate(Stage.PARKED, to_stage)
    else:
        gate = lock.gate_for(idea.stage, to_stage)
    if gate is None:
        messages.error(
            request, lock.move_refused(idea.stage, to_stage) + " " + _("Choose one of the decisions offered.")
        )
        return redirect(idea)
    if request.method == "POST":
        form = DecisionForm(request.POST, idea=idea, gate=gate, to_stage=to_stage)
        if form.is_valid():
            data = form.cleaned_data
            try:
                apply(
                    form,
                    lambda: services.gate_decide(
                        idea=idea,
                        decided_by=request.user,
                        to_stage=to_stage,
                        rationale=data["rationale"],
                        checklist=form.checklist(),
                        expected_version=data["version"],
                        parked_until=data.get("parked_until"),
                        closed_reason=data.get("closed_reason", ""),
                        lessons=form.lessons(),
                    ),
                    raising=(ConflictError,),
                )
            except ConflictError as exc:
                messages.error(request, exc.message)
                return redirect(idea)
            if form.is_valid():  # a refusal ("checklist" is no field of the form) is shown at the top
                messages.success(
                    request,
                    _("The decision is recorded: the idea is now in %(stage)s.") % {"stage": lock.stage_name(to_stage)},
                )
                return redirect(idea)
    else:
        kept = pop_kept_input(request)
        form = (
            DecisionForm(kept, idea=idea, gate=gate, to_stage=to_stage)
            if kept
            else DecisionForm(initial={"version": idea.version}, idea=idea, gate=gate, to_stage=to_stage)
        )
    return render(
        request,
        "ideas/decide.html",
        {
            "idea": idea,
            "form": form,
            "to_stage": to_stage,
            "from_name": lock.stage_name(idea.stage),
            "to_name": lock.stage_name(to_stage),
            "unmet": gates.unmet(idea, to_stage),
        },
    )


@require_POST
@login_required
def assign_coach(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    idea = _visible_idea(request, pk)
    form = CoachForm(request.POST)
    if form.is_valid():
        try:
            services.coach_assign(idea=idea, coach=form.cleaned_data["coach"], by=request.user)
        except PermissionDeniedError:
            raise  # 403
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The innovation coach is saved."))
    return redirect(idea)


@login_required_keep_input
def assess(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    idea = _visible_idea(request, pk)
    if not request.user.has_perm("ideas.assess_idea", idea):
        raise PermissionDenied
    if request.method == "POST":
        form = AssessmentForm(request.POST)
        if form.is_valid():
            apply(form, lambda: services.assessment_record(idea=idea, assessed_by=request.user, **form.cleaned_data))
            if form.is_valid():
                messages.success(request, _("The assessment is recorded."))
                return redirect(idea)
    else:
        kept = pop_kept_input(request)
        form = AssessmentForm(kept) if kept else AssessmentForm()
    return render(request, "ideas/assess.html", {"idea": idea, "form": form})


@require_POST
@login_required_keep_input
def comment(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    idea = _visible_idea(request, pk)
    form = CommentForm(request.POST)
    if form.is_valid():
        apply(
            form,
            lambda: services.comment_add(idea=idea, author=request.user, body=form.cleaned_data["body"]),
            raising=(PermissionDeniedError,),
        )
        if form.is_valid():
            messages.success(request, _("Your comment is published."))
            return redirect(idea.get_absolute_url() + "#comments")
    return render(request, "ideas/comment_error.html", {"idea": idea, "form": form})


@login_required
def hide_comment(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    comment_obj = get_object_or_404(Comment.objects.select_related("idea", "author"), pk=pk)
    if not request.user.has_perm("ideas.moderate_comment", comment_obj.idea):
        raise PermissionDenied
    form = HideCommentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.comment_hide(comment=comment_obj, by=request.user, reason=form.cleaned_data["reason"])
        messages.success(request, _("The comment is hidden."))
        return redirect(comment_obj.idea.get_absolute_url() + "#comments")
    return render(request, "ideas/hide_comment.html", {"comment": comment_obj, "form": form})


@require_POST
@login_required
def support(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    idea = _visible_idea(request, pk)
    form = SupportForm(request.POST)
    if form.is_valid():
        services.support_toggle(idea=idea, user=request.user, kind=form.cleaned_data["kind"])
    if request.htmx:
        idea = selectors.idea_detail(user=request.user, pk=pk)
        return render(
            request,
            "ideas/partials/support.html",
            {
                "idea": idea,
                "can_support": True,
                "support_kinds": SupportKind.choices,
                "my_supports": set(idea.supports.filter(user=request.user).values_list("kind", flat=True)),
            },
        )
    return redirect(idea)


@require_POST
@login_required
def follow(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    idea = _visible_idea(request, pk)
    now_following = services.follow_toggle(idea=idea, user=request.user)
    messages.success(request, _("You follow the idea.") if now_following else _("You no longer follow the idea."))
    return redirect(idea)


@require_POST
@login_required
def attach(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    idea = _visible_idea(request, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.attachment_add(idea=idea, uploaded_by=request.user, upload=form.cleaned_data["file"])
        except PermissionDeniedError:
            raise  # 403
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The file is attached."))
    else:
        messages.error(request, _("Choose a file to attach."))
    return redirect(idea.get_absolute_url() + "#attachments")


def attachment_download(request: Request, pk: int) -> FileResponse:
    attachment = get_object_or_404(Attachment.objects.select_related("idea"), pk=pk)
    if not request.user.has_perm("ideas.view_idea", attachment.idea):
        raise Http404
    return file_download(attachment.file, filename=attachment.original_name, content_type=attachment.content_type)


@login_required
def triage(request: AuthenticatedRequest) -> HttpResponse:
    if not request.user.has_perm("ideas.view_triage"):
        raise PermissionDenied
    qs = selectors.triage_queue(user=request.user)
    counts = selectors.idea_counts(qs=qs)
    page_obj, page_range = _page(request, qs)
    parked = selectors.parked_due(user=request.user)
    return render(
        request,
        "ideas/triage.html",
        {
            "page_obj": page_obj,
            "page_range": page_range,
            "counts": counts,
            "parked": parked[:50],
            "parked_count": parked.count(),
        },
    )


@login_required_keep_input
def idea_classify(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The innovation office names the unit and kind of an idea from a resident or a supplier."""
    idea = _visible_idea(request, pk)
    if not request.user.has_perm("ideas.classify_idea", idea):
        raise PermissionDenied
    initial = {"version": idea.version, "kind": idea.kind}
    if idea.unit.kind != UnitKind.CITY:
        initial["unit"] = idea.unit_id
    form = ClassifyForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        apply(
            form,
            lambda: services.idea_classify(
                idea=idea,
                by=request.user,
                expected_version=form.cleaned_data["version"],
                unit=form.cleaned_data["unit"],
                kind=form.cleaned_data["kind"],
            ),
        )
        if form.is_valid():
            messages.success(
                request, _("%(title)s is now with %(unit)s.") % {"title": idea.title, "unit": idea.unit.name}
            )
            return redirect("ideas:triage")
    return render(request, "ideas/classify.html", {"idea": idea, "form": form})


@login_required
def pipeline(request: AuthenticatedRequest) -> HttpResponse:
    if not request.user.has_perm("ideas.view_pipeline"):
        raise PermissionDenied
    units = selectors.pipeline_units(user=request.user)
    form = FilterForm(request.GET or None, units=units, whole_city=request.user.is_director)
    filters = _filters(form)
    scope = selectors.pipeline_scope(user=request.user)
    view = request.GET.get("view", "board")
    listed = selectors.idea_list(user=request.user, filters=filters, base=scope)
    # The figures are aggregates over every idea in scope, the same for a minute for everyone
    # who has this scope and these filters (the whole city, for a director).
    audience = "city" if request.user.is_director else f"user-{request.user.pk}"
    key = f"pipeline-counts:{selectors.ideas_generation()}:{audience}:{hashlib.md5(repr(filters).encode(), usedforsecurity=False).hexdigest()}"
    counts = cache.get_or_set(key, lambda: selectors.idea_counts(qs=listed.order_by()), 60)
    context = {"form": form, "view": view, "counts": counts}
    if view == "table":
        context["page_obj"], context["page_range"] = _page(
            request, listed, filters=filters, base=scope, rows=selectors.list_rows
        )
    else:
        filters.stage = ""
        base = selectors.idea_list(user=request.user, filters=filters, base=scope).order_by()
        stage_counts = cache.get_or_set(f"{key}:stages", lambda: selectors.stage_counts(qs=base), 60)
        context["columns"] = selectors.pipeline_board(qs=base, counts=stage_counts)
    return render(request, "ideas/pipeline.html", context)


@login_required
def lessons(request: AuthenticatedRequest) -> HttpResponse:
    """What most often helped and blocked ideas in a unit's subtree and period, with the ideas behind each."""
    if not request.user.has_perm("ideas.view_lessons"):
        raise PermissionDenied
    this_year = timezone.localdate().year
    first_year = min(selectors.first_lesson_year() or this_year, this_year)
    years = list(range(this_year, first_year - 1, -1))
    form = LessonsFilterForm(request.GET or None, years=years)
    data = form.cleaned_data if form.is_valid() else {}
    year = data.get("year") or this_year
    period = data.get("period") or Period.YEAR
    unit = data.get("unit")
    start, end = period_bounds(year, period)
    found = selectors.lessons_in(user=request.user, unit=unit, start=start, end=end)
    counts = selectors.lesson_counts(found)
    factor, effect = data.get("factor") or "", data.get("effect") or ""
    shown = {"unit": unit.pk if unit else "", "year": year, "period": period, "factor": factor, "effect": effect}
    context = {
        # The form shows what the page shows, whether chosen or the defaults.
        "form": LessonsFilterForm(shown, years=years),
        "counts": counts,
        "total": sum(c.total for c in counts),
        "factor": factor,
        "effect": effect,
        "unit": unit,
        "period_label": f"{Period(period).label} {year}",
        "spread_nav": apps.is_installed("spread"),
    }
    if factor:
        page_obj = Paginator(selectors.lessons_behind(found, factor=factor, effect=effect), PAGE_SIZE).get_page(
            request.GET.get("page")
        )
        context.update(
            page_obj=page_obj,
            page_range=page_range(page_obj),
            factor_label=next(c.label for c in counts if c.factor == factor),
        )
    return render(request, "ideas/lessons.html", context)
