"""allauth's account forms in Språng's words: sentence-case labels, no placeholders (ACCOUNT_FORMS).

allauth's own labels are title case in English ("Remember Me") and its Swedish differs from ours;
the pages' own text lives in templates/account/.
"""

from __future__ import annotations

from typing import ClassVar

from allauth.account import forms as allauth_forms
from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from organisation.models import PersonKind

PASSWORD_HELP = _("At least 10 characters. Not only digits, not a common password and not like your name or email.")


class RelabelledMixin:
    """Replaces labels and help texts and drops allauth's placeholders (the label says it, once)."""

    labels: ClassVar[dict] = {}
    help_texts: ClassVar[dict] = {}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():  # type: ignore[attr-defined]
            field.widget.attrs.pop("placeholder", None)
            if name in self.labels:
                field.label = self.labels[name]
            if name in self.help_texts:
                field.help_text = self.help_texts[name]


class LoginForm(RelabelledMixin, allauth_forms.LoginForm):
    labels: ClassVar[dict] = {"login": _("Email address"), "password": _("Password"), "remember": _("Remember me")}
    # The page links to the password reset below the form.
    help_texts: ClassVar[dict] = {"password": ""}

    def clean(self):
        data = super().clean()
        user = getattr(self, "user", None)
        if user is not None and user.kind == PersonKind.EMPLOYEE and not settings.SPRANG_STAFF_PASSWORD_SIGN_IN:
            raise forms.ValidationError(
                _("City staff sign in with the city's account: use the button “Sign in with %(name)s” above.")
                % {"name": staff_provider_name() or _("the city's account")}
            )
        return data

    @property
    def staff_provider(self) -> str | None:
        """The name of the button staff sign in with, when the city has one (the page points staff to it)."""
        return staff_provider_name()


def staff_provider_name() -> str | None:
    """The name of the city's account for staff, over OpenID Connect or SAML; ``None`` when neither is set up."""
    providers = settings.SOCIALACCOUNT_PROVIDERS
    for app in providers.get("openid_connect", {}).get("APPS", []):
        if app["provider_id"] == settings.STAFF_OIDC_PROVIDER:
            return app["name"]
    for app in providers.get("saml", {}).get("APPS", []):
        return app["name"]
    return None


class SignupForm(RelabelledMixin, allauth_forms.SignupForm):
    labels: ClassVar[dict] = {"email": _("Email address"), "password1": _("Password"), "password2": _("Password again")}
    help_texts: ClassVar[dict] = {
        "email": _("We send a link there for you to confirm that the address is yours."),
        "password1": PASSWORD_HELP,
    }


class ResetPasswordForm(RelabelledMixin, allauth_forms.ResetPasswordForm):
    labels: ClassVar[dict] = {"email": _("Email address")}


class ResetPasswordKeyForm(RelabelledMixin, allauth_forms.ResetPasswordKeyForm):
    labels: ClassVar[dict] = {"password1": _("New password"), "password2": _("New password again")}
    help_texts: ClassVar[dict] = {"password1": PASSWORD_HELP}


class ChangePasswordForm(RelabelledMixin, allauth_forms.ChangePasswordForm):
    labels: ClassVar[dict] = {
        "oldpassword": _("Current password"),
        "password1": _("New password"),
        "password2": _("New password again"),
    }
    help_texts: ClassVar[dict] = {"oldpassword": "", "password1": PASSWORD_HELP}


class SetPasswordForm(RelabelledMixin, allauth_forms.SetPasswordForm):
    labels: ClassVar[dict] = {"password1": _("Password"), "password2": _("Password again")}
    help_texts: ClassVar[dict] = {"password1": PASSWORD_HELP}


class AddEmailForm(RelabelledMixin, allauth_forms.AddEmailForm):
    labels: ClassVar[dict] = {"email": _("Email address")}


class ReauthenticateForm(RelabelledMixin, allauth_forms.ReauthenticateForm):
    labels: ClassVar[dict] = {"password": _("Password")}
    help_texts: ClassVar[dict] = {"password": ""}
