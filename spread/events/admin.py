from django.contrib import admin

from spread.models import Event, Exhibitor, Lead, Registration


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    """For looking things up; events change through the product's pages, which keep the waiting list right."""

    list_display = ("title", "kind", "starts_at", "capacity", "is_public", "cancelled_at")
    list_filter = ("kind", "is_public")
    search_fields = ("title",)
    date_hierarchy = "starts_at"
    readonly_fields = [f.name for f in Event._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Registration, Exhibitor, Lead)
class EventRecordAdmin(admin.ModelAdmin):
    """Registrations, exhibitors and leads: read here; they change through the product's pages."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
