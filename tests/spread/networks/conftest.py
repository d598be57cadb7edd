import pytest

from organisation.models import PersonKind
from spread.models import NetworkKind
from spread.networks import services
from tests import factories


@pytest.fixture
def nets(people):
    """The coaches' network, a sector network and one with members from outside the city (owned by the office)."""
    office = people["office"]
    coaches = services.network_create(
        by=people["director"], name="Coachnätverket", kind=NetworkKind.COACHES, description="Alla innovationscoacher."
    )
    school = services.network_create(
        by=office, name="Skolnätverket", kind=NetworkKind.SECTOR, description="För skolan.", sector="skola"
    )
    region = services.network_create(
        by=office, name="Regionens innovationsnätverk", kind=NetworkKind.OPEN, description="Med grannkommunerna."
    )
    return {"coaches": coaches, "school": school, "region": region}


@pytest.fixture
def partner(nets, people):
    """Someone from Uppsala kommun who accepted an invitation to the regional network with a new account."""
    _invitation, token = services.invitation_send(network=nets["region"], by=people["office"], email="eva@uppsala.se")
    user = services.invitation_accept_new_account(
        token=token, name="Eva Ek, Uppsala kommun", password="ett-langt-losenord-9"
    )
    assert user.kind == PersonKind.PARTNER
    return user


@pytest.fixture
def second_coach(tree):
    from organisation.models import Role

    return factories.person(unit=tree["SDF-S"], role=Role.COACH, name="Amira Haddad")
