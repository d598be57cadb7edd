"""Who belongs to a network, read once per request and kept on the network.

A person is a member of a network when they have a ``Membership`` in it, and — for the coaches'
network — when they hold the innovation coach role anywhere: that membership is computed from the roles
(never copied into rows), so it follows every change of role at once and needs no signal.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from organisation.models import PersonKind, Role, RoleAssignment, User
from spread.models import Membership, MembershipRole, Network, NetworkKind


def membership(user, network: Network) -> Membership | None:
    """The person's membership row in the network (kept on the network for the request), or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    cache: dict[int, Membership | None] = network.__dict__.setdefault("_memberships", {})
    if user.pk not in cache:
        cache[user.pk] = Membership.objects.filter(network=network, person=user).first()
    return cache[user.pk]


def is_member(user, network: Network) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if network.kind == NetworkKind.COACHES and user.kind == PersonKind.EMPLOYEE and user.has_role(Role.COACH):
        return True
    return membership(user, network) is not None


def is_owner(user, network: Network) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if network.owner_id == user.pk:
        return True
    row = membership(user, network)
    return row is not None and row.role == MembershipRole.OWNER


def members_of(network: Network) -> QuerySet[User]:
    """Everyone who belongs to the network, active accounts only (the coaches with it, for the coaches' network).

    Read from the few rows that make someone a member (memberships, coach roles), never by testing every person:
    the coaches' network of a whole city is counted in about a millisecond instead of a scan of 100,000 people.
    """
    ids = Membership.objects.filter(network=network).order_by().values("person_id")
    if network.kind == NetworkKind.COACHES:
        coaches = RoleAssignment.objects.filter(role=Role.COACH, user__kind=PersonKind.EMPLOYEE)
        ids = ids.union(coaches.order_by().values("user_id"))
    return User.objects.filter(pk__in=ids, is_active=True)


def networks_of(user) -> Q:
    """The networks the person is a member of, as a filter on ``Network``."""
    if not getattr(user, "is_authenticated", False):
        return Q(pk__in=[])
    condition = Q(pk__in=Membership.objects.filter(person=user).values("network_id"))
    if user.kind == PersonKind.EMPLOYEE and user.has_role(Role.COACH):
        condition |= Q(kind=NetworkKind.COACHES)
    return condition


def visible_filter(user) -> Q:
    """The networks the person may open: their own; for city staff also every sector network and the coaches'."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Q(pk__in=[])
    condition = networks_of(user)
    if user.kind == PersonKind.EMPLOYEE:
        condition |= Q(kind__in=[NetworkKind.SECTOR, NetworkKind.COACHES])
    return condition
