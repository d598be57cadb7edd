"""``/scim/v2/``: django-scim2's views for Users; Groups, Bulk and Me answer 501 Not Implemented."""

from django.urls import re_path
from django_scim import views
from django_scim.utils import get_user_adapter

app_name = "scim"


class StaffResourceTypesView(views.ResourceTypesView):
    """Only the User resource: groups are not offered."""

    def type_dict_by_type_id(self, request):
        user_type = get_user_adapter().resource_type_dict(request)
        return {user_type["id"]: user_type}


not_implemented = views.SCIMView.as_view(implemented=False)

urlpatterns = [
    re_path(r"^$", not_implemented, name="root"),
    re_path(r"^\.search$", not_implemented, name="search"),
    re_path(r"^Users/\.search$", views.UserSearchView.as_view(), name="users-search"),
    re_path(r"^Users(?:/(?P<uuid>[^/]+))?$", views.UsersView.as_view(), name="users"),
    re_path(r"^Groups(?:/(?P<uuid>[^/]+))?$", not_implemented, name="groups"),
    re_path(r"^Me$", not_implemented, name="me"),
    re_path(r"^ServiceProviderConfig$", views.ServiceProviderConfigView.as_view(), name="service-provider-config"),
    re_path(r"^ResourceTypes(?:/(?P<uuid>[^/]+))?$", StaffResourceTypesView.as_view(), name="resource-types"),
    re_path(r"^Schemas(?:/(?P<uuid>[^/]+))?$", views.SchemasView.as_view(), name="schemas"),
    re_path(r"^Bulk$", not_implemented, name="bulk"),
]
