"""Forms of procurement cases. They check the shape of the input; the services check the rules."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import DateField, DesignSystemFormMixin
from core.validators import ID_MAX
from ideas.forms import VALUE_CHOICES, UnitChoiceField
from ideas.models import InnovationKind
from organisation.models import Unit, User
from procurement.models import CaseStage, Contract, ProcurementCase, ProcurementRoute, PurchaseKind


class CaseListForm(DesignSystemFormMixin, forms.Form):
    #: Every filter is optional; saying so at each would be noise.
    hide_optional = True
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    stage = forms.ChoiceField(label=_("Stage"), required=False, choices=[("", _("All stages")), *CaseStage.choices])
    route = forms.ChoiceField(
        label=_("Route"), required=False, choices=[("", _("All routes")), *ProcurementRoute.choices]
    )
    unit = UnitChoiceField(
        label=_("Unit"), required=False, queryset=Unit.objects.none(), empty_label=_("The whole city")
    )
    mine = forms.BooleanField(label=_("Only cases I am an officer of"), required=False)
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("newest", _("Newest first")),
            ("oldest", _("Oldest first")),
            ("value", _("Highest estimated value first")),
            ("title", _("Title")),
        ],
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["unit"]).queryset = Unit.objects.filter(depth__lte=3).order_by("path")


def _officer_label(user: User) -> str:
    return user.name


def _contract_label(contract: Contract) -> str:
    return f"{contract.title} ({contract.reference})" if contract.reference else contract.title


class CaseForm(DesignSystemFormMixin, forms.Form):
    """The case's estimate, plan, officer and affected contracts, as the officer makes or changes it."""

    title = forms.CharField(
        label=_("Title"), max_length=200, help_text=_("What the city wants to buy, in a few words.")
    )
    purchase_kind = forms.ChoiceField(
        label=_("What is bought?"),
        choices=PurchaseKind.choices,
        widget=forms.RadioSelect,
        help_text=_("The EU thresholds differ by what is bought."),
    )
    estimated_value_sek = forms.CharField(
        label=_("Estimated value, SEK"),
        max_length=14,
        help_text=_("The whole contract period with every option to extend, excluding VAT, in whole kronor."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-10"}),
    )
    period_months = forms.CharField(
        label=_("Contract period, months"),
        max_length=3,
        help_text=_("With every option to extend."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
    )
    officer = forms.ModelChoiceField(
        label=_("Responsible procurement officer"), queryset=User.objects.none(), empty_label=None
    )
    affected_contracts = forms.ModelMultipleChoiceField(
        label=_("Existing contracts the case affects"),
        queryset=Contract.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Contracts of the organisation that cover the same need, or that end or change with it."),
    )
    plan = forms.CharField(
        label=_("Plan"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What the market dialogue should find out, who takes part, and when each step is done."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, max_value=ID_MAX)

    def __init__(self, *args, officers, contracts, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        officer = cast(forms.ModelChoiceField, self.fields["officer"])
        officer.queryset = officers
        officer.label_from_instance = _officer_label  # type: ignore[method-assign,assignment]
        chosen = cast(forms.ModelMultipleChoiceField, self.fields["affected_contracts"])
        chosen.queryset = contracts
        chosen.label_from_instance = _contract_label  # type: ignore[method-assign,assignment]
        if not contracts.exists():
            del self.fields["affected_contracts"]

    @classmethod
    def initial_for(cls, case: ProcurementCase) -> dict[str, Any]:
        return {
            "title": case.title,
            "purchase_kind": case.purchase_kind,
            "estimated_value_sek": case.estimated_value_sek,
            "period_months": case.period_months,
            "officer": case.officer_id,
            "affected_contracts": [c.pk for c in case.affected_contracts.all()],
            "plan": case.plan,
            "version": case.version,
        }

    def case_data(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "purchase_kind": data["purchase_kind"],
            "estimated_value_sek": data["estimated_value_sek"].replace(" ", "").replace("\u00a0", ""),
            "period_months": data["period_months"],
            "officer": data["officer"],
            "affected_contracts": list(data.get("affected_contracts") or []),
            "plan": data["plan"],
        }


class RouteForm(DesignSystemFormMixin, forms.Form):
    route = forms.ChoiceField(label=_("Route"), choices=ProcurementRoute.choices, widget=forms.RadioSelect)
    rationale = forms.CharField(
        label=_("Why this route?"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What the market dialogue showed: how mature the solutions are, and what the city needs to learn."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, max_value=ID_MAX)


class TenderForm(DesignSystemFormMixin, forms.Form):
    reference = forms.CharField(
        label=_("Tender reference"), max_length=100, help_text=_("As the e-procurement system shows it.")
    )
    url = forms.CharField(
        label=_("Address of the tender"),
        max_length=500,
        help_text=_("The page of the tender in the e-procurement system, starting with https://."),
        widget=forms.URLInput(attrs={"spellcheck": "false"}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, max_value=ID_MAX)


class OutcomeForm(DesignSystemFormMixin, forms.Form):
    suppliers = forms.CharField(
        label=_("Suppliers"),
        widget=forms.Textarea(attrs={"rows": 3, "spellcheck": "false"}),
        help_text=_(
            "One supplier a line: its organisation number, then its name if it is not registered here. "
            "For example 556036-0793 Alfa Energi AB."
        ),
    )
    value_sek = forms.CharField(
        label=_("Contract value, SEK"),
        max_length=14,
        help_text=_("Excluding VAT, in whole kronor."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-10"}),
    )
    starts_on = DateField(label=_("The contract starts"))
    ends_on = DateField(label=_("The contract ends"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, max_value=ID_MAX)


class PilotForm(DesignSystemFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind of innovation"), choices=[("", _("Choose")), *InnovationKind.choices])
    values = forms.MultipleChoiceField(
        label=_("What kinds of value would it create?"), choices=VALUE_CHOICES, widget=forms.CheckboxSelectMultiple
    )
    version = forms.IntegerField(widget=forms.HiddenInput, max_value=ID_MAX)


class CloseForm(DesignSystemFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Why is the case closed without a procurement?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For example that the dialogue showed no solution yet, or that an existing contract covers it."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, max_value=ID_MAX)


class ThresholdForm(DesignSystemFormMixin, forms.Form):
    valid_from = DateField(label=_("Applies from"))
    supplies_services_sek = forms.CharField(
        label=_("Goods and services, SEK"),
        max_length=14,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-10"}),
    )
    works_sek = forms.CharField(
        label=_("Building and construction works, SEK"),
        max_length=14,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-10"}),
    )
    social_services_sek = forms.CharField(
        label=_("Social and other specific services, SEK"),
        max_length=14,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-10"}),
    )
    source = forms.CharField(
        label=_("Source"),
        max_length=300,
        help_text=_("Where the values are published, for example the Official Journal of the EU and its date."),
    )


class ProcuredValueForm(DesignSystemFormMixin, forms.Form):
    unit = forms.ModelChoiceField(label=_("Administration or company"), queryset=Unit.objects.none(), empty_label=None)
    year = forms.CharField(
        label=_("Year"),
        max_length=4,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-4"}),
    )
    value_sek = forms.CharField(
        label=_("Procured value, SEK"),
        max_length=16,
        help_text=_("Everything the organisation procured in the year, excluding VAT, in whole kronor."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-10"}),
    )
    source = forms.CharField(
        label=_("Source"), max_length=300, help_text=_("Where the figure comes from, for example the annual report.")
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, max_value=ID_MAX)

    def __init__(self, *args, units, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["unit"]).queryset = Unit.objects.filter(pk__in=[u.pk for u in units])


def kronor(text: str) -> str:
    """Whole kronor as written, with spaces between thousands allowed."""
    return (text or "").replace(" ", "").replace("\u00a0", "")
