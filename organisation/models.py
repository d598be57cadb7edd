from __future__ import annotations

from functools import cached_property

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node

from core.models import TimeStampedModel


class UnitKind(models.TextChoices):
    CITY = "city", _("City")
    COMMITTEE = "committee", _("Committee")
    COMPANY_BOARD = "company_board", _("Company board")
    SPECIALIST_ADMINISTRATION = "specialist_administration", _("Specialist administration")
    DISTRICT_ADMINISTRATION = "district_administration", _("District administration")
    COMPANY = "company", _("Municipal company")
    DEPARTMENT = "department", _("Department")
    UNIT = "unit", _("Unit")


#: Kinds that own ideas' triage: an administration or a company and everything below it.
ORGANISATION_KINDS = (
    UnitKind.SPECIALIST_ADMINISTRATION,
    UnitKind.DISTRICT_ADMINISTRATION,
    UnitKind.COMPANY,
)


class Unit(MP_Node):
    """A unit of the city's organisation tree: the city, committees, administrations, companies, departments, units."""

    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=40, choices=UnitKind.choices)
    headcount = models.PositiveIntegerField(_("headcount"), default=0)
    sectors = models.CharField(_("sectors"), max_length=300, blank=True)

    node_order_by = ["name"]

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")

    def __str__(self) -> str:
        return self.name

    def path_prefixes(self) -> list[str]:
        """The paths of this unit and every unit above it, the city first."""
        return [self.path[:end] for end in range(self.steplen, len(self.path) + 1, self.steplen)]

    def subtree_q(self, prefix: str = "unit__") -> models.Q:
        """A filter for everything that belongs to this unit or a unit below it."""
        return models.Q(**{f"{prefix}path__startswith": self.path})

    def is_within(self, other: Unit) -> bool:
        return self.path.startswith(other.path)

    @property
    def organisation(self) -> Unit:
        """The administration or company this unit belongs to (itself if it is one)."""
        if self.kind in ORGANISATION_KINDS or self.depth <= 2:
            return self
        prefixes = [self.path[:i] for i in range(self.steplen, len(self.path), self.steplen)]
        ancestor = Unit.objects.filter(path__in=prefixes, kind__in=ORGANISATION_KINDS).order_by("-depth").first()
        return ancestor or self


