"""Core's part of a person's own data: their notifications, and a summary of what they did (the audit log)."""

from __future__ import annotations

from typing import Any

from auditlog.models import LogEntry
from django.apps import apps
from django.contrib.admin.models import ADDITION, CHANGE, DELETION
from django.contrib.admin.models import LogEntry as AdminLogEntry
from django.db.models import Count, Max, Min

from core.models import Notification, SentReminder
from core.personal_data_registry import part

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
