"""Every write to the organisation: units, people, roles, tokens."""

from __future__ import annotations

import base64
import binascii
import csv
import hashlib
import io
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from importlib import import_module

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from auditlog.context import disable_auditlog
from auditlog.models import LogEntry
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.db import transaction
from django.db.models import CharField, TextField
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.audit import actor_from, log_update, snapshot, update_logged
from core.errors import DomainError, ErrorCode, require
from core.personal_data_registry import erasures
from core.services import notify
from organisation.identity import IdentityNumber
from organisation.leaving import open_work_of
from organisation.models import (
    API_TOKEN_DEFAULT_DAYS,
    API_TOKEN_LIFETIMES_DAYS,
    ERASABLE_KINDS,
    ERASED_EMAIL_DOMAIN,
    ERASED_NAME,
    ERASED_NAME_STORED,
    ApiToken,
    EmailFrequency,
    ErasureOutcome,
    ErasureRequest,
    PersonKind,
    Role,
    RoleAssignment,
    SupplierOrganisation,
    Unit,
    UnitKind,
    User,
    executive_office_people,
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


@actor_from("user")
@transaction.atomic
def person_link_eid(*, user: User, number: IdentityNumber) -> User:
    """Link a Swedish e-ID to a person: its keyed hash finds them again, its date of birth replaces any they wrote.

    Refused when the same identity is already linked to someone else.
    """
    keyed = number.keyed_hash
    if User.objects.filter(identity_hash=keyed).exclude(pk=user.pk).exists():
        raise DomainError(
            _(
                "This e-ID is already linked to another account in Språng. Sign in with the e-ID to reach that "
                "account, or contact the city's innovation office."
            ),
            field="identity_number",
            code=ErrorCode.CONFLICT,
        )
    if user.identity_hash and user.identity_hash != keyed:
        raise DomainError(
            _("Your account is already linked to another person's e-ID. Contact the city's innovation office."),
            field="identity_number",
            code=ErrorCode.CONFLICT,
        )
    user.identity_hash, user.birth_date = keyed, number.birth_date
    user.save(update_fields=["identity_hash", "birth_date"])
    return user


@actor_from("user")
@transaction.atomic
def staff_sign_in_update(*, user: User, unit: Unit, employee_number: str | None) -> User:
    """At each sign-in with the city's account, the person's unit (and employee number) follow the claims."""
    changed = []
    if user.unit_id != unit.pk:
        user.unit = unit
        changed.append("unit")
    if employee_number and user.employee_number != employee_number:
        if User.objects.filter(employee_number=employee_number).exclude(pk=user.pk).exists():
            raise DomainError(
                _("Another account in Språng has this employee number. Contact the city's innovation office."),
                field="employee_number",
                code=ErrorCode.CONFLICT,
            )
        user.employee_number = employee_number
        changed.append("employee_number")
    if changed:
        user.save(update_fields=changed)
    return user


def sessions_end(*, users: Iterable[User]) -> int:
    """End every session the people are signed in with, at once: their rows in the session store are deleted.

    One pass over the live sessions, however many people leave (the people file ends all its leavers' sessions
    together): one read of the session table and one delete per thousand sessions ended. Works for the stores that
    keep sessions in the database (``db`` and ``cached_db``, whose cached copies go too; ADR 0037). Returns how many
    were ended.
    """
    ids = {str(person.pk) for person in users}
    store_class = import_module(settings.SESSION_ENGINE).SessionStore
    model = store_class.get_model_class() if hasattr(store_class, "get_model_class") else None
    if not ids or model is None:
        return 0
    decode = store_class().decode
    rows = model.objects.filter(expire_date__gt=timezone.now()).values_list("session_key", "session_data")
    keys = [key for key, data in rows.iterator(chunk_size=2000) if decode(data).get(SESSION_KEY) in ids]
    for start in range(0, len(keys), SESSIONS_ENDED_PER_DELETE):
        chunk = keys[start : start + SESSIONS_ENDED_PER_DELETE]
        model.objects.filter(session_key__in=chunk).delete()
        if hasattr(store_class, "cache_key_prefix"):  # cached_db: its cached copies too
            caches[settings.SESSION_CACHE_ALIAS].delete_many([store_class(session_key=key).cache_key for key in chunk])
    return len(keys)


#: Sessions deleted by one statement (below SQLite's limit on a statement's parameters).
SESSIONS_ENDED_PER_DELETE = 1000


def _office_of(unit: Unit | None) -> list[User]:
    """The innovation office people for the unit (on it or above it); the executive office when it has none."""
    if unit is not None:
        people = list(
            User.objects.filter(
                role_assignments__role=Role.OFFICE,
                role_assignments__unit__path__in=unit.path_prefixes(),
                is_active=True,
            ).distinct()
        )
        if people:
            return people
    return executive_office_people()


@actor_from("by")
@transaction.atomic
def person_deactivate(*, user: User, by: User | None = None, end_sessions: bool = True) -> bool:
    """The person has left: the account is closed, and nothing they wrote or decided is deleted.

    They are signed out at once (``sessions_end``; a caller closing many accounts passes ``end_sessions=False``
    and ends all their sessions in one pass itself, as the people file does); their API tokens stop working (a token works only for an
    active account); their roles end; whatever work is still theirs (``organisation.leaving``: ideas they coach,
    applications they have yet to score) is listed to the innovation office of their unit. Returns whether
    anything changed (an account already closed is left as it is).
    """
    if not user.is_active:
        return False
    user.is_active = False
    user.save(update_fields=["is_active"])
    for assignment in user.role_assignments.all():
        assignment.delete()
    user.__dict__.pop("role_paths", None)
    if end_sessions:
        sessions_end(users=[user])
    if open_work_of(user):
        name = user.name or user.email
        notify(
            recipients=[p for p in _office_of(user.unit) if p.pk != user.pk],
            message_factory=lambda: (
                _("%(name)s has left the city's staff and leaves work open: %(work)s.")
                % {"name": name, "work": "; ".join(open_work_of(user))}
            ),
        )
    return True


@actor_from("by")
@transaction.atomic
def person_reactivate(*, user: User, by: User | None = None) -> bool:
    """Open a closed account again. Roles that ended when it closed are not given back. Returns whether it changed."""
    if user.is_active:
        return False
    user.is_active = True
    user.save(update_fields=["is_active"])
    return True


# Erasure (GDPR art. 17 within the archive law): a resident, supplier, university partner or partner outside the
# city asks, the executive office confirms or refuses, and ``person_erase`` removes what is private and
# pseudonymises the rest (ADR 0039). Who may ask: ``organisation.models.ERASABLE_KINDS``.

#: Fields of the person kept as they are when pseudonymised; every other field is emptied (a field added later
#: that holds something about the person is emptied too, without anyone having to remember it here).
PERSON_FIELDS_KEPT = frozenset(
    {"id", "password", "name", "email", "kind", "language", "date_joined", "is_active", "is_staff", "is_superuser"}
)


def _may_decide(by: User) -> None:
    require(
        by.is_executive_office,
        message=gettext_lazy("Only the city's innovation office (the executive office) decides on removing accounts."),
    )


@actor_from("person")
@transaction.atomic
def erasure_request(*, person: User, now: datetime | None = None) -> ErasureRequest:
    """The person asks to have their account removed; the executive office is told."""
    if person.kind not in ERASABLE_KINDS:
        raise DomainError(
            _(
                "City employees cannot remove their account here. Your account is closed by HR when you leave "
                "the city: ask your manager."
            ),
            code=ErrorCode.FORBIDDEN,
        )
    if person.is_erased or not person.is_active:
        raise DomainError(_("This account is already closed."), code=ErrorCode.STATE)
    if ErasureRequest.objects.filter(person=person, outcome=ErasureOutcome.PENDING).exists():
        raise DomainError(
            _("You have already asked to have your account removed. The innovation office will answer you."),
            code=ErrorCode.ALREADY_ASKED,
        )
    request = ErasureRequest.objects.create(person=person, requested_at=now or timezone.now())
    # The message names no one: a notification outlives the person's erasure.
    notify(
        recipients=executive_office_people(),
        message_factory=lambda: _("Someone asks to have their account removed. Decide on the request."),
        url=reverse("organisation:erasure_requests"),
        exclude=person,
    )
    return request


def _pending(request: ErasureRequest) -> ErasureRequest:
    locked = ErasureRequest.objects.select_for_update().select_related("person").get(pk=request.pk)
    if locked.outcome != ErasureOutcome.PENDING:
        raise DomainError(_("This request has already been decided."), code=ErrorCode.STATE)
    return locked


@actor_from("by")
@transaction.atomic
def erasure_refuse(*, request: ErasureRequest, by: User, reason: str, now: datetime | None = None) -> ErasureRequest:
    """The executive office refuses the request, saying why; the person is told."""
    _may_decide(by)
    reason = reason.strip()
    if not reason:
        raise DomainError(_("Write why the account is not removed: the person is told."), field="reason")
    request = _pending(request)
    request.outcome, request.decided_by, request.decided_at = ErasureOutcome.REFUSED, by, now or timezone.now()
    request.reason = reason
    request.save(update_fields=["outcome", "decided_by", "decided_at", "reason", "updated_at"])
    notify(
        recipients=[request.person],
        message_factory=lambda: _("Your account is not removed: %(reason)s") % {"reason": reason},
        url=reverse("core:profile"),
    )
    return request


@actor_from("by")
@transaction.atomic
def erasure_confirm(*, request: ErasureRequest, by: User, now: datetime | None = None) -> ErasureRequest:
    """The executive office confirms the request: the person is told (the email goes to their address before it
    is removed), then erased."""
    _may_decide(by)
    request = _pending(request)
    person = request.person
    if person.kind not in ERASABLE_KINDS:
        raise DomainError(_("City employees' accounts are closed by HR, not removed here."), code=ErrorCode.FORBIDDEN)
    now = now or timezone.now()
    notify(
        recipients=[person],
        message_factory=lambda: _(
            "Your account in Språng is removed, as you asked. What you sent to the city is kept as a public record "
            "without your name."
        ),
    )
    person_erase(person=person, by=by, now=now)
    request.outcome, request.decided_by, request.decided_at = ErasureOutcome.ERASED, by, now
    request.save(update_fields=["outcome", "decided_by", "decided_at", "updated_at"])
    return request


@transaction.atomic
def person_erase(*, person: User, by: User, now: datetime | None = None) -> dict[str, int]:
    """Erase a person in one transaction: every app's erasure part (``@erasure`` in its ``personal_data.py``) deletes
    what is private and keeps the public records, then the person is pseudonymised: "A former participant" wherever
    their name showed, an address that receives no mail, no password, no way to sign in, every other field emptied.

    Nothing of what is removed is written to the audit log; one entry says the person was erased, by whom and
    when, with how many rows each part removed. Returns those counts.
    """
    now = now or timezone.now()
    person = User.objects.select_for_update().get(pk=person.pk)
    with disable_auditlog():
        counts = {part.key: part.erase(person, ERASED_NAME_STORED) for part in erasures()}
        person.name = ERASED_NAME  # type: ignore[assignment]  # stored as ERASED_NAME_STORED (PersonNameField)
        person.email = f"erased-{person.pk}@{ERASED_EMAIL_DOMAIN}"
        person.set_unusable_password()
        person.is_active = person.is_staff = person.is_superuser = False
        for field in User._meta.concrete_fields:
            if field.name in PERSON_FIELDS_KEPT:
                continue
            if field.null:
                setattr(person, field.attname, None)
            elif isinstance(field, CharField | TextField) and field.blank:
                setattr(person, field.attname, "")
            elif field.has_default():
                setattr(person, field.attname, field.get_default())
        person.save()
        person.groups.clear()
        person.user_permissions.clear()
        counts["sessions"] = sessions_end(users=[person])
    LogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(User),
        object_pk=str(person.pk),
        object_id=person.pk,
        object_repr=ERASED_NAME_STORED,
        action=LogEntry.Action.UPDATE,
        changes={"erased": [None, now.isoformat()]},
        changes_text="erased",
        additional_data={"erased": True, "confirmed_by": by.pk, "rows": counts},
        actor=by,
        actor_email=by.email,
        timestamp=now,
    )
    return counts
