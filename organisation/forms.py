from django import forms
from django.utils.translation import gettext_lazy as _

from core.errors import DomainError
from core.forms import DesignSystemFormMixin
from organisation.models import PersonKind, SupplierOrganisation
from organisation.services import ORGANISATION_TAKEN, external_person_register, normalise_org_number


class SignupForm(DesignSystemFormMixin, forms.Form):
    """Extra fields residents and suppliers give when they sign up (allauth adds email and password).

    Through the form base every text field, allauth's too, is limited and refuses control characters.
    """

    name = forms.CharField(label=_("Your name"), max_length=150)
    kind = forms.ChoiceField(
        label=_("I sign up as"),
        choices=[
            (PersonKind.RESIDENT, _("A resident or service user")),
            (PersonKind.SUPPLIER, _("Someone at a supplier or contractor")),
        ],
        widget=forms.RadioSelect,
        initial=PersonKind.RESIDENT,
    )
    org_name = forms.CharField(
        label=_("Organisation name"), max_length=200, required=False, help_text=_("Only for suppliers.")
    )
    org_number = forms.CharField(
        label=_("Organisation number"),
        max_length=13,
        required=False,
        help_text=_("Only for suppliers, for example 556036-0793."),
    )

    def clean(self):
        data = super().clean()
        if data is None:
            raise RuntimeError("Form.clean() returned no cleaned data.")
        if data.get("kind") == PersonKind.SUPPLIER:
            if not data.get("org_name", "").strip():
                self.add_error("org_name", _("Write the name of your organisation."))
            try:
                data["org_number"] = normalise_org_number(data.get("org_number", ""))
            except DomainError as exc:
                self.add_error("org_number", exc.message)
            else:
                if SupplierOrganisation.objects.filter(org_number=data["org_number"]).exists():
                    self.add_error("org_number", ORGANISATION_TAKEN)
        return data

    def signup(self, request, user) -> None:
        external_person_register(
            user=user,
            kind=self.cleaned_data["kind"],
            name=self.cleaned_data["name"],
            org_name=self.cleaned_data.get("org_name", ""),
            org_number=self.cleaned_data.get("org_number", ""),
        )
