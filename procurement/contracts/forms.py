"""The forms of the contract register, of proposing an improvement and of answering a proposal."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.forms import DateField, DesignSystemFormMixin
from ideas.forms import VALUE_CHOICES, UnitChoiceField
from ideas.models import InnovationKind
from organisation.models import PersonKind, Role, Unit, User
from procurement.contracts.selectors import CONTRACT_SORTS, PROPOSAL_SORTS
from procurement.contracts.services import REFERENCE_MAX, TITLE_MAX, SupplierEntry
from procurement.models import Contract, ContractKind


def procurement_units(user: User) -> QuerySet[Unit]:
    """The units a person procures for: those they hold the procurement officer's role for, and below them."""
    q = Q(pk__in=[])
    for path in user.role_paths.get(Role.PROCUREMENT, []):
        q |= Q(path__startswith=path)
    return Unit.objects.filter(q).order_by("path")


def parse_suppliers(text: str) -> list[SupplierEntry]:
    """One supplier a line: its organisation number, then (for one not yet in Språng) its name."""
    entries = []
    for line in (text or "").splitlines():
        line = line.strip()
        if not line:
            continue
        number, _sep, name = line.partition(" ")
        entries.append(SupplierEntry(org_number=number.strip(), name=name.strip()))
    return entries


