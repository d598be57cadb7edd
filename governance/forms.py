"""Forms of governance follow-up. They check the shape of input; the services check the rules."""

from __future__ import annotations

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import DateField, DesignSystemFormMixin
from governance.models import (
    ActivityStatus,
    Direction,
    Fulfilment,
    Goal,
    Indicator,
    Measure,
    Period,
    ReportingPeriod,
    ReportStatus,
)
from governance.selectors import KIND_FILTERS
from organisation.models import Unit, User


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{'– ' * max(obj.depth - 1, 0)}{obj.name}"


class DashboardForm(DesignSystemFormMixin, forms.Form):
    hide_optional = True
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False)
    period = forms.ChoiceField(label=_("Period"), choices=Period.choices, required=False)
    kind = forms.ChoiceField(label=_("Kind of organisation"), required=False)
    indicator = forms.ChoiceField(label=_("Indicator in the charts"), required=False)
    unit = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, years: list[int], indicators: list[Indicator], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["year"]).choices = [(y, str(y)) for y in years]
        cast(forms.ChoiceField, self.fields["kind"]).choices = [
            ("", _("All kinds")),
            *[(k.value, k.label) for k in KIND_FILTERS],
        ]
        cast(forms.ChoiceField, self.fields["indicator"]).choices = [(i.code, i.label) for i in indicators]


