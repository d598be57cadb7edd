"""The catalogue's pages: finding a course (public courses without signing in), a course with its sessions and the
check, and the office's pages to set up courses, their checks and sessions, and publish or withdraw them. Thin:
selectors read, services write, ``learning.rules`` decides who may."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.decorators import login_required_keep_input, pop_kept_input
from core.errors import ConflictError, DomainError
from core.forms import apply, show_domain_error
from core.http import AuthenticatedRequest, Request
from core.pagination import DeferredJoinPaginator, page_range
from core.public_cache import changes_at, public_page
from learning.catalogue import selectors, services
from learning.catalogue.forms import (
    CheckForm,
    ConfirmForm,
    CourseForm,
    FilterForm,
    QuestionForm,
    SessionForm,
    units_for,
)
from learning.models import CheckQuestion, Course, CourseKind, CourseState, Session
from spread.models import RegistrationStatus

PAGE_SIZE = 20


def _course(request: Request, pk: int) -> Course:
    """The course, if the person may see it; anyone else gets the same 404 as for an id that does not exist."""
    course = selectors.course_detail(user=request.user, pk=pk)
    if course is None:
        raise Http404
    return course


def _changeable(request: AuthenticatedRequest, pk: int) -> Course:
    course = _course(request, pk)
    if not request.user.has_perm("learning.change_course", course):
        raise PermissionDenied
    return course


def _course_url(course: Course, anchor: str = "") -> str:
    return reverse("learning:course", args=[course.pk]) + (f"#{anchor}" if anchor else "")


# --- finding a course ----------------------------------------------------------------------------


@public_page
def catalogue(request: Request) -> HttpResponse:
    """The published courses the person may see: filtered, searched, sorted, a page at a time."""
    form = FilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    filters = selectors.CourseFilters(
        q=data.get("q") or "",
        audience=data.get("audience") or "",
        kind=data.get("kind") or "",
        length=data.get("length") or "",
        language=data.get("language") or "",
        sort=data.get("sort") or "title",
    )
    courses = selectors.catalogue(user=request.user, filters=filters)
    page_obj = DeferredJoinPaginator(courses, PAGE_SIZE).get_page(request.GET.get("page"))
    # The next session shown changes when one begins.
    changes_at(request, *(c.next_session for c in page_obj if c.next_session))  # type: ignore[attr-defined]
    user = request.user
    context = {
        "form": form,
        "filtered": filters.filtered,
        "page_obj": page_obj,
        "page_range": page_range(page_obj),
        "keeps": user.has_perm("learning.keep_catalogue"),
    }
    template = "learning/catalogue/partials/results.html" if request.htmx else "learning/catalogue/list.html"
    return render(request, template, context)


@login_required
def drafts(request: AuthenticatedRequest) -> HttpResponse:
    """The courses not published (drafts and withdrawn ones) that the person may change."""
    if not request.user.has_perm("learning.keep_catalogue"):
        raise PermissionDenied
    page_obj = DeferredJoinPaginator(selectors.drafts(user=request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "learning/catalogue/drafts.html", {"page_obj": page_obj, "page_range": page_range(page_obj)})


@public_page
def course_detail(request: Request, pk: int) -> HttpResponse:
    course = _course(request, pk)
    user = request.user
    upcoming = selectors.sessions_of(course)
    changes_at(request, *(s.event.starts_at for s in upcoming), *(s.event.ends_at for s in upcoming))
    mine = selectors.own_registrations(course, user)
    for session in upcoming:
        session.free = max(session.event.capacity - session.taken, 0)  # type: ignore[attr-defined]
        session.mine = mine.get(session.event_id)  # type: ignore[attr-defined]
        # The event's page and calendar file answer only those who may open the event (spread.events.access).
        session.may_open = user.has_perm("spread.view_event", session.event)  # type: ignore[attr-defined]
    may_change = user.has_perm("learning.change_course", course)
    context = {
        "course": course,
        "paragraphs": [p.strip() for p in course.body.split("\n\n") if p.strip()],
        "sessions": upcoming,
        "may_take": services.may_take(user, course),
        "take_refusal": services.take_refusal(user, course) if user.is_authenticated else "",
        "has_check": course.kind == CourseKind.MODULE and course.questions.exists(),
        "completed_on": selectors.last_completed(course, user),
        "may_change": may_change,
        "shows_code": may_change
        or user.has_perm("learning.keep_catalogue")
        or user.has_perm("learning.import_completions"),
        "past_sessions": selectors.sessions_of(course, upcoming=False) if may_change else [],
        "questions": course.questions.count() if may_change else 0,
    }
    return render(request, "learning/catalogue/course.html", context)


# --- setting up a course -------------------------------------------------------------------------


@login_required_keep_input
def course_new(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    if not user.has_perm("learning.keep_catalogue"):
        raise PermissionDenied
    if request.method == "POST":
        form = CourseForm(request.POST, user=user)
        if form.is_valid():
            course = apply(form, lambda: services.course_create(by=user, **form.service_kwargs()))
            if course is not None:
                messages.success(
                    request,
                    _("The course has been saved as a draft. Add what it needs, then publish it."),
                )
                return redirect(_course_url(course))
    else:
        kept = pop_kept_input(request)
        initial: dict[str, Any] = {"kind": CourseKind.WORKSHOP, "audience": "everyone", "language": "sv"}
        units = units_for(user)
        publisher = units.filter(pk=user.unit_id).first() or units.first()
        initial["unit"] = publisher.pk if publisher else None
        form = CourseForm(kept, user=user) if kept else CourseForm(initial=initial, user=user)
    return render(request, "learning/catalogue/course_form.html", {"form": form, "course": None})


@login_required_keep_input
def course_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    user = request.user
    course = _changeable(request, pk)
    if request.method == "POST":
        form = CourseForm(request.POST, user=user, course=course, initial=CourseForm.initial_for(course))
        if form.is_valid():
            try:
                done = apply(
                    form,
                    lambda: services.course_update(
                        course=course,
                        by=user,
                        expected_version=form.cleaned_data.get("lock_version") or 0,
                        **form.service_kwargs(),
                    ),
                    raising=(ConflictError,),
                )
            except ConflictError as exc:
                # What this person wrote stays in the form; saving again now goes ahead over the newer version.
                show_domain_error(form, exc)
                fresh = request.POST.copy()
                fresh["lock_version"] = str(Course.objects.get(pk=course.pk).lock_version)
                form.data = fresh
                done = None
            if done is not None:
                messages.success(request, _("The course has been saved."))
                return redirect(_course_url(done))
    else:
        kept = pop_kept_input(request)
        initial = CourseForm.initial_for(course)
        form = (
            CourseForm(kept, user=user, course=course, initial=initial)
            if kept
            else CourseForm(initial=initial, user=user, course=course)
        )
    return render(request, "learning/catalogue/course_form.html", {"form": form, "course": course})


def _confirm(
    request: AuthenticatedRequest,
    pk: int,
    *,
    states: tuple[str, ...],
    template: str,
    action: Callable[[Course, int], object],
    done: str,
) -> HttpResponse:
    """A confirmation page for one of a course's actions: it says what will happen; the action runs on POST."""
    course = _changeable(request, pk)
    if course.state not in states:
        messages.info(request, _("The course has moved on: this can no longer be done."))
        return redirect(_course_url(course))
    form = ConfirmForm(request.POST or None, initial={"lock_version": course.lock_version})
    if request.method == "POST" and form.is_valid():
        try:
            result = apply(form, lambda: action(course, form.cleaned_data["lock_version"]), raising=(ConflictError,))
        except ConflictError as exc:
            messages.error(request, exc.message)
            return redirect(request.path)
        if result is not None:
            messages.success(request, done)
            return redirect(_course_url(course))
    return render(request, template, {"course": course, "form": form})


