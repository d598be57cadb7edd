"""The identity system's look-ups (``GET /Users?filter=userName eq "..."``), on city staff only."""

from __future__ import annotations

import re

from django_scim.exceptions import NotFoundError
from django_scim.filters import UserFilterQuery

from organisation.models import PersonKind

#: Addresses are kept in lower case; the identity system may send them as the person's sign-in name is written.
_ADDRESS_EQ = re.compile(r'(?i)\b(userName|emails(?:\.value)?|emails\[[^\]]*\]\.value)(\s+eq\s+)"([^"]*)"')


class StaffFilter(UserFilterQuery):
    attr_map = {
        ("userName", None, None): "email",
        ("emails", "value", None): "email",
        ("emails", None, None): "email",
        ("externalId", None, None): "employee_number",
        ("displayName", None, None): "name",
        ("active", None, None): "is_active",
    }

    @classmethod
    def search(cls, filter_query, request=None):
        lowered = _ADDRESS_EQ.sub(lambda m: f'{m.group(1)}{m.group(2)}"{m.group(3).lower()}"', filter_query)
        return super().search(lowered, request)


def only_staff(model):
    """SCIM sees and changes city staff, never residents, suppliers or partners; an id that is not a number is
    a resource that does not exist."""

    def extra_filter_kwargs(request, *args, **kwargs):
        if args and not str(args[0]).isdigit():
            raise NotFoundError(args[0])
        return {"kind": PersonKind.EMPLOYEE}

    return extra_filter_kwargs
