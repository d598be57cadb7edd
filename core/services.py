"""Writes that belong to no single domain: notifications and the mail that goes with them."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from core.models import Notification

#: ``User.email_frequency`` for email at once (``organisation.models.EmailFrequency.INSTANT``).
INSTANT = "instant"


def notify(
    *, recipients: Iterable, message_factory, url: str = "", exclude=None, email: bool = True
) -> list[Notification]:
    """Notify each recipient in-app and (unless ``email`` is false) by email, in the recipient's own language.

    ``message_factory`` is called with the language active for that recipient and
    returns the text, so every person reads it in their language.
    Mail goes out only once the surrounding transaction commits, and only to those who get email at once
    (``email_frequency`` "instant"); for a daily or weekly choice the notification waits for the person's
    digest (``core.digests``). Nobody with ``email_notifications`` off is emailed.
    """
    now = timezone.now()
    seen: set[int] = set()
    notes: list[Notification] = []
    mails = []
    for person in recipients:
        if person is None or person.pk in seen or (exclude is not None and person.pk == exclude.pk):
            continue
        seen.add(person.pk)
        with translation.override(person.language or settings.LANGUAGE_CODE):
            text = str(message_factory())
            wants_mail = email and bool(person.email and person.email_notifications)
            at_once = wants_mail and getattr(person, "email_frequency", INSTANT) == INSTANT
            body = _mail_body(text, url) if at_once else ""
        notes.append(
            Notification(
                recipient=person,
                message=text[:300],
                url=url,
                awaits_digest=wants_mail and not at_once,
                emailed_at=now if at_once else None,
            )
        )
        if at_once:
            mails.append(
                (
                    f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{text[:80]}",
                    body,
                    settings.DEFAULT_FROM_EMAIL,
                    [person.email],
                )
            )
    Notification.objects.bulk_create(notes)
    if mails:
        transaction.on_commit(lambda: send_mass_mail(mails, fail_silently=True))
    return notes


def _mail_body(text: str, url: str) -> str:
    """A notification's email in the active language: greeting, the text, its link, the city's signature."""
    link = f"{settings.SPRANG_SITE_URL.rstrip('/')}{url}" if url else ""
    return render_to_string("core/email/notification.txt", {"text": text, "link": link}).strip() + "\n"


def notifications_mark_read(*, user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(read_at=timezone.now())
