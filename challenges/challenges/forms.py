"""Forms of challenges. They check the shape of the input; the services check the rules."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from challenges.models import PUBLIC_AUDIENCES, Answer, Audience, Challenge, Response
from core.city import CITY_TIME_ZONE
from core.forms import DateField, DesignSystemFormMixin
from ideas.forms import UnitChoiceField
from organisation.models import PersonKind, Unit, User


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=CITY_TIME_ZONE)


class ChallengeForm(DesignSystemFormMixin, forms.Form):
    """A challenge as the office writes it; it opens at the start of its first day and closes at the end of its
    last day, Stockholm time."""

    #: The service's name for an input → the field that asks for it.
    field_aliases = {"opens_at": "opens_on", "closes_at": "closes_on", "contact": "contact_email"}

    title = forms.CharField(label=_("Title"), max_length=200)
    question = forms.CharField(
        label=_("The question"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One question, as those asked would put it."),
    )
    background = forms.CharField(
        label=_("Background"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Who has the problem, how it shows and what a good outcome would be. Written from the need."),
    )
    audience = forms.ChoiceField(label=_("Who is asked?"), choices=Audience.choices, widget=forms.RadioSelect)
    audience_unit = UnitChoiceField(
        label=_("Which part of the city?"),
        queryset=Unit.objects.none(),
        required=False,
        help_text=_("Only if staff of one part of the city are asked: its staff and those of every unit below it."),
    )
    opens_on = DateField(label=_("Opens on"))
    closes_on = DateField(label=_("Last day to answer"))
    criteria = forms.CharField(label=_("What will the answers be judged by?"), widget=forms.Textarea(attrs={"rows": 4}))
    prizes = forms.CharField(
        label=_("Prizes or next steps"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What happens to the best answers: a pilot, a meeting, a prize."),
    )
    contact_email = forms.EmailField(
        label=_("Contact person's email address"),
        required=False,
        max_length=254,
        help_text=_("A member of the city's staff. Leave empty to be the contact yourself."),
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, units, internal_only: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["audience_unit"]).queryset = units
        if internal_only:
            # An internal challenge asks staff only: the public audiences are not offered.
            cast(forms.ChoiceField, self.fields["audience"]).choices = [
                (k, v) for k, v in Audience.choices if k not in PUBLIC_AUDIENCES
            ]

    @classmethod
    def initial_for(cls, challenge: Challenge) -> dict[str, Any]:
        return {
            "title": challenge.title,
            "question": challenge.question,
            "background": challenge.background,
            "audience": challenge.audience,
            "audience_unit": challenge.audience_unit_id,
            "opens_on": challenge.opens_at.astimezone(CITY_TIME_ZONE).date(),
            "closes_on": challenge.last_day,
            "criteria": challenge.criteria,
            "prizes": challenge.prizes,
            "contact_email": challenge.contact.email,
            "version": challenge.version,
        }

    def clean_contact_email(self) -> User | None:
        email = self.cleaned_data.get("contact_email")
        if not email:
            return None
        person = User.objects.filter(email__iexact=email, kind=PersonKind.EMPLOYEE, is_active=True).first()
        if person is None:
            raise forms.ValidationError(_("No one on the city's staff has this address: check it, or leave it empty."))
        return person

    def apply_domain_error(self, exc) -> None:
        exc.field = self.field_aliases.get(exc.field, exc.field)
        super().apply_domain_error(exc)

    def challenge_data(self, *, by: User, current: Challenge | None = None) -> dict[str, Any]:
        """The service's inputs. A day left as it was keeps the stored moment, so that an unchanged day is no change."""
        data = cast(dict[str, Any], self.cleaned_data)
        opens_at = _start_of(data["opens_on"])
        closes_at = _start_of(data["closes_on"] + timedelta(days=1))
        if current is not None:
            if data["opens_on"] == current.opens_at.astimezone(CITY_TIME_ZONE).date():
                opens_at = current.opens_at
            if data["closes_on"] == current.last_day:
                closes_at = current.closes_at
        return {
            "title": data["title"],
            "question": data["question"],
            "background": data["background"],
            "audience": data["audience"],
            "audience_unit": data.get("audience_unit"),
            "opens_at": opens_at,
            "closes_at": closes_at,
            "criteria": data["criteria"],
            "prizes": data.get("prizes") or "",
            "contact": data.get("contact_email") or by,
        }


