from django.contrib import admin

from spread.models import Adoption, AdoptionStep


class StepInline(admin.TabularInline):
    model = AdoptionStep
    extra = 0
    can_delete = False
    readonly_fields = ("state", "on", "note", "by", "created_at")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Adoption)
class AdoptionAdmin(admin.ModelAdmin):
    """For looking adoptions up; they change through the product's own pages, which keep the rules and the counts."""

    list_display = ("example", "unit", "state", "start_date", "in_use_since", "stopped_on")
    list_filter = ("state",)
    search_fields = ("example__title", "unit__name")
    list_select_related = ("example", "unit")
    raw_id_fields = ("example", "unit", "started_by", "from_idea")
    readonly_fields = [f.name for f in Adoption._meta.fields]
    inlines = (StepInline,)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
