from allauth.account.adapter import DefaultAccountAdapter
from django.utils import translation
from django.utils.translation import gettext_lazy as _


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "too_many_login_attempts": _(
            "Too many failed attempts to sign in. Wait a few minutes before you try again, "
            "or reset your password if you have forgotten it."
        ),
    }

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        # Self-registered people are residents or suppliers (the form offers nothing else); never city staff.
        user.kind = form.cleaned_data["kind"]
        user.language = translation.get_language() or "sv"
        if not user.name:
            user.name = form.cleaned_data.get("name", "")
        if commit:
            user.save()
        return user


def user_display(user) -> str:
    return user.name or user.email
