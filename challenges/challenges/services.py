"""Every write to challenges: publishing one from a routed need, changing and cancelling it, answering it with an
idea, and, once it has closed, shortlisting, responding to every answer and publishing the summary.

Keyword-only, atomic, checking permission through ``challenges/challenges/rules.py``, refusing with a
``DomainError`` that names the field at fault. Changes are optimistically locked (``expected_version``): of two
people changing the same challenge or answer at once, the second is refused and keeps what they wrote. The
challenge's row is locked while an answer is added, so ``Challenge.answer_count`` always equals its answers.
Closing a challenge never closes the ideas in it.

A jury may score the shortlist (``challenge_jury_set_up``): a call of the programme ``challenge`` that is never
published, with one entry per shortlisted answer, scored on the calls' jury pages; the office still responds here.
"""

from __future__ import annotations

import re
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any, NoReturn

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from calls import services as calls
from calls.models import Application, Assignment, Call, Programme
from calls.models import Status as EntryStatus
from challenges.challenges.rules import CHALLENGE_ROUTES, STAFF_AUDIENCES, in_audience, manages_unit
from challenges.models import Answer, Audience, Challenge, ChallengeStatus, Need, Response, Route
from core.audit import actor_from
from core.city import CITY_TIME_ZONE
from core.errors import ConflictError, DomainError, ErrorCode, require
from core.services import notify
from ideas import services as ideas
from ideas.models import Idea
from ideas.search import stems_for
from organisation.models import PersonKind, Role, Unit, User

NOT_ALLOWED = gettext_lazy("You are not allowed to do this.")
TITLE_MAX = 200

#: The texts of a challenge, with the message that asks for each required one (``None``: may be left empty).
TEXTS: dict[str, Any] = {
    "title": gettext_lazy("Give the challenge a short title."),
    "question": gettext_lazy("Write the question the challenge asks."),
    "background": gettext_lazy("Write the background: what the problem is and why it matters."),
    "criteria": gettext_lazy("Write what the answers will be judged by."),
    "prizes": None,
}
FIELDS = (*TEXTS, "audience", "audience_unit", "opens_at", "closes_at", "contact")


def challenge_stems(challenge: Challenge) -> str:
    """The challenge's Swedish word stems, between spaces, so that a search matches stems from their start."""
    return f" {stems_for(challenge.title, challenge.title, challenge.question, challenge.background)} "


def background_from(need: Need) -> str:
    """The background a challenge starts from: the need's own words."""
    parts = [need.who_has_it, need.how_it_shows, need.good_outcome]
    return "\n\n".join(p.strip() for p in parts if p and p.strip())


def _clean_texts(fields: dict[str, Any]) -> dict[str, str]:
    cleaned = {}
    for field, missing in TEXTS.items():
        value = (fields.get(field) or "").strip()
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


def _check_audience(*, by: User, need: Need, audience: str, audience_unit: Unit | None) -> None:
    """Refuse an audience the route or the office may not address, with what to choose instead."""
    if audience not in Audience.values:
        raise DomainError(_("Choose who the challenge asks."), field="audience")
    if need.route == Route.INTERNAL_CHALLENGE and audience not in STAFF_AUDIENCES:
        raise DomainError(
            _(
                "The need was routed to an internal challenge, which may ask only city staff: choose staff of a "
                "part of the city or all city staff."
            ),
            field="audience",
        )
    if audience == Audience.UNIT_STAFF:
        if audience_unit is None:
            raise DomainError(_("Choose the part of the city whose staff are asked."), field="audience_unit")
        if not manages_unit(by, audience_unit):
            raise DomainError(
                _(
                    "You may ask only the staff of units within your own part of the city. Choose %(unit)s or a "
                    "unit below it."
                )
                % {"unit": _own_office_unit_name(by)},
                field="audience_unit",
            )
    elif audience == Audience.ALL_STAFF and not by.is_executive_office:
        raise DomainError(
            _(
                "Only the city's innovation office and the director may ask all city staff. Ask the staff of "
                "%(unit)s instead."
            )
            % {"unit": _own_office_unit_name(by)},
            field="audience",
        )


