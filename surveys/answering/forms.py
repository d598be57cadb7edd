"""The answering page's form: one field per question of the round's questionnaire version, named by its key."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.forms import DesignSystemFormMixin
from surveys.answering.services import TEXT_MAX
from surveys.models import Question, Theme

#: What "don't know" is stored as (``Response.scores``).
DONT_KNOW = "0"


def scale_choices() -> list[tuple[str, str]]:
    return [
        ("1", _("1 – Disagree entirely")),
        ("2", "2"),
        ("3", "3"),
        ("4", "4"),
        ("5", _("5 – Agree entirely")),
        (DONT_KNOW, _("Don't know")),
    ]


#: The themes in the order the page shows them, with their headings.
THEMES = (
    (Theme.FACTOR, gettext_lazy("The strategy's success factors")),
    (Theme.CAPABILITY, gettext_lazy("Capability areas")),
    (Theme.OPEN, gettext_lazy("In your own words")),
)


class AnswerForm(DesignSystemFormMixin, forms.Form):
    """Every question is optional: a person answers what they can, and "don't know" is an answer too."""

    hide_optional = True

    def __init__(self, *args: Any, questions: list[Question], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            if question.is_scale:
                self.fields[question.key] = forms.ChoiceField(
                    label=question.text, choices=scale_choices(), required=False, widget=forms.RadioSelect
                )
            else:
                self.fields[question.key] = forms.CharField(
                    label=question.text,
                    required=False,
                    max_length=TEXT_MAX,
                    widget=forms.Textarea(attrs={"rows": 5}),
                    help_text=_("At most %(max)s characters.") % {"max": TEXT_MAX},
                )

    def themes(self) -> list[tuple[str, list[forms.BoundField]]]:
        """The fields grouped by theme, in the questionnaire's order, leaving out themes with no question."""
        grouped = []
        for theme, heading in THEMES:
            fields = [self[q.key] for q in self.questions if q.theme == theme]
            if fields:
                grouped.append((str(heading), fields))
        return grouped

    def answers(self) -> dict[str, str]:
        """What was answered, without the questions left blank."""
        return {key: value for key, value in self.cleaned_data.items() if value not in (None, "")}

    def summary(self) -> list[tuple[str, str]]:
        """Each answered question with the answer as the person chose it, for the confirmation step."""
        labels = dict(scale_choices())
        rows = []
        for question in self.questions:
            value = self.cleaned_data.get(question.key)
            if value in (None, ""):
                continue
            rows.append((question.text, labels.get(value, value) if question.is_scale else value))
        return rows
