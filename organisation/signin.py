"""Signing in through OpenID Connect or SAML 2.0: staff with the city's account, residents with Swedish e-ID.

allauth's openid_connect provider runs the flow (settings ``SOCIALACCOUNT_PROVIDERS``, one app per provider,
``city`` and ``eid``), or its SAML provider for a city whose accounts are in ADFS (``city-adfs``, the
assertion's attributes read as the staff claims); this adapter decides who the person is from the claims (ADR 0036):

- **City account**: the unit claim must name a known unit (otherwise the sign-in is refused); an existing
  staff account with the same employee number or confirmed email address is the same person; a new person is
  created as staff, address confirmed; at every sign-in the unit follows the claim (logged in the audit).
- **e-ID**: the personal identity number is checked and kept only as a keyed hash and a date of birth; it finds
  the person again, or links to the signed-in resident (``process=connect`` from their settings page).
"""

from __future__ import annotations

from typing import Any

from allauth.account.models import EmailAddress
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.forms import SignupForm as AllauthSocialSignupForm
from allauth.socialaccount.models import SocialLogin
from django.conf import settings
from django.contrib import messages
from django.db.models import Q
from django.http import HttpRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.errors import DomainError
from organisation.identity import parse_identity_number
from organisation.models import PersonKind, Unit, User
from organisation.services import person_link_eid, staff_sign_in_update


def _is_saml(sociallogin: SocialLogin) -> bool:
    return sociallogin.provider.id == "saml"


def _claims(sociallogin: SocialLogin) -> dict[str, Any]:
    data = sociallogin.account.extra_data or {}
    if _is_saml(sociallogin):
        return _saml_claims(data, sociallogin.provider.app.settings.get("attribute_mapping", {}))
    return data.get("userinfo") or data.get("id_token") or {}


def _saml_claims(attributes: dict[str, list[str]], mapping: dict[str, str | list[str]]) -> dict[str, str]:
    """A SAML assertion's attributes under the names the settings give them, each its first value."""
    claims: dict[str, str] = {}
    for key, names in mapping.items():
        for name in [names] if isinstance(names, str) else names:
            if attributes.get(name):
                claims[key] = str(attributes[name][0])
                break
    claims["name"] = " ".join(part for part in (claims.get("first_name"), claims.get("last_name")) if part)
    return claims


def _claim_names(sociallogin: SocialLogin) -> dict[str, str]:
    if _is_saml(sociallogin):
        return {"employee_number": "employee_number", "unit": "unit"}
    return sociallogin.provider.app.settings.get("claims", {})


def _forget_claim(sociallogin: SocialLogin, name: str) -> None:
    """The number leaves the claims allauth keeps (the account's ``extra_data``, the session) once it is read."""
    data = sociallogin.account.extra_data or {}
    for part in (data, data.get("userinfo") or {}, data.get("id_token") or {}):
        part.pop(name, None)


