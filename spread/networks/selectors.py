"""Reads for the networks' pages: each owns its joins, so a page asks a fixed number of questions."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet

from organisation.models import User
from spread.models import Event, Membership, Network, NetworkFile, NetworkInvitation, Post
from spread.networks import access


def networks_for(user, *, q: str = "") -> QuerySet[Network]:
    """The networks the person may open, theirs first."""
    qs = Network.objects.filter(access.visible_filter(user)).select_related("owner")
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(description__icontains=q) | Q(sector__icontains=q))
    mine = Network.objects.filter(access.networks_of(user)).values("pk")
    return qs.annotate(is_mine=Q(pk__in=mine)).order_by("-is_mine", "name", "pk")


#: What a post in the discussion shows.
SHOWN = ("network_id", "parent_id", "author__name", "created_at", "body", "hidden", "hidden_reason")


def threads(network: Network) -> QuerySet[Post]:
    """The discussion's threads, newest first (over the index ``spread_post_thread``), each with its author and
    replies (oldest first): a page of them is two questions."""
    replies = Post.objects.select_related("author").only(*SHOWN).order_by("created_at", "pk")
    return (
        Post.objects.filter(network=network, parent__isnull=True)
        .select_related("author")
        .only(*SHOWN)
        .prefetch_related(Prefetch("replies", queryset=replies))
        .order_by("-created_at", "-pk")
    )


def events_of(network: Network) -> QuerySet[Event]:
    return Event.objects.filter(network=network).order_by("-starts_at")


def files_of(network: Network) -> QuerySet[NetworkFile]:
    return NetworkFile.objects.filter(network=network).select_related("uploaded_by").order_by("-created_at", "-pk")


def members(network: Network) -> QuerySet[User]:
    """Everyone in the network with the unit they work in; a membership row, if any, tells how they joined."""
    rows = Membership.objects.filter(network=network)
    return (
        access.members_of(network)
        .select_related("unit")
        .prefetch_related(Prefetch("memberships", queryset=rows, to_attr="rows_here"))
        .order_by("name", "pk")
    )


def pending_invitations(network: Network) -> QuerySet[NetworkInvitation]:
    return NetworkInvitation.objects.filter(network=network, accepted_at__isnull=True).select_related("invited_by")
