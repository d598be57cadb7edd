"""What the ideas' rows and the list's filters show (``core.fragments``): each is drawn once for these values and kept."""

from typing import cast

from django import forms
from django.db.models import QuerySet

from core.fragments import fragment


def _filters_shown(form: forms.Form) -> tuple:
    """The idea list's filter fields draw the form's values and errors, the sort order's choices (which depend on
    whether there are words to search) and the units to filter by, which come from the database."""
    units = cast(forms.ModelChoiceField, form.fields["unit"])
    return (
        tuple((field.name, field.value(), tuple(str(error) for error in field.errors)) for field in form),
        tuple((value, str(label)) for value, label in form.fields["sort"].choices),  # type: ignore[attr-defined]
        str(units.empty_label),
        tuple(cast(QuerySet, units.queryset).values_list("pk", "name", "depth")),
    )


# The pipeline's filter fields, as the idea list's, with the view (board or table) the page gives them.
fragment("ideas/partials/pipeline_filters.html", "form", shows=_filters_shown)

fragment(
    "components/idea_row.html",
    "idea",
    shows=lambda idea: (
        idea.pk,
        idea.title,
        idea.is_overdue,
        idea.stage,
        idea.unit.name,
        idea.source,
        idea.support_count,
        idea.created_at,
    ),
)

fragment(
    "ideas/partials/board_card.html",
    "idea",
    shows=lambda idea: (
        idea.pk,
        idea.title,
        idea.is_overdue,
        idea.unit.name,
        idea.coach.name if idea.coach_id else None,
    ),
)

fragment(
    "ideas/partials/comment.html",
    "c",
    shows=lambda comment: (
        comment.pk,
        comment.author.name,
        comment.created_at,
        comment.hidden,
        comment.hidden_reason,
        comment.body,
    ),
)

# The idea list's filter fields (the search box apart): six field groups, one a select of the city's units.
fragment("ideas/partials/filter_fields.html", "form", shows=_filters_shown)


def _coach_shown(form: forms.Form) -> tuple:
    """The coach select draws the coach chosen, its errors and the coaches to choose from, as one query reads them:
    hundreds at city scale, the same on every idea with the same coach."""
    coaches = cast(forms.ModelChoiceField, form.fields["coach"])
    return (
        form["coach"].value(),
        tuple(str(error) for error in form["coach"].errors),
        tuple(cast(QuerySet, coaches.queryset).values_list("pk", "name", "email")),
    )


fragment("ideas/partials/coach_field.html", "form", shows=_coach_shown)
