"""OpenLab in the admin, for looking things up: universities, people, assignments and projects change through
their own pages, which keep the rules and tell the people concerned."""

from django.contrib import admin

from challenges.models import Affiliation, Assignment, Project, University


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(University)
class UniversityAdmin(ReadOnly):
    list_display = ("name", "short_name")
    search_fields = ("name",)


@admin.register(Affiliation)
class AffiliationAdmin(ReadOnly):
    list_display = ("user", "university", "role")
    list_filter = ("university", "role")
    list_select_related = ("user", "university")


@admin.register(Assignment)
class AssignmentAdmin(ReadOnly):
    list_display = ("title", "university", "status", "agreement_starts_on", "agreement_ends_on")
    list_filter = ("university", "status")
    list_select_related = ("university",)


@admin.register(Project)
class ProjectAdmin(ReadOnly):
    list_display = ("title", "kind", "status", "starts_on", "ends_on")
    list_filter = ("kind", "status")
