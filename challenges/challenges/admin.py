from django.contrib import admin

from challenges.models import Answer, Challenge


@admin.register(Challenge)
class ChallengeAdmin(admin.ModelAdmin):
    """For looking things up; challenges are published, answered and responded to on the product's own pages,
    which keep the rules."""

    list_display = ("title", "status", "audience", "unit", "opens_at", "closes_at", "answer_count")
    list_filter = ("status", "audience")
    search_fields = ("title",)
    readonly_fields = [f.name for f in Challenge._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Answer)
class AnswerAdmin(admin.ModelAdmin):
    list_display = ("challenge", "idea", "response", "shortlisted", "created_at")
    list_filter = ("response", "shortlisted")
    readonly_fields = [f.name for f in Answer._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
