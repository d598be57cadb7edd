"""Who may hand a network over: its owner, and the director where they may moderate; nobody else."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from spread.networks import services

pytestmark = pytest.mark.django_db

ROLES = ["employee", "colleague", "manager", "coach", "office", "other_office", "director", "resident", "supplier"]


@pytest.mark.parametrize("role", ROLES)
def test_who_hands_over_which_network(nets, people, partner, role):
    services.network_join(network=nets["school"], person=people["employee"])
    user = people[role]
    # The office owns the sector network and the one with partners; the director created the coaches'.
    assert user.has_perm("spread.hand_over_network", nets["school"]) == (role in ("office", "director"))
    assert user.has_perm("spread.hand_over_network", nets["coaches"]) == (role == "director")
    assert user.has_perm("spread.hand_over_network", nets["region"]) == (role == "office")
    assert not partner.has_perm("spread.hand_over_network", nets["region"])
    assert not AnonymousUser().has_perm("spread.hand_over_network", nets["school"])
