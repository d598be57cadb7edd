import re
from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from core.forms import DateField, DesignSystemFormMixin, MultipleFileField, PersonChoiceField
from core.uploads import ACCEPT
from core.validators import LINE_MAX
from ideas import lock
from ideas.lessons import Effect, Factor, LessonEntry, Period, lessons_asked, lessons_required
from ideas.lock import CloseReason, Stage
from ideas.models import Area, Idea, InnovationKind, Novelty, Source, SupportKind, Visibility
from organisation.models import Role, Unit, UnitKind, User

_EMAIL_SEPARATORS = re.compile(r"[\s,;]+")

VALUE_CHOICES = [("economic", _("Economic")), ("social", _("Social")), ("environmental", _("Environmental"))]


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Unit) -> str:
        return "\u2003" * max(obj.depth - 3, 0) + obj.name


def idea_units():
    return Unit.objects.exclude(kind__in=(UnitKind.CITY, UnitKind.COMMITTEE, UnitKind.COMPANY_BOARD)).order_by("path")


def districts():
    return Unit.objects.filter(kind=UnitKind.DISTRICT_ADMINISTRATION).order_by("name")


class IdeaForm(DesignSystemFormMixin, forms.Form):
    title = forms.CharField(
        label=_("Give the idea a short title"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    problem = forms.CharField(
        label=_("What problem or need does it solve?"),
        help_text=_("Describe the situation today and why it needs to change."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    audience = forms.CharField(
        label=_("Who is it for?"),
        help_text=_("For example residents, pupils, care staff or a particular unit."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    proposal = forms.CharField(label=_("What is your idea?"), widget=forms.Textarea(attrs={"rows": 5}))
    expected_value = forms.CharField(
        label=_("What value do you expect?"),
        help_text=_("What gets better, for whom, and how could it be measured?"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    kind = forms.ChoiceField(
        label=_("What kind of innovation is it?"),
        choices=InnovationKind.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "Something new that is used (product), a new way to serve someone (service), a new way of working (process), a new way to organise (organisation) or new ways of working with others, such as companies, associations or researchers."
        ),
    )
    values = forms.MultipleChoiceField(
        label=_("What kinds of value does it create?"), choices=VALUE_CHOICES, widget=forms.CheckboxSelectMultiple
    )
    unit = UnitChoiceField(
        label=_("Which administration, company or unit is it for?"),
        queryset=Unit.objects.none(),
        help_text=_("Choose the unit closest to where the idea would be used."),
    )
    # Residents and suppliers say what the idea is about and where, instead of the kind and the unit.
    area = forms.ChoiceField(
        label=_("What is the idea about?"),
        choices=Area.choices,
        widget=forms.RadioSelect,
        help_text=_("Choose what fits best. The innovation office sends the idea on to those who can act on it."),
    )
    district = forms.ModelChoiceField(
        label=_("Is it about a particular district?"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=_("No, the whole city – or I don't know"),
        help_text=_("The district administration then answers; otherwise the city's innovation office does."),
    )
    place = forms.CharField(
        label=_("Where in the city?"),
        required=False,
        max_length=200,
        help_text=_("For example a street, a park, a school or a service you use."),
    )
    source = forms.ChoiceField(
        label=_("Where does the idea come from?"),
        choices=Source.choices,
        widget=forms.Select,
        help_text=_("If you register an idea on someone else's behalf, for example from a complaint, say so here."),
    )
    visibility = forms.ChoiceField(
        label=_("Who may read the idea?"),
        choices=Visibility.choices,
        widget=forms.RadioSelect,
        initial=Visibility.INTERNAL,
        help_text=_("Choose public only if everyone named in the idea agrees to it being published."),
    )
    public_consent = forms.BooleanField(
        label=_("I and everyone named in the idea agree that it is published"),
        required=False,
        help_text=_("Needed only if the idea is to be public."),
    )
    co_authors = forms.CharField(
        label=_("Co-authors"),
        required=False,
        help_text=_("Email addresses of the people who wrote the idea with you, separated by commas."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false", "inputmode": "email"}),
    )
    attachments = MultipleFileField(
        label=_("Attachments"),
        required=False,
        help_text=_("PDF, images, Word, Excel, PowerPoint, OpenDocument or text, at most 10 MB each."),
    )

    def __init__(self, *args, user: User, editing: bool = False, idea: Idea | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.idea = idea
        if user.kind == "employee":
            # Staff name the unit and the kind of innovation themselves.
            cast(forms.ModelChoiceField, self.fields["unit"]).queryset = idea_units()
            for name in ("area", "district", "place"):
                del self.fields[name]
        else:
            # Residents and suppliers are asked what they can answer; the innovation office classifies the idea.
            for name in ("kind", "unit", "source", "co_authors"):
                del self.fields[name]
            cast(forms.ModelChoiceField, self.fields["district"]).queryset = districts()
        if editing:
            self.fields.pop("attachments", None)
            self.fields.pop("source", None)
            self.fields.pop("district", None)
        if idea is not None and idea.author_id != user.pk:
            # Only the author consents to publishing; others ask on the idea's page. They may make it internal.
            del self.fields["public_consent"]
            if idea.visibility != Visibility.PUBLIC:
                del self.fields["visibility"]

    def clean_co_authors(self) -> list[str]:
        """The addresses as written; who they belong to is looked up only once everything else is valid."""
        return [email for email in _EMAIL_SEPARATORS.split(self.cleaned_data.get("co_authors", "")) if email]

    def clean(self):
        data = super().clean() or {}
        newly_public = data.get("visibility") == "public" and getattr(self.idea, "visibility", "") != "public"
        if newly_public and "public_consent" in self.fields and not data.get("public_consent"):
            self.add_error(
                "public_consent",
                _("To publish the idea, confirm that you and everyone named in it agree to it being public."),
            )
        return data

    def submit_fields(self) -> dict[str, Any]:
        """What ``ideas.services.idea_submit`` takes from the form, besides its author (the new idea's page, an
        advice request's or a development talk's idea). Staff name the unit; a resident or supplier may name a
        district, or leave it to the office."""
        data = self.cleaned_data
        return {
            "unit": data.get("unit") or data.get("district"),
            "title": data["title"],
            "problem": data["problem"],
            "audience": data["audience"],
            "proposal": data["proposal"],
            "expected_value": data["expected_value"],
            "kind": data.get("kind") or "",
            "values": data["values"],
            "area": data.get("area") or "",
            "place": data.get("place") or "",
            "source": data.get("source"),
            "visibility": data["visibility"],
            "public_consent": data.get("public_consent", False),
            "co_authors": data.get("co_authors") or [],
            "attachments": data.get("attachments") or [],
        }


class ClassifyForm(DesignSystemFormMixin, forms.Form):
    """The innovation office names the unit and kind of an idea whose sender could not."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    unit = UnitChoiceField(
        label=_("Which administration, company or unit is it for?"),
        queryset=Unit.objects.none(),
        help_text=_("The unit's innovation office is told and answers the idea."),
    )
    kind = forms.ChoiceField(
        label=_("What kind of innovation is it?"),
        choices=InnovationKind.choices,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["unit"]).queryset = idea_units()


class PublicationAskForm(DesignSystemFormMixin, forms.Form):
    message = forms.CharField(
        label=_("Message to the author"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example why the idea would be good to share. The author decides."),
    )


class PublicationConsentForm(DesignSystemFormMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    public_consent = forms.BooleanField(
        label=_("I and everyone named in the idea agree that it is published"),
        required=False,
        help_text=_("Everyone can then read the idea, its text and its attachments, without signing in."),
    )


class PublicationWithdrawForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class DecisionForm(DesignSystemFormMixin, forms.Form):
    """A gate decision, checked whole: a missing rationale and a missing checklist point show together."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, idea: Idea, gate: lock.Gate, to_stage: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for item in gate.checklist:
            self.fields[f"check_{item.key}"] = forms.BooleanField(
                label=cast(str, item.label),
                required=item.required,
                error_messages={"required": _("Tick this point to confirm it, or choose another decision.")},
            )
        if to_stage == Stage.CLOSED:
            self.fields["closed_reason"] = forms.ChoiceField(
                label=_("Reason for closing"),
                choices=[
                    (reason, CloseReason(reason).label)
                    for reason in lock.close_reasons_for(idea.stage, parked_from=idea.parked_from)
                ],
                widget=forms.RadioSelect,
                error_messages={"required": _("Choose why the idea is closed.")},
            )
        self.fields["rationale"] = forms.CharField(
            label=_("Rationale"),
            help_text=_("Shown on the idea's page. The author and everyone following the idea will read it."),
            widget=forms.Textarea(attrs={"rows": 4}),
            error_messages={"required": _("Write the rationale for the decision.")},
        )
        self.lessons_required = lessons_required(idea.stage, to_stage, parked_from=idea.parked_from)
        if lessons_asked(idea.stage, to_stage, parked_from=idea.parked_from):
            for factor in Factor:
                self.fields[f"lesson_{factor.value}"] = forms.ChoiceField(
                    label=factor.label,
                    choices=[*Effect.choices, ("", _("Not relevant"))],
                    widget=forms.RadioSelect,
                    required=False,
                    initial="",
                )
                self.fields[f"lesson_{factor.value}_note"] = forms.CharField(
                    label=format_lazy(_("{factor}: in one sentence"), factor=factor.label),
                    required=False,
                    max_length=LINE_MAX,
                )
        if to_stage == Stage.PARKED:
            self.fields["parked_until"] = DateField(
                label=_("Look at the idea again on"),
                help_text=_("Nothing waits forever: the idea comes back to the triage queue then."),
                error_messages={"required": _("Give the date to look at the idea again.")},
            )

    def clean_parked_until(self):
        parked_until = self.cleaned_data["parked_until"]
        if problem := lock.look_again_problem(parked_until, today=timezone.localdate()):
            raise forms.ValidationError(problem)
        return parked_until

    def clean(self):
        cleaned = super().clean() or {}
        if "lesson_strategy" not in self.fields:
            return cleaned
        chosen = 0
        for factor in Factor:
            effect = cleaned.get(f"lesson_{factor.value}") or ""
            note = (cleaned.get(f"lesson_{factor.value}_note") or "").strip()
            if effect and not note:
                self.add_error(
                    f"lesson_{factor.value}_note",
                    _("Write a sentence on how it helped or blocked, or choose “Not relevant”."),
                )
            elif note and not effect:
                self.add_error(
                    f"lesson_{factor.value}", _("Choose whether it helped or blocked, or clear the sentence.")
                )
            chosen += bool(effect)
        if self.lessons_required and not chosen and not self.errors.get("lesson_strategy"):
            self.add_error(
                "lesson_strategy",
                _("Say what helped or blocked the idea: choose at least one factor and write a sentence."),
            )
        return cleaned

    def lesson_rows(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        """Each factor's choice (helped, blocked, not relevant) with its sentence, for the lessons fieldset."""
        if "lesson_strategy" not in self.fields:
            return []
        return [(self[f"lesson_{f.value}"], self[f"lesson_{f.value}_note"]) for f in Factor]

    def lessons(self) -> list[LessonEntry]:
        data = self.cleaned_data
        return [
            LessonEntry(f.value, data[f"lesson_{f.value}"], data.get(f"lesson_{f.value}_note") or "")
            for f in Factor
            if data.get(f"lesson_{f.value}")
        ]

    def checklist_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name.startswith("check_")]

    def checklist_has_errors(self) -> bool:
        return any(field.errors for field in self.checklist_fields())

    def checklist(self) -> dict[str, bool]:
        return {k[len("check_") :]: v for k, v in self.cleaned_data.items() if k.startswith("check_")}


class CoachForm(DesignSystemFormMixin, forms.Form):
    coach = PersonChoiceField(
        label=_("Innovation coach"), queryset=User.objects.none(), required=False, empty_label=_("No coach")
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["coach"]).queryset = (
            # The list shows names only; a city has hundreds of coaches.
            User.objects.filter(role_assignments__role=Role.COACH).distinct().order_by("name").only("name", "email")
        )


class AssessmentForm(DesignSystemFormMixin, forms.Form):
    novelty = forms.ChoiceField(label=_("How new is the change?"), choices=Novelty.choices, widget=forms.RadioSelect)
    value_evidence = forms.CharField(
        label=_("What value has it created?"),
        help_text=_("Evidence: what was measured or observed, and by whom."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    value_figures = forms.CharField(
        label=_("Key figures"),
        required=False,
        max_length=300,
        help_text=_("For example: 30 % fewer missed visits, 120 hours saved a year."),
    )
    in_use = forms.BooleanField(label=_("It is in use"), required=False)
    used_by = forms.CharField(label=_("Who uses it?"), required=False, max_length=300)


class CommentForm(DesignSystemFormMixin, forms.Form):
    body = forms.CharField(label=_("Write a comment"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))


class HideCommentForm(DesignSystemFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Why is the comment hidden?"),
        max_length=300,
        help_text=_("Shown in the comment's place, for example: personal data about a third person."),
    )


class SupportForm(forms.Form):
    kind = forms.ChoiceField(choices=SupportKind.choices)


class AttachmentForm(DesignSystemFormMixin, forms.Form):
    file = forms.FileField(
        label=_("Add a file"),
        help_text=_("PDF, images, Word, Excel, PowerPoint, OpenDocument or text, at most 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )


class FilterForm(DesignSystemFormMixin, forms.Form):
    #: Every filter is optional; saying so at each would be noise.
    hide_optional = True
    q = forms.CharField(label=_("Search"), required=False)
    stage = forms.ChoiceField(label=_("Stage"), required=False, choices=[("", _("All stages"))])
    source = forms.ChoiceField(label=_("Source"), required=False, choices=[("", _("All sources")), *Source.choices])
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("All kinds")), *InnovationKind.choices])
    unit = UnitChoiceField(
        label=_("Unit"), required=False, queryset=Unit.objects.none(), empty_label=_("The whole city")
    )
    overdue = forms.BooleanField(label=_("Only ideas waiting past their answer date"), required=False)
    #: The empty choice is the default order: the best matches first when searching, else the newest.
    sort = forms.ChoiceField(label=_("Sort by"), required=False)

    def __init__(self, *args, units=None, whole_city: bool = True, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["stage"]).choices = [("", _("All stages")), *Stage.choices]
        searching = bool(str(self.data.get("q") or "").strip())
        default = "relevance" if searching else "newest"
        if self.data.get("sort") in (default, "relevance"):
            # The default order, named or left out, is the empty choice; best match without words is the newest.
            self.data = {**{key: self.data.get(key) for key in self.data}, "sort": ""}
        cast(forms.ChoiceField, self.fields["sort"]).choices = [
            ("", _("Best match first") if searching else _("Newest first")),
            *([("newest", _("Newest first"))] if searching else []),
            ("oldest", _("Oldest first")),
            ("title", _("Title")),
            ("stage", _("Stage")),
            ("supports", _("Most support")),
        ]
        cast(forms.ModelChoiceField, self.fields["unit"]).queryset = (
            units if units is not None else Unit.objects.filter(depth__lte=3).order_by("path")
        )
        if not whole_city:
            cast(forms.ModelChoiceField, self.fields["unit"]).empty_label = _("All your units")


class LessonsFilterForm(DesignSystemFormMixin, forms.Form):
    """The lessons view's choice: a unit's subtree and a period; then, to list the ideas behind, a factor."""

    hide_optional = True
    unit = UnitChoiceField(
        label=_("Unit"), required=False, queryset=Unit.objects.none(), empty_label=_("The whole city")
    )
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False)
    period = forms.ChoiceField(label=_("Period"), choices=Period.choices, required=False)
    factor = forms.ChoiceField(label=_("Factor"), choices=[("", _("All factors")), *Factor.choices], required=False)
    effect = forms.ChoiceField(label=_("Helped or blocked"), choices=[("", _("Both")), *Effect.choices], required=False)

    def __init__(self, *args, years: list[int], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["year"]).choices = [(y, str(y)) for y in years]
        cast(forms.ModelChoiceField, self.fields["unit"]).queryset = Unit.objects.filter(depth__lte=3).order_by("path")
