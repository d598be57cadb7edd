"""Forms of the open market dialogue. They check the shape of the input; the services check the rules."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.city import CITY_TIME_ZONE
from core.forms import DateField, DesignSystemFormMixin, LinksAndFilesMixin, MultipleFileField, attached_files
from procurement.dialogue.services import MAX_SLOTS_AT_ONCE, QUESTION_MAX, SlotTime
from procurement.models import Maturity, ResponseFile, Rfi, RfiDocument, WrittenResponse


def _time_input() -> forms.TimeInput:
    return forms.TimeInput(attrs={"type": "time", "class": "govuk-input--width-10"}, format="%H:%M")


def stockholm(day: date, at: time) -> datetime:
    """A date and a time of day as the clocks in Stockholm show them."""
    return datetime.combine(day, at, tzinfo=CITY_TIME_ZONE)


class AliasedForm(DesignSystemFormMixin, forms.Form):
    """A form whose fields are named apart from the service's arguments."""

    #: The service's name for an input → the field that asks for it.
    field_aliases: dict[str, str] = {}

    def apply_domain_error(self, exc) -> None:
        exc.field = self.field_aliases.get(exc.field, exc.field)
        super().apply_domain_error(exc)


class RfiForm(LinksAndFilesMixin, AliasedForm):
    """The request for information as the officer writes it; its deadlines are a day and a time, Stockholm time."""

    field_aliases = {
        "questions_close_at": "questions_close_on",
        "responses_close_at": "responses_close_on",
        "documents": "attachments",
    }

    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("What the city wants to know"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("The problem and what the city wants to learn from the market, written for suppliers."),
    )
    terms = forms.CharField(
        label=_("How the dialogue is held"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "What the city does with what suppliers send, that taking part gives no advantage in a later "
            "procurement, and how business secrets are kept."
        ),
    )
    questions_close_on = DateField(label=_("Last day for questions"))
    questions_close_time = forms.TimeField(
        label=_("Last time for questions (Stockholm time)"), widget=_time_input(), initial=time(12, 0)
    )
    responses_close_on = DateField(label=_("Last day for written responses"))
    responses_close_time = forms.TimeField(
        label=_("Last time for written responses (Stockholm time)"), widget=_time_input(), initial=time(12, 0)
    )
    attachments, remove_files = attached_files(
        model=RfiDocument,
        help_text=_("Documents every supplier may read: a description of the need, drawings, figures (PDF, Word)."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, rfi: Rfi | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.show_files(rfi.documents.all() if rfi is not None and rfi.pk else None)

    @classmethod
    def initial_for(cls, rfi: Rfi) -> dict[str, Any]:
        q = rfi.questions_close_at.astimezone(CITY_TIME_ZONE)
        r = rfi.responses_close_at.astimezone(CITY_TIME_ZONE)
        return {
            "title": rfi.title,
            "description": rfi.description,
            "terms": rfi.terms,
            "questions_close_on": q.date(),
            "questions_close_time": q.time().replace(second=0, microsecond=0),
            "responses_close_on": r.date(),
            "responses_close_time": r.time().replace(second=0, microsecond=0),
            "version": rfi.version,
        }

    def rfi_data(self) -> dict[str, Any]:
        data = cast(dict[str, Any], self.cleaned_data)
        return {
            "title": data["title"],
            "description": data["description"],
            "terms": data.get("terms") or "",
            "questions_close_at": stockholm(data["questions_close_on"], data["questions_close_time"]),
            "responses_close_at": stockholm(data["responses_close_on"], data["responses_close_time"]),
            "documents": data.get("attachments") or [],
        }


class FilterForm(DesignSystemFormMixin, forms.Form):
    hide_optional = True
    state = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[("open", _("Open for responses")), ("closed", _("Closed")), ("all", _("All"))],
    )
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    order = forms.ChoiceField(
        label=_("Order"),
        required=False,
        choices=[("closing", _("Closing soonest first")), ("newest", _("Newest first"))],
    )


class ConfirmForm(DesignSystemFormMixin, forms.Form):
    """No input: a confirmation whose refusal is shown in the error summary."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class QuestionForm(DesignSystemFormMixin, forms.Form):
    text = forms.CharField(
        label=pgettext_lazy("organisation", "Your question"),
        max_length=QUESTION_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "The answer is published to every registered supplier at the same time, with your question reworded so "
            "that it does not show who asked."
        ),
    )


class AnswerForm(DesignSystemFormMixin, forms.Form):
    public_text = forms.CharField(
        label=_("The question as it will be published"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Without anything that names or points to the supplier who asked."),
    )
    answer = forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 6}))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class PublishAnswersForm(DesignSystemFormMixin, forms.Form):
    count = forms.IntegerField(widget=forms.HiddenInput, required=False)


class SlotsForm(AliasedForm):
    """Meeting times offered at once: a number of meetings of the same length, one after the other, from a first
    start."""

    field_aliases = {"starts_at": "start_time"}

    day = DateField(label=_("Day of the meetings"))
    start_time = forms.TimeField(label=_("First meeting starts at (Stockholm time)"), widget=_time_input())
    minutes = forms.IntegerField(
        label=_("Length of each meeting, in minutes"),
        min_value=10,
        max_value=480,
        initial=45,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
    )
    pause = forms.IntegerField(
        label=_("Pause between meetings, in minutes"),
        min_value=0,
        max_value=240,
        initial=15,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
    )
    count = forms.IntegerField(
        label=_("How many meetings"),
        min_value=1,
        max_value=MAX_SLOTS_AT_ONCE,
        initial=4,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
    )
    place = forms.CharField(
        label=_("Place or link"),
        max_length=300,
        help_text=_("The same for every meeting, so every supplier meets on the same terms."),
    )

    def slot_times(self) -> list[SlotTime]:
        data = self.cleaned_data
        start = stockholm(data["day"], data["start_time"])
        length, pause = timedelta(minutes=data["minutes"]), timedelta(minutes=data["pause"])
        return [
            SlotTime(
                starts_at=start + n * (length + pause),
                ends_at=start + n * (length + pause) + length,
                place=data["place"],
            )
            for n in range(data["count"])
        ]


class MinutesForm(DesignSystemFormMixin, forms.Form):
    minutes = forms.CharField(
        label=_("Minutes"),
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "What was said, as every registered supplier will read it. Leave out business secrets and anything that "
            "is only the supplier's."
        ),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ResponseForm(DesignSystemFormMixin, forms.Form):
    """The supplier's written response; each part may be marked as a business secret, files are secret unless
    said otherwise."""

    field_aliases = {"files": "attachments"}

    solution = forms.CharField(
        label=_("Your solution or idea"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("How it would solve the city's problem."),
    )
    solution_secret = forms.BooleanField(label=_("The solution is a business secret"), required=False)
    maturity = forms.ChoiceField(
        label=_("How far has the solution come?"), choices=Maturity.choices, widget=forms.RadioSelect
    )
    price_indication = forms.CharField(
        label=_("Price indication"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Roughly what it would cost, and how the price is built up. Not binding."),
    )
    price_secret = forms.BooleanField(label=_("The price indication is a business secret"), required=False)
    other = forms.CharField(label=_("Anything else"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    other_secret = forms.BooleanField(label=_("This is a business secret"), required=False)
    attachments = MultipleFileField(
        label=_("Files"),
        required=False,
        help_text=_("PDF, Word, Excel or images. Files are business secrets unless you say otherwise below."),
    )
    files_not_secret = forms.BooleanField(label=_("The new files are not business secrets"), required=False)
    remove_files = forms.ModelMultipleChoiceField(
        label=_("Remove files"),
        required=False,
        queryset=ResponseFile.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, response: WrittenResponse | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if response is None or not response.files.exists():
            del self.fields["remove_files"]
        else:
            cast(forms.ModelMultipleChoiceField, self.fields["remove_files"]).queryset = response.files.all()

    def apply_domain_error(self, exc) -> None:
        exc.field = self.field_aliases.get(exc.field, exc.field)
        super().apply_domain_error(exc)

    @classmethod
    def initial_for(cls, response: WrittenResponse | None) -> dict[str, Any]:
        if response is None:
            return {"price_secret": True}
        return {
            "solution": response.solution,
            "solution_secret": response.solution_secret,
            "maturity": response.maturity,
            "price_indication": response.price_indication,
            "price_secret": response.price_secret,
            "other": response.other,
            "other_secret": response.other_secret,
            "version": response.version,
        }

    def response_data(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "solution": data["solution"],
            "solution_secret": data.get("solution_secret", False),
            "maturity": data["maturity"],
            "price_indication": data.get("price_indication") or "",
            "price_secret": data.get("price_secret", False),
            "other": data.get("other") or "",
            "other_secret": data.get("other_secret", False),
            "files": data.get("attachments") or [],
            "files_secret": not data.get("files_not_secret", False),
            "remove_files": data.get("remove_files") or [],
        }
