from __future__ import annotations

from django import forms
from django.contrib.auth.password_validation import validate_password
from django.utils.translation import gettext_lazy as _

from core.forms import DesignSystemFormMixin
from core.uploads import ACCEPT
from spread.models import NetworkKind


class NetworkForm(DesignSystemFormMixin, forms.Form):
    name = forms.CharField(label=_("Name of the network"), max_length=200)
    kind = forms.ChoiceField(
        label=_("Kind of network"),
        choices=NetworkKind.choices,
        help_text=_(
            "City staff may join a sector network themselves; a network with members from outside the city takes "
            "members by invitation only."
        ),
    )
    description = forms.CharField(
        label=_("What is the network for?"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Who it is for and what members share, so that people know whether to join."),
    )
    sector = forms.CharField(
        label=_("Sector"), max_length=30, required=False, help_text=_("For example: school, elderly care.")
    )


class NetworkEditForm(DesignSystemFormMixin, forms.Form):
    name = forms.CharField(label=_("Name of the network"), max_length=200)
    description = forms.CharField(
        label=_("What is the network for?"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5})
    )


class HandOverForm(DesignSystemFormMixin, forms.Form):
    """No input: the confirmation naming the new owner, with the network's version it was shown with."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class PostForm(DesignSystemFormMixin, forms.Form):
    body = forms.CharField(
        label=_("Start a new thread"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Write @ and a member's full name, for example @Amira Haddad, to let them know."),
    )


class ReplyForm(DesignSystemFormMixin, forms.Form):
    body = forms.CharField(label=_("Your reply"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))


class HidePostForm(DesignSystemFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Why is the post hidden?"),
        max_length=300,
        help_text=_("Shown in the post's place, for example: personal data about a resident."),
    )


class NetworkFileForm(DesignSystemFormMixin, forms.Form):
    file = forms.FileField(
        label=_("Add a file"),
        help_text=_("PDF, images, Word, Excel, PowerPoint, OpenDocument or text, at most 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )


class InvitationForm(DesignSystemFormMixin, forms.Form):
    email = forms.EmailField(
        label=_("Email address of the person you invite"),
        max_length=254,
        help_text=_("They get a link that works for 14 days and lets them see this network only."),
        error_messages={"invalid": _("Write the email address as name@example.se.")},
    )


class PartnerAccountForm(DesignSystemFormMixin, forms.Form):
    name = forms.CharField(
        label=_("Your name"),
        max_length=150,
        help_text=_("As the other members will see it, for example: Eva Ek, Uppsala kommun."),
    )
    password = forms.CharField(
        label=_("Choose a password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 10 characters, not only digits and not a common password."),
    )

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        validate_password(password)
        return password