def _own_office_unit_name(by: User) -> str:
    paths = sorted(by.role_paths.get(Role.OFFICE, []), key=len)
    unit = Unit.objects.filter(path=paths[0]).first() if paths else None
    return unit.name if unit else _("your own unit")


def _check_dates(opens_at: datetime | None, closes_at: datetime | None) -> None:
    if opens_at is None:
        raise DomainError(_("Give the day the challenge opens."), field="opens_at")
    if closes_at is None:
        raise DomainError(_("Give the day the challenge closes."), field="closes_at")
    if closes_at <= opens_at:
        raise DomainError(_("The challenge must close after it opens: give a later closing day."), field="closes_at")


def _check_published_dates(current: Challenge, changed: list[str], merged: dict[str, Any], now: datetime) -> None:
    """Refuse moving a published challenge's dates back in time: those asked have read them."""
    if "opens_at" in changed:
        if current.opens_at <= now:
            raise DomainError(
                _("The challenge has already opened: its opening day can no longer be changed."), field="opens_at"
            )
        if merged["opens_at"].astimezone(CITY_TIME_ZONE).date() < timezone.localdate(now, CITY_TIME_ZONE):
            raise DomainError(_("The opening day has already passed: give today or a later day."), field="opens_at")
    if "closes_at" in changed and merged["closes_at"] <= now:
        raise DomainError(
            _(
                "A published challenge's last day to answer can only be moved to a day still to come: give today or "
                "a later day, or close the challenge now instead."
            ),
            field="closes_at",
        )


def _check_contact(contact: User | None) -> None:
    if contact is None or not contact.is_active or contact.kind != PersonKind.EMPLOYEE:
        raise DomainError(_("Choose a member of the city's staff as the contact person."), field="contact")


def _check(*, by: User, need: Need, values: dict[str, Any]) -> None:
    _check_audience(by=by, need=need, audience=values["audience"], audience_unit=values.get("audience_unit"))
    _check_dates(values.get("opens_at"), values.get("closes_at"))
    _check_contact(values.get("contact"))


@actor_from("by")
@transaction.atomic
def challenge_create(
    *,
    need: Need,
    by: User,
    title: str,
    question: str,
    background: str,
    audience: str,
    opens_at: datetime,
    closes_at: datetime,
    criteria: str,
    prizes: str = "",
    audience_unit: Unit | None = None,
    contact: User | None = None,
    now: datetime | None = None,
) -> Challenge:
    """Write a challenge from a need routed to a challenge. It starts as a draft, for the office to publish."""
    require(
        "challenges.publish_challenge_from",
        by,
        need,
        message=_(
            "A challenge is written from a need routed to a challenge, by the innovation office of its unit or "
            "the director."
        ),
    )
    texts = _clean_texts(
        {"title": title, "question": question, "background": background, "criteria": criteria, "prizes": prizes}
    )
    values: dict[str, Any] = {
        "audience": audience,
        "audience_unit": audience_unit if audience == Audience.UNIT_STAFF else None,
        "opens_at": opens_at,
        "closes_at": closes_at,
        "contact": contact or by,
    }
    _check(by=by, need=need, values=values)
    now = now or timezone.now()
    challenge = Challenge(need=need, unit=need.unit, created_by=by, created_at=now, **texts, **values)
    challenge.search_stems = challenge_stems(challenge)
    challenge.save()
    return challenge


def _conflict(what: str = "challenge") -> NoReturn:
    if what == "answer":
        raise ConflictError(
            _(
                "Someone else responded to this answer while you were working on it. Nothing was overwritten and "
                "what you wrote is still here: read the answer again and decide."
            )
        )
    raise ConflictError(
        _(
            "Someone else changed this challenge while you were working on it. Nothing was overwritten and what you "
            "wrote is still here: read the challenge again and decide."
        )
    )


