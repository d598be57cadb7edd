"""Every write to the organisation: units, people, roles, tokens."""

from __future__ import annotations

import base64
import binascii
import csv
import hashlib
import io
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.audit import actor_from, log_update, snapshot, update_logged
from core.errors import DomainError
from organisation.models import (
    API_TOKEN_DEFAULT_DAYS,
    API_TOKEN_LIFETIMES_DAYS,
    ApiToken,
    EmailFrequency,
    PersonKind,
    Role,
    RoleAssignment,
    SupplierOrganisation,
    Unit,
    UnitKind,
    User,
)
from organisation.selectors import password_fingerprint, password_unchanged_since

CSV_COLUMNS = ("code", "name", "kind", "parent_code", "headcount")


@dataclass
class ImportResult:
    created: int
    updated: int


class UnitImportError(DomainError):
    """The CSV file has bad rows; ``errors`` lists them as (line number, message)."""

    def __init__(self, errors: list[tuple[int, str]]) -> None:
        super().__init__(_("The file has %(count)d bad rows; nothing was imported.") % {"count": len(errors)})
        self.errors = errors


#: The separators a unit file may use: a comma, or a semicolon as Excel saves CSV where the decimal mark is a comma
#: (Swedish settings), or a tab (Excel's "Unicode text").
CSV_DELIMITERS = (",", ";", "\t")

#: Besides ASCII and the letters À–ÿ, the characters a Windows-1252 unit file may hold for that reading to be certain.
#: Letters that other 8-bit encodings (DOS, old Mac) put in the bytes 0x80–0x9F read as Windows-1252 punctuation or
#: as letters such as Š or Ž; those files are refused rather than imported with wrong names.
_CP1252_MARKS = set("–—’´°§·\u00a0")


def _certain_cp1252(ch: str) -> bool:
    return ch.isascii() or ("\u00c0" <= ch <= "\u00ff" and ch.isalpha()) or ch in _CP1252_MARKS


UNREADABLE_UNIT_FILE = gettext_lazy(
    "The file's characters could not be read. In Excel, choose Save As and, in the field “Save as type”, "
    "choose “CSV UTF-8 (Comma delimited) (*.csv)”; then upload the saved file again."
)


def units_csv_decode(data: bytes) -> str:
    """The text of an uploaded unit file: UTF-8 (with or without a byte-order mark), UTF-16 with its byte-order mark,
    or Windows-1252 (what Excel calls "CSV (semicolon delimited)" on a Swedish computer) where that reading is certain.

    Any other file raises ``DomainError`` saying which format to save it in.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    else:
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError:
            pass
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            text = ""
        if text and all(_certain_cp1252(ch) for ch in text):
            return text
    raise DomainError(str(UNREADABLE_UNIT_FILE), field="file")


def _unit_csv_reader(text: str) -> csv.DictReader:
    """A reader of the file's rows, with the separator its header uses; column names without spaces or capitals."""
    text = text.lstrip("\ufeff")
    header = text.split("\n", 1)[0]
    delimiter = max(CSV_DELIMITERS, key=header.count)
    for candidate in CSV_DELIMITERS:
        names = {name.strip().lower() for name in next(csv.reader([header], delimiter=candidate), [])}
        if all(column in names for column in CSV_COLUMNS):
            delimiter = candidate
            break
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    reader.fieldnames = [(name or "").strip().lower() for name in (reader.fieldnames or [])]
    return reader


