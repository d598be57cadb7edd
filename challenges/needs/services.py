"""Every write to needs: writing, sending for validation, validating or returning, choosing the route.

Keyword-only, atomic, checking permission through ``challenges/needs/rules.py``, refusing with a ``DomainError``
that names the field at fault. Each decision is an immutable ``NeedDecision`` with who took it and why; a
decision is optimistically locked (``expected_version``), so of two people deciding at once the second is refused
and keeps what they wrote.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from functools import partial
from typing import Any, NoReturn

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from challenges.models import (
    Need,
    NeedDecision,
    NeedDecisionKind,
    NeedFile,
    NeedFollow,
    NeedLink,
    NeedOrigin,
    NeedStatus,
    Route,
    SameNeed,
)
from challenges.needs.rules import same_need_units, writes_for_unit
from core.audit import actor_from, log_update, snapshot, update_logged
from core.errors import ConflictError, DomainError, require
from core.services import notify
from core.uploads import accept_upload
from ideas import services as idea_services
from ideas.models import VALUE_KEYS, Idea, InnovationKind, Source
from ideas.search import stems_for
from organisation.models import Role, Unit, User

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
    """The need's Swedish word stems between spaces, so that a search matches a whole stem from its start."""
    stems = stems_for(need.title, need.title, need.who_has_it, need.how_it_shows, need.good_outcome)
    return f" {stems} " if stems else ""


LINKS_MAX = 20
LINK_TITLE_MAX = 200
_url = URLValidator(schemes=["http", "https"])


def clean_links(links: Iterable[dict[str, str] | tuple[str, str]]) -> list[tuple[str, str]]:
    """The links as (address, what it is), each row complete; an empty row is left out.

    A refusal names the row's field as the form shows it: ``link_url_<n>`` or ``link_title_<n>`` (from 1).
    """
    cleaned: list[tuple[str, str]] = []
    for n, row in enumerate(links, start=1):
        url, title = (row.get("url", ""), row.get("title", "")) if isinstance(row, dict) else row
        url, title = (url or "").strip(), (title or "").strip()
        if not url and not title:
            continue
        if not url:
            raise DomainError(_("Give the address of the link “%(title)s”.") % {"title": title}, field=f"link_url_{n}")
        try:
            _url(url)
        except ValidationError as exc:
            raise DomainError(
                _("Give a whole web address starting with https:// or http://, for example https://start.stockholm/."),
                field=f"link_url_{n}",
            ) from exc
        if len(url) > 500:
            raise DomainError(_("Keep the address to 500 characters or fewer."), field=f"link_url_{n}")
        if not title:
            raise DomainError(_("Write what the link is, for example “User survey 2025”."), field=f"link_title_{n}")
        if len(title) > LINK_TITLE_MAX:
            raise DomainError(
                _("Keep what the link is to %(max)d characters or fewer.") % {"max": LINK_TITLE_MAX},
                field=f"link_title_{n}",
            )
        cleaned.append((url, title))
    if len(cleaned) > LINKS_MAX:
        raise DomainError(_("Give at most %(max)d links.") % {"max": LINKS_MAX}, field="link_url_1")
    return cleaned


def _accept_files(files: Iterable[UploadedFile]) -> list[tuple[UploadedFile, Any]]:
    return [(upload, accept_upload(upload, field="attachments")) for upload in files]


def _store(need: Need, *, links: list[tuple[str, str]] | None, files: list[tuple[UploadedFile, Any]], by: User) -> None:
    if links is not None:
        kept = {(link.url, link.title): link for link in NeedLink.objects.filter(need=need)}
        for key, link in kept.items():
            if key not in links:
                link.delete()
        for url, title in links:
            if (url, title) not in kept:
                NeedLink.objects.create(need=need, url=url, title=title, added_by=by)
    for upload, info in files:
        NeedFile.objects.create(
            need=need,
            file=upload,
            original_name=info.name,
            content_type=info.content_type,
            size=info.size,
            uploaded_by=by,
        )


def _remove_files(need: Need, files: Iterable[NeedFile]) -> None:
    """Remove files' rows now and the stored files once the transaction commits."""
    for old in NeedFile.objects.filter(need=need, pk__in=[f.pk for f in files]):
        name, storage = old.file.name or "", old.file.storage
        old.delete()
        if name:
            transaction.on_commit(partial(storage.delete, name))


def office_people(unit: Unit) -> QuerySet[User]:
    """The innovation office of ``unit`` and of every unit above it, and the director."""
    ancestors = [unit.path[:end] for end in range(Unit.steplen, len(unit.path) + 1, Unit.steplen)]
    return User.objects.filter(
        Q(role_assignments__role=Role.OFFICE, role_assignments__unit__path__in=ancestors)
        | Q(role_assignments__role=Role.DIRECTOR),
        is_active=True,
    ).distinct()