def _locked(challenge: Challenge, expected_version: int | None = None) -> Challenge:
    current = Challenge.objects.select_for_update().select_related("need", "unit").get(pk=challenge.pk)
    if expected_version is not None and current.version != expected_version:
        _conflict()
    return current


def _save(challenge: Challenge, *fields: str) -> None:
    challenge.version += 1
    challenge.save(update_fields=[*fields, "version", "updated_at"])


@actor_from("by")
@transaction.atomic
def challenge_update(
    *, challenge: Challenge, by: User, expected_version: int, now: datetime | None = None, **fields: Any
) -> Challenge:
    """Change a draft or a published challenge (the fields of ``FIELDS`` that are given).

    A published challenge's dates change only forwards: its opening not once it has passed, nor to a day already
    past; its closing only to a moment still to come (as a published call's, ``calls.services.call``).
    """
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise DomainError(_("Unknown field: %(field)s.") % {"field": ", ".join(sorted(unknown))})
    require("challenges.change_challenge", by, challenge, message=NOT_ALLOWED)
    current = _locked(challenge, expected_version)
    merged = {name: fields.get(name, getattr(current, name)) for name in FIELDS}
    texts = _clean_texts(merged)
    merged.update(texts)
    if merged["audience"] != Audience.UNIT_STAFF:
        merged["audience_unit"] = None
    _check(by=by, need=current.need, values=merged)
    if current.status == ChallengeStatus.PUBLISHED and current.answer_count and merged["audience"] != current.audience:
        raise DomainError(_("The challenge already has answers: who it asks can no longer change."), field="audience")
    changed = [name for name in FIELDS if getattr(current, name) != merged[name]]
    if not changed:
        return current
    if current.status == ChallengeStatus.PUBLISHED:
        _check_published_dates(current, changed, merged, now or timezone.now())
    for name in changed:
        setattr(current, name, merged[name])
    current.search_stems = challenge_stems(current)
    _save(current, *changed, "search_stems")
    return current


@actor_from("by")
@transaction.atomic
def challenge_publish(
    *, challenge: Challenge, by: User, expected_version: int, now: datetime | None = None
) -> Challenge:
    """Publish a draft: from its opening moment those it asks may answer it; a public one is on the public site."""
    require("challenges.publish_challenge", by, challenge, message=NOT_ALLOWED)
    current = _locked(challenge, expected_version)
    if current.status != ChallengeStatus.DRAFT:
        raise DomainError(_("The challenge is already published."), code=ErrorCode.STATE)
    now = now or timezone.now()
    if current.closes_at <= now:
        raise DomainError(
            _("The closing day has already passed: give a later closing day before publishing."), field="closes_at"
        )
    _check_audience(by=by, need=current.need, audience=current.audience, audience_unit=current.audience_unit)
    current.status = ChallengeStatus.PUBLISHED
    current.published_at = now
    current.published_by = by
    _save(current, "status", "published_at", "published_by")
    return current


@actor_from("by")
@transaction.atomic
def challenge_cancel(*, challenge: Challenge, by: User, expected_version: int) -> Challenge:
    """Cancel a draft or a published challenge. The answers already sent stay ideas in the lock."""
    require("challenges.cancel_challenge", by, challenge, message=NOT_ALLOWED)
    current = _locked(challenge, expected_version)
    if current.status not in (ChallengeStatus.DRAFT, ChallengeStatus.PUBLISHED):
        raise DomainError(_("Only a draft or a published challenge can be cancelled."), code=ErrorCode.STATE)
    current.status = ChallengeStatus.CANCELLED
    _save(current, "status")
    return current


