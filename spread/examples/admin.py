from django.contrib import admin

from spread.models import Example, ExampleFile


class FileInline(admin.TabularInline):
    model = ExampleFile
    extra = 0
    can_delete = False
    readonly_fields = ("original_name", "content_type", "size", "uploaded_by", "created_at")
    exclude = ("file",)

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Example)
class ExampleAdmin(admin.ModelAdmin):
    """For looking things up; examples change through the product's own pages, which keep the rules."""

    list_display = ("title", "status", "visibility", "unit", "adoption_count", "published_at")
    list_filter = ("status", "visibility", "sector", "kind")
    search_fields = ("title",)
    readonly_fields = [f.name for f in Example._meta.fields]
    inlines = (FileInline,)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
