"""A supplier organisation's own page (thin: reads through ``selectors``)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from core.http import AuthenticatedRequest
from procurement.suppliers import selectors


@never_cache
@login_required
def supplier_home(request: AuthenticatedRequest) -> HttpResponse:
    """Everything the person's organisation has going on with the city; for suppliers' people only."""
    if not request.user.has_perm("procurement.view_supplier_page"):
        raise PermissionDenied
    supplier = request.user.supplier
    if supplier is None:  # the rule asks for one; kept for the type checker
        raise PermissionDenied
    page = selectors.supplier_page(supplier=supplier, now=timezone.now())
    return render(
        request,
        "procurement/suppliers/home.html",
        {"page": page, "now": timezone.now(), "answer_days": settings.SPRANG_FIRST_ANSWER_DAYS},
    )
