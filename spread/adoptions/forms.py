from __future__ import annotations

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import DateField, DesignSystemFormMixin
from spread.adoptions.selectors import SCOPES, SORT_LABELS
from spread.adoptions.services import NOTE_MAX
from spread.adoptions.states import targets_from
from spread.models import AdoptionState


class AdoptForm(DesignSystemFormMixin, forms.Form):
    unit = forms.TypedChoiceField(
        label=_("Which unit is adopting it?"),
        help_text=_("Only the units you lead, outside the example's own part of the organisation."),
        coerce=int,
        error_messages={"required": _("Choose the unit that is adopting the example.")},
    )
    start_date = DateField(
        label=_("Start date"),
        help_text=_("When the unit starts, or started, to work with it."),
        error_messages={"required": _("Enter the start date.")},
    )
    changes = forms.CharField(
        label=_("What do you change?"),
        help_text=_("How you adapt the example to your unit, and what you do differently from before."),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Describe what you change in your unit.")},
    )

    def __init__(self, *args, units, fixed_unit=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        unit = cast(forms.TypedChoiceField, self.fields["unit"])
        if fixed_unit is not None:
            unit.choices = [(fixed_unit.pk, fixed_unit.name)]
            unit.initial = fixed_unit.pk
        else:
            unit.choices = [("", _("Choose a unit")), *((u.pk, u.name) for u in units)]


class StepForm(DesignSystemFormMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    to_state = forms.ChoiceField(
        label=_("Where has the adoption come?"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the adoption's new state.")},
    )
    on = DateField(label=_("Date"), error_messages={"required": _("Enter the date of the step.")})
    note = forms.CharField(
        label=_("Short note"),
        max_length=NOTE_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    evidence = forms.CharField(
        label=_("Evidence that it works here"),
        help_text=_("Needed when it is in use: what you have measured or seen in your unit."),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    stopped_reason = forms.CharField(
        label=_("Why did it stop?"),
        help_text=_("Needed when it stops, so that other units can learn from it."),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, adoption, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        targets = targets_from(adoption.state)
        cast(forms.ChoiceField, self.fields["to_state"]).choices = [(s, AdoptionState(s).label) for s in targets]
        #: The evidence is asked for only where the adoption can still go into use.
        self.asks_evidence = AdoptionState.IN_USE in targets


class ListFilterForm(forms.Form):
    scope = forms.ChoiceField(label=_("Show"), choices=SCOPES, required=False)
    state = forms.ChoiceField(
        label=_("State"),
        choices=[("", _("Any state")), ("running", _("Not stopped")), *AdoptionState.choices],
        required=False,
    )
    q = forms.CharField(label=_("Example or unit"), required=False, max_length=100)
    sort = forms.ChoiceField(label=_("Sort by"), choices=SORT_LABELS, required=False)


class ChooseExampleForm(forms.Form):
    q = forms.CharField(label=_("Search the good examples"), required=False, max_length=100)