class ContractForm(DesignSystemFormMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    title = forms.CharField(
        label=_("Title"), max_length=TITLE_MAX, widget=forms.TextInput(attrs={"autocomplete": "off"})
    )
    reference = forms.CharField(
        label=_("Reference (optional)"),
        max_length=REFERENCE_MAX,
        required=False,
        help_text=_("The contract's number in the city's contract catalogue or e-procurement system."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=ContractKind.choices, widget=forms.RadioSelect)
    unit = UnitChoiceField(label=_("Whose contract is it?"), queryset=Unit.objects.none())
    owner = forms.EmailField(
        label=_("Contract owner's email address"),
        max_length=254,
        help_text=_("A member of the city's staff who answers the suppliers' proposals."),
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    suppliers = forms.CharField(
        label=_("Suppliers (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5, "spellcheck": "false"}),
        help_text=_(
            "One a line: the organisation number, then the name, for example “556036-0793 Alfa Energi AB”. The name "
            "is needed only for a supplier not yet in Språng."
        ),
    )
    description = forms.CharField(
        label=_("What it covers (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    starts_on = DateField(label=_("Starts"))
    ends_on = DateField(label=_("Ends (optional)"), required=False)
    value_sek = forms.IntegerField(
        label=_("Value, SEK (optional)"),
        required=False,
        min_value=0,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    open_for_proposals = forms.BooleanField(
        label=_("Suppliers may propose improvements"),
        required=False,
        help_text=_(
            "The contract's suppliers see it on their company's page, “Your company”, and can send proposals to its "
            "owner."
        ),
    )

    def __init__(self, *args, user: User, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["unit"]).queryset = procurement_units(user)

    def clean_owner(self) -> User | None:
        email = (self.cleaned_data.get("owner") or "").strip()
        owner = User.objects.filter(email__iexact=email, kind=PersonKind.EMPLOYEE, is_active=True).first()
        if owner is None:
            raise forms.ValidationError(
                _("No one on the city's staff has this email address. Check it, or ask them to sign in once.")
            )
        return owner

    def clean_suppliers(self) -> list[SupplierEntry]:
        return parse_suppliers(self.cleaned_data.get("suppliers") or "")

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "unit": data["unit"],
            "title": data["title"],
            "reference": data.get("reference") or "",
            "kind": data["kind"],
            "owner": data["owner"],
            "suppliers": data["suppliers"],
            "description": data.get("description") or "",
            "starts_on": data["starts_on"],
            "ends_on": data.get("ends_on"),
            "value_sek": data.get("value_sek"),
            "open_for_proposals": data.get("open_for_proposals", False),
        }

    @classmethod
    def initial_for(cls, contract: Contract) -> dict[str, Any]:
        return {
            "version": contract.version,
            "title": contract.title,
            "reference": contract.reference,
            "kind": contract.kind,
            "unit": contract.unit_id,
            "owner": contract.owner.email,
            "suppliers": "\n".join(f"{s.org_number} {s.name}" for s in contract.suppliers.order_by("name")),
            "description": contract.description,
            "starts_on": contract.starts_on,
            "ends_on": contract.ends_on,
            "value_sek": contract.value_sek,
            "open_for_proposals": contract.open_for_proposals,
        }


class ProposalForm(DesignSystemFormMixin, forms.Form):
    title = forms.CharField(
        label=_("Give your proposal a short title"),
        max_length=TITLE_MAX,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    proposal = forms.CharField(
        label=_("What do you propose?"),
        help_text=_("Describe the improvement and how it would work within the contract."),
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    benefit = forms.CharField(
        label=_("What would it improve?"),
        help_text=_("For whom, and how: quality, cost, the environment, working conditions."),
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class AcceptForm(DesignSystemFormMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    answer = forms.CharField(
        label=_("Why does the city accept the proposal?"),
        help_text=_("The supplier reads this. Say what happens next."),
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    audience = forms.CharField(
        label=_("Who is the improvement for?"),
        help_text=_("For the idea in the innovation lock: the people who would use or benefit from it."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    kind = forms.ChoiceField(
        label=_("What kind of innovation is it?"), choices=InnovationKind.choices, widget=forms.RadioSelect
    )
    values = forms.MultipleChoiceField(
        label=_("What kinds of value does it create?"), choices=VALUE_CHOICES, widget=forms.CheckboxSelectMultiple
    )


class DeclineForm(DesignSystemFormMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    answer = forms.CharField(
        label=_("Why does the city decline the proposal?"),
        help_text=_("The supplier reads this. Be clear and kind: what would have to be different."),
        widget=forms.Textarea(attrs={"rows": 5}),
    )


KIND_CHOICES = [("", _("Every kind")), *ContractKind.choices]
CONTRACT_SORT_CHOICES = [
    ("title", _("Title")),
    ("ends", _("End date, earliest first")),
    ("newest", _("Newest first")),
]
assert {key for key, _label in CONTRACT_SORT_CHOICES} == set(CONTRACT_SORTS)  # noqa: S101 - every sort is offered


class ContractFilterForm(DesignSystemFormMixin, forms.Form):
    q = forms.CharField(
        label=_("Search"), required=False, max_length=200, widget=forms.TextInput(attrs={"type": "search"})
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=KIND_CHOICES, required=False)
    unit = UnitChoiceField(
        label=_("Unit"), queryset=Unit.objects.order_by("path"), required=False, empty_label=_("Every unit")
    )
    sort = forms.ChoiceField(label=_("Sort by"), choices=CONTRACT_SORT_CHOICES, required=False)


STATE_CHOICES = [
    ("", _("Every proposal")),
    ("waiting", _("Waiting for an answer")),
    ("overdue", _("Past the due date")),
    ("accepted", pgettext_lazy("proposal", "Accepted")),
    ("declined", pgettext_lazy("proposal", "Declined")),
]
PROPOSAL_SORT_CHOICES = [
    ("due", _("Due date, earliest first")),
    ("newest", _("Newest first")),
    ("oldest", _("Oldest first")),
]
assert {key for key, _label in PROPOSAL_SORT_CHOICES} == set(PROPOSAL_SORTS)  # noqa: S101 - every sort is offered


class ProposalFilterForm(DesignSystemFormMixin, forms.Form):
    q = forms.CharField(
        label=_("Search"), required=False, max_length=200, widget=forms.TextInput(attrs={"type": "search"})
    )
    state = forms.ChoiceField(label=_("Show"), choices=STATE_CHOICES, required=False)
    sort = forms.ChoiceField(label=_("Sort by"), choices=PROPOSAL_SORT_CHOICES, required=False)
