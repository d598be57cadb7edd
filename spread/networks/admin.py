from django.contrib import admin

from spread.models import Membership, Network, NetworkFile, NetworkInvitation, Post


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    can_delete = False
    readonly_fields = ("person", "role", "created_at")

    def has_add_permission(self, request, obj=None):
        return False


class ReadOnly(admin.ModelAdmin):
    """For looking things up; networks change through their own pages, which keep the rules and tell the members."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Network)
class NetworkAdmin(ReadOnly):
    list_display = ("name", "kind", "owner", "created_at")
    list_filter = ("kind",)
    search_fields = ("name",)
    inlines = (MembershipInline,)


@admin.register(Post)
class PostAdmin(ReadOnly):
    list_display = ("__str__", "network", "author", "created_at", "hidden")
    list_filter = ("hidden",)
    list_select_related = ("network", "author")
    raw_id_fields = ("parent",)


@admin.register(NetworkInvitation)
class NetworkInvitationAdmin(ReadOnly):
    list_display = ("email", "network", "invited_by", "expires_at", "accepted_at")
    exclude = ("token_hash",)


@admin.register(NetworkFile)
class NetworkFileAdmin(ReadOnly):
    list_display = ("original_name", "network", "uploaded_by", "created_at")
