"""SCIM's User as a member of the city's staff.

- ``userName`` and the primary (or work) address in ``emails``: the email address, which is how people sign in.
- ``externalId``: the employee number, as HR knows the person.
- ``name.givenName`` and ``name.familyName`` (else ``name.formatted``, else ``displayName``): the name.
- ``active``: ``false`` closes the account (``person_deactivate``), ``true`` opens it again.
- ``urn:ietf:params:scim:schemas:extension:enterprise:2.0:User`` → ``department``: the code of the person's
  unit in Språng's unit tree (``organization`` is the city itself and is not read).
- ``urn:ietf:params:scim:schemas:extension:sprang:2.0:User`` → ``isManager``: whether the person is the manager
  of that unit (the manager's role on it).

Other attributes (titles, telephone numbers, addresses) are accepted and not kept. Every write goes through
``employee_sync`` in one transaction; a request that cannot be carried out changes nothing.
"""

from __future__ import annotations

from typing import Any

from django.utils import translation
from django_scim import constants, exceptions
from django_scim.adapters import SCIMUser

from core.errors import DomainError, ErrorCode
from organisation.models import PersonKind, Role, Unit, User
from organisation.people_sync import StaffRecord, employee_find, employee_sync
from organisation.services import person_deactivate

ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
SPRANG = "urn:ietf:params:scim:schemas:extension:sprang:2.0:User"
CORE = constants.SchemaURI.USER
#: The attribute that carries the unit's code, and the one that carries the manager flag.
UNIT_ATTRIBUTE = f"{ENTERPRISE}:department"
MANAGER_ATTRIBUTE = f"{SPRANG}:isManager"

#: The SCIM attribute each field of a domain error is about.
ATTRIBUTE_OF_FIELD = {
    "email": "userName",
    "employee_number": "externalId",
    "name": "name",
    "unit": UNIT_ATTRIBUTE,
    "kind": "userName",
}


def _bad(attribute: str, detail: str) -> exceptions.BadRequestError:
    return exceptions.BadRequestError(f"{attribute}: {detail}", scim_type="invalidValue")


def _boolean(attribute: str, value: Any) -> bool:
    # Entra ID sends PATCH values as the strings "True" and "False".
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    raise _bad(attribute, f"{value!r} is not a boolean; send true or false.")


def _email_from(value: Any) -> str | None:
    if isinstance(value, dict):
        value = [value]
    if not isinstance(value, list):
        return str(value) if value else None
    ranked = sorted(
        (e for e in value if isinstance(e, dict) and e.get("value")),
        key=lambda e: (not e.get("primary"), e.get("type") != "work"),
    )
    return str(ranked[0]["value"]) if ranked else None


