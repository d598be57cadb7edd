"""The procurement app's parts, each in its own package (``core.parts``, ADR 0030): ``cases`` (a need taken to
the market: the estimate, the officer, the route, the tender and its outcome), ``dialogue`` (the request for
information with its questions, meetings and written responses) and ``contracts`` (existing contracts and choice
systems, and suppliers' proposals within them) and ``suppliers`` (a supplier organisation's own page: its
dialogues, questions, meetings, responses, contracts and proposals in one place)."""

from __future__ import annotations

from core.parts import Parts

PARTS = ("cases", "dialogue", "contracts", "suppliers")

parts = Parts("procurement", PARTS)
