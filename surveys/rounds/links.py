"""Personal links. An invitation's link is made from the site's secret key and the invitation's salt, so reminders
can send the same link again without it being stored; only its hash is kept, to find the invitation it belongs to."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

from django.conf import settings
from django.urls import reverse


def new_salt() -> str:
    return secrets.token_hex(16)


def token_for(salt: str) -> str:
    mac = hmac.new(settings.SECRET_KEY.encode(), f"surveys.invitation:{salt}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(mac).decode().rstrip("=")


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def answer_path(token: str) -> str:
    return reverse("surveys:answer", kwargs={"token": token})


def answer_url(token: str) -> str:
    return f"{settings.SPRANG_SITE_URL.rstrip('/')}{answer_path(token)}"
