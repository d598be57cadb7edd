from django.contrib import admin

from challenges.models import Need, NeedDecision


class DecisionInline(admin.TabularInline):
    model = NeedDecision
    extra = 0
    can_delete = False
    readonly_fields = ("kind", "route", "rationale", "decided_by", "created_at")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Need)
class NeedAdmin(admin.ModelAdmin):
    """For looking things up; needs change through the product's own pages, which keep the rules."""

    list_display = ("title", "unit", "status", "route", "origin", "same_need_count", "created_at")
    list_filter = ("status", "route", "origin", "visibility")
    search_fields = ("title",)
    readonly_fields = [f.name for f in Need._meta.fields]
    inlines = (DecisionInline,)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
