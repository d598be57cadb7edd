"""The admin site's lists of work in the background, to read only.

Background work (django-tasks' database results), for the system administrators only: a queued email holds
addresses. Each row says which attempt it was and what went wrong. The scheduled jobs (``core.scheduling``): when
each last started and finished and how much it sent; the reminders sent, by kind, person and day (ADR 0040)."""

from __future__ import annotations

import django_tasks_db.admin  # noqa: F401 - registers the library's admin, replaced below
from django.contrib import admin
from django.db.models import Q, QuerySet, Value
from django.db.models.functions import Concat, StrIndex, Substr
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tasks_db.models import DBTaskResult

from core.background import attempt_of, max_attempts_of
from core.models import ScheduledRun, SentReminder

admin.site.unregister(DBTaskResult)


@admin.register(DBTaskResult)
class BackgroundWorkAdmin(django_tasks_db.admin.DBTaskResultAdmin):
    list_display = (  # type: ignore[assignment]
        "task_name",
        "status",
        "attempt",
        "error",
        "enqueued_at",
        "run_after",
        "finished_at",
    )
    search_fields = ("task_path",)

    def has_view_permission(self, request: HttpRequest, obj: DBTaskResult | None = None) -> bool:
        return bool(request.user.is_active and request.user.is_superuser)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self.has_view_permission(request)

    @admin.display(description=gettext_lazy("attempt"))
    def attempt(self, obj: DBTaskResult) -> str:
        kwargs = (obj.args_kwargs or {}).get("kwargs", {})
        try:
            most = max_attempts_of(obj.task)
        except Exception:  # a task that no longer exists in the code
            most = 1
        return _("%(attempt)d of %(most)d") % {"attempt": attempt_of(kwargs), "most": most}

    @admin.display(description=gettext_lazy("error"))
    def error(self, obj: DBTaskResult) -> str:
        if not obj.traceback:
            return ""
        return obj.traceback.strip().splitlines()[-1][:200]


class ReadOnlyAdmin(admin.ModelAdmin):
    """A record the product writes by itself: administrators read it, nobody adds, changes or deletes it here."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object | None = None) -> bool:
        return False


@admin.register(ScheduledRun)
class ScheduledRunAdmin(ReadOnlyAdmin):
    list_display = ("job", "last_started_at", "last_finished_at", "last_sent")
    list_filter = ("job", "last_started_at", "last_finished_at")
    search_fields = ("job",)


def reminder_kind(key: str) -> str:
    """What a reminder is about, without its occasion: its key up to the first colon (``calls.draft``)."""
    return key.split(":", 1)[0]


class ReminderKindFilter(admin.SimpleListFilter):
    title = gettext_lazy("kind")
    parameter_name = "kind"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        key = Concat("key", Value(":"))  # a key without an occasion is its own kind
        kinds = (
            SentReminder.objects.annotate(kind=Substr(key, 1, StrIndex(key, Value(":")) - 1))
            .order_by("kind")
            .values_list("kind", flat=True)
            .distinct()
        )
        return [(kind, kind) for kind in kinds if kind]

    def queryset(self, request: HttpRequest, queryset: QuerySet[SentReminder]) -> QuerySet[SentReminder]:
        if self.value():
            return queryset.filter(Q(key=self.value()) | Q(key__startswith=f"{self.value()}:"))
        return queryset


@admin.register(SentReminder)
class SentReminderAdmin(ReadOnlyAdmin):
    list_display = ("key", "kind", "recipient", "sent_at")
    list_filter = (ReminderKindFilter, "sent_at")
    list_select_related = ("recipient",)
    search_fields = ("key", "recipient__email", "recipient__name")
    date_hierarchy = "sent_at"

    @admin.display(description=gettext_lazy("kind"))
    def kind(self, obj: SentReminder) -> str:
        return reminder_kind(obj.key)
