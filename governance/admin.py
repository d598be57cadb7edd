from django.contrib import admin

from governance import models


@admin.register(models.Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "computation", "measure", "direction", "active"]
    list_filter = ["measure", "direction", "active"]
    search_fields = ["code", "name"]


@admin.register(models.ReportingPeriod)
class ReportingPeriodAdmin(admin.ModelAdmin):
    list_display = ["year", "period", "deadline"]


@admin.register(models.Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["unit", "reporting_period", "status", "deadline", "submitted_at"]
    list_filter = ["status", "reporting_period"]
    search_fields = ["unit__name"]
    readonly_fields = ["version"]