@actor_from("by")
@transaction.atomic
def challenge_close(*, challenge: Challenge, by: User, expected_version: int, now: datetime | None = None) -> Challenge:
    """Close a published, open challenge for answers now, before its last day. The answers already sent stay
    answers; an idea sent later is an ordinary idea. Who closed it and when are kept on the challenge."""
    require("challenges.close_challenge", by, challenge, message=NOT_ALLOWED)
    now = now or timezone.now()
    current = _locked(challenge, expected_version)
    if not is_open(current, now):
        raise DomainError(
            _(
                "Only a challenge open for answers can be closed early. One not yet open can be cancelled or its "
                "opening day changed."
            ),
            code=ErrorCode.STATE,
        )
    current.closes_at = now
    current.closed_early_at = now
    current.closed_early_by = by
    _save(current, "closes_at", "closed_early_at", "closed_early_by")
    return current


# --- answers ---------------------------------------------------------------------------------------------


def source_for(person: User) -> str:
    """The idea's source from the kind of person who answers (M2's source mix: university people's own)."""
    return ideas.default_source_for(person)


def is_open(challenge: Challenge, now: datetime) -> bool:
    return challenge.status == ChallengeStatus.PUBLISHED and challenge.opens_at <= now < challenge.closes_at


def is_closed(challenge: Challenge, now: datetime) -> bool:
    return challenge.status == ChallengeStatus.SUMMARISED or (
        challenge.status == ChallengeStatus.PUBLISHED and challenge.closes_at <= now
    )


@actor_from("author")
@transaction.atomic
def answer_submit(
    *, challenge: Challenge, author: User, now: datetime | None = None, **idea_fields: Any
) -> tuple[Idea, Answer | None]:
    """Answer a challenge with an idea (``ideas.services.idea_submit``'s fields), tied to it in one transaction.

    Without a unit the idea goes to the challenge's unit.
    After the challenge has closed the idea is still sent, as an ordinary idea without the tie: ``(idea, None)``.
    Only those the challenge asks may answer; a challenge not yet open is refused.
    """
    if challenge.status not in (ChallengeStatus.PUBLISHED, ChallengeStatus.SUMMARISED) or not in_audience(
        author, challenge
    ):
        require(
            False,
            message=_("This challenge does not ask you, so you cannot answer it. You may send an idea of your own."),
        )
    now = now or timezone.now()
    current = _locked(challenge)
    if current.status == ChallengeStatus.PUBLISHED and now < current.opens_at:
        raise DomainError(_("The challenge opens later: answers are taken from its opening day."), code=ErrorCode.STATE)
    late = not is_open(current, now)
    if author.kind == PersonKind.EMPLOYEE:
        idea_fields.setdefault("source", source_for(author))
    if idea_fields.get("unit") is None:
        # An answer goes to the unit that asks, whoever sends it.
        idea_fields["unit"] = current.unit
    idea = ideas.idea_submit(author=author, now=now, **idea_fields)
    if late:
        return idea, None
    answer = Answer.objects.create(challenge=current, idea=idea, created_at=now)
    current.answer_count += 1
    current.save(update_fields=["answer_count", "updated_at"])
    challenge.answer_count = current.answer_count
    return idea, answer


def _locked_answer(answer: Answer, expected_version: int) -> Answer:
    current = Answer.objects.select_for_update().select_related("challenge", "challenge__unit").get(pk=answer.pk)
    if current.version != expected_version:
        _conflict("answer")
    return current


def _require_closed(
    challenge: Challenge, now: datetime, *, summarised: str | None = None, still_open: str | None = None
) -> None:
    """Refuse unless the challenge has closed and its summary is not yet published, saying which it is."""
    if challenge.status != ChallengeStatus.PUBLISHED or challenge.closes_at > now:
        if challenge.status == ChallengeStatus.SUMMARISED:
            message = summarised or _("The summary is published: the responses can no longer change.")
        else:
            message = still_open or _("The challenge is still open: respond to the answers once it has closed.")
        raise DomainError(message, code=ErrorCode.STATE)