def _followers(need: Need) -> list[User]:
    """Who hears of a decision: the writer and everyone following the need who may still read it."""
    people = [need.created_by, *User.objects.filter(need_follows__need=need, is_active=True)]
    return [person for person in people if person.has_perm("challenges.view_need", need)]


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
    links: Iterable[dict[str, str] | tuple[str, str]] = (),
    attachments: Iterable[UploadedFile] = (),
    now: datetime | None = None,
) -> Need:
    """Write a need for a unit one leads, coaches or is the innovation office of. It starts as a draft, followed
    by its writer. ``links`` are (address, what it is); ``attachments`` are checked as every upload is."""
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
    cleaned_links = clean_links(links)
    files = _accept_files(attachments)
    now = now or timezone.now()
    need = Need(unit=unit, origin=origin, idea=idea, created_by=by, created_at=now, **texts)
    need.search_stems = need_stems(need)
    need.save()
    _store(need, links=cleaned_links, files=files, by=by)
    NeedFollow.objects.create(need=need, user=by, created_at=now)
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
def need_update(
    *,
    need: Need,
    by: User,
    expected_version: int,
    links: Iterable[dict[str, str] | tuple[str, str]] | None = None,
    attachments: Iterable[UploadedFile] = (),
    remove_files: Iterable[NeedFile] = (),
    **texts: str,
) -> Need:
    """Change a draft's or a returned need's texts (every text of ``TEXTS`` is given); ``links``, when given,
    replace the need's links; ``attachments`` are added and ``remove_files`` removed."""
    require("challenges.change_need", by, need, message=NOT_ALLOWED)
    cleaned = _clean(texts)
    cleaned_links = None if links is None else clean_links(links)
    files = _accept_files(attachments)
    probe = Need(**cleaned)
    _bump(
        need,
        expected_version,
        by=by,
        while_in=(NeedStatus.DRAFT, NeedStatus.RETURNED),
        search_stems=need_stems(probe),
        **cleaned,
    )
    _remove_files(need, remove_files)
    _store(need, links=cleaned_links, files=files, by=by)
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
    title, url = need.title, need.get_absolute_url()
    notify(
        recipients=office_people(need.unit),
        message_factory=lambda: _("A need waits for validation: %(title)s") % {"title": title},
        url=url,
        exclude=by,
    )
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
    title, url = need.title, need.get_absolute_url()
    notify(
        recipients=_followers(need),
        message_factory=lambda: (
            _("The need “%(title)s” is validated.") % {"title": title}
            if valid
            else _("The need “%(title)s” is returned for changes.") % {"title": title}
        ),
        url=url,
        exclude=by,
    )
    return need


@actor_from("by")
@transaction.atomic
def need_close(*, need: Need, by: User, expected_version: int, reason: str, now: datetime | None = None) -> Need:
    """The innovation office closes a need that no longer needs an answer (solved another way, no longer there),
    with why. Its history, challenges and assignments are kept; writers and followers are told."""
    require("challenges.close_need", by, need, message=NOT_ALLOWED)
    now = now or timezone.now()
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Write why the need is closed: those who wrote and follow it are told."), field="reason")
    _bump(
        need,
        expected_version,
        by=by,
        while_in=(NeedStatus.SUBMITTED, NeedStatus.RETURNED, NeedStatus.VALIDATED, NeedStatus.ROUTED),
        status=NeedStatus.CLOSED,
        decided_at=now,
    )
    _record(need, kind=NeedDecisionKind.CLOSED, by=by, rationale=reason, now=now)
    title, url = need.title, need.get_absolute_url()
    notify(
        recipients=_followers(need),
        message_factory=lambda: _("The need “%(title)s” is closed.") % {"title": title},
        url=url,
        exclude=by,
    )
    return need


def idea_texts(need: Need) -> dict[str, str]:
    """The idea a need becomes in the lock, written from the need: its problem is how the need shows, its
    audience who has it, its proposal and expected value the good outcome (and the constraints to keep to)."""
    proposal = need.good_outcome
    if need.constraints:
        proposal = f"{proposal}\n\n{_('Constraints')}: {need.constraints}"
    expected = need.good_outcome
    if need.cost_today:
        expected = f"{expected}\n\n{_('What it costs today')}: {need.cost_today}"
    return {
        "title": need.title,
        "problem": need.how_it_shows,
        "audience": need.who_has_it,
        "proposal": proposal,
        "expected_value": expected,
    }


def _idea_from(need: Need, *, kind: str, values: Iterable[str], now: datetime) -> Idea:
    if kind not in InnovationKind.values:
        raise DomainError(_("Choose the kind of innovation the idea will be."), field="idea_kind")
    values = set(values or ())
    if not values or not values <= set(VALUE_KEYS):
        raise DomainError(_("Choose at least one kind of value the idea creates."), field="idea_values")
    writer = need.created_by
    source = Source.FEEDBACK if need.origin in (NeedOrigin.COMPLAINTS, NeedOrigin.USER_SURVEY) else None
    texts = idea_texts(need)
    return idea_services.idea_submit(
        author=writer,
        unit=need.unit,
        title=texts["title"],
        problem=texts["problem"],
        audience=texts["audience"],
        proposal=texts["proposal"],
        expected_value=texts["expected_value"],
        kind=kind,
        values=values,
        source=source or idea_services.default_source_for(writer),
        now=now,
    )


