"""Forms of the catalogue: finding a course, a course, a question of the check, taking the check, a session, and the
confirmations that carry the course's ``lock_version``. They check the shape of the input; the services the rules."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any, cast

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.city import CITY_TIME_ZONE
from core.errors import DomainError
from core.forms import DateField, DesignSystemFormMixin, show_domain_error
from learning.catalogue import services
from learning.catalogue.selectors import LENGTHS, SORTS
from learning.models import Audience, CheckQuestion, Course, CourseKind, CourseLanguage, Session
from organisation.models import Role, Unit


class FilterForm(DesignSystemFormMixin, forms.Form):
    q = forms.CharField(
        label=_("Search by title or summary"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    audience = forms.ChoiceField(label=_("For"), choices=[("", _("Anyone")), *Audience.choices], required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=[("", _("Every kind")), *CourseKind.choices], required=False)
    length = forms.ChoiceField(
        label=_("Length"),
        choices=[
            ("", _("Any length")),
            ("short", _("30 minutes or less")),
            ("medium", _("Up to 2 hours")),
            ("long", _("Longer than 2 hours")),
        ],
        required=False,
    )
    language = forms.ChoiceField(
        label=_("Language"),
        choices=[("", _("Any language")), (CourseLanguage.SV, _("Swedish")), (CourseLanguage.EN, _("English"))],
        required=False,
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        choices=[("title", _("Title")), ("newest", _("Newest first")), ("next", _("Next session"))],
        required=False,
    )


assert {k for k, _label in FilterForm.base_fields["length"].choices if k} == set(LENGTHS)  # type: ignore[attr-defined]  # noqa: S101
assert {k for k, _label in FilterForm.base_fields["sort"].choices} == set(SORTS)  # type: ignore[attr-defined]  # noqa: S101


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Unit) -> str:
        return obj.name


def units_for(user) -> Any:
    """The units the person publishes courses for: the city and its administrations for the executive office, the
    units of their innovation office for others."""
    if user.is_executive_office:
        return Unit.objects.filter(depth__lte=2).order_by("path")
    paths = user.role_paths.get(Role.OFFICE, [])
    return Unit.objects.filter(path__in=paths).order_by("path") if paths else Unit.objects.none()


#: The fields only a self-paced module takes: shown and read only when that kind is chosen.
MODULE_FIELDS = ("body", "video_url", "external_url", "pass_mark")


class CourseForm(DesignSystemFormMixin, forms.Form):
    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    kind = forms.ChoiceField(label=_("Kind of course"), choices=CourseKind.choices, widget=forms.RadioSelect)
    title = forms.CharField(label=_("Title"), max_length=services.TITLE_MAX)
    summary = forms.CharField(
        label=_("Summary"),
        max_length=services.SUMMARY_MAX,
        help_text=_("One or two sentences: what the course gives and who it is for. Shown in the catalogue."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    audience = forms.ChoiceField(
        label=_("Who is it for?"),
        choices=Audience.choices,
        widget=forms.RadioSelect,
        help_text=_("A leadership programme module is for managers."),
    )
    length_minutes = forms.IntegerField(
        label=_("Length in minutes"),
        min_value=1,
        max_value=services.MAX_LENGTH_MINUTES,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-5"}),
        error_messages={"invalid": _("Give the length in minutes as a whole number, like 45.")},
    )
    language = forms.ChoiceField(label=_("Language"), choices=CourseLanguage.choices, widget=forms.RadioSelect)
    unit = UnitChoiceField(label=_("Published by"), queryset=Unit.objects.none(), empty_label=None)
    body = forms.CharField(
        label=_("Content (a self-paced module kept here)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Plain text. Leave an empty line between paragraphs. Leave empty for a workshop or seminar."),
    )
    video_url = forms.CharField(
        label=_("Link to a video (optional)"),
        required=False,
        max_length=services.URL_MAX,
        widget=forms.TextInput(attrs={"spellcheck": "false", "inputmode": "url"}),
    )
    external_url = forms.CharField(
        label=_("Link to the module on the learning platform (optional)"),
        required=False,
        max_length=services.URL_MAX,
        help_text=_("A module on the city's learning platform is completed there."),
        widget=forms.TextInput(attrs={"spellcheck": "false", "inputmode": "url"}),
    )
    code = forms.CharField(
        label=_("Code (optional)"),
        required=False,
        max_length=services.CODE_MAX,
        help_text=_("The learning platform's code for the course, like inno-intro. Made from the title if empty."),
        widget=forms.TextInput(attrs={"spellcheck": "false", "class": "govuk-input--width-20"}),
    )
    pass_mark = forms.IntegerField(
        label=_("Right answers needed to pass the check"),
        min_value=0,
        max_value=services.MAX_QUESTIONS,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
    )
    is_public = forms.BooleanField(
        label=_("Public: shown on the public site and in the open API, without signing in"), required=False
    )

    def __init__(self, *args, user, course: Course | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        units = units_for(user)
        if course is not None:
            units = Unit.objects.filter(Q(pk__in=units.values("pk")) | Q(pk=course.unit_id)).order_by("path")
        cast(forms.ModelChoiceField, self.fields["unit"]).queryset = units
        if course is None or not course.questions.exists():
            del self.fields["pass_mark"]

    @classmethod
    def initial_for(cls, course: Course) -> dict[str, Any]:
        return {name: getattr(course, name) for name in services.COURSE_FIELDS if name != "unit"} | {
            "unit": course.unit_id,
            "lock_version": course.lock_version,
        }

    def chosen_kind(self) -> str:
        """The kind chosen in the form (or the course's, or the one offered first)."""
        if self.is_bound:
            return str(self.data.get("kind") or "")
        return str(self.initial.get("kind") or self.fields["kind"].initial or "")

    def is_module(self) -> bool:
        return self.chosen_kind() == CourseKind.MODULE

    def content_fields(self) -> list:
        return [self[name] for name in MODULE_FIELDS if name in self.fields]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.is_module():
            # The content and the check are a self-paced module's: for another kind they are not read at all.
            for name in MODULE_FIELDS:
                self.errors.pop(name, None)
                data.pop(name, None)
        return data

    def apply_domain_error(self, exc: DomainError) -> None:
        """Every field the service refused, at once."""
        for error in getattr(exc, "errors", [exc]):
            show_domain_error(self, error)

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        kwargs = {name: data[name] for name in services.COURSE_FIELDS if name in data and name != "code"}
        kwargs["code"] = data.get("code") or ""
        if not self.is_module():
            kwargs |= {"body": "", "pass_mark": 0}  # another kind has no content or check of its own
        return kwargs


class ConfirmForm(DesignSystemFormMixin, forms.Form):
    """A confirmation: the course as the person saw it."""

    lock_version = forms.IntegerField(widget=forms.HiddenInput)


class QuestionForm(DesignSystemFormMixin, forms.Form):
    text = forms.CharField(
        label=_("Question"), max_length=services.QUESTION_MAX, widget=forms.Textarea(attrs={"rows": 2})
    )
    correct = forms.TypedChoiceField(
        label=_("Which choice is the right answer?"),
        coerce=int,
        choices=[(i, _("Choice %(n)s") % {"n": i + 1}) for i in range(services.MAX_CHOICES)],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose which of the choices is the right answer.")},
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for i in range(services.MAX_CHOICES):
            self.fields[f"choice_{i + 1}"] = forms.CharField(
                label=_("Choice %(n)s") % {"n": i + 1}
                if i < services.MIN_CHOICES
                else _("Choice %(n)s (optional)") % {"n": i + 1},
                max_length=services.CHOICE_MAX,
                required=i < services.MIN_CHOICES,
            )
        # The right answer after the choices.
        self.order_fields(["text", *(f"choice_{i + 1}" for i in range(services.MAX_CHOICES)), "correct"])

    def choice_fields(self) -> list:
        return [self[f"choice_{i + 1}"] for i in range(services.MAX_CHOICES)]

    @classmethod
    def initial_for(cls, question: CheckQuestion) -> dict[str, Any]:
        initial: dict[str, Any] = {"text": question.text, "correct": question.correct}
        for i, choice in enumerate(question.choices):
            initial[f"choice_{i + 1}"] = choice
        return initial

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "text": data["text"],
            "choices": [data.get(f"choice_{i + 1}") or "" for i in range(services.MAX_CHOICES)],
            "correct": data["correct"],
        }

    def apply_domain_error(self, exc) -> None:
        exc.field = {"choices": "choice_1"}.get(exc.field, exc.field)
        super().apply_domain_error(exc)


class CheckForm(DesignSystemFormMixin, forms.Form):
    """The check: a question each, its choices as radio buttons."""

    def __init__(self, *args, questions: list[CheckQuestion], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for number, question in enumerate(questions, start=1):
            self.fields[f"question_{question.pk}"] = forms.TypedChoiceField(
                label=f"{number}. {question.text}",
                choices=list(enumerate(question.choices)),
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": _("Choose an answer to question %(n)s.") % {"n": number}},
            )
        self.questions = questions

    def answers(self) -> dict[int, int | None]:
        return {q.pk: self.cleaned_data.get(f"question_{q.pk}") for q in self.questions}


def _time_input() -> forms.TimeInput:
    return forms.TimeInput(attrs={"type": "time", "class": "govuk-input--width-10"}, format="%H:%M")


def _stockholm(day: date, at: time) -> datetime:
    return datetime.combine(day, at, tzinfo=CITY_TIME_ZONE)


class SessionForm(DesignSystemFormMixin, forms.Form):
    """A session as the office sets it up; its start and end in Stockholm time."""

    field_aliases = {"starts_at": "starts_on", "ends_at": "ends_time"}

    starts_on = DateField(label=_("Date"))
    starts_time = forms.TimeField(label=_("Starts at (Stockholm time)"), widget=_time_input())
    ends_time = forms.TimeField(label=_("Ends at (Stockholm time)"), widget=_time_input())
    place = forms.CharField(
        label=_("Place"), max_length=300, required=False, help_text=_("The address and the room. Empty if online only.")
    )
    online_url = forms.CharField(
        label=_("Link to join online"),
        max_length=500,
        required=False,
        help_text=_("Empty if it is only on site."),
        widget=forms.TextInput(attrs={"spellcheck": "false", "inputmode": "url"}),
    )
    capacity = forms.IntegerField(
        label=_("Number of places"),
        min_value=1,
        max_value=100_000,
        help_text=_("When every place is taken, new sign-ups go on the waiting list."),
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-5"}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    @classmethod
    def initial_for(cls, session: Session) -> dict[str, Any]:
        event = session.event
        starts = event.starts_at.astimezone(CITY_TIME_ZONE)
        ends = event.ends_at.astimezone(CITY_TIME_ZONE)
        return {
            "starts_on": starts.date(),
            "starts_time": starts.time(),
            "ends_time": ends.time(),
            "place": event.place,
            "online_url": event.online_url,
            "capacity": event.capacity,
            "version": event.version,
        }

    def apply_domain_error(self, exc) -> None:
        exc.field = self.field_aliases.get(exc.field, exc.field)
        super().apply_domain_error(exc)

    def session_data(self) -> dict[str, Any]:
        data = self.cleaned_data
        day = data["starts_on"]
        return {
            "starts_at": _stockholm(day, data["starts_time"]),
            "ends_at": _stockholm(day, data["ends_time"]),
            "place": data["place"],
            "online_url": data["online_url"],
            "capacity": data["capacity"],
        }