class FilterForm(DesignSystemFormMixin, forms.Form):
    hide_optional = True
    state = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[("open", _("Open")), ("closed", _("Closed"))],
    )
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    audience = forms.ChoiceField(
        label=_("Who is asked"), required=False, choices=[("", _("Everyone asked")), *Audience.choices]
    )
    order = forms.ChoiceField(
        label=_("Order"),
        required=False,
        choices=[("newest", _("Newest first")), ("closing", _("Closing soonest first"))],
    )

    def __init__(self, *args, drafts: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if drafts:
            field = cast(forms.ChoiceField, self.fields["state"])
            field.choices = [*cast(list, field.choices), ("drafts", _("Drafts"))]


class ConfirmForm(DesignSystemFormMixin, forms.Form):
    """No input: a confirmation whose refusal is shown in the error summary."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


def _answer_title(answer: Answer) -> str:
    return answer.idea.title


class ResponseForm(DesignSystemFormMixin, forms.Form):
    """The office's response to one answer, with why."""

    response = forms.ChoiceField(
        label=_("What happens to the answer?"),
        choices=[(k, v) for k, v in Response.choices if k != Response.PENDING],
        widget=forms.RadioSelect,
    )
    merged_into = forms.ModelChoiceField(
        label=_("Merged with which answer?"),
        queryset=Answer.objects.none(),
        required=False,
        empty_label=_("Choose only if merged"),
    )
    reason = forms.CharField(
        label=_("Why?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The person who answered reads this."),
    )
    shortlisted = forms.BooleanField(label=_("On the shortlist"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, answer: Answer, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["merged_into"])
        field.queryset = answer.challenge.answers.exclude(pk=answer.pk).select_related("idea")
        field.label_from_instance = _answer_title  # type: ignore[method-assign,assignment]


class SummaryForm(DesignSystemFormMixin, forms.Form):
    summary = forms.CharField(
        label=_("What came in and what happens next"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Published on the challenge's page for everyone who may read it."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


#: How many rows of the rubric the jury's setup offers.
JURY_ROWS = 6


class JuryForm(DesignSystemFormMixin, forms.Form):
    """A jury for the shortlist: the rubric (a name and a weight a row; empty rows are left out), the scale and
    whether the review is blind."""

    scale_min = forms.IntegerField(
        label=_("Lowest score"),
        min_value=0,
        max_value=100,
        initial=1,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
    )
    scale_max = forms.IntegerField(
        label=_("Highest score"),
        min_value=1,
        max_value=100,
        initial=5,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
    )
    blind_review = forms.BooleanField(
        label=_("Blind review: the jurors do not see who sent the answer"), required=False
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, names: list[str] | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        names = names or []
        for number in range(1, JURY_ROWS + 1):
            self.fields[f"name_{number}"] = forms.CharField(
                label=_("Criterion %(n)d") % {"n": number},
                max_length=120,
                required=False,
                initial=names[number - 1] if number <= len(names) else "",
            )
            self.fields[f"weight_{number}"] = forms.CharField(
                label=_("Weight of criterion %(n)d") % {"n": number},
                max_length=10,
                required=False,
                initial="1",
                widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-4"}),
            )

    def rows(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[f"name_{n}"], self[f"weight_{n}"]) for n in range(1, JURY_ROWS + 1)]

    def criteria(self) -> list[tuple[str, str]]:
        data = self.cleaned_data
        return [(data.get(f"name_{n}") or "", data.get(f"weight_{n}") or "") for n in range(1, JURY_ROWS + 1)]
