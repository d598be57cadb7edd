"""What a row of the library shows (``core.fragments``): a row is drawn once for these values and kept."""

from core.fragments import fragment

fragment(
    "spread/examples/partials/row.html",
    "example",
    shows=lambda example: (
        example.pk,
        example.title,
        example.unit.name if example.unit_id else example.source_name,
        example.sector,
        example.kind,
        example.visibility,
        example.adoption_count,
        example.published_at,
    ),
)