@actor_from("by")
@transaction.atomic
def answer_shortlist(
    *, answer: Answer, by: User, expected_version: int, shortlisted: bool, now: datetime | None = None
) -> Answer:
    """Put an answer on the shortlist (or take it off) once the challenge has closed."""
    require("challenges.respond_to_answers", by, answer.challenge, message=NOT_ALLOWED)
    current = _locked_answer(answer, expected_version)
    _require_closed(current.challenge, now or timezone.now())
    if current.shortlisted and not shortlisted:
        _take_back_from_jury(current, by)
    current.shortlisted = shortlisted
    current.version += 1
    current.save(update_fields=["shortlisted", "version", "updated_at"])
    return current


def _take_back_from_jury(answer: Answer, by: User) -> None:
    """An answer taken off the shortlist leaves the jury too, unless a juror has submitted scores on it."""
    call_id = answer.challenge.jury_call_id
    entry = (
        Application.objects.filter(call_id=call_id, idea_id=answer.idea_id)
        .exclude(status=EntryStatus.WITHDRAWN)
        .first()
        if call_id
        else None
    )
    if entry is None:
        return
    if Assignment.objects.filter(application=entry, submitted_at__isnull=False).exists():
        raise DomainError(
            _(
                "The jury has already scored this answer, so it stays on the shortlist. Record your response to it "
                "instead."
            ),
            field="shortlisted",
        )
    calls.jury_entry_withdraw(application=entry, by=by)


@actor_from("by")
@transaction.atomic
def answer_respond(
    *,
    answer: Answer,
    by: User,
    expected_version: int,
    response: str,
    reason: str,
    merged_into: Answer | None = None,
    now: datetime | None = None,
) -> Answer:
    """Record what happens to an answer, with why: taken forward into the lock, merged with another, not taken.

    The idea itself stays where it is in the lock: the response never closes it.
    """
    require("challenges.respond_to_answers", by, answer.challenge, message=NOT_ALLOWED)
    now = now or timezone.now()
    if response not in (Response.TAKEN_FORWARD, Response.MERGED, Response.NOT_TAKEN):
        raise DomainError(_("Choose what happens to the answer."), field="response")
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Write why: the person who answered reads it."), field="reason")
    if response == Response.MERGED:
        if merged_into is None:
            raise DomainError(_("Choose the answer it is merged with."), field="merged_into")
        if merged_into.challenge_id != answer.challenge_id or merged_into.pk == answer.pk:
            raise DomainError(_("Choose another answer to the same challenge."), field="merged_into")
    else:
        merged_into = None
    current = _locked_answer(answer, expected_version)
    _require_closed(current.challenge, now)
    current.response = response
    current.response_reason = reason
    current.merged_into = merged_into
    current.responded_by = by
    current.responded_at = now
    current.version += 1
    current.save(
        update_fields=[
            "response",
            "response_reason",
            "merged_into",
            "responded_by",
            "responded_at",
            "version",
            "updated_at",
        ]
    )
    # The city's response is the idea's first answer, if the office has not already answered it in the lock.
    ideas.idea_first_answered(idea=current.idea, by=by, now=now)
    _tell_of_response(current, by=by)
    return current


def _tell_of_response(answer: Answer, *, by: User) -> None:
    """Those who wrote the answer hear what was decided about it and why, with a link to their idea."""
    idea = answer.idea
    title, challenge_title, reason = idea.title, answer.challenge.title, answer.response_reason
    response = answer.response
    notify(
        recipients=[idea.author, *idea.co_authors.all()],
        message_factory=lambda: (
            _("Your answer “%(title)s” to the challenge “%(challenge)s”: %(response)s. Why: %(reason)s")
            % {
                "title": title,
                "challenge": challenge_title,
                "response": Response(response).label,
                "reason": reason,
            }
        ),
        url=idea.get_absolute_url(),
        exclude=by,
    )


