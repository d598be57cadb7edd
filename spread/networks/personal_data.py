"""The networks' part of a person's own data: networks owned and joined, posts, files, invitations."""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Q

from core.personal_data_registry import iso, part
from organisation.models import User
from spread.models import Membership, Network, NetworkFile, NetworkInvitation, Post


@part("networks", models=[Network, Membership])
def networks(user: User) -> list[dict[str, Any]]:
    """The networks the person joined or owns (an owner has a membership as owner), with when they joined."""
    return [
        {
            "network": m.network_id,
            "name": m.network.name,
            "role": m.role,
            "owner": m.network.owner_id == user.pk,
            "joined": m.created_at.isoformat(),
        }
        for m in Membership.objects.filter(person=user).select_related("network").order_by("created_at", "pk")
    ]


@part("network_posts", models=[Post])
def network_posts(user: User) -> dict[str, list]:
    """In one question: the posts the person wrote, the ones mentioning them, and those they hid as an owner."""
    rows = (
        Post.objects.filter(Q(author=user) | Q(hidden_by=user) | Q(mentions=user))
        .annotate(mentioned=Exists(Post.mentions.through.objects.filter(post=OuterRef("pk"), user=user)))
        .distinct()
        .order_by("created_at", "pk")
    )
    written, mentioning, hidden = [], [], []
    for p in rows:
        if p.author_id == user.pk:
            written.append(
                {
                    "network": p.network_id,
                    "id": p.pk,
                    "reply_to": p.parent_id,
                    "body": p.body,
                    "created": p.created_at.isoformat(),
                    "hidden": p.hidden,
                }
            )
        if p.mentioned:
            mentioning.append(p.pk)
        if p.hidden_by_id == user.pk:
            hidden.append({"network": p.network_id, "post": p.pk, "reason": p.hidden_reason})
    return {"written": written, "mentioning_me": mentioning, "hidden_by_me": hidden}


@part("network_files", models=[NetworkFile])
def network_files(user: User) -> list[dict[str, Any]]:
    return [
        {"network": f.network_id, "file_name": f.original_name, "size": f.size, "uploaded": f.created_at.isoformat()}
        for f in NetworkFile.objects.filter(uploaded_by=user).order_by("created_at", "pk")
    ]


@part("network_invitations", models=[NetworkInvitation])
def network_invitations(user: User) -> list[dict[str, Any]]:
    """Invitations the person sent, and the ones sent to their address or accepted by them."""
    rows = NetworkInvitation.objects.filter(Q(invited_by=user) | Q(email__iexact=user.email) | Q(accepted_by=user))
    return [
        {
            "network": i.network_id,
            "email": i.email,
            "sent_by_me": i.invited_by_id == user.pk,
            "sent": i.created_at.isoformat(),
            "expires": iso(i.expires_at),
            "accepted": iso(i.accepted_at),
        }
        for i in rows.order_by("created_at", "pk")
    ]
