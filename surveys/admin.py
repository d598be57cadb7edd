"""For looking things up: rounds and questionnaire versions. Questionnaires, rounds and imports are kept on the
product's own pages, which keep the rules. Invitations and answers are not in the admin site at all: looking at them
side by side is exactly what the anonymity rules (ADR 0033) are there to make pointless, and nobody needs to."""

from django.contrib import admin

from surveys.models import EmployeeSurveyImport, QuestionnaireVersion, Round


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Round)
class RoundAdmin(ReadOnly):
    list_display = ("name_sv", "year", "target_group", "state", "opens_on", "closes_on", "invited_count")
    list_filter = ("state", "target_group", "year")
    search_fields = ("name_sv", "name_en")


@admin.register(QuestionnaireVersion)
class VersionAdmin(ReadOnly):
    list_display = ("questionnaire", "number", "created_at", "created_by")


@admin.register(EmployeeSurveyImport)
class ImportAdmin(ReadOnly):
    list_display = ("year", "file_name", "rows", "imported_by", "created_at")
