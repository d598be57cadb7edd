"""Pages of the open market dialogue: the public list of requests for information (RFIs) and an RFI's page with
its published answers, what a registered supplier does there (register, ask, book a meeting, respond), and the
officers' pages (write and publish the RFI, the workroom: answers, meeting times, minutes, written responses).

Thin views: read through ``procurement.dialogue.selectors``, write through ``procurement.dialogue.services``,
decide through ``procurement/dialogue/rules.py``.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.decorators import login_required_keep_input, pop_kept_input
from core.errors import ConflictError
from core.forms import apply
from core.http import AuthenticatedRequest, Request
from core.pagination import page_range
from core.public_cache import changes_at, public_page
from core.uploads import file_download
from procurement.dialogue import selectors, services
from procurement.dialogue.forms import (
    AnswerForm,
    ConfirmForm,
    FilterForm,
    MinutesForm,
    PublishAnswersForm,
    QuestionForm,
    ResponseForm,
    RfiForm,
    SlotsForm,
)
from procurement.models import (
    MeetingSlot,
    ProcurementCase,
    Question,
    ResponseFile,
    Rfi,
    RfiDocument,
    WrittenResponse,
)

PAGE_SIZE = 20
ANSWERS_PAGE_SIZE = 50
RESPONSES_PAGE_SIZE = 20


def _rfi(request: Request, pk: int) -> Rfi:
    """The RFI, if the person may read it; anyone else gets the same 404 as for an id that does not exist."""
    rfi = selectors.rfi_for_page(pk)
    if rfi is None or not request.user.has_perm("procurement.view_rfi", rfi):
        raise Http404
    return rfi


def _officer_rfi(request: AuthenticatedRequest, pk: int) -> Rfi:
    rfi = _rfi(request, pk)
    if not request.user.has_perm("procurement.read_responses", rfi):
        raise PermissionDenied
    return rfi


def _taking_part(request: AuthenticatedRequest, pk: int) -> Rfi:
    rfi = _rfi(request, pk)
    if not request.user.has_perm("procurement.take_part", rfi):
        raise PermissionDenied
    return rfi


def _case_url(case_id: int) -> str:
    return reverse("procurement:case", args=[case_id])


def _supplier_id(request: Request) -> int | None:
    user = request.user
    return getattr(user, "supplier_id", None) if user.is_authenticated else None


# --- the public list and an RFI's page ------------------------------------------------------------------------


@public_page
def rfi_list(request: Request) -> HttpResponse:
    now = timezone.now()
    form = FilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    filters = selectors.RfiFilters(
        state=data.get("state") or "open", q=data.get("q") or "", order=data.get("order") or "closing"
    )
    changes_at(request, *selectors.next_moments(now=now))
    page_obj = Paginator(selectors.published_rfis(now=now, filters=filters), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "procurement/dialogue/list.html",
        {"form": form, "filters": filters, "page_obj": page_obj, "page_range": page_range(page_obj), "now": now},
    )


@public_page
def rfi_detail(request: Request, pk: int) -> HttpResponse:
    rfi = _rfi(request, pk)
    now = timezone.now()
    changes_at(request, rfi.questions_close_at, rfi.responses_close_at)
    user = request.user
    supplier_id = _supplier_id(request)
    answers = Paginator(selectors.published_answers(rfi), ANSWERS_PAGE_SIZE)
    page_obj = answers.get_page(request.GET.get("page"))
    registered = user.has_perm("procurement.take_part", rfi)
    officer = user.has_perm("procurement.read_responses", rfi)
    context = {
        "rfi": rfi,
        "documents": rfi.documents.all(),
        "page_obj": page_obj,
        "page_range": page_range(page_obj),
        "questions_open": services.questions_open(rfi, now),
        "responses_open": services.responses_open(rfi, now),
        "may_register": user.has_perm("procurement.register_interest", rfi) and not registered,
        "registered": registered,
        "officer": officer,
        "may_publish": user.has_perm("procurement.publish_rfi", rfi),
        "may_change": user.has_perm("procurement.change_rfi", rfi),
        "case_url": _case_url(rfi.case_id) if officer else "",
        "now": now,
    }
    context["show_minutes"] = user.has_perm("procurement.read_minutes", rfi)
    if context["show_minutes"]:
        context["minutes"] = selectors.published_minutes(rfi)
    if registered:
        context.update(
            own_unanswered=selectors.own_unanswered(rfi, supplier_id),
            booking=selectors.own_booking(rfi, supplier_id),
            free_slots=selectors.free_slots(rfi, now),
            response=selectors.own_response(rfi, supplier_id),
        )
    if context["may_publish"]:
        context["publish_form"] = ConfirmForm(initial={"version": rfi.version})
    return render(request, "procurement/dialogue/detail.html", context)


def rfi_document(request: Request, pk: int, doc_pk: int) -> FileResponse:
    rfi = _rfi(request, pk)
    found = get_object_or_404(RfiDocument, pk=doc_pk, rfi=rfi)
    return file_download(found.file, filename=found.original_name, content_type=found.content_type)


# --- the officers ---------------------------------------------------------------------------------------------


@login_required_keep_input
def rfi_create(request: AuthenticatedRequest, case_pk: int) -> HttpResponse:
    case = get_object_or_404(ProcurementCase.objects.select_related("unit"), pk=case_pk)
    if not request.user.has_perm("procurement.view_case", case):
        raise Http404
    if hasattr(case, "rfi") and request.user.has_perm("procurement.view_rfi", case.rfi):
        return redirect(case.rfi)
    if not request.user.has_perm("procurement.add_rfi_to", case):
        raise PermissionDenied
    form = RfiForm(request.POST or None, request.FILES or None, initial={"title": case.title})
    if request.method == "POST" and form.is_valid():
        rfi = apply(form, lambda: services.rfi_create(case=case, by=request.user, **form.rfi_data()))
        if rfi is not None:
            messages.success(
                request, _("The request for information is saved as a draft. Read it through, then publish it.")
            )
            return redirect(rfi)
    return render(
        request,
        "procurement/dialogue/form.html",
        {"form": form, "case": case, "rfi": None, "case_url": _case_url(case.pk)},
    )


@login_required_keep_input
def rfi_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    rfi = _rfi(request, pk)
    if not request.user.has_perm("procurement.change_rfi", rfi):
        raise PermissionDenied
    form = RfiForm(request.POST or None, request.FILES or None, rfi=rfi, initial=RfiForm.initial_for(rfi))
    conflict = False
    if request.method == "POST" and form.is_valid():
        try:
            saved = apply(
                form,
                lambda: services.rfi_update(
                    rfi=rfi,
                    by=request.user,
                    expected_version=form.cleaned_data["version"] or 0,
                    remove_documents=form.cleaned_data.get("remove_files") or [],
                    **form.rfi_data(),
                ),
                raising=(ConflictError,),
            )
        except ConflictError as exc:
            form.add_error(None, exc.message)
            conflict = True
            saved = None
        if saved is not None:
            messages.success(request, _("The changes are saved."))
            return redirect(rfi)
    return render(
        request, "procurement/dialogue/form.html", {"form": form, "case": rfi.case, "rfi": rfi, "conflict": conflict}
    )


@login_required
def rfi_publish(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    rfi = _rfi(request, pk)
    if not request.user.has_perm("procurement.publish_rfi", rfi):
        raise PermissionDenied
    form = ConfirmForm(request.POST or None, initial={"version": rfi.version})
    if request.method == "POST" and form.is_valid():
        done = apply(
            form,
            lambda: services.rfi_publish(rfi=rfi, by=request.user, expected_version=form.cleaned_data["version"] or 0),
        )
        if done is not None:
            messages.success(request, _("The request for information is published. Anyone can read it now."))
            return redirect(rfi)
    return render(request, "procurement/dialogue/publish.html", {"form": form, "rfi": rfi})


@login_required
def workroom(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The officers' workroom: questions waiting, the answers to publish, meeting times and the written responses."""
    rfi = _officer_rfi(request, pk)
    now = timezone.now()
    waiting = list(selectors.waiting_questions(rfi))
    drafted = [q for q in waiting if q.answer and q.public_text]
    return render(
        request,
        "procurement/dialogue/work.html",
        {
            "rfi": rfi,
            "waiting": waiting,
            "drafted_count": len(drafted),
            "slots": selectors.slots(rfi),
            "interests": selectors.interests(rfi),
            "running": request.user.has_perm("procurement.run_dialogue", rfi),
            "response_count": rfi.responses.filter(status="submitted").count(),
            "case_url": _case_url(rfi.case_id),
            "now": now,
        },
    )


