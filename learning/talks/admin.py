from django.contrib import admin

from learning.models import DevelopmentTalk


@admin.register(DevelopmentTalk)
class DevelopmentTalkAdmin(admin.ModelAdmin):
    """For looking things up; managers record talks on the product's own pages, which keep the rules."""

    list_display = ("employee", "year", "unit", "innovation_discussed", "ideas_count", "manager")
    list_filter = ("year", "innovation_discussed")
    readonly_fields = [f.name for f in DevelopmentTalk._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
