"""The innovation lock (innovationssluss): its stages, the gates between them and each gate's checklist.

This is the one place that declares the route an idea may take. Services check
every move against it; templates and the API read it to show what is possible.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class Stage(models.TextChoices):
    IDEA = "idea", _("Idea")
    PRESTUDY = "prestudy", _("Pre-study")
    PILOT = "pilot", _("Pilot")
    IMPLEMENTATION = "implementation", _("Implementation")
    SPREAD = "spread", _("Spread")
    CLOSED = "closed", _("Closed")
    PARKED = "parked", _("Parked")


#: The stages of the route, in order. Closed and parked are end states beside it.
ROUTE = (Stage.IDEA, Stage.PRESTUDY, Stage.PILOT, Stage.IMPLEMENTATION, Stage.SPREAD)
ACTIVE_STAGES = ROUTE
END_STATES = (Stage.CLOSED, Stage.PARKED)


@dataclass(frozen=True)
class ChecklistItem:
    key: str
    label: str | Promise
    required: bool = True


@dataclass(frozen=True)
class Gate:
    """A move from one stage to another, and what the decision-maker confirms to make it."""

    source: str
    target: str
    checklist: tuple[ChecklistItem, ...] = field(default_factory=tuple)


_TO_PRESTUDY = (
    ChecklistItem("need_clear", _("The problem or need is clearly described")),
    ChecklistItem("owner_named", _("Someone owns the pre-study and has time for it")),
    ChecklistItem("users_involved", _("Those it is for will be involved"), required=False),
)
_TO_PILOT = (
    ChecklistItem("success_measures", _("How success will be measured is decided")),
    ChecklistItem("resources", _("Time and money for the pilot are set aside")),
    ChecklistItem("risks", _("Risks, personal data and safety are considered")),
)
_TO_IMPLEMENTATION = (
    ChecklistItem("pilot_evaluated", _("The pilot is evaluated against its measures")),
    ChecklistItem("management_decision", _("Management has decided to put it into ordinary work")),
    ChecklistItem("funding", _("Running costs are funded")),
)
#: What others can use is the published good example, a condition the spread app declares (``ideas.gates``).
_TO_SPREAD = (
    ChecklistItem("assessed", _("The innovation assessment is recorded")),
    ChecklistItem("contact", _("A contact person for other units is named"), required=False),
)

GATES: tuple[Gate, ...] = (
    Gate(Stage.IDEA, Stage.PRESTUDY, _TO_PRESTUDY),
    # A low threshold: a small, clear idea may go straight to a pilot.
    Gate(Stage.IDEA, Stage.PILOT, _TO_PILOT),
    Gate(Stage.PRESTUDY, Stage.PILOT, _TO_PILOT),
    Gate(Stage.PILOT, Stage.IMPLEMENTATION, _TO_IMPLEMENTATION),
    Gate(Stage.IMPLEMENTATION, Stage.SPREAD, _TO_SPREAD),
    *(Gate(s, Stage.CLOSED) for s in (*ROUTE, Stage.PARKED)),
    *(Gate(s, Stage.PARKED) for s in ROUTE),
)

_BY_PAIR = {(g.source, g.target): g for g in GATES}


def gate_for(source: str, target: str) -> Gate | None:
    """The gate from ``source`` to ``target``; moving out of parked returns to the stage it was parked in."""
    return _BY_PAIR.get((source, target))


def targets_from(stage: str, *, parked_from: str | None = None) -> list[str]:
    """Stages an idea in ``stage`` may move to."""
    targets = [g.target for g in GATES if g.source == stage]
    if stage == Stage.PARKED and parked_from:
        targets.insert(0, parked_from)
    return targets


def stage_index(stage: str) -> int:
    return ROUTE.index(stage) if stage in ROUTE else -1


def stage_name(stage: str) -> str:
    """The stage's name mid-sentence: "från idé till förstudie", "from idea to pre-study"."""
    return str(Stage(stage).label).lower() if stage in Stage.values else stage


class CloseReason(models.TextChoices):
    """Why an idea is closed: asked once, with the decision's rationale, and shown on the idea."""

    IMPLEMENTED = "implemented", _("It is part of ordinary work now")
    NO_EFFECT = "no_effect", _("It was tried without enough effect")
    TOO_COSTLY = "too_costly", _("The cost is too high for the value")
    DUPLICATE = "duplicate", _("Another idea covers the same thing")
    OUTSIDE_REMIT = "outside_remit", _("It is outside the city's responsibility")
    LEGAL = "legal", _("The law or an agreement stands in the way")
    NEED_GONE = "need_gone", _("The need no longer exists")
    SOLVED_ELSEWHERE = "solved_elsewhere", _("It is being solved elsewhere in the city")
    WITHDRAWN = "withdrawn", _("The author withdrew it")
    OTHER = "other", _("Another reason (say which in the rationale)")


#: A reason that only fits an idea that got at least this far along the route.
_CLOSE_REASON_FROM: dict[str, str] = {CloseReason.IMPLEMENTED: Stage.IMPLEMENTATION}


def close_reasons_for(stage: str, *, parked_from: str | None = None) -> list[str]:
    """The reasons that fit closing an idea in ``stage`` (a parked idea: the stage it was parked in).

    An idea that never reached implementation cannot close as "part of ordinary work now".
    """
    reached = stage_index(parked_from if stage == Stage.PARKED and parked_from else stage)
    return [
        reason
        for reason in CloseReason.values
        if reason not in _CLOSE_REASON_FROM or reached >= stage_index(_CLOSE_REASON_FROM[reason])
    ]


def look_again_problem(parked_until: date | None, *, today: date) -> str:
    """What is wrong with the date to look at a parked idea again, or ``""``."""
    if parked_until is None:
        return gettext("Give the date to look at the idea again.")
    if parked_until <= today:
        return gettext("The date to look at the idea again must be in the future.")
    return ""


def move_refused(source: str, target: str) -> str:
    """What to tell someone who asks for a move the lock does not have."""
    target_name = stage_name(target)
    if source == Stage.PARKED:
        return gettext("A parked idea can't be moved to %(to)s.") % {"to": target_name}
    if source == Stage.CLOSED:
        return gettext("A closed idea can't be moved to %(to)s.") % {"to": target_name}
    return gettext("An idea in the %(from)s stage can't be moved to %(to)s.") % {
        "from": stage_name(source),
        "to": target_name,
    }
