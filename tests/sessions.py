"""A session that ends in the middle of a form, as a browser lives it."""

from __future__ import annotations

from django.contrib.sessions.models import Session
from django.test import Client


def sign_in_and_let_the_session_end(client: Client, user, page: str) -> None:
    """``user`` signs in and opens ``page``; then their session ends on the server (it expired and was
    cleared), while the browser still has its cookies."""
    client.force_login(user)
    assert client.get(page).status_code == 200
    Session.objects.filter(session_key=client.session.session_key).delete()
