"""The indicator *Supplier proposals answered in time* and the contracts part of a person's own data."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.conf import settings
from django.utils import timezone

from core.selectors import personal_data_export
from procurement.contracts import services
from procurement.contracts.indicators import supplier_proposals_answered_in_time
from tests.procurement.contracts.conftest import PROPOSAL

pytestmark = pytest.mark.django_db

DAYS = settings.SPRANG_FIRST_ANSWER_DAYS


def test_the_share_answered_by_the_due_date_per_unit_and_up_the_tree(contract, suppliers, people, tree):
    now = timezone.now()
    on_time = services.proposal_submit(
        contract=contract, by=suppliers["alfa"], now=now - timedelta(days=DAYS), **PROPOSAL
    )
    late = services.proposal_submit(
        contract=contract, by=suppliers["beta"], now=now - timedelta(days=DAYS + 3), **PROPOSAL
    )
    services.proposal_submit(contract=contract, by=suppliers["beta"], now=now - timedelta(days=DAYS + 1), **PROPOSAL)
    services.proposal_decline(
        proposal=on_time, by=people["manager"], expected_version=1, answer="Nej.", now=now - timedelta(days=DAYS - 1)
    )
    services.proposal_decline(proposal=late, by=people["manager"], expected_version=1, answer="Nej.", now=now)
    figures = supplier_proposals_answered_in_time(now - timedelta(days=10), now + timedelta(days=1))
    north, city = tree["SDF-N"].pk, tree["CITY"].pk
    assert figures[north].basis == 3 and figures[north].value == Decimal("33.33")
    assert figures[city].basis == 3
    assert tree["SDF-S"].pk not in figures


def test_a_person_sees_their_proposals_and_answers(proposal, suppliers, people):
    services.proposal_decline(proposal=proposal, by=people["manager"], expected_version=1, answer="Ryms inte.")
    sent = personal_data_export(user=suppliers["alfa"])["supplier_proposals"]
    assert sent[0]["title"] == PROPOSAL["title"] and sent[0]["answer"] == ""
    owner = personal_data_export(user=people["manager"])
    assert owner["supplier_proposals"][0]["answer"] == "Ryms inte." and owner["supplier_proposals"][0]["title"] == ""
    assert owner["contracts"][0]["owner"] is True