def _read_unit_rows(text: str) -> tuple[list[tuple[int, dict[str, str]]], list[tuple[int, str]]]:
    reader = _unit_csv_reader(text)
    missing = [c for c in CSV_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        return [], [(1, _("The header lacks the column(s): %(columns)s.") % {"columns": ", ".join(missing)})]
    rows, errors = [], []
    seen: set[str] = set()
    for row in reader:
        line = reader.line_num
        if not any((value or "").strip() for key, value in row.items() if key):
            continue  # an empty row, as spreadsheets leave below the table
        code = (row.get("code") or "").strip()
        if not code:
            errors.append((line, _("The code is empty.")))
            continue
        if code in seen:
            errors.append((line, _("The code %(code)s appears twice.") % {"code": code}))
            continue
        seen.add(code)
        if not (row.get("name") or "").strip():
            errors.append((line, _("The name is empty.")))
        if (row.get("kind") or "").strip() not in UnitKind.values:
            errors.append(
                (
                    line,
                    _("Unknown kind %(kind)r; use one of: %(kinds)s.")
                    % {"kind": row.get("kind") or "", "kinds": ", ".join(UnitKind.values)},
                )
            )
        headcount = (row.get("headcount") or "0").strip() or "0"
        if not headcount.isdigit():
            errors.append((line, _("The headcount %(value)r is not a whole number.") % {"value": headcount}))
        rows.append((line, {k: (v or "").strip() for k, v in row.items() if k}))
    return rows, errors


@actor_from("by")
@transaction.atomic
def units_import_csv(*, text: str, by: User | None = None) -> ImportResult:
    """Import or update the unit tree from CSV. Bad rows are reported by line number and nothing is written.

    ``by`` is who imports (the audit log's actor).
    """
    rows, errors = _read_unit_rows(text)
    existing = {u.code: u for u in Unit.objects.all()}
    codes_in_file = {row["code"] for _line, row in rows}
    roots_in_file = [row for _line, row in rows if not row.get("parent_code")]
    for line, row in rows:
        parent = row.get("parent_code", "")
        if parent and parent not in codes_in_file and parent not in existing:
            errors.append((line, _("The parent unit %(code)s is unknown.") % {"code": parent}))
    if not existing and len(roots_in_file) > 1:
        errors.append((1, _("The file has more than one root unit; the tree must have exactly one.")))
    if errors:
        raise UnitImportError(sorted(errors))

    created = updated = 0
    pending = list(rows)
    by_code = dict(existing)
    while pending:
        progressed = False
        rest = []
        for line, row in pending:
            parent_code = row.get("parent_code", "")
            if parent_code and parent_code not in by_code:
                rest.append((line, row))
                continue
            fields = {
                "name": row["name"],
                "kind": row["kind"],
                "headcount": int(row.get("headcount") or 0),
                "sectors": row.get("sectors", ""),
            }
            unit = by_code.get(row["code"])
            if unit is None:
                if parent_code:
                    unit = Unit.objects.add_child(by_code[parent_code], {"code": row["code"], **fields})
                else:
                    unit = Unit.objects.add_root({"code": row["code"], **fields})
                created += 1
            else:
                # A unit added earlier in this import may have shifted this one's path; never write a stale path back.
                unit.refresh_from_db()
                for key, value in fields.items():
                    setattr(unit, key, value)
                unit.save()
                current_parent = (
                    Unit.objects.filter(path=unit.path[: -Unit.steplen]).values_list("code", flat=True).first()
                )
                if parent_code and current_parent != parent_code:
                    before = snapshot(unit)
                    Unit.objects.move(unit, by_code[parent_code], pos="sorted-child")
                    unit.refresh_from_db()
                    # The tree moves the unit with queries of its own; its new place is logged here.
                    log_update(unit, before=before, fields=("path", "depth"))
                updated += 1
            by_code[row["code"]] = unit
            progressed = True
        if not progressed:
            raise UnitImportError([(line, _("The unit is part of a loop of parents.")) for line, _row in rest])
        pending = rest
    return ImportResult(created=created, updated=updated)


@transaction.atomic
def person_create(
    *,
    email: str,
    name: str,
    kind: str,
    unit: Unit | None = None,
    supplier: SupplierOrganisation | None = None,
    password: str | None = None,
    language: str = "sv",
) -> User:
    email = email.strip().lower()
    if kind not in PersonKind.values:
        raise DomainError(_("Choose the kind of person: city employee, resident or supplier."), field="kind")
    if User.objects.filter(email=email).exists():
        raise DomainError(_("There is already an account with this email address."), field="email")
    if kind == PersonKind.EMPLOYEE and unit is None:
        raise DomainError(_("A city employee must belong to a unit."), field="unit")
    if kind == PersonKind.SUPPLIER and supplier is None:
        raise DomainError(_("A supplier must belong to a supplier organisation."), field="supplier")
    user = User.objects.create_user(
        email, password, name=name.strip(), kind=kind, unit=unit, supplier=supplier, language=language
    )
    # Accounts the city creates have addresses it knows; only self-registered ones must confirm theirs.
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def _luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(digits[:-1]):
        n = int(ch) * (2 if i % 2 == 0 else 1)
        total += n - 9 if n > 9 else n
    return (10 - total % 10) % 10 == int(digits[-1])


def normalise_org_number(value: str) -> str:
    digits = "".join(ch for ch in value if ch.isdigit())
    if len(digits) != 10:
        raise DomainError(
            _("Write the organisation number as ten digits, for example 556036-0793."), field="org_number"
        )
    if not _luhn_ok(digits):
        raise DomainError(
            _("The organisation number's last digit does not match the others. Check the number and write it again."),
            field="org_number",
        )
    return f"{digits[:6]}-{digits[6:]}"


#: Why someone signing up cannot join an organisation already in Språng by its number alone: the number is public,
#: and an organisation's people read what it has sent the city, business secrets included.
ORGANISATION_TAKEN = gettext_lazy(
    "A company with this organisation number already has an account. You cannot join it by signing up: ask the "
    "city's innovation office to add you to your company."
)


@transaction.atomic
def supplier_get_or_create(*, name: str, org_number: str) -> SupplierOrganisation:
    number = normalise_org_number(org_number)
    supplier, _created = SupplierOrganisation.objects.get_or_create(org_number=number, defaults={"name": name.strip()})
    return supplier


@actor_from("user")
@transaction.atomic
def external_person_register(*, user: User, kind: str, name: str, org_name: str = "", org_number: str = "") -> User:
    """Complete a self-registered account (resident or supplier) that allauth has just created."""
    if kind not in (PersonKind.RESIDENT, PersonKind.SUPPLIER):
        raise DomainError(_("Choose resident or supplier."), field="kind")
    user.name = name.strip()
    user.kind = kind
    user.unit = None
    if kind == PersonKind.SUPPLIER:
        if not org_name.strip():
            raise DomainError(_("Write the name of your organisation."), field="org_name")
        number = normalise_org_number(org_number)
        if SupplierOrganisation.objects.filter(org_number=number).exists():
            raise DomainError(str(ORGANISATION_TAKEN), field="org_number")
        user.supplier = supplier_get_or_create(name=org_name, org_number=number)
    user.save()
    return user


@transaction.atomic
def role_assign(*, user: User, role: str, unit: Unit, capacity: int = 0) -> RoleAssignment:
    if role == Role.DIRECTOR and not (unit.depth == 1):
        raise DomainError(_("The innovation director's role covers the whole city; choose the top unit."), field="unit")
    assignment, _created = RoleAssignment.objects.update_or_create(
        user=user, role=role, unit=unit, defaults={"capacity": capacity}
    )
    user.__dict__.pop("role_paths", None)
    return assignment


@transaction.atomic
def person_authenticator_app_set(*, user: User, secret: str) -> None:
    """Give a person an authenticator app's secret (TOTP, base32) and a set of recovery codes.

    People set up their app themselves on the two-step page; this is for accounts prepared in
    advance (the demo's administrator), whose secret is known to whoever prepared them.
    """
    if Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        raise DomainError(_("This person already has an authenticator app."), field="secret")
    try:
        base64.b32decode(secret.encode("ascii"), casefold=True)
    except (ValueError, binascii.Error) as exc:
        raise DomainError(_("The secret must be written in base32 (A–Z and 2–7)."), field="secret") from exc
    TOTP.activate(user, secret)
    RecoveryCodes.activate(user)


def _hash_token(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@actor_from("user")
@transaction.atomic
def api_token_create(
    *, user: User, name: str, days: int = API_TOKEN_DEFAULT_DAYS, now: datetime | None = None
) -> tuple[ApiToken, str]:
    """Create a token lasting ``days`` and return it with its secret, which is shown once and never stored."""
    if not name.strip():
        raise DomainError(_("Give the token a name so you know what uses it."), field="name")
    if days not in API_TOKEN_LIFETIMES_DAYS:
        raise DomainError(
            _("Choose how long the token lasts: %(choices)s days.")
            % {"choices": ", ".join(str(d) for d in API_TOKEN_LIFETIMES_DAYS)},
            field="days",
        )
    if not user.is_active:
        raise DomainError(_("The account is deactivated and cannot have API tokens."), field="user")
    key = secrets.token_urlsafe(32)
    now = now or timezone.now()
    token = ApiToken.objects.create(
        user=user,
        name=name.strip(),
        key_hash=_hash_token(key),
        prefix=key[:8],
        expires_at=now + timedelta(days=days),
        password_fingerprint=password_fingerprint(user),
        created_at=now,
    )
    return token, key


def api_token_authenticate(key: str) -> User | None:
    """The person a token belongs to, if it still works: not expired or revoked, same password, account active."""
    now = timezone.now()
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=_hash_token(key), revoked_at__isnull=True, expires_at__gt=now, user__is_active=True)
        .exclude(user__kind=PersonKind.PARTNER)  # a partner outside the city has no use of the API
        .first()
    )
    if token is None or not password_unchanged_since(token, token.user):
        return None
    # When a token was last used is bookkeeping, not a change to account for: not in the audit log.
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 300:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


