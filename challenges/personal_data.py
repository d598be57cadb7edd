"""The challenges app's ``personal_data``: each part declares its own in ``challenges/<part>/personal_data.py`` (see ``challenges.parts``),
and the app's erasure is declared here, its parts' models side by side."""

from datetime import datetime

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from challenges.models import (
    Affiliation,
    Answer,
    Assignment,
    Challenge,
    Deliverable,
    Need,
    NeedDecision,
    NeedFile,
    NeedFollow,
    NeedLink,
    Project,
    SameNeed,
    UniversityInvitation,
)
from challenges.parts import parts
from core.audit import delete_forgetting
from core.personal_data_registry import erasure
from core.retention import retention

parts.load("personal_data")


@erasure(
    "challenges_private",
    models=[NeedFollow, Affiliation, UniversityInvitation],
    keeps=[],
    removes=[_("the needs you follow, your place at a university, and invitations sent to your address")],
)
def erase_challenges_private(user, placeholder: str) -> int:
    """Deleted, as the person's own and no record: needs they follow, their place at a university (a right to
    see its assignments) and invitations sent to their address."""
    removed = 0
    for rows in (
        NeedFollow.objects.filter(user=user),
        Affiliation.objects.filter(user=user),
        UniversityInvitation.objects.filter(Q(accepted_by=user) | Q(email__iexact=user.email)),
    ):
        removed += delete_forgetting(rows)
    return removed


@erasure(
    "challenges_kept",
    models=[Challenge, Answer, Need, NeedDecision, NeedLink, NeedFile, SameNeed, Assignment, Project, Deliverable],
    keeps=[
        _("your answers to challenges, and the challenges you wrote"),
        _("needs you reported, with their decisions and files"),
        _("university assignments, projects you took part in and their published results"),
    ],
    removes=[],
)
def erase_challenges_kept(user, placeholder: str) -> int:
    """Challenges and their answers, needs with their decisions, links, files and reports of the same need,
    university assignments, projects (with their members) and deliverables are the city's record of the work and
    its results: kept, the person shown as the placeholder."""
    return 0


@retention(
    "university_invitations", days_setting="SPRANG_RETENTION_EXPIRED_INVITATION_DAYS", model=UniversityInvitation
)
def remove_expired_university_invitations(before: datetime) -> int:
    """Invitations of a university's people never used, expired before ``before``."""
    return delete_forgetting(UniversityInvitation.objects.filter(accepted_at__isnull=True, expires_at__lt=before))
