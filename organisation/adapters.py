from allauth.account.adapter import DefaultAccountAdapter
from django.utils import translation
from django.utils.translation import gettext_lazy as _


class AccountAdapter(DefaultAccountAdapter):
    # allauth's messages in Språng's words (templates/account/ holds the pages' own text).
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "account_inactive": _("This account is closed."),
        "cannot_remove_primary_email": _("Your main email address cannot be removed."),
        "duplicate_email": _("Your account already has this email address."),
        "email_password_mismatch": _("The email address or the password is wrong."),
        "email_taken": _("There is already an account with this email address."),
        "enter_current_password": _("Write your current password."),
        "incorrect_code": _("The code is wrong."),
        "incorrect_password": _("The password is wrong."),
        "invalid_or_expired_key": _("The link has expired or has already been used."),
        "invalid_password_reset": _("The link to reset your password has expired or has already been used."),
        "max_email_addresses": _("An account can have at most %d email addresses."),
        "unknown_email": _("There is no account with this email address."),
        "unverified_primary_email": _("Only a confirmed address can be the main one. Confirm the address first."),
        "select_only_one": _("Choose only one."),
        "same_as_current": _("The new value must differ from the current one."),
        "rate_limited": _("Too many requests. Wait a minute and try again."),
        "too_many_login_attempts": _(
            "Too many failed attempts to sign in. Wait a few minutes before you try again, "
            "or reset your password if you have forgotten it."
        ),
    }

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        # Self-registered people are residents or suppliers (the form offers nothing else); never city staff.
        # A first sign-in through the city's account or e-ID has its kind from the provider (organisation.signin).
        if "kind" in form.cleaned_data:
            user.kind = form.cleaned_data["kind"]
        user.language = translation.get_language() or "sv"
        if not user.name:
            user.name = form.cleaned_data.get("name", "")
        if commit:
            user.save()
        return user


def user_display(user) -> str:
    return str(user.name or user.email)
