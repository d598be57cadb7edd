"""Who may do what in the networks. Views and services ask here (``require`` / ``has_perm``).

City staff may open every sector network and the coaches' network, and join a sector network
themselves; a network with members from outside the city is open to its members only, who come by
invitation. A partner outside the city (``PersonKind.PARTNER``) sees the networks they were invited into
and nothing else (``spread.networks.fence``). The innovation office and the director create networks;
a network's owners (and the director) moderate it.
"""

from __future__ import annotations

import rules

from organisation.models import PersonKind, Role
from spread.models import NetworkKind
from spread.networks import access


@rules.predicate
def is_city_staff(user) -> bool:
    return user.is_authenticated and user.is_active and user.kind == PersonKind.EMPLOYEE


@rules.predicate
def creates_networks(user) -> bool:
    return is_city_staff(user) and (user.is_director or user.has_role(Role.OFFICE))


@rules.predicate
def is_member(user, network) -> bool:
    return network is not None and access.is_member(user, network)


@rules.predicate
def is_owner(user, network) -> bool:
    return network is not None and user.is_active and access.is_owner(user, network)


@rules.predicate
def is_director(user) -> bool:
    return is_city_staff(user) and user.is_director


@rules.predicate
def is_internal_network(user, network) -> bool:
    return network is not None and network.kind in (NetworkKind.SECTOR, NetworkKind.COACHES)


@rules.predicate
def is_sector_network(user, network) -> bool:
    return network is not None and network.kind == NetworkKind.SECTOR


@rules.predicate
def takes_invitations(user, network) -> bool:
    return network is not None and network.kind == NetworkKind.OPEN


@rules.predicate
def has_membership_row(user, network) -> bool:
    return network is not None and access.membership(user, network) is not None


view_network = is_member | (is_city_staff & is_internal_network)
moderate_network = is_owner | (is_director & view_network)

rules.add_perm("spread.create_network", creates_networks)
rules.add_perm("spread.view_network", view_network)
rules.add_perm("spread.post_in_network", is_member)
rules.add_perm("spread.join_network", is_city_staff & is_sector_network & ~is_member)
rules.add_perm("spread.leave_network", has_membership_row & ~is_owner)
rules.add_perm("spread.moderate_network", moderate_network)
rules.add_perm("spread.hand_over_network", moderate_network)
rules.add_perm("spread.invite_to_network", moderate_network & takes_invitations)
rules.add_perm("spread.add_network_file", is_member)


@rules.predicate
def is_partner(user) -> bool:
    return user.is_authenticated and user.is_active and user.kind == PersonKind.PARTNER


rules.add_perm("spread.networks_in_menu", is_partner)
