from __future__ import annotations

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import DesignSystemFormMixin
from governance.forms import UnitChoiceField
from organisation.models import Unit


class ImportForm(DesignSystemFormMixin, forms.Form):
    file = forms.FileField(
        label=_("CSV file from the learning platform"),
        help_text=_("One completion a line. Nothing is imported unless every line is right."),
    )


class StaffFilterForm(DesignSystemFormMixin, forms.Form):
    hide_optional = True
    q = forms.CharField(label=_("Search by name"), required=False, max_length=100)
    unit = UnitChoiceField(label=_("Unit"), required=False, queryset=Unit.objects.none(), empty_label=_("All my units"))
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("name", _("Name")),
            ("unit", _("Unit")),
            ("intro", _("Introduction not done first")),
            ("completions", _("Most completions first")),
            ("latest", _("Latest completion first")),
        ],
    )

    def __init__(self, *args, units=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["unit"]).queryset = units if units is not None else Unit.objects.none()
