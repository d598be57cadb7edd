"""Every write to requests for advice: asking, answering (with good examples) and sending the question in as an idea.

Keyword-only, atomic, checking permission through ``spread/advice/rules.py``, refusing with a ``DomainError``
that names the field at fault.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any, NoReturn

from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.audit import actor_from, log_update, snapshot
from core.errors import ConflictError, DomainError, require
from core.services import notify
from ideas import services as idea_services
from ideas.models import Idea, default_answer_due
from organisation.models import Role, Unit, User
from spread.models import AdviceRequest, AdviceStatus, Example, ExampleStatus

NOT_ALLOWED = gettext_lazy("You are not allowed to do this.")

#: The most good examples one answer points to.
EXAMPLES_MAX = 10
SUBJECT_MAX = 200


def office_unit_for(person: User) -> Unit:
    """Where a person's request goes: their administration or company (the city, for someone without a unit)."""
    if person.unit is not None:
        return person.unit.organisation
    root = Unit.objects.get_first_root_node()
    if root is None:
        raise DomainError(_("Språng has no organisation yet, so the question cannot be sent. Try again later."))
    return root


def _ancestor_paths(unit: Unit) -> list[str]:
    return [unit.path[:end] for end in range(Unit.steplen, len(unit.path) + 1, Unit.steplen)]


def coaches_for(unit: Unit) -> QuerySet[User]:
    """The innovation coaches of an organisation: coaching it, a unit in it, or a unit above it."""
    where = Q(role_assignments__unit__path__startswith=unit.path) | Q(
        role_assignments__unit__path__in=_ancestor_paths(unit)
    )
    return User.objects.filter(
        is_active=True, pk__in=User.objects.filter(where, role_assignments__role=Role.COACH)
    ).order_by("name", "pk")


def office_people(unit: Unit) -> QuerySet[User]:
    """The innovation office of ``unit`` and of every unit above it."""
    return User.objects.filter(
        role_assignments__role=Role.OFFICE, role_assignments__unit__path__in=_ancestor_paths(unit), is_active=True
    ).distinct()


def _text(value: str, *, field: str, message: str, max_length: int | None = None) -> str:
    value = (value or "").strip()
    if not value:
        raise DomainError(message, field=field)
    if max_length is not None and len(value) > max_length:
        raise DomainError(
            _("Keep it to %(max)d characters or fewer: it now has %(n)d.") % {"max": max_length, "n": len(value)},
            field=field,
        )
    return value


@actor_from("asked_by")
@transaction.atomic
def advice_ask(
    *, asked_by: User, subject: str, question: str, coach: User | None = None, now: datetime | None = None
) -> AdviceRequest:
    """Ask the innovation office of one's administration or company (or one of its coaches) for advice.

    The office (and the coach, if named) is told; the answer is due as an idea's first answer is.
    """
    require("spread.ask_advice", asked_by, message=_("Only city staff can ask the innovation office for advice."))
    now = now or timezone.now()
    subject = _text(subject, field="subject", message=_("Write what your question is about."), max_length=SUBJECT_MAX)
    question = _text(question, field="question", message=_("Write your question."))
    unit = office_unit_for(asked_by)
    if coach is not None and not coaches_for(unit).filter(pk=coach.pk).exists():
        raise DomainError(
            _("%(name)s is not an innovation coach of %(unit)s. Choose one of the coaches listed, or none.")
            % {"name": coach.name, "unit": unit.name},
            field="coach",
        )
    advice = AdviceRequest.objects.create(
        asked_by=asked_by,
        unit=unit,
        coach=coach,
        subject=subject,
        question=question,
        answer_due_at=default_answer_due(now),
        created_at=now,
    )
    url = advice.get_absolute_url()
    notify(
        recipients=office_people(unit),
        message_factory=lambda: (
            _("%(name)s asks for advice: %(subject)s") % {"name": asked_by.name, "subject": subject}
        ),
        url=url,
        exclude=asked_by,
    )
    if coach is not None:
        notify(
            recipients=[coach],
            message_factory=lambda: (
                _("%(name)s asks you for advice: %(subject)s") % {"name": asked_by.name, "subject": subject}
            ),
            url=url,
            exclude=asked_by,
        )
    return advice


