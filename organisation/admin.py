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
from organisation import people_sync, services
from organisation.models import ApiToken, RoleAssignment, SupplierOrganisation, Unit, User


class UnitImportForm(forms.Form):
    file = forms.FileField(
        label=_("Unit file (CSV)"),
        help_text=_(
            "Columns code, name, kind, parent_code, headcount and, if you like, sectors; separated by commas or "
            "semicolons, as Excel saves CSV."
        ),
    )


class PeopleImportForm(forms.Form):
    file = forms.FileField(
        label=_("People file (CSV)"),
        help_text=_(
            "The staff file from HR: columns employee_number, name, email, unit_code and manager (1 or 0); "
            "separated by commas or semicolons, as Excel saves CSV."
        ),
    )


class PeopleConfirmForm(forms.Form):
    confirm_leaving = forms.BooleanField(
        label=_("Yes, everyone listed under “Leave” has left the city"),
        required=False,
    )


#: Where the checked people file waits, in the importing person's session, until they confirm.
PEOPLE_FILE_SESSION_KEY = "organisation_people_file"


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
    change_list_template = "admin/organisation/user/change_list.html"
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

    def get_urls(self):
        own = [path("import/", self.admin_site.admin_view(self.import_view), name="organisation_user_import")]
        return own + super().get_urls()

    def import_view(self, request):
        """The nightly people file by hand: upload, check, preview what would change, confirm
        (``people_sync.people_file_import``). Nothing is written before the confirmation."""
        if not (self.has_add_permission(request) and self.has_change_permission(request)):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": gettext("Import people from the HR file"),
        }
        if request.method == "POST" and "confirm" in request.POST:
            text = request.session.get(PEOPLE_FILE_SESSION_KEY)
            if text is None:
                messages.error(request, gettext("The file is no longer waiting to be imported; upload it again."))
                return redirect("admin:organisation_user_import")
            confirm = PeopleConfirmForm(request.POST)
            confirm.is_valid()
            try:
                result = people_sync.people_file_import(
                    text=text,
                    by=request.user,
                    many_leaving_confirmed=confirm.cleaned_data.get("confirm_leaving", False),
                )
            except people_sync.PeopleImportError as exc:
                form = PeopleImportForm()
                form.add_error(None, exc.message)
                context.update(form=form, row_errors=exc.errors)
                request.session.pop(PEOPLE_FILE_SESSION_KEY, None)
                return TemplateResponse(request, "admin/organisation/user/import.html", context)
            except DomainError as exc:
                confirm.add_error("confirm_leaving", exc.message)
                context.update(plan=people_sync.people_file_plan(text), confirm=confirm)
                return TemplateResponse(request, "admin/organisation/user/import_preview.html", context)
            request.session.pop(PEOPLE_FILE_SESSION_KEY, None)
            messages.success(
                request,
                gettext("%(created)d people created, %(updated)d updated, %(left)d left.")
                % {"created": len(result.created), "updated": len(result.updated), "left": len(result.leaving)},
            )
            return redirect("admin:organisation_user_changelist")
        form = PeopleImportForm(request.POST or None, request.FILES or None)
        row_errors: list[tuple[int, str]] = []
        if request.method == "POST" and form.is_valid():
            try:
                text = services.units_csv_decode(form.cleaned_data["file"].read())
                plan = people_sync.people_file_plan(text)
            except people_sync.PeopleImportError as exc:
                form.add_error("file", exc.message)
                row_errors = exc.errors
            except DomainError as exc:
                form.add_error("file", exc.message)
            else:
                request.session[PEOPLE_FILE_SESSION_KEY] = text
                context.update(plan=plan, confirm=PeopleConfirmForm())
                return TemplateResponse(request, "admin/organisation/user/import_preview.html", context)
        context.update(form=form, row_errors=row_errors)
        return TemplateResponse(request, "admin/organisation/user/import.html", context)


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
