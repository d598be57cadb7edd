"""Signing in as generated people, as a browser does: shared by the demo's and the city-scale generator's tests."""

from __future__ import annotations

import re

from django.contrib.auth import SESSION_KEY
from django.core.validators import EmailValidator

from organisation.models import PersonKind, User
from sample_data.demo import DEMO_PASSWORD

#: Letters the generators once turned into plain ones by hand; a name with any other non-ASCII letter
#: is the case that matters.
OLD_HANDLED = set("åäöéüÅÄÖÉÜ")


def every_address_is_valid() -> None:
    validate = EmailValidator()
    for email in User.objects.values_list("email", flat=True):
        validate(email)


def someone_of_each_kind_with_a_foreign_letter_in_their_name() -> dict[str, User]:
    chosen: dict[str, User] = {}
    for kind in PersonKind.values:
        people = User.objects.filter(kind=kind).order_by("pk")
        chosen[kind] = next(
            (p for p in people if any(not ch.isascii() and ch not in OLD_HANDLED for ch in p.name)),
            next(p for p in people if not p.name.isascii()),
        )
    return chosen


def signs_in(client, email: str) -> bool:
    client.logout()
    page = client.get("/account/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())
    assert token
    response = client.post(
        "/account/login/", {"csrfmiddlewaretoken": token.group(1), "login": email, "password": DEMO_PASSWORD}
    )
    return response.status_code == 302 and SESSION_KEY in client.session
