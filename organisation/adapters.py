from allauth.account.adapter import DefaultAccountAdapter
from django.utils import translation


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        user.language = translation.get_language() or "sv"
        if not user.name:
            user.name = form.cleaned_data.get("name", "")
        if commit:
            user.save()
        return user


def user_display(user) -> str:
    return user.name or user.email