@transaction.atomic
def api_token_revoke(*, token: ApiToken, by: User | None = None) -> None:
    """Revoke a token (once); ``by`` (the audit log's actor) is its owner unless someone else is named."""
    if token.revoked_at is None:
        update_logged(token, actor=by or token.user, revoked_at=timezone.now())


def person_set_language(*, user: User, language: str) -> None:
    """Remember the person's language, for notifications and emails."""
    update_logged(user, actor=user, language=language)


@actor_from("user")
@transaction.atomic
def person_update_profile(
    *, user: User, name: str, language: str, email_notifications: bool, email_frequency: str | None = None
) -> User:
    """A person changes their own name, language, whether they get email and how often (none given: as it was)."""
    name = name.strip()
    if not name:
        raise DomainError(_("Write your name."), field="name")
    if language not in ("sv", "en"):
        raise DomainError(_("Choose Swedish or English."), field="language")
    if not email_frequency:
        email_frequency = user.email_frequency
    if email_frequency not in EmailFrequency.values:
        raise DomainError(_("Choose how often to email: at once, once a day or once a week."), field="email_frequency")
    user.name, user.language, user.email_notifications = name, language, email_notifications
    user.email_frequency = email_frequency
    user.save(update_fields=["name", "language", "email_notifications", "email_frequency"])
    return user
