"""The daily and weekly email digests: one email per person gathering the notifications left for it.

``notify`` leaves a notification for the digest (``awaits_digest``) when its person chose a daily or weekly
email. The job in ``core/schedule.py`` sends, at its first daytime run of the day (weekly: of Monday), one
email per person, in their language, with the notifications grouped by what they are about: the page they
link to (an idea, a call, an application, a report), found from the notification's link. Each notification
is in at most one digest: the digest takes it out of the waiting ones in the transaction that records it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from django.apps import apps
from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.translation import gettext as _

from core.city import CITY_TIME_ZONE
from core.models import Notification, SentReminder

DAILY = "daily"
WEEKLY = "weekly"
#: The weekday of the weekly digest (Monday).
WEEKLY_ON = 0

_THING = re.compile(r"^(/(?:[^/?#]+/)*?\d+/)")
#: A title as the notifications quote it: “Digitala lås i hemtjänsten” (in Swedish ”Digitala lås i hemtjänsten”).
_QUOTED = re.compile(r"[“”]([^“”]{1,200})”")


@dataclass
class Group:
    """The notifications about one thing: its page's address, what kind of thing, and the messages, oldest first."""

    link: str
    #: What the thing is called, as the notifications quote it (“…”), or else what kind of thing it is.
    heading: str
    #: The part of Språng it belongs to (its app), when the heading is the thing's own name.
    part: str
    notes: list[Notification] = field(default_factory=list)


def topic_of(url: str) -> str:
    """The page a notification is about: its link up to the first number (``/ideas/12/comments/`` → ``/ideas/12/``)."""
    path = url.split("?", 1)[0].split("#", 1)[0]
    match = _THING.match(path)
    return match.group(1) if match else path


def _heading(topic: str) -> str:
    """What the page belongs to, named as its app is (its URL namespace); empty for a page of no app."""
    if not topic:
        return _("Other notifications")
    try:
        namespace = resolve(topic).namespace.split(":")[0]
    except Resolver404:
        return _("Other notifications")
    try:
        return str(apps.get_app_config(namespace).verbose_name)
    except LookupError:
        return _("Other notifications")


def group_notes(notes: list[Notification]) -> list[Group]:
    """The notes grouped by the page they are about, in the order each group's first note came."""
    groups: dict[str, Group] = {}
    for note in notes:
        topic = topic_of(note.url)
        if topic not in groups:
            part = _heading(topic)
            quoted = _QUOTED.search(note.message)
            name = quoted.group(1) if quoted and topic else ""
            groups[topic] = Group(link=_absolute(topic), heading=name or part, part=part if name else "")
        groups[topic].notes.append(note)
    return list(groups.values())


def _absolute(path: str) -> str:
    return f"{settings.SPRANG_SITE_URL.rstrip('/')}{path}" if path else ""


def digest_key(frequency: str, now: datetime) -> str | None:
    """The key that makes a person's digest for this day (or week) go once, or ``None`` if none is due today."""
    local = now.astimezone(CITY_TIME_ZONE)
    if frequency == WEEKLY:
        if local.weekday() != WEEKLY_ON:
            return None
        year, week, _day = local.isocalendar()
        return f"digest:weekly:{year}-W{week:02d}"
    return f"digest:daily:{local.date().isoformat()}"


def render_digest(person, notes: list[Notification], *, weekly: bool) -> tuple[str, str, str]:
    """The subject, plain text and HTML of a person's digest, in their language."""
    with translation.override(person.language or settings.LANGUAGE_CODE):
        count = len(notes)
        if weekly:
            subject = _("Notifications this week: %(n)s") % {"n": count}
        else:
            subject = _("Notifications since yesterday: %(n)s") % {"n": count}
        subject = f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}"
        context = {
            "person": person,
            "groups": group_notes(notes),
            "weekly": weekly,
            "count": count,
            "settings_link": _absolute("/profile/"),
            "subject": subject,
            "language": translation.get_language(),
        }
        text = render_to_string("core/email/digest.txt", context).strip() + "\n"
        html = render_to_string("core/email/digest.html", context)
    return subject, text, html


def send_digests(now: datetime) -> int:
    """Send the digests due at ``now``; returns how many were sent."""
    pending = list(
        Notification.objects.filter(awaits_digest=True).select_related("recipient").order_by("created_at", "pk")
    )
    by_person: dict[int, list[Notification]] = defaultdict(list)
    for note in pending:
        by_person[note.recipient_id].append(note)
    messages = []
    dropped: list[int] = []
    for notes in by_person.values():
        person = notes[0].recipient
        if not (person.is_active and person.email and person.email_notifications):
            # They no longer want email: the notifications stay in Språng, unmailed.
            dropped.extend(n.pk for n in notes)
            continue
        frequency = WEEKLY if person.email_frequency == WEEKLY else DAILY
        key = digest_key(frequency, now)
        if key is None or SentReminder.objects.filter(key=key, recipient=person).exists():
            continue
        taken = Notification.objects.filter(pk__in=[n.pk for n in notes], awaits_digest=True).update(
            awaits_digest=False, emailed_at=now
        )
        if taken != len(notes):
            raise RuntimeError("Notifications were taken by another digest meanwhile.")
        SentReminder.objects.create(key=key, recipient=person, sent_at=now)
        subject, text, html = render_digest(person, notes, weekly=frequency == WEEKLY)
        message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [person.email])
        message.attach_alternative(html, "text/html")
        messages.append(message)
    if dropped:
        Notification.objects.filter(pk__in=dropped).update(awaits_digest=False)
    if messages:
        transaction.on_commit(lambda: get_connection(fail_silently=True).send_messages(messages))
    return len(messages)
