from __future__ import annotations

from typing import cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import DesignSystemFormMixin
from governance.forms import UnitChoiceField
from organisation.models import Unit


class ImportForm(DesignSystemFormMixin, forms.Form):
    year = forms.IntegerField(
        label=_("Year"),
        min_value=2000,
        max_value=2100,
        help_text=_("The year the survey was made. Every row of the file must have this year."),
    )
    file = forms.FileField(label=_("CSV file from the survey vendor"))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("year", timezone.localdate().year)


class ResultFilterForm(DesignSystemFormMixin, forms.Form):
    hide_optional = True
    unit = UnitChoiceField(label=_("Unit"), required=False, queryset=Unit.objects.none(), empty_label=_("Every unit"))
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("unit", _("Unit")),
            ("item", _("Item")),
            ("mean", _("Highest mean first")),
            ("mean_low", _("Lowest mean first")),
        ],
    )

    def __init__(self, *args, units=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["unit"]).queryset = units if units is not None else Unit.objects.none()


class ItemWordingForm(DesignSystemFormMixin, forms.Form):
    text_en = forms.CharField(
        label=_("The item in English"),
        required=False,
        max_length=400,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Leave it empty to show the Swedish wording on the English pages too."),
    )
    #: The wording the form was opened with: a change by someone else meanwhile is not overwritten.
    was = forms.CharField(required=False, widget=forms.HiddenInput)
