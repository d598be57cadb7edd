"""The forms of the policy register: searching it, adding or changing a document, and removing one."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import DateField, DesignSystemFormMixin
from ideas.forms import UnitChoiceField, idea_units
from learning.models import PolicyStatus
from learning.policies.selectors import SORTS
from learning.policies.services import TITLE_MAX

SORT_CHOICES = [
    ("title", _("Name, A–Z")),
    ("status", _("Status")),
    ("reviewed", _("Reviewed, latest first")),
    ("updated", _("Changed, latest first")),
]
assert {key for key, _label in SORT_CHOICES} == set(SORTS)  # noqa: S101 - every sort is offered


class PolicyFilterForm(DesignSystemFormMixin, forms.Form):
    q = forms.CharField(
        label=_("Search"), required=False, max_length=200, widget=forms.TextInput(attrs={"type": "search"})
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Every status")), *PolicyStatus.choices], required=False
    )
    sort = forms.ChoiceField(label=_("Sort by"), choices=SORT_CHOICES, required=False)


class PolicyForm(DesignSystemFormMixin, forms.Form):
    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    title = forms.CharField(
        label=_("Name of the document"),
        max_length=TITLE_MAX,
        help_text=_("For example “Policy for skills development”."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    url = forms.URLField(
        label=_("Link to the document"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=_("Where staff can read the document, if it is published."),
        widget=forms.URLInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    owner = UnitChoiceField(
        label=_("Owner"),
        queryset=idea_units(),
        help_text=_("The unit responsible for the document, usually the executive office's HR department."),
    )
    status = forms.ChoiceField(label=_("Status of the review"), choices=PolicyStatus.choices, widget=forms.RadioSelect)
    reviewed_on = DateField(label=_("Reviewed on"), required=False, help_text=_("Needed when the review is done."))
    conclusion = forms.CharField(
        label=_("The review's conclusion"),
        required=False,
        help_text=_(
            "How the document encourages innovation, or what stands in the way. Needed when the review is done."
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    change_decided = forms.CharField(
        label=_("The change decided"),
        required=False,
        help_text=_("What will change in the document. Needed when a change has been decided."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ConfirmForm(DesignSystemFormMixin, forms.Form):
    lock_version = forms.IntegerField(widget=forms.HiddenInput)
