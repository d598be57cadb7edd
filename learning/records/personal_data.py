"""The records part of a person's own data: the courses they completed, and the imports of completions they made as
the executive office."""

from __future__ import annotations

from typing import Any

from core.personal_data_registry import iso, part
from learning.models import Completion, CompletionImport
from organisation.models import User


@part("learning_completions", models=[Completion])
def learning_completions(user: User) -> list[dict[str, Any]]:
    return [
        {
            "course": c.course.title,
            "course_code": c.course.code,
            "completed_on": c.completed_on.isoformat(),
            "how": c.source,
            "unit": c.unit.name if c.unit else None,
        }
        for c in Completion.objects.filter(person=user).select_related("course", "unit").order_by("completed_on", "pk")
    ]


@part("learning_completion_imports", models=[CompletionImport])
def learning_completion_imports(user: User) -> list[dict[str, Any]]:
    return [
        {
            "id": i.pk,
            "file": i.file_name,
            "rows": i.rows,
            "already_recorded": i.already_recorded,
            "created": iso(i.created_at),
        }
        for i in CompletionImport.objects.filter(imported_by=user).order_by("pk")
    ]