def _conflict() -> NoReturn:
    raise ConflictError(
        _(
            "Someone else answered or changed this request while you were working on it. Nothing was overwritten "
            "and what you wrote is still here: read the request again and decide whether to send it."
        )
    )


def _check_version(advice: AdviceRequest, expected_version: int) -> None:
    if not AdviceRequest.objects.filter(pk=advice.pk, version=expected_version).exists():
        _conflict()


def _bump(advice: AdviceRequest, expected_version: int, *, by: User, while_in: Iterable[str], **changes: Any) -> None:
    """Write ``changes`` only if nobody wrote since ``expected_version`` and the status is one of ``while_in``."""
    before = snapshot(advice)
    updated = AdviceRequest.objects.filter(pk=advice.pk, version=expected_version, status__in=list(while_in)).update(
        version=F("version") + 1, updated_at=timezone.now(), **changes
    )
    if not updated:
        _conflict()
    for key, value in changes.items():
        setattr(advice, key, value)
    advice.version = expected_version + 1
    log_update(advice, before=before, fields=changes, actor=by)


def readable_examples() -> QuerySet[Example]:
    """The good examples an answer may point to: the published ones (each is open to all city staff)."""
    return Example.objects.filter(status=ExampleStatus.PUBLISHED)


@actor_from("by")
@transaction.atomic
def advice_answer(
    *,
    advice: AdviceRequest,
    by: User,
    expected_version: int,
    answer: str,
    examples: Iterable[Example] = (),
    suggest_idea: bool = False,
    now: datetime | None = None,
) -> AdviceRequest:
    """Answer a request in writing, perhaps pointing to good examples or suggesting it is sent in as an idea.

    The asker is told. Only a request still waiting is answered; when two answer at once, the second is refused
    and keeps what they wrote.
    """
    require("spread.answer_advice", by, advice, message=NOT_ALLOWED)
    now = now or timezone.now()
    answer = _text(answer, field="answer", message=_("Write your answer."))
    chosen = {example.pk for example in examples}
    if len(chosen) > EXAMPLES_MAX:
        raise DomainError(
            _("Point to at most %(max)d good examples: choose the ones that fit best.") % {"max": EXAMPLES_MAX},
            field="examples",
        )
    found = list(readable_examples().filter(pk__in=chosen))
    if len(found) != len(chosen):
        raise DomainError(
            _("One of the good examples you chose is no longer published. Choose among those shown."),
            field="examples",
        )
    _bump(
        advice,
        expected_version,
        by=by,
        while_in=(AdviceStatus.OPEN,),
        status=AdviceStatus.ANSWERED,
        answer=answer,
        answered_by=by,
        answered_at=now,
        idea_suggested=bool(suggest_idea),
    )
    advice.examples.set(found)
    notify(
        recipients=[advice.asked_by],
        message_factory=lambda: _("Your question has an answer: %(subject)s") % {"subject": advice.subject},
        url=advice.get_absolute_url(),
        exclude=by,
    )
    return advice


@actor_from("by")
@transaction.atomic
def advice_to_idea(*, advice: AdviceRequest, by: User, expected_version: int, **idea_fields: Any) -> Idea:
    """The asker sends their question in as an idea, completed in the idea form: they are its author.

    The idea goes through ``ideas.services.idea_submit`` (its unit's office is told and it gets its own answer
    date); the request then links to it, and whoever answered or was asked as coach is told. If the request
    changed meanwhile, nothing is saved, the idea neither.
    """
    require("spread.advice_to_idea", by, advice, message=NOT_ALLOWED)
    _check_version(advice, expected_version)
    idea = idea_services.idea_submit(author=by, **idea_fields)
    _bump(
        advice,
        expected_version,
        by=by,
        while_in=(AdviceStatus.OPEN, AdviceStatus.ANSWERED),
        status=AdviceStatus.BECAME_IDEA,
        idea=idea,
    )
    helpers = [person for person in (advice.answered_by, advice.coach) if person is not None]
    notify(
        recipients=helpers,
        message_factory=lambda: (
            _("The question “%(subject)s” is now an idea: %(title)s") % {"subject": advice.subject, "title": idea.title}
        ),
        url=idea.get_absolute_url(),
        exclude=by,
    )
    return idea
