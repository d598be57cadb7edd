"""What a row of the advice lists shows (``core.fragments``): drawn once for these values and kept."""

from core.fragments import fragment

fragment(
    "spread/advice/partials/row.html",
    "advice",
    shows=lambda advice: (
        advice.pk,
        advice.subject,
        advice.status,
        advice.is_overdue,
        advice.asked_by.name,
        advice.unit.name,
        advice.coach.name if advice.coach_id else None,
        advice.answer_due_at,
        advice.created_at,
    ),
)