@actor_from("by")
@transaction.atomic
def challenge_summarise(
    *, challenge: Challenge, by: User, expected_version: int, summary: str, now: datetime | None = None
) -> Challenge:
    """Publish what came in and what happens next, once the challenge has closed and every answer has a response."""
    require("challenges.respond_to_answers", by, challenge, message=NOT_ALLOWED)
    now = now or timezone.now()
    summary = (summary or "").strip()
    if not summary:
        raise DomainError(_("Write what came in and what happens next."), field="summary")
    current = _locked(challenge, expected_version)
    _require_closed(current, now)
    pending = current.answers.filter(response=Response.PENDING).count()
    if pending:
        raise DomainError(
            ngettext(
                "%(n)d answer has no response yet: respond to every answer before publishing the summary.",
                "%(n)d answers have no response yet: respond to every answer before publishing the summary.",
                pending,
            )
            % {"n": pending},
            field="summary",
        )
    current.summary = summary
    current.summarised_at = now
    current.status = ChallengeStatus.SUMMARISED
    _save(current, "summary", "summarised_at", "status")
    title = current.title
    ideas_sent = Idea.objects.filter(challenge_answer__challenge=current)
    notify(
        recipients=User.objects.filter(Q(ideas__in=ideas_sent) | Q(co_authored_ideas__in=ideas_sent)).distinct(),
        message_factory=lambda: (
            _("The summary of the challenge “%(title)s” you answered is published: what came in and what happens next.")
            % {"title": title}
        ),
        url=current.get_absolute_url(),
        exclude=by,
    )
    return current


# --- the jury ---------------------------------------------------------------------------------------------

#: The most criteria the jury's setup suggests and takes.
JURY_CRITERIA_MAX = 6
CRITERION_NAME_MAX = 120


def jury_criteria_suggested(challenge: Challenge) -> list[str]:
    """The rubric a jury starts from: the lines (or sentences) of what the challenge said answers are judged by."""
    names = []
    for line in challenge.criteria.splitlines():
        # A line each, or a sentence each when they are written in one line.
        for sentence in re.split(r"(?<=[.!?])\s+", line.strip().lstrip("-–•*").strip()):
            name = sentence.strip().rstrip(".").strip()
            if name:
                names.append(name[:CRITERION_NAME_MAX])
    return names[:JURY_CRITERIA_MAX] or [_("How well the answer meets the challenge")]


def _jury_criteria(criteria: list[tuple[str, str]]) -> list[tuple[str, Decimal]]:
    """The named rows of the rubric with their weights; a row is numbered from 1 (``name_1``, ``weight_1``)."""
    cleaned = []
    for number, (name, weight) in enumerate(criteria, start=1):
        name = (name or "").strip()
        if not name:
            continue
        if len(name) > CRITERION_NAME_MAX:
            raise DomainError(
                _("Keep the criterion's name to %(max)d characters or fewer.") % {"max": CRITERION_NAME_MAX},
                field=f"name_{number}",
            )
        try:
            parsed = Decimal(str(weight or "1").strip().replace(",", "."))
        except InvalidOperation:
            raise DomainError(
                _("Write the weight as a number, for example 2 or 0,5."), field=f"weight_{number}"
            ) from None
        if not parsed.is_finite() or parsed <= 0 or parsed > 100:
            raise DomainError(_("The weight must be above 0 and at most 100."), field=f"weight_{number}")
        cleaned.append((name, parsed))
    if not cleaned:
        raise DomainError(_("Give the jury at least one criterion to score on."), field="name_1")
    return cleaned


def _jury_entries(challenge: Challenge) -> list[calls.JuryEntry]:
    answers = challenge.answers.filter(shortlisted=True).select_related("idea__author").order_by("created_at", "pk")
    return [
        calls.JuryEntry(
            applicant=answer.idea.author,
            title=answer.idea.title,
            summary=answer.idea.problem,
            description="\n\n".join(
                part.strip() for part in (answer.idea.proposal, answer.idea.expected_value) if part and part.strip()
            ),
            idea=answer.idea,
            submitted_at=answer.created_at,
        )
        for answer in answers
    ]


