"""What a row of the needs list shows (``core.fragments``): a row is drawn once for these values and kept."""

from core.fragments import fragment

fragment(
    "challenges/needs/partials/row.html",
    "need",
    shows=lambda need: (
        need.pk,
        need.title,
        need.unit.name,
        need.origin,
        need.status,
        need.route,
        need.same_need_count,
        need.created_at,
    ),
)
