"""Needs and challenges serve the city's and the committees' goals (``governance.goal_work``, ADR 0031).

Whoever writes or decides on a need (a manager, coach or innovation office of its unit or above it, or the
director) ties it, and the challenges made from it, to goals. Readers see only what the needs' and challenges'
rules let them read: an internal need never shows to a resident. A need is done when its route is chosen; a
challenge when its summary is published.
"""

from __future__ import annotations

from django.db.models import Case, F, Q, Value, When
from django.db.models.functions import Now
from django.utils.translation import pgettext_lazy

from challenges.models import PUBLIC_AUDIENCES, Challenge, ChallengeStatus, Need, NeedStatus
from challenges.needs.rules import decides_need, visible_needs_filter, writes_for_unit, writes_need
from governance.goal_work import WorkKind, declare
from organisation.models import Role


def may_tag_need(user, need) -> bool:
    return bool(user.is_authenticated and user.is_city_staff and (writes_need(user, need) or decides_need(user, need)))


def may_tag_challenge(user, challenge) -> bool:
    return bool(user.is_authenticated and user.is_city_staff and writes_for_unit(user, challenge.unit))


CHALLENGE_STAGES = {
    ChallengeStatus.DRAFT.value: ChallengeStatus.DRAFT.label,
    "upcoming": pgettext_lazy("work towards a goal", "Published, not yet open"),
    "open": pgettext_lazy("work towards a goal", "Open for answers"),
    "closed": pgettext_lazy("work towards a goal", "Closed, answers being responded to"),
    ChallengeStatus.SUMMARISED.value: ChallengeStatus.SUMMARISED.label,
    ChallengeStatus.CANCELLED.value: ChallengeStatus.CANCELLED.label,
}

CHALLENGE_STAGE = Case(
    When(status=ChallengeStatus.PUBLISHED, opens_at__gt=Now(), then=Value("upcoming")),
    When(status=ChallengeStatus.PUBLISHED, closes_at__gt=Now(), then=Value("open")),
    When(status=ChallengeStatus.PUBLISHED, then=Value("closed")),
    default=F("status"),
)


def readable_challenges(user) -> Q:
    """Who reads a challenge: the staff every challenge past its draft (and the drafts of the units they write
    needs for), everyone else the challenges published to the public."""
    public = Q(audience__in=PUBLIC_AUDIENCES, status__in=(ChallengeStatus.PUBLISHED, ChallengeStatus.SUMMARISED))
    if not user.is_authenticated or not user.is_active or not user.is_city_staff:
        return public
    if user.is_director:
        return Q()
    mine = Q(pk__in=[])
    for role in (Role.MANAGER, Role.COACH, Role.OFFICE):
        for path in user.role_paths.get(role, []):
            mine |= Q(unit__path__startswith=path)
    return ~Q(status=ChallengeStatus.DRAFT) | mine


declare(
    WorkKind(
        key="need",
        model=Need,
        label=pgettext_lazy("work towards a goal", "Needs"),
        label_one=pgettext_lazy("work towards a goal", "need"),
        stage=F("status"),
        stages=dict(NeedStatus.choices),
        done=frozenset({NeedStatus.ROUTED}),
        may_tag=may_tag_need,
        readable=visible_needs_filter,
        related=("unit",),
        address="challenges:need",
    ),
    position=20,
)

declare(
    WorkKind(
        key="challenge",
        model=Challenge,
        label=pgettext_lazy("work towards a goal", "Challenges"),
        label_one=pgettext_lazy("work towards a goal", "challenge"),
        stage=CHALLENGE_STAGE,
        stages=CHALLENGE_STAGES,
        done=frozenset({ChallengeStatus.SUMMARISED}),
        may_tag=may_tag_challenge,
        readable=readable_challenges,
        related=("unit",),
        address="challenges:challenge",
    ),
    position=30,
)
