"""The library of good examples and each example's page; publishing, confirming, editing, taking out and consent.

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

from core.decorators import login_required_keep_input, pop_kept_input
from core.forms import apply
from core.http import AuthenticatedRequest, Request
from core.pagination import DeferredJoinPaginator, page_range
from core.public_cache import public_page
from core.uploads import file_download
from core.validators import parse_id
from ideas.models import Idea
from spread.examples import sections, selectors, services
from spread.examples.forms import ConfirmForm, ExampleForm, LibraryForm
from spread.models import Example, ExampleFile, ExampleStatus

PAGE_SIZE = 25

#: What the example form saves as it is; the contact person, the values and the files are set apart.
EDITED_FIELDS = (*services.TEXT_FIELDS, "sector", "kind")


def _filters(form: LibraryForm) -> selectors.ExampleFilters:
    data = form.cleaned_data if form.is_valid() else {}
    return selectors.ExampleFilters(
        q=data.get("q") or "",
        sector=data.get("sector") or "",
        kind=data.get("kind") or "",
        value=data.get("value") or "",
        organisation_kind=data.get("organisation_kind") or "",
        unit=data.get("unit"),
        sort=data.get("sort") or "adopted",
    )


@public_page
def example_list(request: Request) -> HttpResponse:
    """The library: published examples this person may read, searched, filtered and sorted, a page at a time."""
    form = LibraryForm(request.GET or None)
    filters = _filters(form)
    qs = selectors.library(user=request.user, filters=filters)
    paginator = DeferredJoinPaginator(qs, PAGE_SIZE)
    page_obj = paginator.get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page_obj": page_obj,
        "page_range": page_range(page_obj),
        "searching": any((filters.q.strip(), filters.sector, filters.kind, filters.value, filters.unit)),
        "may_see_proposed": request.user.has_perm("spread.view_proposed_examples"),
        "may_import": request.user.has_perm("spread.import_examples"),
    }
    template = "spread/examples/partials/results.html" if request.htmx else "spread/examples/list.html"
    return render(request, template, context)


def _readable(request: Request, pk: int) -> Example:
    try:
        example = selectors.example_detail(pk=pk)
    except Example.DoesNotExist as exc:
        raise Http404 from exc
    if not request.user.has_perm("spread.view_example", example):
        raise Http404
    return example


@public_page
def example_detail(request: Request, pk: int) -> HttpResponse:
    example = _readable(request, pk)
    user = request.user
    context = {
        "example": example,
        "files": list(example.files.all()),
        "idea_readable": example.idea is not None and user.has_perm("ideas.view_idea", example.idea),
        "can_change": user.has_perm("spread.change_example", example),
        "can_confirm": user.has_perm("spread.confirm_example", example),
        "can_consent": user.has_perm("spread.consent_example", example),
        "sections": sections.draw(request, example),
    }
    return render(request, "spread/examples/detail.html", context)


def example_file(request: Request, pk: int, file_pk: int) -> FileResponse:
    found = get_object_or_404(ExampleFile.objects.select_related("example__unit"), pk=file_pk, example_id=pk)
    if not request.user.has_perm("spread.view_example", found.example):
        raise Http404
    return file_download(found.file, filename=found.original_name, content_type=found.content_type)


def _missing_version(form: ExampleForm) -> None:
    form.add_error(
        None,
        _(
            "The form came without the example's version, so it could not be saved safely. Check your text below and save again."
        ),
    )


def _written(data: dict[str, Any]) -> dict[str, Any]:
    return {
        **{name: data[name] for name in EDITED_FIELDS if name in data},
        "values": data["values"],
        "contact": data.get("contact") or None,
        "attachments": data.get("attachments") or [],
    }


@login_required_keep_input
def example_publish(request: AuthenticatedRequest, idea_pk: int) -> HttpResponse:
    """Publish an idea that has been put into practice as a good example, prefilled from the idea and its assessment."""
    idea = Idea.objects.visible_to(request.user).select_related("unit", "author").filter(pk=idea_pk).first()
    if idea is None:
        raise Http404
    if not request.user.has_perm("spread.publish_idea_as_example", idea):
        raise PermissionDenied
    existing = Example.objects.filter(idea=idea).first()
    if existing is not None:
        messages.info(request, _("This idea is already a good example."))
        return redirect(existing)
    may_consent = request.user.pk == idea.author_id
    if request.method == "POST":
        form = ExampleForm(request.POST, request.FILES, may_consent=may_consent)
        if form.is_valid():
            data = form.cleaned_data
            example = apply(
                form,
                lambda: services.example_publish_from_idea(
                    idea=idea, by=request.user, public_consent=data.get("public_consent", False), **_written(data)
                ),
            )
            if example is not None:
                messages.success(request, _("The good example is published in the city's library."))
                return redirect(example)
    else:
        kept = pop_kept_input(request)
        form = ExampleForm(kept, initial=services.idea_prefill(idea), may_consent=may_consent)
    return render(request, "spread/examples/form.html", {"form": form, "idea": idea, "mode": "publish"})


@login_required
def example_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Edit an example (its owner, its unit's innovation office); the city's office confirms a proposed one here."""
    example = _readable(request, pk)
    confirming = example.status == ExampleStatus.PROPOSED
    permission = "spread.confirm_example" if confirming else "spread.change_example"
    if not request.user.has_perm(permission, example):
        raise PermissionDenied
    if request.method == "POST":
        form = ExampleForm(request.POST, request.FILES, example=example)
        version = parse_id(request.POST.get("version"))
        valid = form.is_valid()
        if valid and version is None:
            _missing_version(form)
            valid = False
        if valid and version is not None:
            data = form.cleaned_data
            if confirming:
                saved = apply(
                    form,
                    lambda: services.example_confirm(
                        example=example, by=request.user, expected_version=version, **_written(data)
                    ),
                )
            else:
                saved = apply(
                    form,
                    lambda: services.example_update(
                        example=example,
                        by=request.user,
                        expected_version=version,
                        remove_files=data.get("remove_files") or [],
                        **_written(data),
                    ),
                )
            if saved is not None:
                messages.success(
                    request,
                    _("The good example is confirmed and published in the library.")
                    if confirming
                    else _("The good example has been saved."),
                )
                return redirect(saved)
    else:
        initial = {name: getattr(example, name) for name in EDITED_FIELDS}
        initial.update(
            values=[k for k in ("economic", "social", "environmental") if getattr(example, f"value_{k}")],
            contact=example.contact.email if example.contact else "",
        )
        form = ExampleForm(initial=initial, example=example)
    mode = "confirm" if confirming else "edit"
    return render(request, "spread/examples/form.html", {"form": form, "example": example, "mode": mode})


