"""Forms of events. They check the shape of the input; the services check the rules."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from core.city import CITY_TIME_ZONE
from core.forms import DateField, DesignSystemFormMixin
from spread.models import Adoption, Event, EventKind, Example, LeadStatus


def _time_input() -> forms.TimeInput:
    return forms.TimeInput(attrs={"type": "time", "class": "govuk-input--width-10"}, format="%H:%M")


def _stockholm(day: date, at: time) -> datetime:
    return datetime.combine(day, at, tzinfo=CITY_TIME_ZONE)


class EventForm(DesignSystemFormMixin, forms.Form):
    """An event as the office sets it up; the start and end in Stockholm time."""

    #: The service's name for an input → the field that asks for it.
    field_aliases = {"starts_at": "starts_on", "ends_at": "ends_time"}

    kind = forms.ChoiceField(
        label=_("Kind of event"),
        choices=[(k, v) for k, v in EventKind.choices if k != EventKind.COURSE],
        widget=forms.RadioSelect,
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What happens, who it is for and what to bring."),
    )
    starts_on = DateField(label=_("Date"))
    starts_time = forms.TimeField(label=_("Starts at (Stockholm time)"), widget=_time_input())
    ends_on = DateField(label=_("Ends on"), required=False, help_text=_("Leave empty if it ends the same day."))
    ends_time = forms.TimeField(label=_("Ends at (Stockholm time)"), widget=_time_input())
    place = forms.CharField(
        label=_("Place"), max_length=300, required=False, help_text=_("The address and the room. Empty if online only.")
    )
    online_url = forms.CharField(
        label=_("Link to join online"),
        max_length=500,
        required=False,
        help_text=_("Empty if it is only on site."),
        widget=forms.TextInput(attrs={"spellcheck": "false", "autocomplete": "url", "inputmode": "url"}),
    )
    capacity = forms.IntegerField(
        label=_("Number of places"),
        min_value=1,
        max_value=100_000,
        help_text=_("When every place is taken, new registrations go on the waiting list."),
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-5"}),
    )
    is_public = forms.BooleanField(
        label=_("Open to the public: shown on the public site, anyone may register"), required=False
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    @classmethod
    def initial_for(cls, event: Event) -> dict[str, Any]:
        starts = event.starts_at.astimezone(CITY_TIME_ZONE)
        ends = event.ends_at.astimezone(CITY_TIME_ZONE)
        return {
            "kind": event.kind,
            "title": event.title,
            "description": event.description,
            "starts_on": starts.date(),
            "starts_time": starts.time(),
            "ends_on": ends.date() if ends.date() != starts.date() else None,
            "ends_time": ends.time(),
            "place": event.place,
            "online_url": event.online_url,
            "capacity": event.capacity,
            "is_public": event.is_public,
            "version": event.version,
        }

    def apply_domain_error(self, exc) -> None:
        exc.field = self.field_aliases.get(exc.field, exc.field)
        super().apply_domain_error(exc)

    def event_data(self) -> dict[str, Any]:
        data = cast(dict[str, Any], self.cleaned_data)
        day = data["starts_on"]
        return {
            "kind": data["kind"],
            "title": data["title"],
            "description": data["description"],
            "starts_at": _stockholm(day, data["starts_time"]),
            "ends_at": _stockholm(data.get("ends_on") or day, data["ends_time"]),
            "place": data["place"],
            "online_url": data["online_url"],
            "capacity": data["capacity"],
            "is_public": data["is_public"],
        }


class ConfirmForm(DesignSystemFormMixin, forms.Form):
    """No input: a confirmation whose refusal is shown in the error summary."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class RegisterForm(DesignSystemFormMixin, forms.Form):
    """Someone without an account registering for a public event."""

    name = forms.CharField(label=_("Your name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"}))
    email = forms.EmailField(
        label=_("Your email address"),
        max_length=254,
        help_text=_("The confirmation, with a link to cancel, goes here."),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={"invalid": _("Give your email address, like name@example.com.")},
    )


class ExhibitForm(DesignSystemFormMixin, forms.Form):
    example = forms.ModelChoiceField(
        label=_("Which of your examples?"), queryset=Example.objects.none(), empty_label=None, widget=forms.RadioSelect
    )
    message = forms.CharField(
        label=_("A note to the innovation office (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What you would show at the stand, and what you need (a screen, a table, power)."),
    )

    def __init__(self, *args, examples, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["example"])
        field.queryset = examples


class InterestForm(DesignSystemFormMixin, forms.Form):
    """ "We want to know more" at a stand, by the visitor."""

    note = forms.CharField(
        label=_("What do you want to know? (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class VisitorLeadForm(DesignSystemFormMixin, forms.Form):
    """The exhibitor noting a visitor's interest."""

    name = forms.CharField(label=_("The visitor's name"), max_length=150)
    email = forms.EmailField(
        label=_("The visitor's email address"),
        max_length=254,
        error_messages={"invalid": _("Give the visitor's email address, like name@example.com.")},
    )
    note = forms.CharField(
        label=_("What they want to know (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class LeadForm(DesignSystemFormMixin, forms.Form):
    status = forms.ChoiceField(label=_("What has happened?"), choices=LeadStatus.choices, widget=forms.RadioSelect)
    adoption = forms.ModelChoiceField(
        label=_("The adoption it became"),
        queryset=Adoption.objects.none(),
        required=False,
        help_text=_("Only when it became an adoption: one of the example's adoptions."),
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, adoptions, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["adoption"])
        field.queryset = adoptions
        field.empty_label = str(_("No adoption"))
