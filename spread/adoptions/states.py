"""An adoption's states and the steps allowed between them, declared in one place."""

from __future__ import annotations

from spread.models import AdoptionState

#: From each state, the states an adoption may go on to. A stopped adoption stays as it is: the unit adopts again.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    AdoptionState.CONSIDERING: (AdoptionState.TRYING, AdoptionState.IN_USE, AdoptionState.STOPPED),
    AdoptionState.TRYING: (AdoptionState.IN_USE, AdoptionState.STOPPED),
    AdoptionState.IN_USE: (AdoptionState.STOPPED,),
    AdoptionState.STOPPED: (),
}

#: The states that count as running (one at a time per example and unit; they count in ``Example.adoption_count``).
RUNNING = (AdoptionState.CONSIDERING, AdoptionState.TRYING, AdoptionState.IN_USE)


def targets_from(state: str) -> tuple[str, ...]:
    return TRANSITIONS.get(state, ())
