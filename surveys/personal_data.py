"""The surveys' part of a person's own data: the rounds they were invited to and whether they answered, and what they
set up as the executive office. Their answers are not in it: none is stored with a name, so none can be found."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from core.personal_data_registry import erasure, iso, part
from organisation.models import User
from surveys.models import EmployeeSurveyImport, Invitation, QuestionnaireVersion, Round


@part("survey_invitations", models=[Invitation])
def survey_invitations(user: User) -> list[dict[str, Any]]:
    return [
        {
            "round": inv.round.name,
            "year": inv.round.year,
            "answered": inv.answered,
            "reminders_sent": inv.reminders_sent,
            "draft_kept": inv.draft is not None,
            "note": "Answers are stored without a name and cannot be found by person.",
        }
        for inv in Invitation.objects.filter(person=user).select_related("round").order_by("round__opens_on", "pk")
    ]


@part("survey_work", models=[Round, QuestionnaireVersion, EmployeeSurveyImport])
def survey_work(user: User) -> dict[str, Any]:
    return {
        "rounds_set_up": [
            {"id": r.pk, "name": r.name, "year": r.year, "created": iso(r.created_at)}
            for r in Round.objects.filter(created_by=user).order_by("pk")
        ],
        "questionnaire_versions_made": [
            {"id": v.pk, "number": v.number, "note": v.note, "created": iso(v.created_at)}
            for v in QuestionnaireVersion.objects.filter(created_by=user).order_by("pk")
        ],
        "employee_survey_imports": [
            {"id": i.pk, "year": i.year, "file": i.file_name, "rows": i.rows, "created": iso(i.created_at)}
            for i in EmployeeSurveyImport.objects.filter(imported_by=user).order_by("pk")
        ],
    }


@erasure(
    "survey_invitations",
    models=[Invitation],
    keeps=[_("that a survey asked someone and got an answer, as a count without your name")],
    removes=[_("your invitations to surveys, and any answer you began and never sent")],
)
def erase_survey_invitations(user: User, placeholder: str) -> int:
    """An invitation keeps the round's count of who was asked and answered, with no one named: the person is taken
    off it, and an answer begun and never sent is deleted. The answers were never stored with a name."""
    return Invitation.objects.filter(person=user).update(person=None, draft=None)


@erasure(
    "survey_work",
    models=[Round, QuestionnaireVersion, EmployeeSurveyImport],
    keeps=[_("survey rounds and questionnaires you made as city staff")],
    removes=[],
)
def erase_survey_work(user: User, placeholder: str) -> int:
    """Rounds, questionnaires and imports are the executive office's work, a record of how the measure was made:
    kept (staff only)."""
    return 0
