"""Forms of the city's innovation office, the jurors and the chair. They check the shape of input; the services check the rules."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from calls.fields import KronorField
from calls.models import JURY_ONLY_PROGRAMMES, Criterion, Programme, Status
from core.city import CITY_TIME_ZONE
from core.forms import DateField, DesignSystemFormMixin
from organisation.models import User


def _yes(value: str) -> bool:
    return value == "yes"


def _time_input() -> forms.TimeInput:
    # Wide enough for a browser that shows the time with AM/PM.
    return forms.TimeInput(attrs={"type": "time", "class": "govuk-input--width-10"}, format="%H:%M")


def stockholm(day: date, at: time) -> datetime:
    """A date and a time of day as the clocks in Stockholm show them."""
    return datetime.combine(day, at, tzinfo=CITY_TIME_ZONE)


class AliasedForm(DesignSystemFormMixin, forms.Form):
    """A form whose fields are named apart from the service's arguments (several forms share a page)."""

    #: The service's name for an input → the field that asks for it.
    field_aliases: dict[str, str] = {}

    def apply_domain_error(self, exc) -> None:
        exc.field = self.field_aliases.get(exc.field, exc.field)
        super().apply_domain_error(exc)


# --- the office ----------------------------------------------------------------------------------


class CallForm(AliasedForm):
    field_aliases = {"opens_at": "opens_on", "closes_at": "closes_on"}

    programme = forms.ChoiceField(
        label=_("Programme"),
        # Another app's jury is set up from that app (a challenge's, from its answers).
        choices=[(value, label) for value, label in Programme.choices if value not in JURY_ONLY_PROGRAMMES],
        widget=forms.RadioSelect,
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(label=_("Summary"), max_length=300, help_text=_("One line, shown in the list of calls."))
    description = forms.CharField(
        label=_("Description"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Who may apply, for what, how the jury assesses and when the decision comes."),
    )
    year = forms.IntegerField(
        label=_("Year"),
        min_value=2000,
        max_value=2100,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-4"}),
    )
    opens_on = DateField(label=_("Opens on"))
    opens_time = forms.TimeField(label=_("Opens at (Stockholm time)"), widget=_time_input())
    closes_on = DateField(label=_("Closes on"))
    closes_time = forms.TimeField(
        label=_("Closes at (Stockholm time)"),
        widget=_time_input(),
        help_text=_("Applications submitted after this moment are refused."),
    )
    budget = KronorField(label=_("Budget (kronor)"), required=False)
    blind_review = forms.BooleanField(
        label=_("Blind review: jurors do not see who applied or from which unit"), required=False
    )
    scale_min = forms.IntegerField(
        label=_("Lowest score"),
        min_value=0,
        max_value=20,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
    )
    scale_max = forms.IntegerField(
        label=_("Highest score"),
        min_value=1,
        max_value=20,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
    )
    min_age = forms.IntegerField(
        label=_("Minimum age of an applicant"),
        required=False,
        min_value=0,
        max_value=120,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
    )
    no_city_employment_months = forms.IntegerField(
        label=_("No employment by the city within (months)"),
        required=False,
        min_value=1,
        max_value=120,
        help_text=_("Empty: city employees may apply."),
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
    )
    exclude_last_year_winners = forms.BooleanField(label=_("Last year's winners may not apply"), required=False)
    min_staff = forms.IntegerField(
        label=_("Minimum staff of an entering unit"),
        required=False,
        min_value=1,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-4"}),
    )

    def clean(self) -> dict[str, Any]:
        data = cast(dict[str, Any], super().clean())
        if data.get("opens_on") and data.get("opens_time") is not None:
            data["opens_at"] = stockholm(data["opens_on"], data["opens_time"])
        if data.get("closes_on") and data.get("closes_time") is not None:
            data["closes_at"] = stockholm(data["closes_on"], data["closes_time"])
        return data

    def call_data(self) -> dict[str, Any]:
        """The cleaned input as ``calls.services.call.call_create`` takes it."""
        data = self.cleaned_data
        skip = {"opens_on", "opens_time", "closes_on", "closes_time", "version"}
        return {k: v for k, v in data.items() if k not in skip}


class CallEditForm(CallForm):
    """The call form for a call that exists: the version it was read at, and what can no longer change.

    ``frozen`` maps a field to why it can no longer change; such a field is shown disabled with the
    reason as its hint, and keeps the call's value whatever is posted.
    """

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, frozen: dict[str, str] | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.frozen = dict(frozen or {})
        for name, reason in self.frozen.items():
            field = self.fields[name]
            field.disabled = True
            field.help_text = f"{field.help_text} {reason}" if field.help_text else reason

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        # Browsers do not send disabled fields: a frozen field that came with a new value was open when
        # the page was loaded and has been frozen since. Say so at the field rather than drop the value.
        for name, reason in self.frozen.items():
            if self.add_prefix(name) in self.data and self._posted(name) != self[name].initial:
                self.add_error(name, reason)
        return data

    def _posted(self, name: str) -> Any:
        field = self.fields[name]
        raw = field.widget.value_from_datadict(self.data, self.files, self.add_prefix(name))
        try:
            return field.to_python(raw)
        except forms.ValidationError:
            return raw


class CriterionForm(DesignSystemFormMixin, forms.Form):
    name = forms.CharField(label=_("Criterion"), max_length=120)
    description = forms.CharField(
        label=_("What a high score means"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    weight = forms.CharField(
        label=_("Weight"),
        initial="1",
        max_length=10,
        help_text=_("How much the criterion counts, for example 2 or 0,5."),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-4"}),
    )


class CategoryForm(AliasedForm):
    field_aliases = {"name": "class_name"}

    class_name = forms.CharField(label=_("Class"), max_length=120)
    entry_rule = forms.CharField(label=_("Who may enter"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class JurorForm(AliasedForm):
    field_aliases = {"user": "email"}

    email = forms.EmailField(label=_("Email address"))
    role = forms.ChoiceField(
        label=_("Seat"),
        choices=[("juror", _("Juror")), ("chair", _("Chair"))],
        initial="juror",
        widget=forms.RadioSelect,
        help_text=_("A jury has one chair: choosing a new chair makes the former one a juror."),
    )

    def clean_email(self) -> User:
        email = self.cleaned_data["email"].strip()
        person = User.objects.filter(email__iexact=email, is_active=True).first()
        if person is None:
            raise forms.ValidationError(_("Nobody in Språng has this email address; check the spelling."))
        return person


class ApplicationFilterForm(DesignSystemFormMixin, forms.Form):
    hide_optional = True
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Every status")), *[(s.value, s.label) for s in Status if s != Status.DRAFT]],
    )


class ScreenForm(DesignSystemFormMixin, forms.Form):
    #: The note is required when the answer is no; its hint says so, so it is not marked optional.
    hide_optional = True
    eligible = forms.TypedChoiceField(
        label=_("Does the application meet the call's rules?"),
        choices=[("yes", _("Yes, it goes to the jury")), ("no", _("No, it is not eligible"))],
        coerce=_yes,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Required when it is not eligible: the applicant is told exactly why."),
    )
    #: The application as it was read: someone else screening it meanwhile is caught, not overwritten.
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class JurorChoiceField(forms.ModelChoiceField):
    """The call's jurors, those recused from the application marked as such."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.recused: set[int] = set()

    def label_from_instance(self, obj) -> str:
        if obj.pk in self.recused:
            return str(_("%(name)s (recused)") % {"name": obj.name})
        return obj.name


class AssignForm(DesignSystemFormMixin, forms.Form):
    juror = JurorChoiceField(label=_("Juror"), queryset=User.objects.none(), empty_label=None)

    def __init__(self, *args, jurors, recused: Iterable[int] = (), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = cast(JurorChoiceField, self.fields["juror"])
        field.queryset = jurors
        field.recused = set(recused)


class PaymentForm(AliasedForm):
    field_aliases = {"note": "payment_note"}

    amount = KronorField(label=_("Amount paid (kronor)"), min_value=Decimal(1))
    paid_on = DateField(label=_("Paid on"))
    payment_note = forms.CharField(label=_("Note"), max_length=300, required=False)


class ConfirmForm(DesignSystemFormMixin, forms.Form):
    """No input: a confirmation whose refusal is shown in the error summary."""


# --- the jury ------------------------------------------------------------------------------------


class ScoreForm(DesignSystemFormMixin, forms.Form):
    """A score on the call's scale and a comment for each criterion of the rubric.

    Scores are whole numbers; whether they are on the scale is the service's rule, so the
    refusal names the scale.
    """

    hide_optional = True
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, criteria: list[Criterion], scale_min: int, scale_max: int, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        choices = []
        for value in range(scale_min, scale_max + 1):
            if value == scale_min:
                label = _("%(n)s (lowest)") % {"n": value}
            elif value == scale_max:
                label = _("%(n)s (highest)") % {"n": value}
            else:
                label = str(value)
            choices.append((value, label))
        self.rubric = []
        for criterion in criteria:
            score, comment = f"score-{criterion.pk}", f"comment-{criterion.pk}"
            self.fields[score] = forms.IntegerField(
                label=_("Score on “%(criterion)s”") % {"criterion": criterion.name},
                required=False,
                widget=forms.RadioSelect(choices=choices),
            )
            self.fields[comment] = forms.CharField(
                label=_("Comment on “%(criterion)s”") % {"criterion": criterion.name},
                required=False,
                max_length=5000,
                widget=forms.Textarea(attrs={"rows": 3}),
                help_text=_("Required with every score: why this score."),
            )
            self.rubric.append((criterion, self[score], self[comment]))

    def scores(self) -> dict[int, tuple[int | None, str]]:
        data = self.cleaned_data
        return {
            criterion.pk: (data.get(f"score-{criterion.pk}"), data.get(f"comment-{criterion.pk}") or "")
            for criterion, _score, _comment in self.rubric
        }


def score_initial(*, version: int, scores) -> dict[str, Any]:
    initial: dict[str, Any] = {"version": version}
    for score in scores:
        initial[f"score-{score.criterion_id}"] = score.value
        initial[f"comment-{score.criterion_id}"] = score.comment
    return initial


class ConflictForm(DesignSystemFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("What is the conflict?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "For example: a colleague, a relative or a former employer of the applicant. The city's innovation office (executive office) sees it."
        ),
    )


class DecisionForm(DesignSystemFormMixin, forms.Form):
    hide_optional = True
    granted = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("yes", _("Granted")), ("no", _("Not granted"))],
        coerce=_yes,
        widget=forms.RadioSelect,
    )
    amount = KronorField(
        label=_("Amount granted (kronor)"),
        required=False,
        help_text=_("Required when granted; at most the amount applied for."),
    )
    justification = forms.CharField(
        label=_("Justification"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Published with the decision; the applicant reads it."),
        error_messages={"required": _("Write the justification; it is published with the decision.")},
    )

    def __init__(self, *args, funding: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not funding:
            # An award's entry is awarded, not granted.
            del self.fields["amount"]
            cast("forms.ChoiceField", self.fields["granted"]).choices = [
                ("yes", pgettext_lazy("decision on an award entry", "Awarded")),
                ("no", pgettext_lazy("decision on an award entry", "Not awarded")),
            ]
