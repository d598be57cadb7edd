"""Every write to needs: writing, sending for validation, validating or returning, choosing the route.

Keyword-only, atomic, checking permission through ``challenges/needs/rules.py``, refusing with a ``DomainError``
that names the field at fault. Each decision is an immutable ``NeedDecision`` with who took it and why; a
decision is optimistically locked (``expected_version``), so of two people deciding at once the second is refused
and keeps what they wrote.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any, NoReturn

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from challenges.models import Need, NeedDecision, NeedDecisionKind, NeedOrigin, NeedStatus, Route
from challenges.needs.rules import writes_for_unit
from core.audit import actor_from, log_update, snapshot
from core.errors import ConflictError, DomainError, require
from ideas.models import Idea
from ideas.search import stems_for
from organisation.models import Unit, User

NOT_ALLOWED = gettext_lazy("You are not allowed to do this.")
TITLE_MAX = 200

#: The texts of a need, with the message that asks for each required one (``None``: may be left empty).
TEXTS: dict[str, Any] = {
    "title": gettext_lazy("Give the need a short title."),
    "who_has_it": gettext_lazy("Write who has the problem."),
    "how_it_shows": gettext_lazy("Write how the problem shows: figures, complaints or survey results."),
    "cost_today": None,
    "good_outcome": gettext_lazy("Write what a good outcome would be."),
    "constraints": None,
}


def need_stems(need: Need) -> str:
    return stems_for(need.title, need.title, need.who_has_it, need.how_it_shows, need.good_outcome)


def _clean(texts: dict[str, str]) -> dict[str, str]:
    cleaned = {}
    for field, missing in TEXTS.items():
        value = (texts.get(field) or "").strip()
        if not value and missing is not None:
            raise DomainError(str(missing), field=field)
        cleaned[field] = value
    if len(cleaned["title"]) > TITLE_MAX:
        raise DomainError(
            _("Keep the title to %(max)d characters or fewer: it now has %(n)d.")
            % {"max": TITLE_MAX, "n": len(cleaned["title"])},
            field="title",
        )
    return cleaned


def _origin(origin: str, idea: Idea | None) -> None:
    if origin not in NeedOrigin.values:
        raise DomainError(_("Choose where the need was seen."), field="origin")
    if origin == NeedOrigin.IDEA and idea is None:
        raise DomainError(_("Choose the idea the need comes from."), field="idea")
    if origin != NeedOrigin.IDEA and idea is not None:
        raise DomainError(_("Only a need seen in an idea names an idea: choose “An idea in the lock”."), field="origin")


@actor_from("by")
@transaction.atomic
def need_create(
    *,
    by: User,
    unit: Unit,
    title: str,
    who_has_it: str,
    how_it_shows: str,
    good_outcome: str,
    cost_today: str = "",
    constraints: str = "",
    origin: str = NeedOrigin.OWN_WORK,
    idea: Idea | None = None,
    now: datetime | None = None,
) -> Need:
    """Write a need for a unit one leads, coaches or is the innovation office of. It starts as a draft."""
    require("challenges.add_need", by, message=_("Only managers, coaches and innovation offices write needs."))
    if not writes_for_unit(by, unit):
        raise DomainError(
            _("You can write needs only for a unit you lead, coach or are the innovation office of."), field="unit"
        )
    texts = _clean(
        {
            "title": title,
            "who_has_it": who_has_it,
            "how_it_shows": how_it_shows,
            "good_outcome": good_outcome,
            "cost_today": cost_today,
            "constraints": constraints,
        }
    )
    _origin(origin, idea)
    if idea is not None and not by.has_perm("ideas.view_idea", idea):
        raise DomainError(_("Choose an idea you can read."), field="idea")
    now = now or timezone.now()
    need = Need(unit=unit, origin=origin, idea=idea, created_by=by, created_at=now, **texts)
    need.search_stems = need_stems(need)
    need.save()
    return need


def _conflict() -> NoReturn:
    raise ConflictError(
        _(
            "Someone else changed this need while you were working on it. Nothing was overwritten and what you "
            "wrote is still here: read the need again and decide whether to send it."
        )
    )


def _bump(need: Need, expected_version: int, *, by: User, while_in: Iterable[str], **changes: Any) -> None:
    """Write ``changes`` only if nobody wrote since ``expected_version`` and the status is one of ``while_in``."""
    before = snapshot(need)
    updated = Need.objects.filter(pk=need.pk, version=expected_version, status__in=list(while_in)).update(
        version=F("version") + 1, updated_at=timezone.now(), **changes
    )
    if not updated:
        _conflict()
    for key, value in changes.items():
        setattr(need, key, value)
    need.version = expected_version + 1
    log_update(need, before=before, fields=changes, actor=by)


@actor_from("by")
@transaction.atomic
def need_update(*, need: Need, by: User, expected_version: int, **texts: str) -> Need:
    """Change a draft's or a returned need's texts (every text of ``TEXTS`` is given)."""
    require("challenges.change_need", by, need, message=NOT_ALLOWED)
    cleaned = _clean(texts)
    probe = Need(**cleaned)
    _bump(
        need,
        expected_version,
        by=by,
        while_in=(NeedStatus.DRAFT, NeedStatus.RETURNED),
        search_stems=need_stems(probe),
        **cleaned,
    )
    return need


def _record(need: Need, *, kind: str, by: User, rationale: str = "", route: str = "", now: datetime) -> NeedDecision:
    return NeedDecision.objects.create(
        need=need, kind=kind, route=route, rationale=rationale, decided_by=by, created_at=now
    )


@actor_from("by")
@transaction.atomic
def need_submit(*, need: Need, by: User, expected_version: int, now: datetime | None = None) -> Need:
    """Send a draft (or a returned need) to the innovation office for validation."""
    require("challenges.submit_need", by, need, message=NOT_ALLOWED)
    now = now or timezone.now()
    _bump(
        need,
        expected_version,
        by=by,
        while_in=(NeedStatus.DRAFT, NeedStatus.RETURNED),
        status=NeedStatus.SUBMITTED,
        submitted_at=now,
    )
    _record(need, kind=NeedDecisionKind.SUBMITTED, by=by, now=now)
    return need


@actor_from("by")
@transaction.atomic
def need_validate(
    *, need: Need, by: User, expected_version: int, valid: bool, comment: str = "", now: datetime | None = None
) -> Need:
    """The innovation office's decision: the need is validated, or returned to its writers with a comment."""
    require("challenges.validate_need", by, need, message=NOT_ALLOWED)
    now = now or timezone.now()
    comment = (comment or "").strip()
    if not valid and not comment:
        raise DomainError(_("Write what should change before the need can be validated."), field="comment")
    status, kind = (
        (NeedStatus.VALIDATED, NeedDecisionKind.VALIDATED)
        if valid
        else (NeedStatus.RETURNED, NeedDecisionKind.RETURNED)
    )
    _bump(need, expected_version, by=by, while_in=(NeedStatus.SUBMITTED,), status=status, decided_at=now)
    _record(need, kind=kind, by=by, rationale=comment, now=now)
    return need


@actor_from("by")
@transaction.atomic
def need_route(
    *, need: Need, by: User, expected_version: int, route: str, rationale: str, now: datetime | None = None
) -> Need:
    """Choose where a validated need goes (validating it in the same step if it was waiting), with why.

    The route's own work starts on its page: a challenge is published from the need, an assignment given to a
    university, a market dialogue opened; the route ``lock`` is completed by ``need_to_idea``.
    """
    require("challenges.route_need", by, need, message=NOT_ALLOWED)
    now = now or timezone.now()
    if route not in Route.values:
        raise DomainError(_("Choose a route for the need."), field="route")
    rationale = (rationale or "").strip()
    if not rationale:
        raise DomainError(_("Write why this route fits the need."), field="rationale")
    was = need.status
    _bump(
        need,
        expected_version,
        by=by,
        while_in=(NeedStatus.SUBMITTED, NeedStatus.VALIDATED),
        status=NeedStatus.ROUTED,
        route=route,
        decided_at=now,
    )
    if was == NeedStatus.SUBMITTED:
        _record(need, kind=NeedDecisionKind.VALIDATED, by=by, now=now)
    _record(need, kind=NeedDecisionKind.ROUTED, by=by, route=route, rationale=rationale, now=now)
    return need
