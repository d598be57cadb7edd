"""The forms of needs: the list's search and filters, writing and editing, the office's decision, the same need."""

from __future__ import annotations

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from challenges.models import NeedFile, NeedOrigin, NeedStatus, Route
from challenges.needs.services import TEXTS
from core.forms import DesignSystemFormMixin, LinksAndFilesMixin, attached_files
from core.validators import ID_MAX
from ideas.forms import VALUE_CHOICES, UnitChoiceField
from ideas.models import InnovationKind
from organisation.models import Unit


class NeedForm(DesignSystemFormMixin, LinksAndFilesMixin, forms.Form):
    """A need's texts, unit, origin, links and files: to write one, or to edit a draft or a returned one."""

    title = forms.CharField(label=_("Title of the need"), max_length=200, help_text=_("A short name for the problem."))
    unit = UnitChoiceField(label=_("Unit"), queryset=Unit.objects.none(), help_text=_("The unit that has the problem."))
    who_has_it = forms.CharField(
        label=_("Who has the problem?"),
        help_text=_("Residents, service users, staff – as precisely as you can."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    how_it_shows = forms.CharField(
        label=_("How does it show?"),
        help_text=_("Figures, complaints, user-survey results. Link to them or attach them below."),
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    cost_today = forms.CharField(
        label=_("What does it cost today?"),
        required=False,
        help_text=_("Money, working hours, or what it costs those who have the problem."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    good_outcome = forms.CharField(
        label=_("What would a good outcome be?"),
        help_text=_("How you would know that the problem is solved."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    constraints = forms.CharField(
        label=_("Constraints"),
        required=False,
        help_text=_("Law, data, money: what any solution must keep to."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    origin = forms.ChoiceField(
        label=_("Where was the need seen?"), choices=NeedOrigin.choices, widget=forms.RadioSelect
    )
    idea = forms.IntegerField(
        label=_("The idea's number"),
        required=False,
        min_value=1,
        max_value=ID_MAX,
        help_text=_("Only when the need was seen in an idea: the number in the idea's address, /ideas/<number>/."),
    )
    attachments, remove_files = attached_files(
        model=NeedFile,
        help_text=_("For example figures, a summary of complaints or survey results (PDF, Word, Excel, images)."),
    )

    def __init__(self, *args, user=None, need=None, link_rows: int = 0, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name, message in TEXTS.items():
            if message is not None:
                self.fields[name].error_messages["required"] = message
        self.fields["origin"].error_messages["required"] = _("Choose where the need was seen.")
        self.editing = need is not None and need.pk is not None
        if self.editing:
            # The unit, where it was seen and the idea stay as written; the texts, links and files change.
            for name in ("unit", "origin", "idea"):
                del self.fields[name]
            self.show_files(need.files.all())
        else:
            self.show_files(None)
            from challenges.needs.rules import writable_units

            units = cast(forms.ModelChoiceField, self.fields["unit"])
            units.queryset = writable_units(user) if user is not None else Unit.objects.none()
            units.error_messages["required"] = _("Choose the unit that has the problem.")
            units.error_messages["invalid_choice"] = _("Choose one of the units you may write needs for.")
        self.add_link_rows(link_rows)


class NeedListForm(DesignSystemFormMixin, forms.Form):
    #: Every filter is optional; saying so at each would be noise.
    hide_optional = True
    q = forms.CharField(label=_("Search"), required=False)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All statuses")), *NeedStatus.choices]
    )
    route = forms.ChoiceField(label=_("Route"), required=False, choices=[("", _("All routes")), *Route.choices])
    origin = forms.ChoiceField(
        label=_("Where it was seen"), required=False, choices=[("", _("Anywhere")), *NeedOrigin.choices]
    )
    unit = UnitChoiceField(
        label=_("Unit"), required=False, queryset=Unit.objects.none(), empty_label=_("The whole city")
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[("newest", _("Newest first")), ("same", _("Most units with the same need"))],
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["unit"]).queryset = Unit.objects.filter(depth__lte=3).order_by("path")


class Decision:
    VALIDATE = "validate"
    RETURN = "return"
    ROUTE = "route"


class DecideForm(DesignSystemFormMixin, forms.Form):
    """The innovation office's decision: validate, return with a comment, or validate and choose the route.

    Which fields are needed depends on the decision, as each hint says; none is marked optional."""

    hide_optional = True
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=ID_MAX)
    decision = forms.ChoiceField(
        label=_("Your decision"),
        widget=forms.RadioSelect,
        choices=[
            (Decision.ROUTE, _("Validate it and choose its route now")),
            (Decision.VALIDATE, _("Validate it; choose the route later")),
            (Decision.RETURN, _("Return it to its writers with a comment")),
        ],
    )
    comment = forms.CharField(
        label=_("Comment to the writers"),
        required=False,
        help_text=_("Needed when you return it: what should change."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    route = forms.ChoiceField(
        label=_("Route"),
        required=False,
        choices=Route.choices,
        widget=forms.RadioSelect,
        help_text=_("Needed when you choose the route now."),
    )
    rationale = forms.CharField(
        label=_("Why this route?"),
        required=False,
        help_text=_("Needed with the route. Recorded with the decision and shown on the need's page."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    idea_kind = forms.ChoiceField(
        label=_("Kind of innovation"),
        required=False,
        choices=[("", _("Choose")), *InnovationKind.choices],
        help_text=_("Only when it is solved in the lock: the idea the need becomes."),
    )
    idea_values = forms.MultipleChoiceField(
        label=_("What kinds of value would it create?"),
        required=False,
        choices=VALUE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only when it is solved in the lock."),
    )

    def __init__(self, *args, need=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["decision"].error_messages["required"] = _("Choose your decision.")
        if need is not None and need.status == NeedStatus.VALIDATED:
            # Validated already: what is left is the route.
            del self.fields["decision"]
            del self.fields["comment"]


class SameNeedForm(DesignSystemFormMixin, forms.Form):
    unit = forms.ModelChoiceField(
        label=_("Which of your units has the same need?"), queryset=Unit.objects.none(), empty_label=None
    )
    note = forms.CharField(
        label=_("How it shows with you"),
        required=False,
        help_text=_("Figures or examples from your unit help the office weigh the need."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, units=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["unit"])
        field.queryset = Unit.objects.filter(pk__in=[u.pk for u in units]).order_by("path")
        field.error_messages["invalid_choice"] = _("Choose one of the units you lead.")
        field.error_messages["required"] = _("Choose one of the units you lead.")


class CloseForm(DesignSystemFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Why is the need closed?"),
        help_text=_("For example that it was solved another way, or that the problem is no longer there."),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Write why the need is closed: those who wrote and follow it are told.")},
    )
    version = forms.IntegerField(widget=forms.HiddenInput)
