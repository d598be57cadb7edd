"""The open dataset of public challenges (with its disclosure control), the indicator, and a person's own data."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from challenges.challenges import services
from challenges.challenges.datasets import COUNT_COLUMNS, STAFF, TOTAL, challenge_rows, protected_counts
from challenges.challenges.indicators import challenge_answer_share
from challenges.models import Audience
from core.selectors import personal_data_export
from ideas.services import idea_submit
from opendata.selectors import FEWER_THAN_MIN
from organisation.models import PersonKind
from tests import factories
from tests.challenges.challenges.conftest import idea_fields, make_challenge

pytestmark = pytest.mark.django_db


def test_only_public_challenges_are_rows_and_nobody_is_named(people, public_challenge, internal_challenge):
    draft = make_challenge(people, publish=False, title="Utkast till utmaning")
    rows = challenge_rows()
    titles = [r["title"] for r in rows]
    assert titles == [public_challenge.title]
    assert internal_challenge.title not in titles and draft.title not in titles
    text = repr(rows)
    for person in people.values():
        assert person.email not in text and (not person.name or person.name not in text)


def test_small_counts_are_suppressed_and_cannot_be_recovered_by_subtracting(people):
    challenge = make_challenge(people, audience=Audience.ANYONE)
    # 6 residents and 1 supplier: the total (7) minus the residents (6) would give the supplier away.
    for n in range(6):
        resident = factories.person(kind=PersonKind.RESIDENT, name=f"Invånare {n}")
        services.answer_submit(challenge=challenge, author=resident, **idea_fields(resident, title=f"Svar {n}"))
    services.answer_submit(challenge=challenge, author=people["supplier"], **idea_fields(people["supplier"]))
    (row,) = challenge_rows()
    assert row["answers_suppliers"] == FEWER_THAN_MIN
    published = {c: row[c] for c in COUNT_COLUMNS if row[c] not in ("", FEWER_THAN_MIN)}
    # The attacker knows the other cells are at least 0 and a suppressed one 1–4; no small cell is pinned.
    if TOTAL in published:
        known = sum(int(v) for c, v in published.items() if c != TOTAL)
        unknown = [c for c in COUNT_COLUMNS if c != TOTAL and c not in published]
        assert len(unknown) >= 2 or int(published[TOTAL]) - known >= 5, row


def test_the_protection_is_checked_against_every_subtraction():
    """Exhaustively over small tables: no cell holding 1–4 can be worked out from what is published."""
    import itertools

    parts = [c for c in COUNT_COLUMNS if c != TOTAL]
    for values in itertools.product((0, 1, 3, 6), repeat=len(parts)):
        row = dict(zip(parts, values, strict=True))
        row[TOTAL] = sum(values)
        shown = protected_counts({1: row})
        for cell in parts:
            if 0 < row[cell] < 5:
                assert shown[(1, cell)] in ("", FEWER_THAN_MIN), (row, shown)
                # Every other figure in the relation published: the cell would be the total minus them.
                others = [shown[(1, c)] for c in (TOTAL, *parts) if c != cell]
                assert not all(v not in ("", FEWER_THAN_MIN) for v in others), (row, shown)


def test_the_share_of_ideas_that_answered_a_challenge(people, public_challenge, tree):
    start = timezone.now() - timedelta(days=1)
    services.answer_submit(challenge=public_challenge, author=people["resident"], **idea_fields(people["resident"]))
    idea_submit(author=people["employee"], **idea_fields(people["employee"], title="Eget förslag"))
    figures = challenge_answer_share(start, timezone.now() + timedelta(days=1))
    north = tree["SDF-N"].pk
    assert figures[north].basis == 2 and figures[north].value == Decimal("50.0")


def test_a_person_sees_their_challenges_and_answers(people, public_challenge):
    services.answer_submit(challenge=public_challenge, author=people["resident"], **idea_fields(people["resident"]))
    office = personal_data_export(user=people["office"])
    assert office["challenges"][0]["title"] == public_challenge.title and office["challenges"][0]["contact"]
    resident = personal_data_export(user=people["resident"])
    assert resident["challenge_answers"][0]["yours"] and resident["challenge_answers"][0]["response"] == "pending"


def test_staff_is_every_other_source():
    assert STAFF in COUNT_COLUMNS
