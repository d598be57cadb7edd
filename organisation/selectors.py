"""Reads of the organisation."""

from __future__ import annotations

import re

from organisation.models import User

_SEPARATORS = re.compile(r"[\s,;]+")


def people_by_emails(text_or_list: str | list[str]) -> tuple[list[User], list[str]]:
    """Active people with these email addresses, and the addresses that match nobody."""
    items = _SEPARATORS.split(text_or_list) if isinstance(text_or_list, str) else text_or_list
    emails = list(dict.fromkeys(e.strip().lower() for e in items if e and e.strip()))
    found = {u.email: u for u in User.objects.filter(email__in=emails, is_active=True)}
    return [found[e] for e in emails if e in found], [e for e in emails if e not in found]
