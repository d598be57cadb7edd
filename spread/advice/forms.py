"""The forms of asking for advice, answering it and sending the question in as an idea."""

from __future__ import annotations

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import DesignSystemFormMixin
from ideas.forms import IdeaForm
from organisation.models import Unit
from spread.advice.selectors import SORTS
from spread.advice.services import EXAMPLES_MAX, SUBJECT_MAX, coaches_for, readable_examples


class CoachChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.name


class AskForm(DesignSystemFormMixin, forms.Form):
    subject = forms.CharField(
        label=_("What is your question about?"),
        max_length=SUBJECT_MAX,
        help_text=_("A few words, for example “Digital locks in home care”."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    question = forms.CharField(
        label=_("Your question"),
        help_text=_(
            "Tell us what you want to do or find out, and where you are stuck. For example: “I have an idea but "
            "don't know where to start” or “How have others done this?”"
        ),
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    coach = CoachChoiceField(
        label=_("Do you want to ask a particular innovation coach?"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=_("No, the innovation office chooses who answers"),
        help_text=_("The innovation office always sees your question too."),
    )

    def __init__(self, *args, unit: Unit, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["coach"]).queryset = coaches_for(unit)


class AnswerForm(DesignSystemFormMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    answer = forms.CharField(
        label=_("Your answer"),
        help_text=_("Write so that the person who asked knows what to do next."),
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    find = forms.CharField(
        label=_("Find good examples to point to"),
        required=False,
        max_length=200,
        help_text=_("Words from an example's title or text. Tick the examples to send with your answer."),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    examples = forms.ModelMultipleChoiceField(
        label=_("Good examples"),
        queryset=readable_examples(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _("One of the good examples you chose is no longer published. Choose among those shown."),
        },
    )
    suggest_idea = forms.BooleanField(
        label=_("Suggest sending the question in as an idea"),
        required=False,
        help_text=_("They then get a button that opens the idea form, filled in with their question."),
    )

    def clean_examples(self):
        chosen = self.cleaned_data.get("examples")
        if chosen is not None and len(chosen) > EXAMPLES_MAX:
            raise forms.ValidationError(
                _("Point to at most %(max)d good examples: choose the ones that fit best.") % {"max": EXAMPLES_MAX}
            )
        return chosen


class AdviceIdeaForm(IdeaForm):
    """The idea form, filled in from the request; the request's version guards against a change meanwhile."""

    version = forms.IntegerField(widget=forms.HiddenInput)


STATE_CHOICES = [
    ("", _("Every request")),
    ("open", _("Waiting for an answer")),
    ("overdue", _("Past the answer date")),
    ("answered", _("Answered")),
    ("became_idea", _("Became an idea")),
]
SORT_CHOICES = [
    ("due", _("Answer date, earliest first")),
    ("newest", _("Newest first")),
    ("oldest", _("Oldest first")),
]
assert {key for key, _label in SORT_CHOICES} == set(SORTS)  # noqa: S101 - every sort is offered


class FilterForm(DesignSystemFormMixin, forms.Form):
    q = forms.CharField(
        label=_("Search"), required=False, max_length=200, widget=forms.TextInput(attrs={"type": "search"})
    )
    state = forms.ChoiceField(label=_("Show"), choices=STATE_CHOICES, required=False)
    sort = forms.ChoiceField(label=_("Sort by"), choices=SORT_CHOICES, required=False)
