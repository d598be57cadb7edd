from django.contrib import admin

from spread.models import AdviceRequest


@admin.register(AdviceRequest)
class AdviceRequestAdmin(admin.ModelAdmin):
    """For looking things up; requests are asked and answered on the product's own pages, which keep the rules."""

    list_display = ("subject", "status", "unit", "asked_by", "answer_due_at", "created_at")
    list_filter = ("status",)
    search_fields = ("subject",)
    readonly_fields = [f.name for f in AdviceRequest._meta.fields]
    raw_id_fields = ("examples",)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
