"""What the examples do when another app tells them something: an awarded entry of the quality award or the
renewal prize becomes a proposed good example (``calls.signals.application_decided``)."""

from __future__ import annotations

from typing import Any

from calls.signals import application_decided


def propose_award_winner(sender: Any, *, application: Any, granted: bool, **kwargs: Any) -> None:
    if not granted:
        return
    from spread.examples.services import example_propose_from_application

    example_propose_from_application(application=application)


application_decided.connect(propose_award_winner, dispatch_uid="spread.examples.propose_award_winner")
