"""The calls' part of a person's own data: applications with every answer, the jury's work, decisions made."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from calls.models import (
    Application,
    ApplicationFile,
    Assignment,
    BudgetLine,
    Call,
    Conflict,
    Decision,
    FinalReport,
    Juror,
    Payment,
    Score,
    Status,
)
from core.audit import delete_forgetting
from core.personal_data_registry import amount, erasure, iso, part
from core.retention import retention
from core.uploads import delete_stored_later
from organisation.models import User


@part("applications", models=[Application, BudgetLine, ApplicationFile])
def applications(user: User) -> list[dict[str, Any]]:
    """Every application the person made, draft or not, with every answer, the budget and the files' names."""
    rows = (
        Application.objects.filter(applicant=user)
        .select_related("call", "unit", "category")
        .prefetch_related(
            Prefetch("budget_lines", queryset=BudgetLine.objects.order_by("pk")),
            Prefetch("files", queryset=ApplicationFile.objects.order_by("created_at", "pk")),
        )
        .order_by("created_at", "pk")
    )
    return [
        {
            "id": a.pk,
            "call": a.call.title,
            "programme": a.call.programme,
            "status": a.status,
            "title": a.title,
            "summary": a.summary,
            "description": a.description,
            "class": a.category.name if a.category else None,
            "unit": a.unit.name if a.unit else None,
            "idea": a.idea_id,
            "requested_amount": amount(a.requested_amount),
            "co_financing": amount(a.co_financing),
            "birth_date": iso(a.birth_date),
            "residence": a.residence,
            "city_employment_ended_on": iso(a.city_employment_ended_on),
            "staff_count": a.staff_count,
            "open_data_used": a.open_data_used,
            "has_budget_responsibility": a.has_budget_responsibility,
            "private_provider": a.private_provider,
            "serves_mainly_city_residents": a.serves_mainly_city_residents,
            "budget": [{"cost": b.description, "amount": amount(b.amount)} for b in a.budget_lines.all()],
            "files": [
                {
                    "file_name": f.original_name,
                    "type": f.content_type,
                    "size": f.size,
                    "added": f.created_at.isoformat(),
                }
                for f in a.files.all()
            ],
            "created": a.created_at.isoformat(),
            "submitted": iso(a.submitted_at),
            "screening_note": a.screening_note,
            "granted_amount": amount(a.granted_amount),
        }
        for a in rows
    ]


@part("jury_seats", models=[Juror])
def jury_seats(user: User) -> list[dict[str, Any]]:
    return [
        {"call": j.call.title, "chair": j.is_chair, "since": j.created_at.isoformat()}
        for j in Juror.objects.filter(user=user).select_related("call").order_by("created_at", "pk")
    ]


@part("scores", models=[Assignment, Score])
def scores(user: User) -> list[dict[str, Any]]:
    """The person's work as a juror: per application assigned, their scores with comments and their total."""
    rows = (
        Assignment.objects.filter(juror=user)
        .select_related("application__call")
        .prefetch_related(Prefetch("scores", queryset=Score.objects.select_related("criterion").order_by("pk")))
        .order_by("created_at", "pk")
    )
    return [
        {
            "application": a.application_id,
            "call": a.application.call.title,
            "assigned": a.created_at.isoformat(),
            "submitted": iso(a.submitted_at),
            "total": amount(a.total),
            "scores": [{"criterion": s.criterion.name, "score": s.value, "comment": s.comment} for s in a.scores.all()],
        }
        for a in rows
    ]


@part("conflict_declarations", models=[Conflict])
def conflict_declarations(user: User) -> list[dict[str, Any]]:
    return [
        {"application": c.application_id, "reason": c.reason, "declared": c.created_at.isoformat()}
        for c in Conflict.objects.filter(juror=user).order_by("created_at", "pk")
    ]


