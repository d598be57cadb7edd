"""A partner outside the city sees the networks they were invited into, and nothing else in Språng.

``PartnerFence`` (a middleware) turns away a signed-in partner (``PersonKind.PARTNER``) from every view
that is not marked ``open_to_partners`` and not one of the few account pages everyone needs (signing out,
changing the password, the language, their notifications, their own data, asking to have their account
removed): the answer is 404, as for a page that does not exist. It denies by default, so a page or API endpoint added later is closed to
partners until it says otherwise. The networks' own views, which are open to partners, still check
membership of the very network asked for. The start page sends a partner to their networks.

The fence also tells the page what it would refuse: ``request.opens(target)`` (a URL name or a path), which
``core``'s template filter ``opens`` asks, so the header and the footer leave out the links a partner could
not follow.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.http import Http404, HttpResponseRedirect
from django.urls import NoReverseMatch, Resolver404, resolve, reverse

from organisation.models import PersonKind

V = TypeVar("V", bound=Callable)

#: Account pages a partner needs like anyone else, by view name (with its namespace).
ACCOUNT_PAGES = frozenset(
    {
        "account_login",
        "account_logout",
        "account_reauthenticate",
        "account_change_password",
        "account_reset_password",
        "account_reset_password_done",
        "account_reset_password_from_key",
        "account_reset_password_from_key_done",
        "set_language",
        "core:language",
        "core:notifications",
        "core:profile",
        "core:profile_data",
        # Anyone but a city employee may ask to have their account removed (GDPR art. 17), a partner too.
        "organisation:erasure_ask",
        "core:health",
        # What the city must tell everyone using the service (the accessibility statement, the privacy notice):
        # pages with nothing from the city's work on them.
        "core:accessibility",
        "core:privacy",
    }
)


def open_to_partners(view: V) -> V:
    """Mark a view as one a partner outside the city may reach (it must still check what they may see)."""
    view.open_to_partners = True  # type: ignore[attr-defined]
    return view


def is_partner(user) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and user.kind == PersonKind.PARTNER


def opens(user, target: str) -> bool:
    """Whether the page at ``target`` (a URL name without arguments, or a path) lets the person in past the fence."""
    if not is_partner(user):
        return True
    try:
        match = resolve(target if target.startswith("/") else reverse(target))
    except (NoReverseMatch, Resolver404):
        return False
    if getattr(match.func, "open_to_partners", False):
        return True
    return match.view_name in ACCOUNT_PAGES or match.view_name == "core:home"


class PartnerFence:
    def __init__(self, get_response: Callable) -> None:
        self.get_response = get_response

    def __call__(self, request):
        request.opens = lambda target: opens(getattr(request, "user", None), target)
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not is_partner(getattr(request, "user", None)):
            return None
        if getattr(view_func, "open_to_partners", False):
            return None
        match = request.resolver_match
        name = match.view_name if match is not None else None
        if name in ACCOUNT_PAGES:
            return None
        if name == "core:home":
            return HttpResponseRedirect(reverse("spread:networks"))
        raise Http404
