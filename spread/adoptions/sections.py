"""The spread view on a good example's page: who adopts it, where in the organisation, and the steps they took."""

from __future__ import annotations

from spread.adoptions.selectors import example_spread
from spread.examples.sections import section


def _load(request, example) -> dict | None:
    user = request.user
    if not user.has_perm("spread.view_adoptions"):
        return None
    return {
        "example": example,
        "spread": example_spread(example),
        "can_adopt": user.has_perm("spread.adopt_example", example),
    }


section("spread", template="spread/adoptions/partials/spread_view.html", load=_load, position=60)
