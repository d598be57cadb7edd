"""Core's part of a person's own data: their notifications, and a summary of what they did (the audit log)."""

from __future__ import annotations

import json
from typing import Any

from auditlog.models import LogEntry
from django.apps import apps
from django.contrib.admin.models import ADDITION, CHANGE, DELETION
from django.contrib.admin.models import LogEntry as AdminLogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Max, Min, Q, TextField
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _

from core.audit import delete_forgetting
from core.models import Notification, SentReminder
from core.personal_data_registry import erasure, part

AUDIT_ACTIONS = {
    LogEntry.Action.CREATE: "create",
    LogEntry.Action.UPDATE: "update",
    LogEntry.Action.DELETE: "delete",
    LogEntry.Action.ACCESS: "access",
}
ADMIN_ACTIONS = {ADDITION: "create", CHANGE: "update", DELETION: "delete"}


def _record(app_label: str, model: str) -> str:
    try:
        return str(apps.get_model(app_label, model)._meta.verbose_name)
    except LookupError:
        return f"{app_label}.{model}"


@part("notifications", models=[Notification], position=90)
def notifications(user: Any) -> list[dict[str, Any]]:
    return [
        {
            "message": n.message,
            "created": n.created_at.isoformat(),
            "read": n.read_at is not None,
            "emailed": n.emailed_at.isoformat() if n.emailed_at else None,
        }
        for n in Notification.objects.filter(recipient=user).order_by("created_at")
    ]


@part("reminders", models=[SentReminder], position=90)
def reminders(user: Any) -> list[dict[str, Any]]:
    """The reminders and digests sent to the person: what about (the key) and when."""
    return [
        {"reminder": key, "sent": sent_at.isoformat()}
        for key, sent_at in SentReminder.objects.filter(recipient=user)
        .order_by("sent_at")
        .values_list("key", "sent_at")
    ]


@part("activity", models=[LogEntry], position=91)
def activity(user: Any) -> list[dict[str, Any]]:
    """What the person did, from the audit log: per kind of record and action, how often, first and last time.

    A summary, not the entries: an entry of someone's edit holds the old and new text, which may be
    other people's data. The entries themselves are kept for the city's accountability.
    """
    rows = (
        LogEntry.objects.filter(actor=user)
        .values("content_type__app_label", "content_type__model", "action")
        .annotate(count=Count("id"), first=Min("timestamp"), last=Max("timestamp"))
        .order_by("content_type__app_label", "content_type__model", "action")
    )
    return [
        {
            "record": _record(r["content_type__app_label"], r["content_type__model"]),
            "action": AUDIT_ACTIONS.get(r["action"], str(r["action"])),
            "count": r["count"],
            "first": r["first"].isoformat(),
            "last": r["last"].isoformat(),
        }
        for r in rows
    ]


@part("admin_actions", models=[AdminLogEntry], position=92)
def admin_actions(user: Any) -> list[dict[str, Any]]:
    """What the person did on the admin site, summarised the same way."""
    rows = (
        AdminLogEntry.objects.filter(user=user)
        .values("content_type__app_label", "content_type__model", "action_flag")
        .annotate(count=Count("id"), first=Min("action_time"), last=Max("action_time"))
        .order_by("content_type__app_label", "content_type__model", "action_flag")
    )
    return [
        {
            "record": _record(r["content_type__app_label"] or "", r["content_type__model"] or ""),
            "action": ADMIN_ACTIONS.get(r["action_flag"], str(r["action_flag"])),
            "count": r["count"],
            "first": r["first"].isoformat(),
            "last": r["last"].isoformat(),
        }
        for r in rows
    ]


# Erasure.


@erasure(
    "notifications",
    models=[Notification, SentReminder],
    keeps=[],
    removes=[_("your notifications, and the reminders sent to you")],
    position=90,
)
def erase_notifications(user: Any, placeholder: str) -> int:
    """A notification, and the note that a reminder was sent, are messages to the person alone, no record: deleted."""
    return delete_forgetting(Notification.objects.filter(recipient=user)) + delete_forgetting(
        SentReminder.objects.filter(recipient=user)
    )