@part("calls_created", models=[Call])
def calls_created(user: User) -> list[dict[str, Any]]:
    return [
        {"id": c.pk, "title": c.title, "programme": c.programme, "created": c.created_at.isoformat()}
        for c in Call.objects.filter(created_by=user).order_by("created_at", "pk")
    ]


@part("screenings", models=[Application])
def screenings(user: User) -> list[dict[str, Any]]:
    """Applications the person screened, as the city's innovation office."""
    return [
        {"application": a.pk, "status": a.status, "note": a.screening_note, "screened": iso(a.screened_at)}
        for a in Application.objects.filter(screened_by=user).order_by("screened_at", "pk")
    ]


@part("assignments_made", models=[Assignment])
def assignments_made(user: User) -> list[dict[str, Any]]:
    """Applications the person gave to jurors (which application, when; the jurors are not named here)."""
    return [
        {"application": a.application_id, "assigned": a.created_at.isoformat()}
        for a in Assignment.objects.filter(assigned_by=user).order_by("created_at", "pk")
    ]


@part("call_decisions", models=[Decision])
def call_decisions(user: User) -> list[dict[str, Any]]:
    return [
        {
            "application": d.application_id,
            "granted": d.granted,
            "amount": amount(d.amount),
            "justification": d.justification,
            "decided": d.decided_at.isoformat(),
        }
        for d in Decision.objects.filter(decided_by=user).order_by("decided_at", "pk")
    ]


@part("payments_recorded", models=[Payment])
def payments_recorded(user: User) -> list[dict[str, Any]]:
    return [
        {"application": p.application_id, "amount": amount(p.amount), "paid_on": p.paid_on.isoformat(), "note": p.note}
        for p in Payment.objects.filter(recorded_by=user).order_by("paid_on", "pk")
    ]


@part("final_reports", models=[FinalReport])
def final_reports(user: User) -> list[dict[str, Any]]:
    return [
        {
            "application": f.application_id,
            "results": f.results,
            "lessons": f.lessons,
            "recommend_spread": f.recommend_spread,
            "submitted": f.submitted_at.isoformat(),
        }
        for f in FinalReport.objects.filter(submitted_by=user).order_by("submitted_at", "pk")
    ]


# Erasure. An application sent to the city is a public record (arkivlagen) with its decision, scores and
# payments: kept, its applicant shown as the placeholder. A draft never sent was never received by the city:
# deleted with its budget, its files and any conflict declared on it.


@erasure(
    "application_drafts",
    models=[Application, BudgetLine, ApplicationFile],
    keeps=[_("applications you sent, with their decisions, scores and payments")],
    removes=[_("applications you started and never sent, with their budgets and files")],
)
def erase_application_drafts(user: User, placeholder: str) -> int:
    drafts = Application.objects.filter(applicant=user, status=Status.DRAFT)
    delete_stored_later(ApplicationFile.objects.filter(application__in=drafts).values_list("file", flat=True))
    return delete_forgetting(drafts)


@erasure(
    "jury_work",
    models=[Call, Juror, Assignment, Score, Conflict, Decision, Payment, FinalReport],
    keeps=[
        _("your work in a jury: scores, conflicts of interest you declared and decisions"),
        _("final reports you sent about money granted"),
    ],
    removes=[],
)
def erase_jury_work(user: User, placeholder: str) -> int:
    """Calls, jury seats, scores, conflicts declared, decisions, payments and final reports are the record of how
    public money was granted: kept, the person shown as the placeholder (only staff and jurors do most of it)."""
    return 0


@retention("application_drafts", days_setting="SPRANG_RETENTION_DRAFT_DAYS", model=Application)
def remove_old_application_drafts(before: datetime) -> int:
    """Drafts never sent, untouched since ``before``, of calls that have closed (so none can still be sent)."""
    drafts = Application.objects.filter(status=Status.DRAFT, updated_at__lt=before, call__closes_at__lt=before)
    delete_stored_later(ApplicationFile.objects.filter(application__in=drafts).values_list("file", flat=True))
    return delete_forgetting(drafts)
