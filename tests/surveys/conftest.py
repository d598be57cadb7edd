"""What every part of the surveys app's tests builds on: the shipped questionnaire, managers and employees around the
test city, a round set up and opened through ``surveys.rounds.services``, and answers sent through personal links."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from organisation.models import Role
from surveys.answering import services as answering
from surveys.models import Invitation, Round, TargetGroup
from surveys.rounds import links
from surveys.rounds import services as rounds
from surveys.rounds.default import default_questionnaire
from tests import factories


def token_of(invitation: Invitation) -> str:
    return links.token_for(invitation.salt)


def tokens(round_: Round) -> list[str]:
    """Every personal link's token of the round, in the invitations' order."""
    return [token_of(i) for i in round_.invitations.order_by("pk")]


def answer(token: str, **answers) -> None:
    answering.response_submit(token=token, answers={k.replace("_", "-"): v for k, v in answers.items()})


@pytest.fixture
def questionnaire(db):
    return default_questionnaire()


@pytest.fixture
def version(questionnaire):
    return questionnaire.versions.get(number=1)


@pytest.fixture
def staff(tree, people):
    """Beside ``people``: 12 employees at Björkens äldreboende (Norra), 9 at Skola Södra, 3 at Stadsledningskontoret;
    managers: 6 in Norra stadsdelsförvaltningen, 6 in Södra, 2 at Stadsledningskontoret."""
    made = {
        "north": [factories.person(unit=tree["SDF-N-ALD-1"]) for _ in range(12)],
        "south": [factories.person(unit=tree["SDF-S-SKO"]) for _ in range(9)],
        "office": [factories.person(unit=tree["SLK"]) for _ in range(3)],
        "north_managers": [factories.person(unit=tree["SDF-N-ALD"], role=Role.MANAGER) for _ in range(6)],
        "south_managers": [factories.person(unit=tree["SDF-S"], role=Role.MANAGER) for _ in range(6)],
        "office_managers": [factories.person(unit=tree["SLK"], role=Role.MANAGER) for _ in range(2)],
    }
    return made


def make_round(by, version, *, target_group=TargetGroup.MANAGERS, unit=None, year=2026, reminder_days="7, 14", days=14):
    start = timezone.localdate()
    return rounds.round_create(
        by=by,
        version=version,
        name_sv=f"Innovationsförmåga {year}",
        name_en=f"Capacity to innovate {year}",
        year=year,
        target_group=target_group,
        unit=unit or factories.Unit.objects.get_first_root_node(),
        opens_on=start,
        closes_on=start + timedelta(days=days),
        reminder_days=reminder_days,
    )


def open_round(by, round_: Round) -> Round:
    rounds.round_open(round=round_, by=by, expected_version=round_.lock_version)
    return Round.objects.get(pk=round_.pk)


def close_round(by, round_: Round) -> Round:
    round_ = Round.objects.get(pk=round_.pk)
    rounds.round_close(round=round_, by=by, expected_version=round_.lock_version)
    return Round.objects.get(pk=round_.pk)


@pytest.fixture
def director(people):
    return people["director"]


@pytest.fixture
def employee_round(director, version, staff, tree):
    """An open round to every employee of the city (the ``people`` and ``staff`` employees)."""
    return open_round(director, make_round(director, version, target_group=TargetGroup.EMPLOYEES))


@pytest.fixture
def manager_round(director, version, staff):
    """An open round to the city's managers (``people['manager']`` and the 14 ``staff`` managers)."""
    return open_round(director, make_round(director, version))


__all__ = ["answer", "close_round", "date", "make_round", "open_round", "token_of", "tokens"]