#: The steps that need a confirmation: the rule each needs, its service, and what the person is told after.
STEPS = {
    "unpublish": "spread.change_example",
    "republish": "spread.change_example",
    "consent": "spread.consent_example",
    "withdraw": "spread.consent_example",
}


def _step_done(step: str) -> str:
    return {
        "unpublish": _("The example is taken out of the library. Its adoptions are kept."),
        "republish": _("The example is back in the library."),
        "consent": _("Thank you. The example is now public on the city's website."),
        "withdraw": _("Your consent is withdrawn. The example is shown to the city's staff only."),
    }[step]


def _run_step(step: str, example: Example, by: Any, version: int) -> Example:
    if step == "unpublish":
        return services.example_unpublish(example=example, by=by, expected_version=version)
    if step == "republish":
        return services.example_republish(example=example, by=by, expected_version=version)
    if step == "consent":
        return services.example_consent(example=example, by=by, expected_version=version)
    return services.example_withdraw_consent(example=example, by=by, expected_version=version)


@login_required
def example_step(request: AuthenticatedRequest, pk: int, step: str) -> HttpResponse:
    """Take an example out of the library or put it back; the owner consents to publish it or withdraws consent.
    Each is asked for on a page of its own that says what it means, then confirmed."""
    if step not in STEPS:
        raise Http404
    example = _readable(request, pk)
    if not request.user.has_perm(STEPS[step], example):
        raise PermissionDenied
    if request.method == "POST":
        form = ConfirmForm(request.POST)
        if form.is_valid():
            done = apply(form, lambda: _run_step(step, example, request.user, form.cleaned_data["version"]))
            if done is not None:
                messages.success(request, _step_done(step))
                return redirect(done)
    else:
        form = ConfirmForm(initial={"version": example.version})
    return render(request, "spread/examples/step.html", {"form": form, "example": example, "step": step})


@login_required
def proposed_list(request: AuthenticatedRequest) -> HttpResponse:
    """Award winners proposed as good examples, for the city's innovation office to check and confirm."""
    if not request.user.has_perm("spread.view_proposed_examples"):
        raise PermissionDenied
    paginator = DeferredJoinPaginator(selectors.proposed(), PAGE_SIZE)
    page_obj = paginator.get_page(request.GET.get("page"))
    return render(request, "spread/examples/proposed.html", {"page_obj": page_obj, "page_range": page_range(page_obj)})