class IndicatorForm(DesignSystemFormMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    code = forms.SlugField(
        label=_("Code"),
        max_length=60,
        help_text=_("A short name for files and the API: lower-case letters, digits and hyphens."),
    )
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    measure = forms.ChoiceField(label=_("Unit of measure"), choices=Measure.choices, widget=forms.RadioSelect)
    direction = forms.ChoiceField(label=_("Direction"), choices=Direction.choices, widget=forms.RadioSelect)
    source = forms.CharField(
        label=_("Source"), max_length=300, help_text=_("Where the figures come from, for example the employee survey.")
    )


class GoalForm(DesignSystemFormMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    unit = UnitChoiceField(label=_("Set by"), queryset=Unit.objects.none())
    parent = forms.ModelChoiceField(
        label=_("City goal it serves"),
        queryset=Goal.objects.none(),
        required=False,
        empty_label=_("None: this is one of the city's goals"),
    )
    title = forms.CharField(label=_("Goal"), max_length=300, widget=forms.Textarea(attrs={"rows": 2}))
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    indicators = forms.ModelMultipleChoiceField(
        label=_("Indicators that follow the goal"),
        queryset=Indicator.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, units, city_goals, editing: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["unit"]).queryset = units
        cast(forms.ModelChoiceField, self.fields["parent"]).queryset = city_goals
        indicators = cast(forms.ModelMultipleChoiceField, self.fields["indicators"])
        indicators.queryset = Indicator.objects.filter(active=True)
        indicators.label_from_instance = lambda obj: obj.label  # type: ignore[method-assign]
        if editing:
            del self.fields["unit"]
            del self.fields["parent"]


class ActivityForm(DesignSystemFormMixin, forms.Form):
    title = forms.CharField(label=_("Activity"), max_length=300)
    owner = forms.EmailField(label=_("Responsible (email address)"))
    starts_on = DateField(label=_("Starts"))
    ends_on = DateField(label=_("Ends"))
    status = forms.ChoiceField(label=_("Status"), choices=ActivityStatus.choices, initial=ActivityStatus.PLANNED)

    def clean_owner(self) -> User:
        email = self.cleaned_data["owner"].strip().lower()
        owner = User.objects.filter(email__iexact=email, is_active=True).first()
        if owner is None:
            raise forms.ValidationError(_("Nobody in Språng has this email address; check the spelling."))
        return owner


class ActivityStatusForm(forms.Form):
    status = forms.ChoiceField(choices=ActivityStatus.choices)


class TargetForm(DesignSystemFormMixin, forms.Form):
    """One field per indicator: what the unit aims for this year."""

    hide_optional = True

    def __init__(self, *args, indicators: list[Indicator], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for indicator in indicators:
            self.fields[f"target-{indicator.pk}"] = forms.CharField(
                label=indicator.label,
                required=False,
                help_text=f"{indicator.get_measure_display()}, {indicator.get_direction_display()}",
                widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-5"}),
            )


class PeriodForm(DesignSystemFormMixin, forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    period = forms.ChoiceField(label=_("Period"), choices=Period.choices, widget=forms.RadioSelect)
    deadline = DateField(
        label=_("Deadline"),
        required=False,
        help_text=_(
            "Empty: the customary date (15 May, 15 September, or for the annual report 15 February the following year)."
        ),
    )


class StartReportForm(forms.Form):
    unit = forms.ModelChoiceField(queryset=Unit.objects.none())
    reporting_period = forms.IntegerField()

    def __init__(self, *args, units, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["unit"]).queryset = units


class ReportFilterForm(DesignSystemFormMixin, forms.Form):
    hide_optional = True
    q = forms.CharField(label=_("Administration or company"), required=False)
    reporting_period = forms.ModelChoiceField(
        label=_("Period"), queryset=ReportingPeriod.objects.none(), required=False, empty_label=_("All periods")
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All statuses")), *ReportStatus.choices]
    )

    def __init__(self, *args, periods, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["reporting_period"]).queryset = periods


class ReportForm(DesignSystemFormMixin, forms.Form):
    """The report's narrative, entered outcomes and goal assessments, built from the report's parts.

    Nothing is required to save a draft; what submission needs is listed above the form.
    """

    hide_optional = True
    version = forms.IntegerField(widget=forms.HiddenInput)
    narrative = forms.CharField(
        label=_("The period's innovation work"),
        widget=forms.Textarea(attrs={"rows": 10}),
        required=False,
        help_text=_("What the organisation did, learned and plans; the report's main text."),
    )

    def __init__(self, *args, detail: dict, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.entered = []
        for row in detail["entered"]:
            pk = row.indicator.pk
            self.fields[f"outcome-{pk}"] = forms.CharField(
                label=row.indicator.label,
                required=False,
                help_text=row.indicator.get_measure_display(),
                widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-5"}),
            )
            self.fields[f"source-{pk}"] = forms.CharField(
                label=_("Source of “%(indicator)s”") % {"indicator": row.indicator.label},
                required=False,
                max_length=300,
            )
            self.entered.append((self[f"outcome-{pk}"], self[f"source-{pk}"]))
        self.goals = []
        for assessment in detail["assessments"]:
            pk = assessment.goal_id
            title = assessment.goal.title
            self.fields[f"assessment-{pk}"] = forms.ChoiceField(
                label=_("Is “%(goal)s” met?") % {"goal": title},
                choices=Fulfilment.choices,
                required=False,
                widget=forms.RadioSelect,
            )
            self.fields[f"comment-{pk}"] = forms.CharField(
                label=_("Comment on “%(goal)s”") % {"goal": title},
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
            self.goals.append((assessment, self[f"assessment-{pk}"], self[f"comment-{pk}"]))

    def outcomes(self) -> dict[int, tuple[str, str]]:
        data = self.cleaned_data
        return {
            int(name.removeprefix("outcome-")): (data[name], data.get(f"source-{name.removeprefix('outcome-')}", ""))
            for name in self.fields
            if name.startswith("outcome-")
        }

    def assessments(self) -> dict[int, tuple[str, str]]:
        data = self.cleaned_data
        return {
            int(name.removeprefix("assessment-")): (
                data[name],
                data.get(f"comment-{name.removeprefix('assessment-')}", ""),
            )
            for name in self.fields
            if name.startswith("assessment-")
        }


def report_initial(detail: dict) -> dict:
    report = detail["report"]
    initial: dict = {"version": report.version, "narrative": report.narrative}
    for row in detail["entered"]:
        pk = row.indicator.pk
        initial[f"outcome-{pk}"] = "" if row.value is None else str(row.value).replace(".", ",")
        initial[f"source-{pk}"] = row.outcome.source
    for assessment in detail["assessments"]:
        initial[f"assessment-{assessment.goal_id}"] = assessment.fulfilment
        initial[f"comment-{assessment.goal_id}"] = assessment.comment
    return initial


class ReviewForm(DesignSystemFormMixin, forms.Form):
    #: The comment is required when the report is returned; its hint says so, so it is not marked optional.
    hide_optional = True
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve and lock the report")), ("return", _("Return it for changes"))],
        widget=forms.RadioSelect,
    )
    # Required only for a return (the service says so); the label says it, so no "(optional)" beside the hint.
    comment = forms.CharField(
        label=_("Comment (required if you return the report)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Say what needs to change."),
    )


class DeadlineForm(DesignSystemFormMixin, forms.Form):
    deadline = DateField(label=_("New deadline"))
    comment = forms.CharField(label=_("Reason"), required=False, max_length=500)


class GoalLinksForm(DesignSystemFormMixin, forms.Form):
    """The goals a piece of work serves: checkboxes among the goals offered, and the ones it served when opened."""

    expected = forms.CharField(widget=forms.HiddenInput, required=False)
    goals = forms.ModelMultipleChoiceField(
        label=_("Goals this work serves"),
        help_text=_(
            "The city's goals and those of the committees and boards over the work's unit, this year and last."
        ),
        queryset=Goal.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, goals, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelMultipleChoiceField, self.fields["goals"])
        field.queryset = goals
        field.label_from_instance = goal_choice_label  # type: ignore[method-assign,assignment]

    def clean_expected(self) -> list[int]:
        text = self.cleaned_data.get("expected") or ""
        parts = [p for p in text.split(",") if p.strip()]
        if not all(p.strip().isdigit() and len(p.strip()) < 12 for p in parts):
            raise forms.ValidationError(_("Open the page again: the form was changed on the way."))
        return [int(p) for p in parts]


def goal_choice_label(goal: Goal) -> str:
    if goal.parent_id is None:
        return _("%(goal)s (the city's goal, %(year)s)") % {"goal": goal.title, "year": goal.year}
    return _("%(goal)s (%(unit)s, %(year)s)") % {"goal": goal.title, "unit": goal.unit.name, "year": goal.year}
