"""What every part of the challenges app's tests builds on: needs written, sent, validated and routed through
``challenges.needs.services`` as the office does it."""

from __future__ import annotations

import pytest

from challenges.models import Need, NeedOrigin, Route
from challenges.needs import services as needs


def write_need(by, *, unit=None, title: str = "Långa köer till bygglov", **texts) -> Need:
    data = {
        "who_has_it": "Sökande som väntar på besked om bygglov.",
        "how_it_shows": "Handläggningstiden är 14 veckor; 230 klagomål förra året.",
        "good_outcome": "Besked inom fyra veckor.",
        "cost_today": "Omkring 3 miljoner kronor om året i extra handläggning.",
        "constraints": "Plan- och bygglagen.",
        "origin": NeedOrigin.COMPLAINTS,
    }
    data.update(texts)
    return needs.need_create(by=by, unit=unit or by.unit, title=title, **data)


def routed_need(*, writer, office, route: str = Route.PUBLIC_CHALLENGE, **kwargs) -> Need:
    """A need written by ``writer``, sent, and routed by ``office`` (validated in the same step)."""
    need = write_need(writer, **kwargs)
    needs.need_submit(need=need, by=writer, expected_version=need.version)
    return needs.need_route(
        need=need, by=office, expected_version=need.version, route=route, rationale="Passar för en utmaning."
    )


@pytest.fixture
def need(people):
    """A draft need of Norra stadsdelsförvaltningen, written by its manager."""
    return write_need(people["manager"])
