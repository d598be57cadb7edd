from __future__ import annotations

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import DesignSystemFormMixin, LinksAndFilesMixin, attached_files
from ideas.forms import VALUE_CHOICES, UnitChoiceField
from ideas.models import InnovationKind
from organisation.models import ORGANISATION_KINDS, Unit, UnitKind
from spread.examples.services import REQUIRED_MESSAGES
from spread.models import ExampleFile, Sector


class ExampleForm(DesignSystemFormMixin, LinksAndFilesMixin, forms.Form):
    """The good example's texts, classification, contact person and files: to publish, confirm or edit it."""

    title = forms.CharField(label=_("Title of the example"), max_length=200)
    problem = forms.CharField(
        label=_("What was the problem?"),
        help_text=_("The situation before, and for whom it was a problem."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    what_was_done = forms.CharField(
        label=_("What was done?"),
        help_text=_("Describe the change so that another unit can do the same."),
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    cost = forms.CharField(
        label=_("What did it cost?"),
        required=False,
        help_text=_("Money, and what it cost in working hours."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    time_taken = forms.CharField(
        label=_("How long did it take?"),
        required=False,
        help_text=_("From the start until it was in use."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    roles = forms.CharField(
        label=_("Which roles took part?"),
        required=False,
        help_text=_("For example unit manager, staff, IT, users."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    tools = forms.CharField(
        label=_("Which tools and methods were used?"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    effect = forms.CharField(
        label=_("Evidence of the effect"),
        help_text=_("What got better, for whom, and how you know: figures, follow-up, what users say."),
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    watch_out_for = forms.CharField(
        label=_("What should others watch out for?"),
        required=False,
        help_text=_("What was hard, what you would do differently."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    contact = forms.EmailField(
        label=_("Contact person's email"),
        required=False,
        help_text=_("Someone on the city's staff others can ask about the example."),
    )
    sector = forms.ChoiceField(label=_("Sector"), required=False, choices=[("", _("No sector")), *Sector.choices])
    kind = forms.ChoiceField(label=_("Kind of innovation"), choices=InnovationKind.choices, widget=forms.RadioSelect)
    values = forms.MultipleChoiceField(
        label=_("What kinds of value does it create?"), choices=VALUE_CHOICES, widget=forms.CheckboxSelectMultiple
    )
    attachments, remove_files = attached_files(
        model=ExampleFile,
        help_text=_("For example a description, a checklist or an evaluation (PDF, Word, Excel, images)."),
    )
    public_consent = forms.BooleanField(
        label=_("I consent to the example being published on the city's public website"),
        required=False,
        help_text=_("Without your consent the example is shown to the city's staff only. You can withdraw it later."),
    )

    def __init__(self, *args, example=None, may_consent: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # What to write, rather than only that something is missing.
        for name, message in REQUIRED_MESSAGES.items():
            self.fields[name].error_messages["required"] = message
        self.fields["values"].error_messages["required"] = _("Choose at least one kind of value the example creates.")
        self.fields["kind"].error_messages["required"] = _("Choose the kind of innovation.")
        self.show_files(example.files.all() if example is not None and example.pk else None)
        if not may_consent:
            del self.fields["public_consent"]


class ConfirmForm(DesignSystemFormMixin, forms.Form):
    """A confirmation before something that changes what others see (taking an example out, consent)."""

    version = forms.IntegerField(widget=forms.HiddenInput)


class LibraryForm(DesignSystemFormMixin, forms.Form):
    #: Every filter is optional; saying so at each would be noise.
    hide_optional = True
    q = forms.CharField(label=_("Search"), required=False)
    sector = forms.ChoiceField(label=_("Sector"), required=False, choices=[("", _("All sectors")), *Sector.choices])
    kind = forms.ChoiceField(
        label=_("Kind of innovation"), required=False, choices=[("", _("All kinds")), *InnovationKind.choices]
    )
    value = forms.ChoiceField(label=_("Kind of value"), required=False, choices=[("", _("All values")), *VALUE_CHOICES])
    organisation_kind = forms.ChoiceField(
        label=_("Kind of organisation"),
        required=False,
        choices=[
            ("", _("All kinds of organisation")),
            *[(k.value, k.label) for k in map(UnitKind, ORGANISATION_KINDS)],
        ],
    )
    unit = UnitChoiceField(
        label=_("Unit"), required=False, queryset=Unit.objects.none(), empty_label=_("The whole city")
    )
    sort = forms.ChoiceField(
        label=_("Sort by"), required=False, choices=[("adopted", _("Most adopted")), ("newest", _("Newest first"))]
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["unit"]).queryset = Unit.objects.filter(depth__lte=3).order_by("path")
