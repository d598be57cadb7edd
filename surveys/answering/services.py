"""Answering through a personal link: find the invitation, save a draft to come back to, send once.

Sending stores the answers as a ``Response`` with no link to the person (``surveys.models.rounds``) and marks the
invitation answered in the same transaction, by a conditional ``UPDATE``: a second send with the same link, however
close in time, finds it answered and is refused. Nothing about the sending is written to the audit trail.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from core.errors import DomainError, ErrorCode
from surveys.answering import drafts
from surveys.models import Invitation, Question, QuestionKind, Response, Round, RoundState
from surveys.rounds import links
from surveys.rounds.services import today

TEXT_MAX = 2000


def invitation_for(token: str) -> Invitation | None:
    """The invitation a personal link belongs to, or None for a link that belongs to none."""
    if not token or len(token) > 100:
        return None
    return (
        Invitation.objects.select_related("round", "round__version", "round__questionnaire")
        .filter(token_hash=links.token_hash(token))
        .first()
    )


def window_problem(round_: Round, now: datetime | None = None) -> str | None:
    """Why the round takes no answers now, or None while it does."""
    if round_.state == RoundState.DRAFT or today(now) < round_.opens_on:
        return _("The survey has not opened yet.")
    if round_.state == RoundState.CLOSED or today(now) > round_.closes_on:
        return _("The survey closed on %(day)s, so it takes no more answers.") % {
            "day": round_.closes_on.strftime("%Y-%m-%d")
        }
    return None


def questions(round_: Round) -> list[Question]:
    return list(round_.version.questions.order_by("position"))


def clean_answers(round_: Round, answers: dict[str, Any]) -> tuple[dict[str, int], dict[str, str]]:
    """The answers to the round's current questions: scores 1–5 or 0 ("don't know"), texts trimmed. Anything else is
    refused with the question it concerns."""
    scores: dict[str, int] = {}
    texts: dict[str, str] = {}
    for question in questions(round_):
        value = answers.get(question.key)
        if value in (None, ""):
            continue
        if question.kind == QuestionKind.SCALE:
            try:
                score = int(value)
            except (TypeError, ValueError):
                score = -1
            if not 0 <= score <= 5:
                raise DomainError(_("Choose 1–5 or Don't know."), field=question.key)
            scores[question.key] = score
        else:
            text = str(value).strip()
            if len(text) > TEXT_MAX:
                raise DomainError(
                    _("Keep the answer to %(max)s characters (it has %(n)s).") % {"max": TEXT_MAX, "n": len(text)},
                    field=question.key,
                )
            if text:
                texts[question.key] = text
    return scores, texts


def _open_invitation(token: str, now: datetime | None) -> Invitation:
    invitation = invitation_for(token)
    if invitation is None:
        raise DomainError(_("This link belongs to no survey invitation."), code=ErrorCode.NOT_FOUND)
    if invitation.answered:
        raise DomainError(
            _("Answers have already been sent with this link. Each person answers once."), code=ErrorCode.SUBMITTED
        )
    problem = window_problem(invitation.round, now)
    if problem:
        raise DomainError(problem, code=ErrorCode.CLOSED)
    return invitation


def draft_of(invitation: Invitation, token: str) -> dict[str, Any]:
    return drafts.unseal(token, invitation.draft)


@transaction.atomic
def draft_save(*, token: str, answers: dict[str, Any], now: datetime | None = None) -> None:
    """Keep unsent answers to come back to. Only what is valid is kept; nothing is sent."""
    invitation = _open_invitation(token, now)
    scores, texts = clean_answers(invitation.round, answers)
    sealed = drafts.seal(token, {**{k: str(v) for k, v in scores.items()}, **texts})
    if not Invitation.objects.filter(pk=invitation.pk, answered=False).update(draft=sealed):
        raise DomainError(_("Answers have already been sent with this link."), code=ErrorCode.SUBMITTED)


@transaction.atomic
def response_submit(*, token: str, answers: dict[str, Any], now: datetime | None = None) -> None:
    """Send the answers, once. Stored without the person; the invitation records only that it was answered."""
    invitation = _open_invitation(token, now)
    round_ = invitation.round  # read with its version by ``invitation_for``
    scores, texts = clean_answers(round_, answers)
    if not scores and not texts:
        raise DomainError(_("Answer at least one question before sending."), code=ErrorCode.INCOMPLETE)
    # The conditional UPDATE is what makes a second send fail, whatever else runs at the same moment.
    if not Invitation.objects.filter(pk=invitation.pk, answered=False).update(answered=True, draft=None):
        raise DomainError(
            _("Answers have already been sent with this link. Each person answers once."), code=ErrorCode.SUBMITTED
        )
    Response.objects.create(
        round_id=round_.pk,
        version_id=round_.version_id,
        unit_id=invitation.reporting_unit_id,
        organisation_kind=invitation.reporting_kind,
        scores=scores,
        texts=texts,
    )
    Round.objects.filter(pk=round_.pk).update(answered_count=F("answered_count") + 1)
