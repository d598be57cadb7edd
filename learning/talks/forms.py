"""The forms of the development talks: the manager's filter and record of a talk, and the idea sent from a talk."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.forms import DateField, DesignSystemFormMixin
from ideas.forms import IdeaForm, UnitChoiceField
from learning.talks.services import IDEAS_MAX
from organisation.models import Unit

YES_NO = [("yes", _("Yes")), ("no", _("No"))]


class TalkFilterForm(DesignSystemFormMixin, forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, choices=[], required=False)
    unit = UnitChoiceField(
        label=_("Unit"), queryset=Unit.objects.none(), required=False, empty_label=_("All your units")
    )
    q = forms.CharField(
        label=_("Search by name"), required=False, max_length=200, widget=forms.TextInput(attrs={"type": "search"})
    )

    def __init__(self, *args, years: list[int], units, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(year, str(year)) for year in years]  # type: ignore[attr-defined]
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]


class TalkForm(DesignSystemFormMixin, forms.Form):
    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    held_on = DateField(label=_("When was the talk held?"))
    innovation_discussed = forms.TypedChoiceField(
        label=_("Did you talk about innovation?"),
        choices=YES_NO,
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        help_text=_(
            "For example new ways of working, ideas for the unit, or what gets in the way of trying new things."
        ),
    )
    ideas_count = forms.IntegerField(
        label=_("How many ideas came of the talk?"),
        min_value=0,
        max_value=IDEAS_MAX,
        initial=0,
        help_text=_("Only the number. Write 0 if none came up."),
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3", "inputmode": "numeric"}),
    )

    def __init__(self, *args, year: int | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # The date's examples fall within the talk's year and not after today (1 March, or today early in the year).
        today = timezone.localdate()
        example = min(datetime.date(year or today.year, 3, 1), today)
        examples = {"iso": example.isoformat(), "written": date_format(example, "j F Y")}
        held_on = self.fields["held_on"]
        held_on.help_text = gettext("For example %(iso)s or %(written)s.") % examples
        held_on.error_messages["invalid"] = gettext("Enter a real date, for example %(iso)s or %(written)s.") % examples
        ideas = gettext("Write the number of ideas as a whole number from 0 to %(max)d.") % {"max": IDEAS_MAX}
        for code in ("required", "invalid", "min_value", "max_value", "step_size"):
            self.fields["ideas_count"].error_messages[code] = ideas


class TalkIdeaForm(IdeaForm):
    """The idea form, filled in with the employee's unit; what they raised in the talk they write themselves."""
