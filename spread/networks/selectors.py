"""Reads for the networks' pages: each owns its joins, so a page asks a fixed number of questions."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet

from organisation.models import User
from spread.models import Event, Membership, Network, NetworkFile, NetworkInvitation, Post
from spread.networks import access


def networks_for(user, *, q: str = "") -> QuerySet[Network]:
    """The networks the person may open, with how many have a membership row and whether they are one."""
    qs = Network.objects.filter(access.visible_filter(user)).distinct().select_related("owner")
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(description__icontains=q) | Q(sector__icontains=q))
    mine = Network.objects.filter(access.networks_of(user)).values("pk")
    return qs.annotate(
        member_rows=Count("memberships", distinct=True),
        is_mine=Q(pk__in=mine),
    ).order_by("-is_mine", "name")


def threads(network: Network) -> QuerySet[Post]:
    """The discussion's threads, newest first (over the index ``spread_post_thread``)."""
    return Post.objects.filter(network=network, parent__isnull=True).order_by("-created_at", "-pk")


def with_replies(posts: list[Post]) -> list[Post]:
    """The page's threads with their authors and replies (oldest reply first), in three questions."""
    ids = [p.pk for p in posts]
    rows = {
        p.pk: p
        for p in Post.objects.filter(pk__in=ids)
        .select_related("author", "hidden_by")
        .prefetch_related(
            Prefetch(
                "replies",
                queryset=Post.objects.select_related("author", "hidden_by").order_by("created_at", "pk"),
            )
        )
    }
    return [rows[pk] for pk in ids if pk in rows]


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
