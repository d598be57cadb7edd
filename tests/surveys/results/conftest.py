"""Closed rounds with answers, for the results' pages, exports, API, open data and indicators."""

from __future__ import annotations

import pytest

from surveys.models import Invitation, Round, TargetGroup
from tests.surveys.conftest import answer, close_round, make_round, open_round, token_of

SCALE_KEYS = (
    "strategy",
    "leadership",
    "time",
    "process",
    "expectations",
    "ideas-staff",
    "ideas-customers",
    "ideas-suppliers",
    "ideas-academia",
    "ideas-other-units",
    "user-feedback",
    "procurement",
    "digitalisation",
    "leading-renewal",
)


def answer_all(round_: Round, *, score=lambda i: 1 + i % 5, text=lambda i: f"Svar {i:02d}", only=None) -> int:
    """Every invitation (or those ``only`` picks) answers every scale question and the first free-text question."""
    n = 0
    for i, invitation in enumerate(round_.invitations.select_related("unit").order_by("pk")):
        if only is not None and not only(invitation):
            continue
        answers = {key.replace("-", "_"): score(i) for key in SCALE_KEYS}
        if text:
            answers["obstacles"] = text(i)
        answer(token_of(invitation), **answers)
        n += 1
    return n


@pytest.fixture
def closed_employee_round(director, version, staff, tree):
    """The whole city's employees asked, all of them answering: 44 answers."""
    round_ = open_round(director, make_round(director, version, target_group=TargetGroup.EMPLOYEES))
    answer_all(round_)
    return close_round(director, round_)


@pytest.fixture
def closed_manager_round(director, version, staff):
    """The managers' round of 2026, every manager answering."""
    round_ = open_round(director, make_round(director, version))
    answer_all(round_, score=lambda i: 4)
    return close_round(director, round_)


__all__ = ["Invitation", "answer_all"]
