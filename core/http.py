"""The request as Språng's views see it, for the type checker.

Django's ``HttpRequest`` knows neither django-htmx's ``request.htmx`` nor which user model signs in. A view
behind ``login_required`` takes an ``AuthenticatedRequest`` (``request.user`` is a ``User``); any other view a
``Request`` (``request.user`` may be anonymous). Nothing here exists at run time beyond ``HttpRequest`` itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser
    from django_htmx.middleware import HtmxDetails

    from organisation.models import User


class Request(HttpRequest):
    """A request through Språng's middleware: ``htmx`` says whether htmx sent it, ``user`` may be anonymous."""

    htmx: HtmxDetails
    user: User | AnonymousUser  # type: ignore[assignment]


class AuthenticatedRequest(Request):
    """A request to a view behind ``login_required``: someone is signed in."""

    user: User  # type: ignore[assignment]
