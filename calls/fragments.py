"""What the public record of a call shows (``core.fragments``): each winner and each decision is drawn once."""

from core.fragments import fragment


def _who(application) -> tuple:
    # calls/partials/apply_public_who.html
    return (
        application.unit.name if application.unit_id else None,
        application.status,
        application.applicant.name if not application.unit_id and application.status == "granted" else None,
        application.category.name if application.category_id else None,
    )


fragment(
    "calls/partials/winner_card.html",
    "record",
    shows=lambda record: (
        record.application.pk,
        str(record.application),
        record.application.granted_amount,
        _who(record.application),
        record.decision.justification,
    ),
)

fragment(
    "calls/partials/public_record.html",
    "record",
    shows=lambda record: (
        record.application.pk,
        str(record.application),
        _who(record.application),
        record.starts_class,
        record.decision.granted,
        record.decision.amount,
        record.decision.justification,
        record.decision.decided_by.name,
        record.decision.decided_at,
        [juror.name for juror in record.own_application],
        [juror.name for juror in record.declared_conflicts],
        [juror.name for juror in record.same_organisation],
        [(juror.name, total) for juror, total in record.totals],
        record.mean,
    ),
)
