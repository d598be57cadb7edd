"""The admin's view of completion imports: read only (they are made through the import page or the API)."""

from django.contrib import admin

from learning.models import CompletionImport


@admin.register(CompletionImport)
class CompletionImportAdmin(admin.ModelAdmin):
    list_display = ("created_at", "file_name", "rows", "already_recorded", "imported_by")
    readonly_fields = ("created_at", "file_name", "rows", "already_recorded", "imported_by")
    ordering = ("-created_at",)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
