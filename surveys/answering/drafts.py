"""A draft of answers, kept until sent, encrypted with a key made from the personal link: the database alone does not
read it, and nothing in the database joins a person's draft to what they later send (the draft is gone by then). The
link itself is made from the site's secret and the invitation's salt (``surveys.rounds.links``), so whoever holds both
the secret and the database can make the link and read an unsent draft (ADR 0033, Limits)."""

from __future__ import annotations

import base64
import hashlib
import json
from typing import Any

from cryptography.fernet import Fernet, InvalidToken


def _fernet(token: str) -> Fernet:
    key = hashlib.sha256(f"surveys.draft:{token}".encode()).digest()
    return Fernet(base64.urlsafe_b64encode(key))


def seal(token: str, answers: dict[str, Any]) -> bytes:
    return _fernet(token).encrypt(json.dumps(answers, ensure_ascii=False).encode())


def unseal(token: str, sealed: bytes | memoryview | None) -> dict[str, Any]:
    if not sealed:
        return {}
    try:
        return json.loads(_fernet(token).decrypt(bytes(sealed)))
    except (InvalidToken, ValueError):
        return {}
