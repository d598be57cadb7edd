"""The admin site's list of background work (django-tasks' database results), for the system administrators
only: a queued email holds addresses. Each row says which attempt it was and what went wrong."""

from __future__ import annotations

import django_tasks_db.admin  # noqa: F401 - registers the library's admin, replaced below
from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tasks_db.models import DBTaskResult

from core.background import attempt_of, max_attempts_of

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
