"""Sharing outside the city: the Atom feed of public examples (no sign-in) and the import page (innovation offices)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from core.decorators import login_required_keep_input
from core.forms import apply
from core.http import AuthenticatedRequest, Request
from core.pagination import DeferredJoinPaginator, page_range
from core.public_cache import public_page
from spread.sharing import selectors, services
from spread.sharing.feeds import atom_feed
from spread.sharing.forms import ImportForm

PAGE_SIZE = 25


@require_safe
@public_page(same_for_everyone=True)
def examples_atom(request: Request) -> HttpResponse:
    feed = atom_feed()
    response = HttpResponse(content_type="application/atom+xml; charset=utf-8")
    feed.write(response, "utf-8")
    response["Access-Control-Allow-Origin"] = "*"
    return response


@login_required_keep_input
def import_examples(request: AuthenticatedRequest) -> HttpResponse:
    """The innovation office types in another city's feed address; its examples come in as external ones."""
    if not request.user.has_perm("spread.import_examples"):
        raise PermissionDenied
    form = ImportForm(request.POST or None)
    result = None
    if request.method == "POST" and form.is_valid():
        result = apply(form, lambda: services.examples_import(by=request.user, url=form.cleaned_data["url"]))
    paginator = DeferredJoinPaginator(selectors.external_examples(), PAGE_SIZE)
    page_obj = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "spread/sharing/import.html",
        {"form": form, "result": result, "page_obj": page_obj, "page_range": page_range(page_obj)},
    )
