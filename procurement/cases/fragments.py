"""What a row of the procurement cases list shows (``core.fragments``): a row is drawn once for these values and kept."""

from core.fragments import fragment

fragment(
    "procurement/cases/partials/row.html",
    "case",
    shows=lambda case: (
        case.pk,
        case.title,
        case.officer.name,
        case.unit.name,
        case.stage,
        case.route,
        case.estimated_value_sek,
        case.created_at,
    ),
)