class SupplierOrganisation(TimeStampedModel):
    name = models.CharField(_("name"), max_length=200)
    org_number = models.CharField(_("organisation number"), max_length=11, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("supplier organisation")
        verbose_name_plural = _("supplier organisations")

    def __str__(self) -> str:
        return f"{self.name} ({self.org_number})"


class PersonKind(models.TextChoices):
    EMPLOYEE = "employee", _("City employee")
    RESIDENT = "resident", _("Resident")
    SUPPLIER = "supplier", _("Supplier")
    #: Someone from another municipality, a university or another partner, invited into one network:
    #: sees that network only, nothing else in Språng (``spread.networks.fence``).
    PARTNER = "partner", _("Partner outside the city")
    #: A teacher, researcher or student of a university the city works with (``challenges.models.Affiliation``
    #: says which and in what role): sees the public site, the assignments of their university and their projects.
    UNIVERSITY = "university", _("University partner")


#: An erased person's name as stored: this English text, read back as ``ERASED_NAME`` in the page's language.
ERASED_NAME_STORED = "A former participant"
ERASED_NAME = _("A former participant")
#: An erased person's address is ``erased-<id>@`` this domain: ``.invalid`` never receives mail (RFC 2606), and the
#: id keeps it unique.
ERASED_EMAIL_DOMAIN = "erased.invalid"


class PersonNameField(models.CharField):
    """A person's name. An erased person's reads as "A former participant" in the language of the page, wherever
    it shows (``{{ idea.author.name }}``, ``str(user)``, the API), and is stored as the English text."""

    def from_db_value(self, value, expression, connection):
        return ERASED_NAME if value == ERASED_NAME_STORED else value

    def get_prep_value(self, value):
        if isinstance(value, Promise) and value is ERASED_NAME:
            return ERASED_NAME_STORED
        return super().get_prep_value(value)

    def deconstruct(self):
        # The column is a plain CharField's: no migration.
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.CharField", args, kwargs


class EmailFrequency(models.TextChoices):
    INSTANT = "instant", _("At once, one email per notification")
    DAILY = "daily", _("Once a day, all in one email")
    WEEKLY = "weekly", _("Once a week, all in one email")


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra):
        if not email:
            raise ValueError("An email address is required.")
        if extra.get("kind") not in PersonKind.values:
            raise ValueError(f"The kind of person is required: one of {', '.join(PersonKind.values)}.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person: a city employee, a resident, someone at a supplier or a partner invited into a network."""

    email = models.EmailField(_("email address"), unique=True)
    name = PersonNameField(_("name"), max_length=150)
    # No default: being city staff grants rights, so every way of creating a person names the kind.
    kind = models.CharField(_("kind of person"), max_length=20, choices=PersonKind.choices)
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="members", verbose_name=_("unit")
    )
    supplier = models.ForeignKey(
        SupplierOrganisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="people",
        verbose_name=_("supplier organisation"),
    )
    #: The city's employee number, from the HR system: how the learning platform and HR name a person.
    employee_number = models.CharField(_("employee number"), max_length=40, null=True, blank=True, unique=True)
    #: The personal identity number from a Swedish e-ID, kept only as a keyed hash (organisation/identity.py):
    #: how an e-ID sign-in finds the person again. Never shown, exported, logged nor in the API.
    identity_hash = models.CharField(max_length=64, null=True, blank=True, unique=True, editable=False)
    #: The date of birth the personal identity number implies; replaces a date of birth the person writes.
    birth_date = models.DateField(_("date of birth"), null=True, blank=True, editable=False)
    language = models.CharField(_("language"), max_length=5, default="sv")
    email_notifications = models.BooleanField(_("email me about ideas I follow"), default=True)
    #: How the email comes, when ``email_notifications`` is on: each at once, or gathered in a daily or weekly digest.
    email_frequency = models.CharField(
        _("how often to email"), max_length=10, choices=EmailFrequency.choices, default=EmailFrequency.INSTANT
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("may use the admin site"), default=False)
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["name", "kind"]

    class Meta:
        ordering = ["name"]
        constraints = [models.CheckConstraint(condition=models.Q(kind__in=PersonKind.values), name="person_kind_known")]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return str(self.name or self.email)

    def get_full_name(self) -> str:
        return str(self.name)

    def get_short_name(self) -> str:
        if self.is_erased:
            return str(self.name)
        return self.name.split(" ")[0] if self.name else self.email

    @property
    def is_erased(self) -> bool:
        """Erased at their request (``organisation.services.person_erase``): kept only as a pseudonym."""
        return self.email.endswith("@" + ERASED_EMAIL_DOMAIN)

    # Roles are read once per request and kept on the instance.
    @cached_property
    def role_paths(self) -> dict[str, list[str]]:
        paths: dict[str, list[str]] = {}
        for role, path in self.role_assignments.values_list("role", "unit__path"):
            paths.setdefault(role, []).append(path)
        return paths

    def has_role(self, role: str, unit: Unit | None = None) -> bool:
        paths = self.role_paths.get(role, [])
        if unit is None:
            return bool(paths)
        return any(unit.path.startswith(p) for p in paths)

    @property
    def is_director(self) -> bool:
        return bool(self.role_paths.get(Role.DIRECTOR))

    @property
    def is_executive_office(self) -> bool:
        """The director, or an innovation office for the whole city: reviews reports, runs the calls."""
        return self.is_director or any(len(p) == Unit.steplen for p in self.role_paths.get(Role.OFFICE, []))

    @property
    def has_eid(self) -> bool:
        """Whether the person has signed in with, or linked, a Swedish e-ID."""
        return bool(self.identity_hash)

    @property
    def is_city_staff(self) -> bool:
        return self.kind == PersonKind.EMPLOYEE


