"""The city's staff kept in step with HR: one person at a time (SCIM, ``organisation.scim``) or the whole staff
at once from the nightly people file (``manage.py import_people``, the admin's import page).

Both go through ``employee_sync``; someone who leaves goes through ``services.person_deactivate``.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from core.audit import acting_system, actor_from
from core.errors import DomainError, ErrorCode
from organisation.models import PersonKind, Role, RoleAssignment, Unit, User
from organisation.services import (
    CSV_DELIMITERS,
    UnitImportError,
    person_create,
    person_deactivate,
    person_reactivate,
    role_assign,
    sessions_end,
)

#: The columns of the people file, in the order HR's export writes them.
PEOPLE_COLUMNS = ("employee_number", "name", "email", "unit_code", "manager")
#: How the manager column says yes and no.
MANAGER_YES = frozenset({"1", "yes", "ja", "true", "x", "j", "y"})
MANAGER_NO = frozenset({"", "0", "no", "nej", "false", "n"})


@dataclass(frozen=True)
class StaffRecord:
    """What HR says about one member of staff."""

    employee_number: str
    name: str
    email: str
    unit: Unit
    is_manager: bool = False
    active: bool = True


def _manager_units(user: User) -> set[int]:
    return set(user.role_assignments.filter(role=Role.MANAGER).values_list("unit_id", flat=True))


def _check(record: StaffRecord, user: User | None) -> None:
    if not record.name.strip():
        raise DomainError(_("The name is empty; give the person's name."), field="name")
    try:
        validate_email(record.email)
    except ValidationError as exc:
        raise DomainError(
            _("%(email)r is not an email address; give the person's work address.") % {"email": record.email},
            field="email",
        ) from exc
    if not record.employee_number.strip():
        raise DomainError(
            _("The employee number is empty; give the number HR knows the person by."), field="employee_number"
        )
    others = User.objects.exclude(pk=user.pk) if user is not None else User.objects.all()
    if others.filter(email=record.email).exists():
        raise DomainError(
            _("Another account already has the address %(email)s; give this person their own address.")
            % {"email": record.email},
            field="email",
            code=ErrorCode.CONFLICT,
        )
    if others.filter(employee_number=record.employee_number).exists():
        raise DomainError(
            _("Another account already has the employee number %(number)s; check the number.")
            % {"number": record.employee_number},
            field="employee_number",
            code=ErrorCode.CONFLICT,
        )


def employee_find(record: StaffRecord) -> User | None:
    """The account HR's record is about: by employee number, else a member of staff by the address."""
    user = User.objects.filter(employee_number=record.employee_number).first()
    if user is None:
        user = User.objects.filter(email=record.email, employee_number__isnull=True).first()
        if user is not None and user.kind != PersonKind.EMPLOYEE:
            raise DomainError(
                _(
                    "The address %(email)s belongs to an account that is not city staff (a resident or a supplier); "
                    "give the person's work address."
                )
                % {"email": record.email},
                field="email",
                code=ErrorCode.CONFLICT,
            )
    return user


@transaction.atomic
def employee_sync(*, record: StaffRecord, user: User | None = None) -> tuple[User, str]:
    """Create or update the account HR's record is about; ``user`` when the caller already knows which it is.

    Returns the account and what happened: ``"created"``, ``"updated"`` or ``"unchanged"``. A record that is not
    active closes the account (``person_deactivate``); an active one opens a closed account again. The manager
    flag is the manager's role on the person's unit, and on no other. The audit log's actor is the surrounding one
    (``core.audit.acting`` or ``acting_system``).
    """
    record = StaffRecord(
        employee_number=record.employee_number.strip(),
        name=" ".join(record.name.split()),
        email=record.email.strip().lower(),
        unit=record.unit,
        is_manager=record.is_manager,
        active=record.active,
    )
    if user is None:
        user = employee_find(record)
    elif user.kind != PersonKind.EMPLOYEE:
        raise DomainError(_("The account is not city staff."), field="kind")
    _check(record, user)
    outcome = "unchanged"
    if user is None:
        user = person_create(email=record.email, name=record.name, kind=PersonKind.EMPLOYEE, unit=record.unit)
        user.employee_number = record.employee_number
        user.save(update_fields=["employee_number"])
        outcome = "created"
    else:
        if record.active and person_reactivate(user=user):
            outcome = "updated"
        changed = {
            name: value
            for name, value in (
                ("name", record.name),
                ("email", record.email),
                ("employee_number", record.employee_number),
                ("unit", record.unit),
            )
            if getattr(user, name) != value
        }
        if changed:
            if "email" in changed:
                EmailAddress.objects.filter(user=user).delete()
                EmailAddress.objects.create(user=user, email=record.email, verified=True, primary=True)
            for name, value in changed.items():
                setattr(user, name, value)
            user.save(update_fields=list(changed))
            outcome = "updated"
    if record.active:
        wanted = {record.unit.pk} if record.is_manager else set()
        held = _manager_units(user)
        if wanted != held:
            for assignment in RoleAssignment.objects.filter(user=user, role=Role.MANAGER).exclude(unit_id__in=wanted):
                assignment.delete()
            if wanted - held:
                role_assign(user=user, role=Role.MANAGER, unit=record.unit)
            user.__dict__.pop("role_paths", None)
            outcome = "updated" if outcome == "unchanged" else outcome
    elif person_deactivate(user=user):
        outcome = "updated" if outcome == "unchanged" else outcome
    return user, outcome


