"""Who has a supplier's page: a supplier organisation's own people (``PersonKind.SUPPLIER`` with an organisation);
they, and visitors who have not signed in, find the city's market dialogues in the main menu (the city's staff
reach them through its cases)."""

from __future__ import annotations

import rules

from organisation.models import PersonKind


@rules.predicate
def is_supplier_person(user) -> bool:
    return (
        user.is_authenticated and user.is_active and user.kind == PersonKind.SUPPLIER and user.supplier_id is not None
    )


rules.add_perm("procurement.view_supplier_page", is_supplier_person)


# Residents and the staff (who reach the requests through the cases) do not have the link; visitors who have not
# signed in do (``signed_out`` on the link in ``procurement/todo.py``).
rules.add_perm("procurement.market_dialogues_in_menu", is_supplier_person)