@actor_from("by")
@transaction.atomic
def need_route(
    *,
    need: Need,
    by: User,
    expected_version: int,
    route: str,
    rationale: str,
    idea_kind: str = "",
    idea_values: Iterable[str] = (),
    now: datetime | None = None,
) -> Need:
    """Choose where a validated need goes (validating it in the same step if it was waiting), with why.

    The route's own work starts on its page: a challenge is published from the need, an assignment given to a
    university, a market dialogue opened. The route ``lock`` ("solve it in the lock") makes the need an idea in
    the same transaction, through ``ideas.services.idea_submit``, written from the need (``idea_texts``) with the
    need's writer as its author and the need's unit as its unit; the office names its kind and values
    (``idea_kind``, ``idea_values``) and ``Need.routed_idea`` points to it. The writer and followers are told.
    """
    require("challenges.route_need", by, need, message=NOT_ALLOWED)
    now = now or timezone.now()
    if route not in Route.values:
        raise DomainError(_("Choose a route for the need."), field="route")
    rationale = (rationale or "").strip()
    if not rationale:
        raise DomainError(_("Write why this route fits the need."), field="rationale")
    if route == Route.LOCK:
        # Checked before anything is written, so a refusal leaves the need as it was.
        if idea_kind not in InnovationKind.values:
            raise DomainError(_("Choose the kind of innovation the idea will be."), field="idea_kind")
        if not idea_values or not set(idea_values) <= set(VALUE_KEYS):
            raise DomainError(_("Choose at least one kind of value the idea creates."), field="idea_values")
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
    if route == Route.LOCK:
        idea = _idea_from(need, kind=idea_kind, values=idea_values, now=now)
        update_logged(need, actor=by, routed_idea=idea)
    title, url, label = need.title, need.get_absolute_url(), Route(route).label
    notify(
        recipients=_followers(need),
        message_factory=lambda: (
            _("The need “%(title)s” has its route: %(route)s") % {"title": title, "route": str(label)}
        ),
        url=url,
        exclude=by,
    )
    return need


# --- following, and the same need in other units -----------------------------------------------------------


@actor_from("by")
@transaction.atomic
def need_follow(*, need: Need, by: User) -> NeedFollow:
    """Follow a need: be told when it is decided. Following twice is following once."""
    require("challenges.follow_need", by, need, message=NOT_ALLOWED)
    follow, _created = NeedFollow.objects.get_or_create(need=need, user=by)
    return follow


@actor_from("by")
@transaction.atomic
def need_unfollow(*, need: Need, by: User) -> None:
    """Stop following a need (a writer too: they are then told only through their tasks)."""
    NeedFollow.objects.filter(need=need, user=by).delete()


@actor_from("by")
@transaction.atomic
def same_need_report(*, need: Need, by: User, unit: Unit, note: str = "", now: datetime | None = None) -> SameNeed:
    """Say that a unit one leads has the same need: once per unit, never the need's own unit. The need's
    count goes up in the same transaction, and its writer is told."""
    require(
        "challenges.report_same_need",
        by,
        need,
        message=_("Only a manager of another unit can say that their unit has the same need."),
    )
    now = now or timezone.now()
    if unit.pk == need.unit_id:
        raise DomainError(_("This is the need's own unit: choose another unit you lead."), field="unit")
    if unit.pk not in {u.pk for u in same_need_units(by, need)}:
        raise DomainError(_("Choose a unit you lead."), field="unit")
    note = (note or "").strip()
    if len(note) > 2000:
        raise DomainError(_("Keep the note to 2,000 characters or fewer."), field="note")
    if SameNeed.objects.filter(need=need, unit=unit).exists():
        raise DomainError(_("%(unit)s has already said it has the same need.") % {"unit": unit.name}, field="unit")
    try:
        with transaction.atomic():
            same = SameNeed.objects.create(need=need, unit=unit, note=note, reported_by=by, created_at=now)
    except IntegrityError as exc:  # the same unit, said at the same moment by two of its managers
        raise DomainError(
            _("%(unit)s has already said it has the same need.") % {"unit": unit.name}, field="unit"
        ) from exc
    before = snapshot(need)
    Need.objects.filter(pk=need.pk).update(same_need_count=F("same_need_count") + 1)
    need.same_need_count = Need.objects.values_list("same_need_count", flat=True).get(pk=need.pk)
    log_update(need, before=before, fields=["same_need_count"], actor=by)
    NeedFollow.objects.get_or_create(need=need, user=by)
    title, url, unit_name = need.title, need.get_absolute_url(), unit.name
    notify(
        recipients=[need.created_by],
        message_factory=lambda: _("%(unit)s has the same need: %(title)s") % {"unit": unit_name, "title": title},
        url=url,
        exclude=by,
    )
    return same
