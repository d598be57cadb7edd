"""The admin site, signed in to only through the product's own sign-in and with a second step.

The admin's own login form is never shown: ``/admin/login/`` sends a visitor to the ordinary
sign-in (django-allauth), so the admin site has the same throttling of failed sign-ins, and a
staff member gets in only once their sign-in was confirmed with an authenticator app
(``allauth.mfa``: a code from the app, or one of their recovery codes). A staff member without
an authenticator app is sent to set one up first, told why.
"""

from __future__ import annotations

from allauth.account.decorators import secure_admin_login
from allauth.account.utils import get_next_redirect_url
from allauth.mfa.utils import is_mfa_enabled
from django.contrib import admin, messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache


@secure_admin_login
def _signed_in_staff_onwards(request: HttpRequest) -> HttpResponse:
    """A signed-in, active staff member: on to set up the second step, or on to the admin site."""
    next_url = get_next_redirect_url(request) or reverse("admin:index")
    if not is_mfa_enabled(request.user):
        messages.info(
            request,
            _(
                "The admin site asks for a second step when you sign in: a code from an authenticator app "
                "on your phone or computer. Set up the app now; then you can continue to the admin site."
            ),
        )
        return HttpResponseRedirect(f"{reverse('mfa_activate_totp')}?{urlencode({'next': next_url})}")
    return HttpResponseRedirect(next_url)


class AdminSite(admin.AdminSite):
    """Django's admin site for staff who signed in with a second step."""

    site_header = gettext_lazy("Språng – administration")
    site_title = gettext_lazy("Språng administration")
    index_title = gettext_lazy("Administration")

    def has_permission(self, request: HttpRequest) -> bool:
        return super().has_permission(request) and is_mfa_enabled(request.user)

    @method_decorator(never_cache)
    def login(self, request: HttpRequest, extra_context: dict | None = None) -> HttpResponse:
        return _signed_in_staff_onwards(request)
