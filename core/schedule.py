"""Core's scheduled job: the daily and weekly email digests (``core.digests``)."""

from __future__ import annotations

from datetime import datetime

from core.digests import send_digests
from core.scheduling import job


@job("digests", position=90)
def digests(now: datetime) -> int:
    return send_digests(now)