class Role(models.TextChoices):
    MANAGER = "manager", _("Manager")
    COACH = "coach", _("Innovation coach")
    OFFICE = "office", _("Innovation office")
    DIRECTOR = "director", _("Innovation director")
    #: A procurement officer for a unit and everything below it; on the top unit, the city's central procurement function.
    PROCUREMENT = "procurement", _("Procurement officer")


class RoleAssignment(TimeStampedModel):
    """A role a person holds for a unit and everything below it."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments", verbose_name=_("person"))
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="role_assignments", verbose_name=_("unit"))
    capacity = models.PositiveSmallIntegerField(
        _("capacity"), default=0, help_text=_("For coaches: how many ideas they can support at the same time.")
    )

    class Meta:
        ordering = ["role", "unit__path"]
        constraints = [models.UniqueConstraint(fields=["user", "role", "unit"], name="unique_role_per_unit")]
        verbose_name = _("role")
        verbose_name_plural = _("roles")

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.unit}"


#: How long a new API token may last, in days (chosen when it is created), and the lifetime offered first.
API_TOKEN_LIFETIMES_DAYS = (30, 90, 180, 365)
API_TOKEN_DEFAULT_DAYS = 90


class ApiTokenState(models.TextChoices):
    ACTIVE = "active", _("Active")
    EXPIRED = "expired", _("Expired")
    REVOKED = "revoked", _("Revoked")
    PASSWORD_CHANGED = "password_changed", _("Ended: the password was changed")
    DEACTIVATED = "deactivated", _("Ended: the account is deactivated")


class ApiToken(TimeStampedModel):
    """A token an integration uses to call the API on a person's behalf. Only a hash is stored.

    It works until it expires, is revoked, the person's password changes (``password_fingerprint``
    no longer matches their password hash) or the person is deactivated.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("person"))
    name = models.CharField(_("name"), max_length=100)
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires"))
    #: A keyed hash of the person's password hash when the token was made; a new password no longer matches it.
    password_fingerprint = models.CharField(max_length=64, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


def executive_office_people() -> list[User]:
    """Everyone with the director's role or an innovation office for the whole city."""
    return list(
        User.objects.filter(
            role_assignments__role__in=(Role.DIRECTOR, Role.OFFICE), role_assignments__unit__depth=1, is_active=True
        ).distinct()
    )


#: Who may ask to have their account removed (``organisation.services.erasure_request``): everyone but city
#: employees, who leave through HR, whose closing of the account keeps their work.
ERASABLE_KINDS = (PersonKind.RESIDENT, PersonKind.SUPPLIER, PersonKind.UNIVERSITY, PersonKind.PARTNER)


class ErasureOutcome(models.TextChoices):
    PENDING = "pending", _("Waiting for a decision")
    ERASED = "erased", _("Erased")
    REFUSED = "refused", _("Refused")


class ErasureRequest(TimeStampedModel):
    """A person's request to have their account removed, and the executive office's decision on it. The row
    survives the erasure, pointing at the pseudonymised person: it is the record that the request was met."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="erasure_requests",
        verbose_name=_("person"),
    )
    requested_at = models.DateTimeField(_("asked"), default=timezone.now)
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=ErasureOutcome.choices, default=ErasureOutcome.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="erasure_decisions",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    #: Why a request was refused, told to the person.
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        ordering = ["requested_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=models.Q(outcome="pending"),
                name="erasure_request_one_pending",
            )
        ]
        verbose_name = _("request for erasure")
        verbose_name_plural = _("requests for erasure")

    def __str__(self) -> str:
        # Names no one: the audit log keeps this text.
        return f"{self._meta.verbose_name} {self.pk} ({self.get_outcome_display()})"
