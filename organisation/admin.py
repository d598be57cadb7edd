from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from treebeard.admin import TreeAdmin
from treebeard.forms import movenodeform_factory

from organisation import services
from organisation.models import ApiToken, RoleAssignment, SupplierOrganisation, Unit, User


@admin.register(Unit)
class UnitAdmin(TreeAdmin):
    form = movenodeform_factory(Unit)
    list_display = ("name", "code", "kind", "headcount")
    list_filter = ("kind",)
    search_fields = ("name", "code")


class RoleInline(admin.TabularInline):
    model = RoleAssignment
    fk_name = "user"
    extra = 0
    autocomplete_fields = ("unit",)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ("name",)
    list_display = ("name", "email", "kind", "unit", "is_active")
    list_filter = ("kind", "is_active", "role_assignments__role")
    search_fields = ("name", "email")
    autocomplete_fields = ("unit", "supplier")
    inlines = (RoleInline,)
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Person"), {"fields": ("name", "kind", "unit", "supplier", "language", "email_notifications")}),
        (_("Access"), {"fields": ("is_active", "is_staff", "is_superuser")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("email", "name", "kind", "unit", "password1", "password2")}),
    )


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(admin.ModelAdmin):
    list_display = ("user", "role", "unit", "capacity")
    list_filter = ("role",)
    search_fields = ("user__name", "user__email", "unit__name")
    autocomplete_fields = ("user", "unit")

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
        else:
            services.role_assign(user=obj.user, role=obj.role, unit=obj.unit, capacity=obj.capacity)


@admin.register(SupplierOrganisation)
class SupplierOrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "org_number")
    search_fields = ("name", "org_number")


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("name", "user", "prefix", "created_at", "last_used_at", "expires_at", "revoked_at")
    readonly_fields = ("key_hash", "prefix", "last_used_at", "expires_at")
    search_fields = ("name", "user__email")