def _forms(text: str) -> set[str]:
    """``text`` as it may be written in an entry: as is, and escaped as JSON stores it (``\\u00e5`` for å)."""
    return {text, json.dumps(text)[1:-1]}


def _replace(value: Any, needles: list[str], placeholder: str) -> Any:
    """``value`` (text, or a JSON structure of texts) with every needle replaced by the placeholder, any case."""
    if isinstance(value, str):
        for needle in needles:
            start = value.lower().find(needle.lower())
            while start != -1:
                value = value[:start] + placeholder + value[start + len(needle) :]
                start = value.lower().find(needle.lower(), start + len(placeholder))
        return value
    if isinstance(value, list):
        return [_replace(v, needles, placeholder) for v in value]
    if isinstance(value, dict):
        return {k: _replace(v, needles, placeholder) for k, v in value.items()}
    return value


@erasure(
    "audit_log",
    models=[LogEntry, AdminLogEntry],
    keeps=[_("the log of the changes you made to the city's records, with your name and address taken out")],
    removes=[],
    position=99,
)
def erase_audit_log(user: Any, placeholder: str) -> int:
    """The entries stay: they account for every change to the city's records, and who made it (the person now
    pseudonymised). What in them names the person is replaced by the placeholder: their name and email address in
    any entry's text or old and new values (entries about their account, an invitation sent to them, a
    registration), and the address and network address kept with what they did.

    Runs after every other part (position 99), while the person still has their name and address to look for.
    """
    needles = sorted({str(text) for text in (user.name, user.email) if text}, key=len, reverse=True)
    people = ContentType.objects.get_for_model(get_user_model())
    found = Q(actor=user) | Q(content_type=people, object_pk=str(user.pk))
    for needle in needles:
        for form in _forms(needle):
            found |= (
                Q(object_repr__icontains=form)
                | Q(changes_text__icontains=form)
                | Q(changes_as_text__icontains=form)
                | Q(serialized_as_text__icontains=form)
                | Q(additional_as_text__icontains=form)
            )
    entries = list(
        LogEntry.objects.annotate(
            changes_as_text=Cast("changes", TextField()),
            serialized_as_text=Cast("serialized_data", TextField()),
            additional_as_text=Cast("additional_data", TextField()),
        ).filter(found)
    )
    for entry in entries:
        entry.object_repr = _replace(entry.object_repr, needles, placeholder)
        entry.changes_text = _replace(entry.changes_text, needles, placeholder)
        entry.changes = _replace(entry.changes, needles, placeholder)
        entry.serialized_data = _replace(entry.serialized_data, needles, placeholder)
        entry.additional_data = _replace(entry.additional_data, needles, placeholder)
        if entry.actor_id == user.pk:
            entry.actor_email, entry.remote_addr, entry.remote_port = None, None, None
    LogEntry.objects.bulk_update(
        entries,
        [
            "object_repr",
            "changes_text",
            "changes",
            "serialized_data",
            "additional_data",
            "actor_email",
            "remote_addr",
            "remote_port",
        ],
        batch_size=500,
    )
    in_admin = Q(content_type=people, object_id=str(user.pk)) | Q(user=user)
    for needle in needles:
        in_admin |= Q(object_repr__icontains=needle) | Q(change_message__icontains=needle)
    admin_entries = list(AdminLogEntry.objects.filter(in_admin))
    for row in admin_entries:
        row.object_repr = _replace(row.object_repr, needles, placeholder)
        row.change_message = _replace(row.change_message, needles, placeholder)
    AdminLogEntry.objects.bulk_update(admin_entries, ["object_repr", "change_message"], batch_size=500)
    return len(entries) + len(admin_entries)
