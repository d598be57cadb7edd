"""Forms for applicants: the application by programme, its cost lines, the final report, the list's order.

They check the shape of the input; the services check the rules (deadline, eligibility, completeness).
"""

from __future__ import annotations

from decimal import Decimal
from typing import cast

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from calls.fields import KronorField
from calls.models import Application, Call, Programme, Residence
from calls.rules import registered_through_committee, registration_paths
from core.forms import DateField, DesignSystemFormMixin
from ideas.forms import MultipleFileField, UnitChoiceField, idea_units
from ideas.lock import Stage
from ideas.models import Idea
from organisation.models import Unit, User

#: The stages an idea may be in to be funded, and to be nominated for the renewal prize (realised).
FUNDABLE_STAGES = (Stage.PRESTUDY, Stage.PILOT, Stage.IMPLEMENTATION)
REALISED_STAGES = (Stage.IMPLEMENTATION, Stage.SPREAD)

YES, NO = "yes", "no"


class YesNoField(forms.TypedChoiceField):
    """A yes-or-no question that may still be unanswered in a draft (``None``)."""

    def __init__(self, **kwargs) -> None:
        super().__init__(
            choices=[(YES, _("Yes")), (NO, _("No"))],
            coerce=lambda value: value == YES,
            empty_value=None,
            required=False,
            widget=forms.RadioSelect,
            **kwargs,
        )


class IdeaChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.title} ({obj.get_stage_display()})"


def candidate_ideas(*, user: User, programme: str, current: Idea | None = None) -> QuerySet:
    """The ideas one may apply with: one's own and one's unit's, in the stages the programme is for."""
    stages = REALISED_STAGES if programme == Programme.RENEWAL_PRIZE else FUNDABLE_STAGES
    mine = Q(author=user)
    unit = user.unit
    if unit is not None:
        mine |= Q(unit__path__startswith=unit.path)
    chosen = Q(pk=current.pk) if current is not None else Q(pk__in=[])
    return (
        Idea.objects.visible_to(user)
        .filter((mine & Q(stage__in=stages)) | chosen)
        .select_related("unit")
        .order_by("title")
    )


