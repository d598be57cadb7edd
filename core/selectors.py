"""Reads that span the apps: a person's own data, for the right of access (GDPR art. 15)."""

from __future__ import annotations

from typing import Any

from core.personal_data_registry import parts


def personal_data_export(*, user: Any) -> dict[str, Any]:
    """Everything Språng holds about one person, as plain data: each app's part (its ``personal_data.py``)."""
    return {part.key: part.read(user) for part in parts()}
