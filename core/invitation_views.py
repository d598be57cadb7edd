"""The page behind the link in an invitation email, shared by the apps that invite people from outside the city's
staff (a network's partners, a university's people): someone signed in accepts with a button; someone without an
account creates one for the invited address and is signed in; someone whose address already has an account is sent
to sign in first. A link that no longer works says why (410), as does a refused acceptance (403).

Each app describes its invitation with a small ``InvitationPage``: how a token is looked up and accepted (its
services, which keep the rules), the form for a new account, where to go afterwards and the page's texts. The
model-level steps (tokens, expiry, using a link once) are ``core.invitations``.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from core.errors import DomainError
from core.forms import apply
from core.http import Request


class InvitationPage:
    """What one app's invitation page needs to know. Subclasses fill in every method that raises here."""

    #: The form for someone without an account: ``name`` and ``password``.
    account_form: type[forms.Form]
    #: The page's title in the browser (a lazy text).
    title: Any = ""
    #: The button that creates the account.
    create_label: Any = ""
    #: Whether the account form offers signing in with an account under another address.
    offer_other_account = False

    def find(self, token: str) -> Any:
        """The invitation the token belongs to, or a ``DomainError`` saying why the link does not work."""
        raise NotImplementedError

    def accept(self, token: str, person: Any) -> Any:
        """The signed-in person accepts (a ``DomainError`` if they may not)."""
        raise NotImplementedError

    def accept_new_account(self, token: str, *, name: str, password: str) -> Any:
        """An account is created for the invited address and the invitation accepted; the new person."""
        raise NotImplementedError

    def heading(self, invitation: Any) -> str:
        raise NotImplementedError

    def lead(self, invitation: Any) -> str:
        """Who invited whom, and to what."""
        raise NotImplementedError

    def about(self, invitation: Any) -> str:
        """A description of what the invitation is to, shown set apart; empty for none."""
        return ""

    def welcome(self, invitation: Any, person: Any) -> str:
        raise NotImplementedError

    def done_url(self, invitation: Any) -> str:
        """Where the person goes once they have accepted."""
        raise NotImplementedError


def _refused(request: Request, page: InvitationPage, message: str, status: int) -> HttpResponse:
    return render(request, "core/invitation_refused.html", {"title": page.title, "message": message}, status=status)


def invitation_page(request: Request, token: str, page: InvitationPage) -> HttpResponse:
    """The invitation link's page for one app (see the module's description)."""
    try:
        invitation = page.find(token)
    except DomainError as exc:
        return _refused(request, page, exc.message, 410)
    user = request.user
    form = None
    if user.is_authenticated:
        if request.method == "POST":
            try:
                page.accept(token, user)
            except DomainError as exc:
                return _refused(request, page, exc.message, 403)
            messages.success(request, page.welcome(invitation, user))
            return redirect(page.done_url(invitation))
    elif not get_user_model().objects.filter(email=invitation.email).exists():
        form = page.account_form(request.POST or None)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            person = apply(form, lambda: page.accept_new_account(token, name=data["name"], password=data["password"]))
            if person is not None:
                login(request, person, backend="django.contrib.auth.backends.ModelBackend")
                messages.success(request, page.welcome(invitation, person))
                return redirect(page.done_url(invitation))
    return render(
        request,
        "core/invitation.html",
        {
            "invitation": invitation,
            "form": form,
            "login_url": reverse("account_login") + "?next=" + request.path,
            "title": page.title,
            "heading": page.heading(invitation),
            "lead": page.lead(invitation),
            "about": page.about(invitation),
            "create_label": page.create_label,
            "offer_other_account": page.offer_other_account,
        },
    )