class ApplicationForm(DesignSystemFormMixin, forms.Form):
    """A draft application: every field may stay empty until submission; the fields follow the programme."""

    hide_optional = True
    version = forms.IntegerField(widget=forms.HiddenInput)
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    summary = forms.CharField(
        label=_("Summary"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Two or three sentences: what you want to do and why."),
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("What you will do, for whom, how, and how you will know it worked. The jury scores on this."),
    )
    category = forms.ModelChoiceField(
        label=_("Class"), queryset=Call.objects.none(), required=False, widget=forms.RadioSelect, empty_label=None
    )
    unit = UnitChoiceField(
        label=_("The unit the application is from"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=_("Choose the unit"),
    )
    idea = IdeaChoiceField(
        label=_("The idea the money is for"),
        queryset=Idea.objects.none(),
        required=False,
        empty_label=_("Choose the idea"),
    )
    requested_amount = KronorField(label=_("Amount applied for (kronor)"), required=False)
    co_financing = KronorField(
        label=_("Co-financing (kronor)"),
        required=False,
        help_text=_("What the unit or others put in themselves: money or working time valued in kronor."),
    )
    birth_date = DateField(label=_("Date of birth"), required=False)
    residence = forms.ChoiceField(
        label=_("Your connection to the city"), choices=Residence.choices, required=False, widget=forms.RadioSelect
    )
    city_employment_ended_on = DateField(
        label=_("Last day of employment by the city"),
        required=False,
        help_text=_("If you have been employed by the city: your last day. Leave empty if you never were."),
    )
    staff_count = forms.IntegerField(
        label=_("Number of staff"),
        required=False,
        min_value=0,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-5", "inputmode": "numeric"}),
    )
    open_data_used = forms.CharField(
        label=_("The city's open data it builds on"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Name the city's data sets the entry uses, with links if you have them."),
    )
    private_provider = forms.BooleanField(label=_("The unit is a private provider"), required=False)
    has_budget_responsibility = YesNoField(
        label=_("Does the unit have its own budget and staff responsibility?"), help_text=_("For a unit of the city.")
    )
    serves_mainly_city_residents = YesNoField(
        label=_("Does the provider serve mainly the city's residents?"), help_text=_("For a private provider.")
    )
    attachments = MultipleFileField(
        label=_("Attach files"),
        required=False,
        help_text=_("PDF, images, Word, Excel, PowerPoint, OpenDocument or text, at most 10 MB each."),
    )

    def __init__(self, *args, call: Call, user: User, application: Application, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        programme = call.programme
        keep = {"version", "title", "summary", "description", "attachments"}
        categories = call.categories.all()
        if categories:
            keep.add("category")
            cast(forms.ModelChoiceField, self.fields["category"]).queryset = categories
        if call.is_by_unit:
            keep.add("unit")
            units = idea_units()
            if registered_through_committee(call):
                # Entries are registered through the committee: the units the person registers for.
                paths = registration_paths(user)
                units = units.filter(
                    Q(pk__in=[]) if not paths else Q(*[Q(path__startswith=p) for p in paths], _connector=Q.OR)
                )
                self.fields["unit"].help_text = _(
                    "The unit whose entry you register, in the committee, administration or company you represent."
                )
            cast(forms.ModelChoiceField, self.fields["unit"]).queryset = units
        if programme in (Programme.FUND, Programme.RENEWAL_PRIZE):
            keep.add("idea")
            idea_field = cast(forms.ModelChoiceField, self.fields["idea"])
            idea_field.queryset = candidate_ideas(user=user, programme=programme, current=application.idea)
            if programme == Programme.RENEWAL_PRIZE:
                idea_field.label = _("The realised innovation you nominate")
                idea_field.help_text = _("An idea from the innovation lock that is implemented or spreading.")
            else:
                idea_field.help_text = _("Your own ideas and your unit's ideas in pre-study, pilot or implementation.")
        if programme in (Programme.FUND, Programme.STIPEND):
            keep.add("requested_amount")
        if programme == Programme.FUND:
            keep.add("co_financing")
        if programme == Programme.STIPEND or call.min_age is not None:
            keep.add("birth_date")
        if programme == Programme.STIPEND:
            keep.add("residence")
        if programme == Programme.STIPEND or call.no_city_employment_months is not None:
            keep.add("city_employment_ended_on")
        if programme == Programme.QUALITY_AWARD or call.min_staff is not None:
            keep.add("staff_count")
        if programme == Programme.OPEN_DATA_AWARD:
            keep.add("open_data_used")
        if programme == Programme.QUALITY_AWARD:
            keep.update({"private_provider", "has_budget_responsibility", "serves_mainly_city_residents"})
        for name in list(self.fields):
            if name not in keep:
                del self.fields[name]

    def draft_fields(self) -> dict:
        """The cleaned fields the service saves (not the version, not the files)."""
        return {k: v for k, v in self.cleaned_data.items() if k not in ("version", "attachments")}


def application_initial(application: Application) -> dict:
    def yes_no(value: bool | None) -> str:
        return "" if value is None else (YES if value else NO)

    return {
        "version": application.version,
        "title": application.title,
        "summary": application.summary,
        "description": application.description,
        "category": application.category_id,
        "unit": application.unit_id,
        "idea": application.idea_id,
        "requested_amount": application.requested_amount,
        "co_financing": application.co_financing,
        "birth_date": application.birth_date,
        "residence": application.residence,
        "city_employment_ended_on": application.city_employment_ended_on,
        "staff_count": application.staff_count,
        "open_data_used": application.open_data_used,
        "private_provider": application.private_provider,
        "has_budget_responsibility": yes_no(application.has_budget_responsibility),
        "serves_mainly_city_residents": yes_no(application.serves_mainly_city_residents),
    }


class BudgetLineForm(DesignSystemFormMixin, forms.Form):
    """One cost line; a row left empty is dropped."""

    description = forms.CharField(label=_("Cost"), max_length=200, required=False)
    amount = KronorField(label=_("Amount (kronor)"), required=False)


BUDGET_PREFIX = "budget"


def budget_formset(data=None, *, application: Application, extra_rows: int = 0) -> forms.BaseFormSet:
    """The draft's cost lines, and empty rows to add more.

    Posted lines are read as sent, without the saved ones as their initial values: a line that
    matched its saved value would otherwise count as unchanged and be dropped.
    """
    formset_class = forms.formset_factory(BudgetLineForm, extra=1 + extra_rows)
    if data is not None:
        return formset_class(data, prefix=BUDGET_PREFIX)
    initial = [{"description": line.description, "amount": line.amount} for line in application.budget_lines.all()]
    return formset_class(initial=initial, prefix=BUDGET_PREFIX)


def budget_lines(formset: forms.BaseFormSet) -> list[tuple[str, Decimal]]:
    """The lines as typed; one with a cost but no amount goes along too, for the service to refuse by name."""
    lines = [
        (form.cleaned_data.get("description") or "", form.cleaned_data.get("amount"))
        for form in formset.forms
        if form.cleaned_data
    ]
    return cast("list[tuple[str, Decimal]]", lines)


class FinalReportForm(DesignSystemFormMixin, forms.Form):
    results = forms.CharField(
        label=_("Results"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("What the project achieved, with figures where you have them."),
    )
    lessons = forms.CharField(
        label=_("Lessons"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What you learned, what you would do differently, what others should know."),
    )
    recommend_spread = forms.BooleanField(
        label=_("The result is worth spreading to other units"),
        required=False,
        help_text=_("The city's innovation office (executive office) then looks at spreading it."),
    )


class MyApplicationsForm(DesignSystemFormMixin, forms.Form):
    hide_optional = True
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("newest", _("Newest first")),
            ("oldest", _("Oldest first")),
            ("deadline", _("Deadline, latest first")),
        ],
    )
