"""What the ideas' rows show (``core.fragments``): a row is drawn once for these values and kept."""

from core.fragments import fragment

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
