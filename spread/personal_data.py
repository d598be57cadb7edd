"""The spread app's ``personal_data``: each part declares its own in ``spread/<part>/personal_data.py`` (see ``spread.parts``)."""

from datetime import datetime

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.audit import delete_forgetting
from core.personal_data_registry import erasure
from core.public_cache import model_written
from core.retention import retention
from spread.models import (
    Adoption,
    AdoptionStep,
    AdviceRequest,
    Event,
    Example,
    ExampleFile,
    Exhibitor,
    Lead,
    Membership,
    Network,
    NetworkFile,
    NetworkInvitation,
    Post,
    Registration,
)
from spread.parts import load

load("personal_data")

# Erasure, for the whole app (its parts' models side by side, each decision beside it).


@erasure(
    "spread_private",
    models=[Registration, Lead, Membership, NetworkInvitation, Post],
    keeps=[_("posts you wrote in a network")],
    removes=[
        _("your registrations for events, and notes about you as a lead"),
        _("your memberships of networks, invitations sent to your address, and being mentioned in a post"),
    ],
)
def erase_spread_private(user, placeholder: str) -> int:
    """Deleted, as the person's own and no record: registrations for events (with the name and address they
    gave), leads noted about them, memberships of networks, invitations sent to their address, and being
    mentioned in a post. Kept: the posts they wrote in a network (received by the city, shown as the placeholder)."""
    removed = 0
    for rows in (
        Registration.objects.filter(Q(person=user) | Q(email__iexact=user.email)),
        Lead.objects.filter(Q(person=user) | Q(email__iexact=user.email)),
        Membership.objects.filter(person=user),
        NetworkInvitation.objects.filter(Q(accepted_by=user) | Q(email__iexact=user.email)),
        Post.mentions.through.objects.filter(user=user),
    ):
        removed += delete_forgetting(rows)
    return removed


@erasure(
    "spread_kept",
    models=[Example, ExampleFile, Adoption, AdoptionStep, AdviceRequest, Event, Exhibitor, Network, NetworkFile],
    keeps=[
        _("good examples you published, with their files (no longer naming you as their contact)"),
        _("adoptions of examples, and advice you asked for or gave"),
        _("events, and exhibitors' applications with their decisions"),
        _("networks and their files"),
    ],
    removes=[],
)
def erase_spread_kept(user, placeholder: str) -> int:
    """Published examples and their files, adoptions and their steps, advice asked and given, events, exhibitors'
    applications and their decisions, networks and their files are the city's record of what spread and how:
    kept, the person shown as the placeholder. An example no longer names them as the one to contact."""
    changed = Example.objects.filter(contact=user).update(contact=None)
    model_written(Example, fields=["contact"])
    return changed


@retention("network_invitations", days_setting="SPRANG_RETENTION_EXPIRED_INVITATION_DAYS", model=NetworkInvitation)
def remove_expired_network_invitations(before: datetime) -> int:
    """Invitations to a network never used, expired before ``before``: they hold an address and nothing else."""
    return delete_forgetting(NetworkInvitation.objects.filter(accepted_at__isnull=True, expires_at__lt=before))