def refuse(request: HttpRequest, message: str, *, status: int = 403) -> ImmediateHttpResponse:
    """The sign-in stops here, with a page saying why and what to do."""
    return ImmediateHttpResponse(render(request, "socialaccount/refused.html", {"message": message}, status=status))


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    error_messages = {
        **DefaultSocialAccountAdapter.error_messages,
        "email_taken": gettext_lazy(
            "There is already an account with this email address. Sign in with it first, then link your %s on "
            "your settings page."
        ),
        "connected_other": gettext_lazy("This e-ID is already linked to another account in Språng."),
    }

    def pre_social_login(self, request: HttpRequest, sociallogin: SocialLogin) -> None:
        provider_id = sociallogin.provider.app.provider_id
        if provider_id == settings.STAFF_OIDC_PROVIDER or _is_saml(sociallogin):
            self._staff(request, sociallogin)
        elif provider_id == settings.EID_OIDC_PROVIDER:
            self._eid(request, sociallogin)

    # The city's account --------------------------------------------------------------------------------

    def _staff(self, request: HttpRequest, sociallogin: SocialLogin) -> None:
        claims, names = _claims(sociallogin), _claim_names(sociallogin)
        unit_code = str(claims.get(names.get("unit", "unit_code")) or "").strip()
        employee_number = str(claims.get(names.get("employee_number", "employee_number")) or "").strip() or None
        unit = Unit.objects.filter(code=unit_code).first() if unit_code else None
        if unit is None:
            raise refuse(
                request,
                _(
                    "Your account at the city names the unit %(code)s, which Språng does not know. Ask the city's "
                    "innovation office to add the unit to Språng's organisation, then sign in again."
                )
                % {"code": unit_code or "–"},
            )
        # The city's own directory vouches for its addresses.
        for address in sociallogin.email_addresses:
            address.verified = True
        if sociallogin.is_existing:
            user = sociallogin.user
        else:
            user = self._same_staff_person(request, sociallogin, employee_number)
            if user is None:
                new = sociallogin.user
                new.kind, new.unit, new.employee_number = PersonKind.EMPLOYEE, unit, employee_number
                new.name = new.name or str(claims.get("name") or "").strip()
                return
        try:
            staff_sign_in_update(user=user, unit=unit, employee_number=employee_number)
        except DomainError as exc:
            raise refuse(request, exc.message) from exc
        if not sociallogin.is_existing:
            sociallogin.connect(request, user)

    def _same_staff_person(self, request, sociallogin: SocialLogin, employee_number: str | None) -> User | None:
        emails = [a.email.lower() for a in sociallogin.email_addresses]
        match = Q(pk__in=EmailAddress.objects.filter(email__in=emails, verified=True).values("user_id"))
        if employee_number:
            match |= Q(employee_number=employee_number)
        found = list(User.objects.filter(match)[:2])
        if len(found) > 1:
            raise refuse(
                request,
                _(
                    "Your employee number and your email address belong to two different accounts in Språng. "
                    "Contact the city's innovation office."
                ),
            )
        if found and found[0].kind != PersonKind.EMPLOYEE:
            raise refuse(
                request,
                _(
                    "There is an account in Språng for a resident, supplier or partner with your email address. "
                    "Contact the city's innovation office to make it your staff account."
                ),
            )
        return found[0] if found else None

    # Swedish e-ID --------------------------------------------------------------------------------------

    def _eid(self, request: HttpRequest, sociallogin: SocialLogin) -> None:
        claims, names = _claims(sociallogin), _claim_names(sociallogin)
        try:
            number = parse_identity_number(str(claims.get(names.get("identity_number", "")) or ""))
        except DomainError as exc:
            raise refuse(request, exc.message) from exc
        finally:
            _forget_claim(sociallogin, names.get("identity_number", ""))
        if sociallogin.state.get("process") == "connect" and request.user.is_authenticated:
            try:
                person_link_eid(user=request.user, number=number)  # type: ignore[arg-type]
            except DomainError as exc:
                messages.error(request, exc.message)
                raise ImmediateHttpResponse(redirect("core:profile")) from exc
            return
        if sociallogin.is_existing:
            return
        known = User.objects.filter(identity_hash=number.keyed_hash).first()
        if known is not None:
            sociallogin.connect(request, known)
            return
        new = sociallogin.user
        new.kind, new.identity_hash, new.birth_date = PersonKind.RESIDENT, number.keyed_hash, number.birth_date
        given = " ".join(str(claims.get(k) or "") for k in ("given_name", "family_name")).strip()
        new.name = str(claims.get("name") or "").strip() or given

    # Both --------------------------------------------------------------------------------------------

    def is_open_for_signup(self, request: HttpRequest, sociallogin: SocialLogin) -> bool:
        return True

    def save_user(self, request: HttpRequest, sociallogin: SocialLogin, form=None):
        user = sociallogin.user
        user.language = translation.get_language() or "sv"
        if form is not None and form.cleaned_data.get("name"):
            user.name = form.cleaned_data["name"].strip()
        return super().save_user(request, sociallogin, form=form)

    def get_connect_redirect_url(self, request: HttpRequest, socialaccount) -> str:
        return reverse("core:profile")


class SocialSignupForm(AllauthSocialSignupForm):
    """What a person signing in for the first time gives when the provider did not: their email address and name.

    The kind of person comes from the provider (staff or resident), so the sign-up form's other fields go.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name in ("kind", "org_name", "org_number"):
            self.fields.pop(name, None)
        self.fields["email"].label = _("Email address")
        self.fields["email"].help_text = _("We send a link there for you to confirm that the address is yours.")
        self.fields["email"].widget.attrs.pop("placeholder", None)
        self.fields["name"].initial = self.sociallogin.user.name

    def signup(self, request, user) -> None:
        """Nothing more: the provider's claims already made the person (``SocialAccountAdapter``)."""
