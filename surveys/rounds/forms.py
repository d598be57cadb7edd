"""The forms of the survey rounds and the questionnaire: the overview's search, a round, a question, a new version,
and the confirmations that carry the round's ``lock_version``."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import DateField, DesignSystemFormMixin
from organisation.models import Unit
from surveys.models import QuestionKind, QuestionnaireVersion, Round, RoundState, TargetGroup, Theme
from surveys.rounds.selectors import ROUND_SORTS
from surveys.rounds.services import NAME_MAX, TEXT_MAX


class TreeUnitChoiceField(forms.ModelChoiceField):
    """The unit tree in a select box, each unit indented under the one above it."""

    def label_from_instance(self, obj: Unit) -> str:
        return "\u2003" * max(obj.depth - 1, 0) + obj.name


class VersionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: QuestionnaireVersion) -> str:
        return str(_("Version %(number)s") % {"number": obj.number})


class RoundForm(DesignSystemFormMixin, forms.Form):
    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    name_sv = forms.CharField(
        label=_("Name in Swedish"), max_length=NAME_MAX, widget=forms.TextInput(attrs={"autocomplete": "off"})
    )
    name_en = forms.CharField(
        label=_("Name in English"), max_length=NAME_MAX, widget=forms.TextInput(attrs={"autocomplete": "off"})
    )
    year = forms.IntegerField(
        label=_("The year the round measures"),
        help_text=_("Results and trends are shown by year."),
        min_value=2000,
        max_value=2100,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "class": "govuk-input--width-4"}),
    )
    version = VersionChoiceField(
        label=_("Questionnaire version"), queryset=QuestionnaireVersion.objects.none(), empty_label=None
    )
    target_group = forms.ChoiceField(
        label=_("Who gets the survey?"), choices=TargetGroup.choices, widget=forms.RadioSelect
    )
    unit = TreeUnitChoiceField(
        label=_("Unit"),
        help_text=_("The people of this unit and the units below it are asked. Choose the city to ask everyone."),
        queryset=Unit.objects.order_by("path"),
    )
    opens_on = DateField(label=_("Opens"))
    closes_on = DateField(label=_("Last day for answers"))
    reminder_days = forms.CharField(
        label=_("Reminder days"),
        required=False,
        max_length=60,
        help_text=_(
            "Days after opening on which those who have not answered get a reminder, separated by commas, for "
            "example “7, 14”."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false", "class": "govuk-input--width-10"}),
    )

    #: What cannot change once a round is open (``services.round_update``).
    FIXED_WHEN_OPEN = ("year", "target_group", "unit", "opens_on")

    def __init__(self, *args, versions: Any = None, is_open: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name in self.FIXED_WHEN_OPEN if is_open else ():
            self.fields[name].disabled = True  # shown as set; a value sent for it is ignored
        if versions is None:
            del self.fields["version"]
        else:
            self.fields["version"].queryset = versions  # type: ignore[attr-defined]

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "name_sv": data["name_sv"],
            "name_en": data["name_en"],
            "year": data["year"],
            "target_group": data["target_group"],
            "unit": data["unit"],
            "opens_on": data["opens_on"],
            "closes_on": data["closes_on"],
            "reminder_days": data.get("reminder_days") or "",
        }

    @classmethod
    def initial_for(cls, round_: Round) -> dict[str, Any]:
        return {
            "lock_version": round_.lock_version,
            "name_sv": round_.name_sv,
            "name_en": round_.name_en,
            "year": round_.year,
            "target_group": round_.target_group,
            "unit": round_.unit_id,
            "opens_on": round_.opens_on,
            "closes_on": round_.closes_on,
            "reminder_days": ", ".join(str(d) for d in round_.reminder_days),
        }

    @classmethod
    def initial_new(cls, *, today: date, version: QuestionnaireVersion | None, city: Unit | None) -> dict[str, Any]:
        return {
            "year": today.year,
            "version": version.pk if version else None,
            "target_group": TargetGroup.MANAGERS,
            "unit": city.pk if city else None,
            "reminder_days": "7, 14",
        }


class ConfirmForm(DesignSystemFormMixin, forms.Form):
    """A confirmation: the round as the person saw it."""

    lock_version = forms.IntegerField(widget=forms.HiddenInput)


class SwitchVersionForm(ConfirmForm):
    version = VersionChoiceField(
        label=_("Version for the answers from now on"),
        queryset=QuestionnaireVersion.objects.none(),
        empty_label=None,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, versions: Any, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["version"].queryset = versions  # type: ignore[attr-defined]


class QuestionForm(DesignSystemFormMixin, forms.Form):
    text_sv = forms.CharField(
        label=_("Question in Swedish"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 3})
    )
    text_en = forms.CharField(
        label=_("Question in English"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 3})
    )
    theme = forms.ChoiceField(label=_("What is it about?"), choices=Theme.choices, widget=forms.RadioSelect)
    kind = forms.ChoiceField(label=_("Kind of question"), choices=QuestionKind.choices, widget=forms.RadioSelect)
    asks_something_new = forms.BooleanField(
        label=_("Asks something new: do not compare with earlier versions"),
        required=False,
        help_text=_(
            "Tick this when the change makes it a different question. Leave it when only the wording is clearer: "
            "the results are then compared with the earlier versions' answers."
        ),
    )

    def __init__(self, *args, editing: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not editing:
            del self.fields["asks_something_new"]


class NewVersionForm(DesignSystemFormMixin, forms.Form):
    note = forms.CharField(
        label=_("What changes in the new version?"),
        help_text=_("A note for those who read the results later, for example “Question 3 asks about time per week”."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )


STATE_CHOICES = [("", _("Every state")), *RoundState.choices]
SORT_CHOICES = [
    ("newest", _("Newest first")),
    ("oldest", _("Oldest first")),
    ("name", _("Name")),
    ("closes", _("Last day for answers")),
]
assert {key for key, _label in SORT_CHOICES} == set(ROUND_SORTS)  # noqa: S101 - every sort is offered


class RoundFilterForm(DesignSystemFormMixin, forms.Form):
    q = forms.CharField(
        label=_("Search by name"), required=False, max_length=200, widget=forms.TextInput(attrs={"type": "search"})
    )
    state = forms.ChoiceField(label=_("State"), choices=STATE_CHOICES, required=False)
    year = forms.TypedChoiceField(label=_("Year"), choices=(), coerce=int, required=False, empty_value=None)
    sort = forms.ChoiceField(label=_("Sort by"), choices=SORT_CHOICES, required=False)

    def __init__(self, *args, years: list[int], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("Every year")), *((y, str(y)) for y in years)]  # type: ignore[attr-defined]
