from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from treebeard.admin import TreeAdmin
from treebeard.forms import movenodeform_factory

from core.errors import DomainError
from organisation import services
from organisation.models import ApiToken, RoleAssignment, SupplierOrganisation, Unit, User


class UnitImportForm(forms.Form):
    file = forms.FileField(
        label=_("Unit file (CSV)"),
        help_text=_(
            "Columns code, name, kind, parent_code, headcount and, if you like, sectors; separated by commas or "
            "semicolons, as Excel saves CSV."
        ),
    )


@admin.register(Unit)
class UnitAdmin(TreeAdmin):
    form = movenodeform_factory(Unit)
    list_display = ("name", "code", "kind", "headcount")
    list_filter = ("kind",)
    search_fields = ("name", "code")
    change_list_template = "admin/organisation/unit/change_list.html"

    def get_urls(self):
        own = [path("import/", self.admin_site.admin_view(self.import_view), name="organisation_unit_import")]
        return own + super().get_urls()

    def import_view(self, request):
        """Upload a CSV file of units: the tree is imported or updated through ``units_import_csv``."""
        if not (self.has_add_permission(request) and self.has_change_permission(request)):
            raise PermissionDenied
        form = UnitImportForm(request.POST or None, request.FILES or None)
        row_errors: list[tuple[int, str]] = []
        if request.method == "POST" and form.is_valid():
            try:
                text = services.units_csv_decode(form.cleaned_data["file"].read())
                result = services.units_import_csv(text=text, by=request.user)
            except services.UnitImportError as exc:
                form.add_error("file", exc.message)
                row_errors = exc.errors
            except DomainError as exc:
                form.add_error("file", exc.message)
            else:
                messages.success(
                    request,
                    gettext("%(created)d units created, %(updated)d updated.")
                    % {"created": result.created, "updated": result.updated},
                )
                return redirect("admin:organisation_unit_changelist")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": gettext("Import units from a file"),
            "form": form,
            "row_errors": row_errors,
        }
        return TemplateResponse(request, "admin/organisation/unit/import.html", context)


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
