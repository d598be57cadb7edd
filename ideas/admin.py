from django.contrib import admin

from ideas.models import Assessment, Comment, GateDecision, Idea


class DecisionInline(admin.TabularInline):
    model = GateDecision
    extra = 0
    can_delete = False
    readonly_fields = ("from_stage", "to_stage", "decided_by", "decided_at", "rationale", "checklist")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Idea)
class IdeaAdmin(admin.ModelAdmin):
    """For looking things up; ideas change through the product's own pages, which keep the rules."""

    list_display = ("title", "stage", "unit", "source", "created_at")
    list_filter = ("stage", "source", "kind", "visibility")
    search_fields = ("title",)
    readonly_fields = [f.name for f in Idea._meta.fields]
    inlines = (DecisionInline,)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(GateDecision, Assessment, Comment)
class ReadOnlyAdmin(admin.ModelAdmin):
    """Decisions, assessments and comments are public records: read here, never changed."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
