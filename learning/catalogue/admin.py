"""The catalogue in the admin: for looking things up; courses, checks and sessions change through the product's pages,
which keep the rules (publishing, the check's pass mark, sessions as events)."""

from django.contrib import admin

from learning.models import CheckQuestion, Course, Session


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Course)
class CourseAdmin(ReadOnlyAdmin):
    list_display = ("title", "code", "kind", "audience", "language", "state", "is_public", "unit")
    list_filter = ("kind", "audience", "language", "state", "is_public")
    search_fields = ("title", "code", "summary")


@admin.register(CheckQuestion)
class CheckQuestionAdmin(ReadOnlyAdmin):
    list_display = ("text", "course", "position")
    search_fields = ("text", "course__title")


@admin.register(Session)
class SessionAdmin(ReadOnlyAdmin):
    list_display = ("course", "event", "completions_recorded_at")
    search_fields = ("course__title",)