# The nightly people file.


class PeopleImportError(UnitImportError):
    """The people file has bad rows; ``errors`` lists them as (line number, message)."""


@dataclass
class PeoplePlan:
    """What importing a people file would do, worked out without writing anything."""

    records: list[tuple[int, StaffRecord]]
    created: list[StaffRecord] = field(default_factory=list)
    #: Each account that changes, with its record and the labels of what changes.
    updated: list[tuple[User, StaffRecord, list[str]]] = field(default_factory=list)
    unchanged: int = 0
    #: Active staff with an employee number that the file does not name: they have left.
    leaving: list[User] = field(default_factory=list)
    #: Active staff with an employee number before the import.
    staff: int = 0

    @property
    def leaving_share(self) -> float:
        return len(self.leaving) / self.staff if self.staff else 0.0

    @property
    def many_leaving(self) -> bool:
        """More people would leave than ``SPRANG_PEOPLE_FILE_MAX_LEAVING_SHARE`` allows without a confirmation."""
        return self.leaving_share > settings.SPRANG_PEOPLE_FILE_MAX_LEAVING_SHARE


def _reader(text: str) -> csv.DictReader:
    text = text.lstrip("\ufeff")
    header = text.split("\n", 1)[0]
    delimiter = max(CSV_DELIMITERS, key=header.count)
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    reader.fieldnames = [(name or "").strip().lower() for name in (reader.fieldnames or [])]
    return reader


