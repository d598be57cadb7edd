"""Spreading what works (M6): good examples, adoptions, events and the good-examples fair, networks, advice.

One module per part; every model is importable from ``spread.models``.
"""

from spread.models.adoptions import Adoption, AdoptionState, AdoptionStep
from spread.models.advice import AdviceRequest, AdviceStatus
from spread.models.events import (
    Event,
    EventKind,
    Exhibitor,
    ExhibitorStatus,
    Lead,
    LeadStatus,
    Registration,
    RegistrationStatus,
)
from spread.models.examples import Example, ExampleFile, ExampleStatus, ExampleVisibility, Sector
from spread.models.networks import (
    Membership,
    MembershipRole,
    Network,
    NetworkFile,
    NetworkInvitation,
    NetworkKind,
    Post,
)

__all__ = [
    "Adoption",
    "AdoptionState",
    "AdoptionStep",
    "AdviceRequest",
    "AdviceStatus",
    "Event",
    "EventKind",
    "Example",
    "ExampleFile",
    "ExampleStatus",
    "ExampleVisibility",
    "Exhibitor",
    "ExhibitorStatus",
    "Lead",
    "LeadStatus",
    "Membership",
    "MembershipRole",
    "Network",
    "NetworkFile",
    "NetworkInvitation",
    "NetworkKind",
    "Post",
    "Registration",
    "RegistrationStatus",
    "Sector",
]
