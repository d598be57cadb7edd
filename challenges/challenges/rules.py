"""Who may read, publish, answer and respond to challenges. Views, services, the API and list filters ask here.

- The innovation office of the need's unit (or of a unit above it) and the director publish a challenge from a
  need routed to a challenge, change, cancel and close it (also before its last day): they shortlist, respond to every answer and publish
  the summary.
- A published challenge to residents, suppliers, students and researchers or anyone is public: everyone reads
  it, signed in or not. An internal one (to staff of a part of the city, or to all staff) is read only by those
  it asks and by those who manage it. A draft or a cancelled challenge is read only by those who manage it.
- Only those a challenge asks answer it: staff of the part of the city (or all staff), residents, suppliers,
  university people (``PersonKind.UNIVERSITY``), or anyone signed in.

- Those who respond to a challenge's answers may let a jury score the shortlist: a call of the programme
  ``challenge`` (``Challenge.jury_call``) that they manage as the city's innovation office manages its calls
  (``calls.rules.register_call_managers``).

``visible_challenges_filter`` is the SQL twin of ``challenges.view_challenge`` (tested equal).
"""

from __future__ import annotations

import rules
from django.db.models import Q
from django.urls import reverse

from calls.models import Programme
from calls.rules import register_call_managers
from challenges.models import PUBLIC_AUDIENCES, Audience, Challenge, ChallengeStatus, NeedStatus, Route
from organisation.models import PersonKind, Role, Unit

SHOWN = (ChallengeStatus.PUBLISHED, ChallengeStatus.SUMMARISED)
#: The audiences an internal challenge may ask.
STAFF_AUDIENCES = (Audience.UNIT_STAFF, Audience.ALL_STAFF)
#: The person kind each outside audience asks.
KIND_OF_AUDIENCE = {
    Audience.RESIDENTS: PersonKind.RESIDENT,
    Audience.SUPPLIERS: PersonKind.SUPPLIER,
    Audience.ACADEMIA: PersonKind.UNIVERSITY,
}
CHALLENGE_ROUTES = (Route.INTERNAL_CHALLENGE, Route.PUBLIC_CHALLENGE)


def manages_unit(user, unit: Unit | None) -> bool:
    """The innovation office of ``unit`` or above it, or the director."""
    return bool(
        unit is not None
        and user.is_authenticated
        and user.is_city_staff
        and (user.is_director or user.has_role(Role.OFFICE, unit))
    )


@rules.predicate
def is_challenge_office(user) -> bool:
    """An innovation office anywhere, or the director: those who publish challenges somewhere."""
    return bool(user.is_authenticated and user.is_city_staff and (user.is_director or user.has_role(Role.OFFICE)))


@rules.predicate
def manages_challenge(user, challenge) -> bool:
    return challenge is not None and manages_unit(user, challenge.unit)


@rules.predicate
def may_challenge_from(user, need) -> bool:
    """The need is routed to a challenge and the person is its unit's innovation office (or above), or the director."""
    return bool(
        need is not None
        and need.status == NeedStatus.ROUTED
        and need.route in CHALLENGE_ROUTES
        and manages_unit(user, need.unit)
    )


def in_audience(user, challenge) -> bool:
    """Is the person among those the challenge asks?"""
    if challenge is None or not user.is_authenticated or not user.is_active:
        return False
    audience = challenge.audience
    if audience == Audience.ANYONE:
        return user.kind != PersonKind.PARTNER
    if audience in KIND_OF_AUDIENCE:
        return user.kind == KIND_OF_AUDIENCE[audience]
    if not user.is_city_staff:
        return False
    if audience == Audience.ALL_STAFF:
        return True
    unit = challenge.audience_unit
    return bool(unit is not None and user.unit_id and user.unit.path.startswith(unit.path))


@rules.predicate
def is_asked(user, challenge) -> bool:
    return in_audience(user, challenge)


@rules.predicate
def is_shown(user, challenge) -> bool:
    return challenge is not None and challenge.status in SHOWN


@rules.predicate
def is_public_challenge(user, challenge) -> bool:
    return challenge is not None and challenge.is_public


@rules.predicate
def is_draft(user, challenge) -> bool:
    return challenge is not None and challenge.status == ChallengeStatus.DRAFT


@rules.predicate
def is_published(user, challenge) -> bool:
    return challenge is not None and challenge.status == ChallengeStatus.PUBLISHED


@rules.predicate
def is_open_or_draft(user, challenge) -> bool:
    return challenge is not None and challenge.status in (ChallengeStatus.DRAFT, ChallengeStatus.PUBLISHED)


rules.add_perm("challenges.publish_challenge_from", may_challenge_from)
rules.add_perm("challenges.view_challenge", is_public_challenge | (is_shown & is_asked) | manages_challenge)
rules.add_perm("challenges.change_challenge", manages_challenge & is_open_or_draft)
rules.add_perm("challenges.publish_challenge", manages_challenge & is_draft)
rules.add_perm("challenges.cancel_challenge", manages_challenge & is_open_or_draft)
rules.add_perm("challenges.close_challenge", manages_challenge & is_published)
rules.add_perm("challenges.respond_to_answers", manages_challenge)
rules.add_perm("challenges.answer_challenge", is_shown & is_asked)
rules.add_perm("challenges.set_up_jury", manages_challenge)


def manages_jury_call(user, call) -> bool:
    """The call is a challenge's jury and the person manages the challenge."""
    challenge = Challenge.objects.select_related("unit").filter(jury_call=call).first()
    return challenge is not None and manages_unit(user, challenge.unit)


def jury_call_owner(call) -> dict[str, str] | None:
    """The challenge a jury call scores the answers of, with its page and its responses page."""
    challenge = Challenge.objects.filter(jury_call=call).only("pk", "title").first()
    if challenge is None:
        return None
    return {
        "title": challenge.title,
        "url": challenge.get_absolute_url(),
        "manage_url": reverse("challenges:challenge_responses", args=[challenge.pk]),
    }


register_call_managers(Programme.CHALLENGE, manages_jury_call, owner=jury_call_owner)


def visible_challenges_filter(user) -> Q:
    """The list-filter twin of ``challenges.view_challenge``: which challenges a person may read."""
    public = Q(audience__in=PUBLIC_AUDIENCES, status__in=SHOWN)
    if not user.is_authenticated or not user.is_active:
        return public
    if not user.is_city_staff:
        return public
    if user.is_director:
        return Q()
    asked = Q(audience=Audience.ALL_STAFF)
    if user.unit_id:
        # The audience's unit is the person's unit or above it: its path is a prefix of theirs.
        path = user.unit.path
        prefixes = [path[:end] for end in range(Unit.steplen, len(path) + 1, Unit.steplen)]
        asked |= Q(audience=Audience.UNIT_STAFF, audience_unit__path__in=prefixes)
    managed = Q(pk__in=[])
    for path in user.role_paths.get(Role.OFFICE, []):
        managed |= Q(unit__path__startswith=path)
    return public | (Q(status__in=SHOWN) & asked) | managed


__all__ = ["in_audience", "is_challenge_office", "manages_unit", "visible_challenges_filter"]