def _require_closed_for_jury(challenge: Challenge, now: datetime) -> None:
    _require_closed(
        challenge,
        now,
        summarised=_("The summary is published: the answers can no longer go to a jury."),
        still_open=_("The challenge is still open: a jury scores the shortlist once it has closed."),
    )


@actor_from("by")
@transaction.atomic
def challenge_jury_set_up(
    *,
    challenge: Challenge,
    by: User,
    expected_version: int,
    criteria: list[tuple[str, str]],
    scale_min: int = 1,
    scale_max: int = 5,
    blind_review: bool = False,
    now: datetime | None = None,
) -> Call:
    """Let a jury score the shortlist: a call of the programme ``challenge`` (never published) with the rubric, and
    one entry per shortlisted answer, with the jury from the start. The office then forms the jury and assigns
    the answers on the call's own pages; the jury advises, the office still responds to every answer here.
    """
    require("challenges.set_up_jury", by, challenge, message=NOT_ALLOWED)
    now = now or timezone.now()
    current = _locked(challenge, expected_version)
    _require_closed_for_jury(current, now)
    if current.jury_call_id:
        raise DomainError(_("A jury already scores this challenge's shortlist."), code=ErrorCode.STATE)
    rubric = _jury_criteria(criteria)
    if scale_max <= scale_min:
        raise DomainError(_("The highest score must be above the lowest."), field="scale_max")
    entries = _jury_entries(current)
    if not entries:
        raise DomainError(
            _(
                "The shortlist is empty: put the answers the jury is to score on the shortlist first (“Respond”, "
                "then “On the shortlist”)."
            ),
            field="shortlist",
        )
    call = calls.jury_call_open(
        by=by,
        programme=Programme.CHALLENGE,
        title=_("The jury of “%(title)s”") % {"title": current.title},
        summary=_("Scores the shortlisted answers to the challenge."),
        description=current.criteria,
        opens_at=current.opens_at,
        closes_at=current.closes_at,
        blind_review=blind_review,
        scale_min=scale_min,
        scale_max=scale_max,
        now=now,
    )
    current.jury_call = call
    _save(current, "jury_call")
    challenge.jury_call, challenge.version = call, current.version
    for name, weight in rubric:
        calls.criterion_add(call=call, by=by, name=name, weight=weight)
    calls.jury_entries_add(call=call, by=by, entries=entries, now=now)
    return call


@actor_from("by")
@transaction.atomic
def challenge_jury_send_new(*, challenge: Challenge, by: User, now: datetime | None = None) -> int:
    """Send the answers shortlisted since the jury was set up (or put back on the shortlist) to the same jury."""
    require("challenges.set_up_jury", by, challenge, message=NOT_ALLOWED)
    now = now or timezone.now()
    current = _locked(challenge)
    _require_closed_for_jury(current, now)
    if current.jury_call is None:
        raise DomainError(_("No jury scores this challenge's shortlist yet: set one up first."), code=ErrorCode.STATE)
    sent = calls.jury_entries_add(call=current.jury_call, by=by, entries=_jury_entries(current), now=now)
    if not sent:
        raise DomainError(_("Every answer on the shortlist is already with the jury."), code=ErrorCode.STATE)
    return sent


__all__ = [
    "CHALLENGE_ROUTES",
    "answer_respond",
    "answer_shortlist",
    "answer_submit",
    "challenge_cancel",
    "challenge_close",
    "challenge_create",
    "challenge_jury_send_new",
    "challenge_jury_set_up",
    "challenge_publish",
    "challenge_summarise",
    "challenge_update",
    "jury_criteria_suggested",
]