def people_file_read(text: str) -> list[tuple[int, StaffRecord]]:
    """The file's rows as records, each with its line; any bad row raises ``PeopleImportError`` listing them all."""
    reader = _reader(text)
    missing = [c for c in PEOPLE_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise PeopleImportError(
            [(1, _("The header lacks the column(s): %(columns)s.") % {"columns": ", ".join(missing)})]
        )
    units = {u.code: u for u in Unit.objects.all()}
    records: list[tuple[int, StaffRecord]] = []
    errors: list[tuple[int, str]] = []
    numbers: dict[str, int] = {}
    emails: dict[str, int] = {}
    for row in reader:
        line = reader.line_num
        values = {k: " ".join((v or "").split()) for k, v in row.items() if k}
        if not any(values.values()):
            continue  # an empty row, as spreadsheets leave below the table
        number, name, email = values["employee_number"], values["name"], values["email"].lower()
        unit_code, manager = values["unit_code"], values["manager"].lower()
        row_errors = []
        if not number:
            row_errors.append(_("The employee number is empty; give the number HR knows the person by."))
        elif number in numbers:
            row_errors.append(
                _("The employee number %(number)s is also on line %(line)d; each person comes once.")
                % {"number": number, "line": numbers[number]}
            )
        if not name:
            row_errors.append(_("The name is empty; give the person's name."))
        try:
            validate_email(email)
        except ValidationError:
            row_errors.append(
                _("%(email)r is not an email address; give the person's work address.") % {"email": email}
            )
        else:
            if email in emails:
                row_errors.append(
                    _("The address %(email)s is also on line %(line)d; give each person their own address.")
                    % {"email": email, "line": emails[email]}
                )
        if unit_code not in units:
            row_errors.append(
                _("No unit has the code %(code)r; use a code from the unit tree (import the units first).")
                % {"code": unit_code}
            )
        if manager not in MANAGER_YES | MANAGER_NO:
            row_errors.append(
                _("The manager column says %(value)r; write 1 for a manager and 0 otherwise.") % {"value": manager}
            )
        numbers.setdefault(number, line)
        emails.setdefault(email, line)
        if row_errors:
            errors.extend((line, message) for message in row_errors)
            continue
        records.append(
            (
                line,
                StaffRecord(
                    employee_number=number,
                    name=name,
                    email=email,
                    unit=units[unit_code],
                    is_manager=manager in MANAGER_YES,
                ),
            )
        )
    if errors:
        raise PeopleImportError(errors)
    return records


def people_file_plan(text: str) -> PeoplePlan:
    """What importing the file would do; bad rows (including an address that belongs to someone else) raise
    ``PeopleImportError`` with their lines."""
    plan = PeoplePlan(records=people_file_read(text))
    if not plan.records:
        raise PeopleImportError([(1, _("The file has no people in it; check that it is the whole people file."))])
    accounts = list(User.objects.select_related("unit").filter(kind=PersonKind.EMPLOYEE))
    emails = [r.email for _line, r in plan.records]
    for start in range(0, len(emails), 500):  # others' accounts with an address in the file, a few at a time
        accounts += User.objects.exclude(kind=PersonKind.EMPLOYEE).filter(email__in=emails[start : start + 500])
    by_number = {u.employee_number: u for u in accounts if u.employee_number}
    by_email = {u.email: u for u in accounts}
    managers: dict[int, set[int]] = {}
    for user_id, unit_id in RoleAssignment.objects.filter(role=Role.MANAGER).values_list("user_id", "unit_id"):
        managers.setdefault(user_id, set()).add(unit_id)
    errors: list[tuple[int, str]] = []
    matched: set[int] = set()
    for line, record in plan.records:
        user = by_number.get(record.employee_number)
        if user is None:
            user = by_email.get(record.email)
            if user is not None and (user.kind != PersonKind.EMPLOYEE or user.employee_number):
                errors.append(
                    (
                        line,
                        _("Another account already has the address %(email)s; give this person their own address.")
                        % {"email": record.email},
                    )
                )
                continue
        elif record.email in by_email and by_email[record.email].pk != user.pk:
            errors.append(
                (
                    line,
                    _("Another account already has the address %(email)s; give this person their own address.")
                    % {"email": record.email},
                )
            )
            continue
        if user is None:
            plan.created.append(record)
            continue
        matched.add(user.pk)
        changes = []
        if not user.is_active:
            changes.append(_("active again"))
        if user.name != record.name:
            changes.append(_("name"))
        if user.email != record.email:
            changes.append(_("email address"))
        if user.employee_number != record.employee_number:
            changes.append(_("employee number"))
        if user.unit_id != record.unit.pk:
            changes.append(_("unit"))
        if managers.get(user.pk, set()) != ({record.unit.pk} if record.is_manager else set()):
            changes.append(_("manager"))
        if changes:
            plan.updated.append((user, record, changes))
        else:
            plan.unchanged += 1
    if errors:
        raise PeopleImportError(errors)
    staff = [u for u in accounts if u.employee_number and u.is_active and u.kind == PersonKind.EMPLOYEE]
    plan.staff = len(staff)
    plan.leaving = sorted((u for u in staff if u.pk not in matched), key=lambda u: u.name)
    return plan


@actor_from("by")
@transaction.atomic
def people_file_import(*, text: str, by: User | None = None, many_leaving_confirmed: bool = False) -> PeoplePlan:
    """Import the nightly people file: everyone in it is created or updated, active staff with an employee number
    who are not in it leave (``person_deactivate``). All or nothing.

    A file in which more than ``SPRANG_PEOPLE_FILE_MAX_LEAVING_SHARE`` of the staff would leave is refused unless
    ``many_leaving_confirmed`` (a truncated export must not close half the city's accounts). ``by`` is who imports;
    without one, the audit log names the people file as the system that wrote.
    """
    plan = people_file_plan(text)
    if plan.many_leaving and not many_leaving_confirmed:
        raise DomainError(
            _(
                "%(count)d of %(staff)d staff (%(share)d %%) are not in the file and would leave. If the file is "
                "complete, confirm that they have left; otherwise export the whole file again."
            )
            % {"count": len(plan.leaving), "staff": plan.staff, "share": round(plan.leaving_share * 100)},
            field="confirm",
        )
    lines = {id(record): line for line, record in plan.records}
    # Only what changes is written: an unchanged person costs the night nothing.
    changing = [*((record, None) for record in plan.created), *((r, u) for u, r, _changes in plan.updated)]
    with acting_system("people_file"):
        for record, user in changing:
            line = lines[id(record)]
            try:
                employee_sync(record=record, user=user)
            except DomainError as exc:
                raise PeopleImportError([(line, exc.message)]) from exc
        for user in plan.leaving:
            person_deactivate(user=user, end_sessions=False)
        # Every leaver's sessions in one pass over the session store, not one pass each.
        sessions_end(users=plan.leaving)
    return plan
