from django.contrib import admin

from learning.models import PolicyDocument


@admin.register(PolicyDocument)
class PolicyDocumentAdmin(admin.ModelAdmin):
    """For looking things up; the executive office keeps the register on the product's own pages."""

    list_display = ("title", "owner", "status", "reviewed_on", "updated_by")
    list_filter = ("status",)
    search_fields = ("title",)
    readonly_fields = [f.name for f in PolicyDocument._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
