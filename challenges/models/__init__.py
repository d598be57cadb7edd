"""Needs and challenges (M10, M2): needs, the challenges that put them to a crowd, and OpenLab's and the
universities' assignments and projects. One module per part; every model is importable from
``challenges.models``."""

from challenges.models.challenges import PUBLIC_AUDIENCES, Answer, Audience, Challenge, ChallengeStatus, Response
from challenges.models.needs import (
    Need,
    NeedDecision,
    NeedDecisionKind,
    NeedFile,
    NeedFollow,
    NeedLink,
    NeedOrigin,
    NeedStatus,
    NeedVisibility,
    Route,
    SameNeed,
)
from challenges.models.openlab import (
    AcademicRole,
    Affiliation,
    Assignment,
    AssignmentStatus,
    Deliverable,
    Milestone,
    Project,
    ProjectIdea,
    ProjectKind,
    ProjectStatus,
    University,
    UniversityInvitation,
)

__all__ = [
    "PUBLIC_AUDIENCES",
    "AcademicRole",
    "Affiliation",
    "Answer",
    "Assignment",
    "AssignmentStatus",
    "Audience",
    "Challenge",
    "ChallengeStatus",
    "Deliverable",
    "Milestone",
    "Need",
    "NeedDecision",
    "NeedDecisionKind",
    "NeedFile",
    "NeedFollow",
    "NeedLink",
    "NeedOrigin",
    "NeedStatus",
    "NeedVisibility",
    "Project",
    "ProjectIdea",
    "ProjectKind",
    "ProjectStatus",
    "Response",
    "Route",
    "SameNeed",
    "University",
    "UniversityInvitation",
]