@login_required
def course_publish(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Publish a draft, or publish again a withdrawn course."""

    def action(course: Course, lock: int) -> Course:
        publish = services.course_republish if course.state == CourseState.WITHDRAWN else services.course_publish
        return publish(course=course, by=request.user, expected_version=lock)

    return _confirm(
        request,
        pk,
        states=(CourseState.DRAFT, CourseState.WITHDRAWN),
        template="learning/catalogue/course_publish.html",
        action=action,
        done=_("The course is published: it is in the catalogue now."),
    )


@login_required
def course_withdraw(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _confirm(
        request,
        pk,
        states=(CourseState.PUBLISHED,),
        template="learning/catalogue/course_withdraw.html",
        action=lambda course, lock: services.course_withdraw(course=course, by=request.user, expected_version=lock),
        done=_("The course is withdrawn: it is no longer in the catalogue."),
    )


# --- the check's questions -----------------------------------------------------------------------


def _module(request: AuthenticatedRequest, pk: int) -> Course:
    course = _changeable(request, pk)
    if course.kind != CourseKind.MODULE:
        raise Http404
    return course


@login_required
def questions(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    course = _module(request, pk)
    return render(
        request,
        "learning/catalogue/questions.html",
        {"course": course, "questions": list(course.questions.order_by("position", "pk"))},
    )


def _questions_url(course_id: int, anchor: str = "") -> str:
    return reverse("learning:questions", args=[course_id]) + (f"#{anchor}" if anchor else "")


@login_required_keep_input
def question_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    course = _module(request, pk)
    if request.method == "POST":
        form = QuestionForm(request.POST)
        if form.is_valid():
            question = apply(
                form, lambda: services.question_add(course=course, by=request.user, **form.service_kwargs())
            )
            if question is not None:
                messages.success(request, _("The question has been added last in the check."))
                return redirect(_questions_url(course.pk))
    else:
        kept = pop_kept_input(request)
        form = QuestionForm(kept) if kept else QuestionForm()
    return render(request, "learning/catalogue/question_form.html", {"course": course, "form": form, "question": None})


def _question(request: AuthenticatedRequest, pk: int) -> CheckQuestion:
    question = get_object_or_404(CheckQuestion.objects.select_related("course"), pk=pk)
    _module(request, question.course_id)
    return question


@login_required_keep_input
def question_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    question = _question(request, pk)
    course = question.course
    if request.method == "POST":
        form = QuestionForm(request.POST)
        if form.is_valid():
            done = apply(
                form, lambda: services.question_update(question=question, by=request.user, **form.service_kwargs())
            )
            if done is not None:
                messages.success(request, _("The question has been saved."))
                return redirect(_questions_url(course.pk, f"question-{question.pk}"))
    else:
        kept = pop_kept_input(request)
        form = QuestionForm(kept) if kept else QuestionForm(initial=QuestionForm.initial_for(question))
    return render(
        request, "learning/catalogue/question_form.html", {"course": course, "form": form, "question": question}
    )


@login_required_keep_input
def question_remove(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Remove a question, after a confirmation."""
    question = _question(request, pk)
    course = question.course
    error = None
    if request.method == "POST":
        try:
            services.question_remove(question=question, by=request.user)
        except DomainError as exc:
            error = exc.message
        else:
            messages.success(request, _("The question has been removed."))
            return redirect(_questions_url(course.pk))
    return render(
        request, "learning/catalogue/question_remove.html", {"course": course, "question": question, "error": error}
    )


@require_POST
@login_required
def question_move(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    question = _question(request, pk)
    try:
        services.question_move(question=question, by=request.user, up=request.POST.get("direction") == "up")
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect(_questions_url(question.course_id, f"question-{question.pk}"))


# --- taking the check ----------------------------------------------------------------------------


@login_required_keep_input
def check(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The module's check: a question each, radio buttons. Passing completes the module; failing says how many
    were right and keeps the answers for another try. Which answers are right is not shown."""
    course = _course(request, pk)
    user = request.user
    if not services.may_take(user, course):
        messages.error(request, services.take_refusal(user, course))
        return redirect(_course_url(course))
    questions_ = list(course.questions.order_by("position", "pk"))
    if course.kind != CourseKind.MODULE or not questions_:
        raise Http404
    result = None
    if request.method == "POST":
        form = CheckForm(request.POST, questions=questions_)
        if form.is_valid():
            result = apply(form, lambda: services.check_submit(course=course, by=user, answers=form.answers()))
            if result is not None and result.passed:
                messages.success(
                    request,
                    _("You passed the check with %(right)s of %(total)s right. The module is completed on %(day)s.")
                    % {
                        "right": result.right,
                        "total": result.total,
                        "day": date_format(result.completion.completed_on, "DATE_FORMAT"),  # type: ignore[union-attr]
                    },
                )
                return redirect(_course_url(course))
    else:
        kept = pop_kept_input(request)
        form = CheckForm(kept, questions=questions_) if kept else CheckForm(questions=questions_)
    return render(
        request,
        "learning/catalogue/check.html",
        {"course": course, "form": form, "result": result, "pass_mark": max(course.pass_mark, 1)},
    )


# --- sessions ------------------------------------------------------------------------------------


def _with_sessions(request: AuthenticatedRequest, course: Course) -> Course:
    if not request.user.has_perm("learning.change_course", course):
        raise PermissionDenied
    if not course.has_sessions:
        raise Http404
    return course


def _session(request: Request, pk: int) -> Session:
    """The session, if the person may see its course (read once, through the rules)."""
    session = get_object_or_404(Session.objects.select_related("event"), pk=pk)
    session.course = _course(request, session.course_id)
    return session


@login_required_keep_input
def session_new(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    course = _with_sessions(request, _course(request, pk))
    if request.method == "POST":
        form = SessionForm(request.POST)
        if form.is_valid():
            session = apply(
                form, lambda: services.session_create(course=course, by=request.user, **form.session_data())
            )
            if session is not None:
                messages.success(request, _("The session has been added. Staff can sign up for it now."))
                return redirect(_course_url(course, "sessions"))
    else:
        kept = pop_kept_input(request)
        form = SessionForm(kept) if kept else SessionForm(initial={"capacity": 20})
    return render(request, "learning/catalogue/session_form.html", {"course": course, "form": form, "session": None})


@login_required_keep_input
def session_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    course = _with_sessions(request, session.course)
    if request.method == "POST":
        form = SessionForm(request.POST)
        if form.is_valid():
            try:
                done = apply(
                    form,
                    lambda: services.session_update(
                        session=session,
                        by=request.user,
                        expected_version=form.cleaned_data["version"] or 0,
                        **form.session_data(),
                    ),
                    raising=(ConflictError,),
                )
            except ConflictError as exc:
                show_domain_error(form, exc)
                fresh = request.POST.copy()
                session.event.refresh_from_db()
                fresh["version"] = str(session.event.version)
                form.data = fresh
                done = None
            if done is not None:
                messages.success(request, _("The session has been saved."))
                return redirect(_course_url(course, "sessions"))
    else:
        kept = pop_kept_input(request)
        initial = SessionForm.initial_for(session)
        form = SessionForm(kept, initial=initial) if kept else SessionForm(initial=initial)
    return render(request, "learning/catalogue/session_form.html", {"course": course, "form": form, "session": session})


@login_required_keep_input
def session_cancel(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    course = _with_sessions(request, session.course)
    form = ConfirmForm(request.POST or None, initial={"lock_version": session.event.version})
    if request.method == "POST" and form.is_valid():
        done = apply(
            form,
            lambda: services.session_cancel(
                session=session, by=request.user, expected_version=form.cleaned_data["lock_version"]
            ),
        )
        if done is not None:
            messages.success(request, _("The session is cancelled. Everyone signed up has been told by mail."))
            return redirect(_course_url(course, "sessions"))
    signed_up = session.event.registrations.exclude(status=RegistrationStatus.CANCELLED).count()
    return render(
        request,
        "learning/catalogue/session_cancel.html",
        {"course": course, "session": session, "form": form, "signed_up": signed_up},
    )


@require_POST
@login_required
def session_register(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    try:
        registration = services.session_register(session=session, by=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        if registration.status == RegistrationStatus.REGISTERED:
            messages.success(
                request,
                _(
                    "You have a place. A confirmation with the session as a calendar file has been sent to "
                    "%(email)s; you get a reminder the day before."
                )
                % {"email": registration.email},
            )
        else:
            messages.success(
                request,
                _(
                    "Every place is taken, so you are on the waiting list. If a place comes free, it is yours at "
                    "once and you get a mail."
                ),
            )
    return redirect(_course_url(session.course, "sessions"))


@login_required
def session_unregister(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Cancel one's place (or place on the waiting list), after a confirmation."""
    session = _session(request, pk)
    error = None
    if request.method == "POST":
        try:
            services.session_unregister(session=session, by=request.user)
        except DomainError as exc:
            error = exc.message
        else:
            messages.success(request, _("Your sign-up is cancelled."))
            return redirect(_course_url(session.course, "sessions"))
    return render(
        request,
        "learning/catalogue/session_unregister.html",
        {"course": session.course, "session": session, "error": error},
    )