@login_required_keep_input
def answer_write(request: AuthenticatedRequest, pk: int, question_pk: int) -> HttpResponse:
    rfi = _officer_rfi(request, pk)
    question = get_object_or_404(Question.objects.select_related("supplier", "asked_by"), pk=question_pk, rfi=rfi)
    if not request.user.has_perm("procurement.run_dialogue", rfi) or question.published_at is not None:
        raise PermissionDenied
    form = AnswerForm(
        request.POST or None,
        initial={
            "public_text": question.public_text or question.text,
            "answer": question.answer,
            "version": question.version,
        },
    )
    if request.method == "POST" and form.is_valid():
        done = apply(
            form,
            lambda: services.answer_draft(
                question=question,
                by=request.user,
                expected_version=form.cleaned_data["version"] or 0,
                public_text=form.cleaned_data["public_text"],
                answer=form.cleaned_data["answer"],
            ),
        )
        if done is not None:
            messages.success(
                request,
                _("The answer is saved. It reaches the suppliers when you publish the written answers together."),
            )
            return redirect("procurement:rfi_work", pk=rfi.pk)
    return render(request, "procurement/dialogue/answer.html", {"form": form, "rfi": rfi, "question": question})


@login_required
def answers_publish(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """A page saying what happens, then every written answer published at once to every registered supplier."""
    rfi = _officer_rfi(request, pk)
    if not request.user.has_perm("procurement.run_dialogue", rfi):
        raise PermissionDenied
    drafted = list(services.drafted_answers(rfi))
    form = PublishAnswersForm(request.POST or None, initial={"count": len(drafted)})
    if request.method == "POST" and form.is_valid():
        count = apply(
            form,
            lambda: services.answers_publish(rfi=rfi, by=request.user, expected_count=form.cleaned_data["count"]),
        )
        if count is not None:
            messages.success(
                request,
                ngettext(
                    "%(n)s answer is published to every registered supplier.",
                    "%(n)s answers are published to every registered supplier.",
                    count,
                )
                % {"n": count},
            )
            return redirect("procurement:rfi_work", pk=rfi.pk)
        # Refused (the written answers changed meanwhile): say why on the page, read afresh with its new count.
        for error in form.non_field_errors():
            messages.error(request, str(error))
        return redirect("procurement:rfi_answers_publish", pk=rfi.pk)
    return render(request, "procurement/dialogue/publish_answers.html", {"form": form, "rfi": rfi, "drafted": drafted})


@login_required_keep_input
def slots_offer(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    rfi = _officer_rfi(request, pk)
    if not request.user.has_perm("procurement.run_dialogue", rfi):
        raise PermissionDenied
    form = SlotsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        made = apply(form, lambda: services.slots_offer(rfi=rfi, by=request.user, slots=form.slot_times()))
        if made is not None:
            messages.success(
                request,
                ngettext(
                    "%(n)s meeting time is offered to every registered supplier.",
                    "%(n)s meeting times are offered to every registered supplier.",
                    len(made),
                )
                % {"n": len(made)},
            )
            return redirect("procurement:rfi_work", pk=rfi.pk)
    return render(request, "procurement/dialogue/slots.html", {"form": form, "rfi": rfi})


@login_required_keep_input
def minutes_write(request: AuthenticatedRequest, pk: int, slot_pk: int) -> HttpResponse:
    rfi = _officer_rfi(request, pk)
    slot = get_object_or_404(MeetingSlot.objects.select_related("booked_by_supplier"), pk=slot_pk, rfi=rfi)
    if not request.user.has_perm("procurement.run_dialogue", rfi):
        raise PermissionDenied
    form = MinutesForm(request.POST or None, initial={"minutes": slot.minutes, "version": slot.version})
    if request.method == "POST" and form.is_valid():
        publish = "publish" in request.POST
        done = apply(
            form,
            lambda: services.minutes_write(
                slot=slot,
                by=request.user,
                expected_version=form.cleaned_data["version"] or 0,
                minutes=form.cleaned_data["minutes"],
                publish=publish,
            ),
        )
        if done is not None:
            messages.success(
                request,
                _("The minutes are published to every registered supplier.")
                if publish
                else _("The minutes are saved."),
            )
            return redirect("procurement:rfi_work", pk=rfi.pk)
    return render(request, "procurement/dialogue/minutes.html", {"form": form, "rfi": rfi, "slot": slot})


@login_required
def responses(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The written responses, with their business secrets marked: the case's officers only."""
    rfi = _officer_rfi(request, pk)
    page_obj = Paginator(selectors.responses_for_officers(rfi), RESPONSES_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "procurement/dialogue/responses.html",
        {"rfi": rfi, "page_obj": page_obj, "page_range": page_range(page_obj)},
    )


@login_required
def response_file(request: AuthenticatedRequest, pk: int, file_pk: int) -> FileResponse:
    """A response's file: for the case's officers and the organisation that sent it; anyone else gets 404."""
    rfi = _rfi(request, pk)
    found = get_object_or_404(ResponseFile.objects.select_related("response"), pk=file_pk, response__rfi=rfi)
    own = found.response.supplier_id == _supplier_id(request) and request.user.has_perm("procurement.take_part", rfi)
    if not own and not request.user.has_perm("procurement.read_responses", rfi):
        raise Http404
    return file_download(found.file, filename=found.original_name, content_type=found.content_type)


# --- suppliers ------------------------------------------------------------------------------------------------


@login_required
def register(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """What registering means, then the organisation registered."""
    rfi = _rfi(request, pk)
    if request.user.has_perm("procurement.take_part", rfi):
        return redirect(rfi)
    allowed = request.user.has_perm("procurement.register_interest", rfi)
    form = ConfirmForm(request.POST or None)
    if request.method == "POST" and allowed and form.is_valid():
        done = apply(form, lambda: services.interest_register(rfi=rfi, by=request.user))
        if done is not None:
            messages.success(
                request,
                _(
                    "Your organisation is registered. You will get every answer and minutes at the same time as the others."
                ),
            )
            return redirect(rfi)
    response = render(request, "procurement/dialogue/register.html", {"form": form, "rfi": rfi, "allowed": allowed})
    if not allowed:
        response.status_code = 403
    return response


@login_required_keep_input
def question_ask(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    rfi = _taking_part(request, pk)
    kept = pop_kept_input(request) if request.method != "POST" else None
    if not services.questions_open(rfi, timezone.now()):
        # Closed: say so plainly, with no form; what was typed meanwhile is shown so that it is not lost.
        typed = (request.POST if request.method == "POST" else kept or {}).get("text", "").strip()
        return render(request, "procurement/dialogue/ask_closed.html", {"rfi": rfi, "typed": typed})
    form = QuestionForm(request.POST or kept or None)
    if request.method == "POST" and form.is_valid():
        done = apply(form, lambda: services.question_ask(rfi=rfi, by=request.user, text=form.cleaned_data["text"]))
        if done is not None:
            messages.success(
                request,
                _("Your question is sent. Its answer is published to every registered supplier at the same time."),
            )
            return redirect(rfi)
    return render(
        request,
        "procurement/dialogue/ask.html",
        {"form": form, "rfi": rfi},
    )


@login_required
def slot_book(request: AuthenticatedRequest, pk: int, slot_pk: int) -> HttpResponse:
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    rfi = _taking_part(request, pk)
    slot = get_object_or_404(MeetingSlot.objects.select_related("rfi"), pk=slot_pk, rfi=rfi)
    form = ConfirmForm(request.POST)
    done = apply(form, lambda: services.slot_book(slot=slot, by=request.user))
    if done is not None:
        messages.success(request, _("The meeting is booked."))
    else:
        for error in form.non_field_errors():
            messages.error(request, str(error))
    return redirect(reverse("procurement:rfi", args=[rfi.pk]) + "#meetings")


@login_required
def slot_cancel(request: AuthenticatedRequest, pk: int, slot_pk: int) -> HttpResponse:
    """A page asking whether to cancel the booking, then the time freed."""
    rfi = _taking_part(request, pk)
    slot = get_object_or_404(MeetingSlot.objects.select_related("rfi"), pk=slot_pk, rfi=rfi)
    if slot.booked_by_supplier_id != _supplier_id(request):
        raise Http404
    form = ConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = apply(form, lambda: services.slot_cancel_booking(slot=slot, by=request.user))
        if done is not None:
            messages.success(request, _("The booking is cancelled. The time is free for any supplier to book."))
            return redirect(reverse("procurement:rfi", args=[rfi.pk]) + "#meetings")
    return render(request, "procurement/dialogue/cancel_booking.html", {"form": form, "rfi": rfi, "slot": slot})


@login_required_keep_input
def response_write(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The organisation's written response: saved as a draft, then sent, until the last time for responses."""
    rfi = _taking_part(request, pk)
    supplier_id = _supplier_id(request)
    existing = selectors.own_response(rfi, supplier_id)
    if not services.responses_open(rfi, timezone.now()):
        return _response_closed(request, rfi, existing)
    if request.method == "POST":
        form = ResponseForm(request.POST, request.FILES, response=existing)
    else:
        kept = pop_kept_input(request)
        form = ResponseForm(kept or None, response=existing, initial=ResponseForm.initial_for(existing))
    conflict = False
    if request.method == "POST" and form.is_valid():
        submit = "submit" in request.POST or (existing is not None and existing.status == "submitted")
        try:
            saved = apply(
                form,
                lambda: services.response_save(
                    rfi=rfi,
                    by=request.user,
                    expected_version=form.cleaned_data["version"] if existing is not None else None,
                    submit=submit,
                    **form.response_data(),
                ),
                raising=(ConflictError,),
            )
        except ConflictError as exc:
            form.add_error(None, exc.message)
            conflict = True
            saved = None
        if saved is not None:
            if saved.status == "submitted":
                messages.success(request, _("Your written response is sent. You can change it until the last time."))
            else:
                messages.success(request, _("Your draft is saved. Send it before the last time for responses."))
            return redirect(reverse("procurement:rfi", args=[rfi.pk]) + "#response")
    return render(
        request,
        "procurement/dialogue/response_form.html",
        {
            "form": form,
            "rfi": rfi,
            "response": existing,
            "conflict": conflict,
        },
    )


#: The parts of a response typed into the form, in its order: shown back when they came after the last time.
TYPED_PARTS = ("solution", "price_indication", "other")


def _response_closed(request: AuthenticatedRequest, rfi: Rfi, existing: WrittenResponse | None) -> HttpResponse:
    """After the last time for responses: when it closed, the response as sent or the draft as kept (read only),
    and no form. What was typed meanwhile is shown back, unsaved, so that it is not lost."""
    source = request.POST if request.method == "POST" else pop_kept_input(request) or {}
    labels = ResponseForm.base_fields
    typed = [(labels[name].label, source.get(name, "").strip()) for name in TYPED_PARTS if source.get(name, "").strip()]
    return render(
        request,
        "procurement/dialogue/response_closed.html",
        {"rfi": rfi, "response": existing, "typed": typed},
    )