class ScimPerson(SCIMUser):
    id_field = "id"
    obj: User

    def __init__(self, obj: User, request=None) -> None:
        super().__init__(obj, request)
        self.values: dict[str, Any] = self._current()

    # Reading.

    def _current(self) -> dict[str, Any]:
        user = self.obj
        if not user.pk:
            return {"active": True, "is_manager": False}
        return {
            "email": user.email,
            "employee_number": user.employee_number,
            "name": user.name,
            "unit_code": user.unit.code if user.unit else None,
            "is_manager": user.unit is not None
            and user.role_assignments.filter(role=Role.MANAGER, unit=user.unit).exists(),
            "active": user.is_active,
        }

    @property
    def display_name(self) -> str:
        return self.obj.name

    @property
    def groups(self) -> list:
        return []

    def to_dict(self) -> dict[str, Any]:
        user, values = self.obj, self._current()
        given, _space, family = user.name.rpartition(" ") if " " in user.name else ("", "", user.name)
        return {
            "schemas": [CORE, ENTERPRISE, SPRANG],
            "id": self.id,
            "externalId": user.employee_number,
            "userName": user.email,
            "name": {"formatted": user.name, "givenName": given or user.name, "familyName": family if given else ""},
            "displayName": user.name,
            "emails": [{"value": user.email, "type": "work", "primary": True}],
            "active": user.is_active,
            ENTERPRISE: {"department": values["unit_code"]},
            SPRANG: {"isManager": values["is_manager"]},
            "meta": {
                "resourceType": self.resource_type,
                "created": user.date_joined.isoformat(),
                "lastModified": user.date_joined.isoformat(),
                "location": self.location,
            },
        }

    # Writing.

    def validate_dict(self, d) -> None:
        if not isinstance(d, dict):
            raise exceptions.BadRequestError("The body must be a SCIM User object.")

    def from_dict(self, d) -> None:
        """A whole User (POST, PUT): what it names replaces what Språng has; nothing is saved yet."""
        name = d.get("name") if isinstance(d.get("name"), dict) else {}
        self.values["name_parts"] = {}
        for key, value in d.items():
            if key == "name":
                continue
            self._set(key, value)
        if name:
            self._set("name", name)

    def _set(self, path: str, value: Any, op: str = "replace") -> None:
        low = path.strip().lower()
        core = CORE.lower() + ":"
        if low.startswith(core):
            low = low[len(core) :]
        removing = op == "remove"
        if low in (ENTERPRISE.lower(), SPRANG.lower()):
            if isinstance(value, dict):
                for key, inner in value.items():
                    self._set(f"{low}:{key}", inner, op)
            return
        if low == "username":
            self.values["email"] = None if removing else str(value or "").strip()
        elif low == "externalid":
            self.values["employee_number"] = None if removing else str(value or "").strip()
        elif low == "active":
            self.values["active"] = False if removing else _boolean("active", value)
        elif low == "displayname":
            self.values["display_name"] = None if removing else str(value or "")
        elif low == "name" and isinstance(value, dict):
            for key, inner in value.items():
                self._set(f"name.{key}", inner, op)
        elif low in ("name.givenname", "name.familyname", "name.formatted"):
            parts = self.values.get("name_parts")
            if parts is None:  # a PATCH of one part keeps the others
                given, _space, family = (self.values.get("name") or "").rpartition(" ")
                parts = {"givenname": given, "familyname": family}
            parts[low.split(".")[1]] = "" if removing else str(value or "").strip()
            self.values["name_parts"] = parts
        elif low == "emails" or (low.startswith("emails[") and low.endswith(".value")):
            email = None if removing else _email_from(value)
            if email:
                self.values["email"] = email.strip()
        elif low == UNIT_ATTRIBUTE.lower():
            self.values["unit_code"] = None if removing else str(value or "").strip()
        elif low == MANAGER_ATTRIBUTE.lower():
            self.values["is_manager"] = False if removing else _boolean(MANAGER_ATTRIBUTE, value)
        # Anything else the identity system sends (title, telephone numbers, addresses) is not kept.

    def handle_operations(self, operations) -> None:
        """A PATCH: each operation changes what it names; the result is saved once, or not at all."""
        if not isinstance(operations, list):
            raise exceptions.BadRequestError("Operations must be a list.")
        for operation in operations:
            op = str(operation.get("op", "")).lower()
            if op not in constants.VALID_PATCH_OPS:
                raise exceptions.BadRequestError(f'Unknown PATCH op "{operation.get("op")}"', scim_type="invalidSyntax")
            path, value = operation.get("path"), operation.get("value")
            if path:
                self._set(path, value, op)
            elif isinstance(value, dict) and op != "remove":
                for key, inner in value.items():
                    self._set(key, inner, op)
            else:
                raise exceptions.BadRequestError(
                    "An operation without a path needs an object as its value.", scim_type="noTarget"
                )
        self.save()

    def _name(self) -> str:
        parts = self.values.get("name_parts") or {}
        joined = " ".join(p for p in (parts.get("givenname", ""), parts.get("familyname", "")) if p)
        if "formatted" in parts and not joined:
            return str(parts["formatted"])
        return joined or str(self.values.get("display_name") or self.values.get("name") or "")

    def save(self) -> None:
        values = self.values
        for attribute, key in (("userName", "email"), ("externalId", "employee_number"), (UNIT_ATTRIBUTE, "unit_code")):
            if not values.get(key):
                raise _bad(attribute, "is required.")
        unit = Unit.objects.filter(code=values["unit_code"]).first()
        if unit is None:
            raise _bad(
                UNIT_ATTRIBUTE, f"no unit has the code {values['unit_code']!r}; send a code from Språng's unit tree."
            )
        record = StaffRecord(
            employee_number=values["employee_number"],
            name=self._name(),
            email=values["email"],
            unit=unit,
            is_manager=bool(values.get("is_manager")),
            active=values.get("active", True) is not False,
        )
        with translation.override("en"):
            try:
                if not self.obj.pk and employee_find(record) is not None:
                    raise exceptions.IntegrityError(
                        "userName: a person with this userName or externalId already exists.", scim_type="uniqueness"
                    )
                self.obj, _outcome = employee_sync(record=record, user=self.obj if self.obj.pk else None)
            except DomainError as exc:
                attribute = ATTRIBUTE_OF_FIELD.get(exc.field or "", "userName")
                if exc.code == ErrorCode.CONFLICT:
                    raise exceptions.IntegrityError(f"{attribute}: {exc.message}", scim_type="uniqueness") from exc
                raise _bad(attribute, exc.message) from exc
        self.values = self._current()

    def delete(self) -> None:
        """A DELETE closes the account, as ``active: false`` does: nothing the person wrote or decided goes."""
        if self.obj.kind == PersonKind.EMPLOYEE:
            person_deactivate(user=self.obj)
