"""Who has a supplier's page: a supplier organisation's own people (``PersonKind.SUPPLIER`` with an organisation)."""

from __future__ import annotations

import rules

from organisation.models import PersonKind


@rules.predicate
def is_supplier_person(user) -> bool:
    return (
        user.is_authenticated and user.is_active and user.kind == PersonKind.SUPPLIER and user.supplier_id is not None
    )


rules.add_perm("procurement.view_supplier_page", is_supplier_person)
