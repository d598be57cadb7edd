"""Swedish personal identity numbers (personnummer and samordningsnummer): checked, then kept only as a keyed hash.

A number is 12 digits, YYYYMMDDNNNC, or 10 digits, YYMMDD-NNNC, where a plus instead of the hyphen says the
person is 100 or older. A samordningsnummer adds 60 to the day. C is a Luhn check digit over the last ten
digits. Språng keeps neither the number nor an encrypted copy: only an HMAC-SHA256 under
``SPRANG_IDENTITY_HASH_KEY`` (to find the person again) and the birth date the number implies
(docs/adr/0036-sign-in-with-openid-connect.md).
"""

from __future__ import annotations

import hashlib
import hmac
import re
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import DomainError

_SHAPE = re.compile(r"^(\d{2})?(\d{6})([-+]?)(\d{4})$")


@dataclass(frozen=True)
class IdentityNumber:
    """A checked number: its 12 digits (never stored nor shown) and the birth date it implies."""

    digits: str
    birth_date: date

    def __repr__(self) -> str:  # never in a log or a traceback
        return f"IdentityNumber(born {self.birth_date.isoformat()})"

    __str__ = __repr__

    @property
    def keyed_hash(self) -> str:
        return identity_hash(self.digits)


def luhn_ok(digits: str) -> bool:
    total = 0
    for position, char in enumerate(digits):
        n = int(char) * (2 if position % 2 == 0 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


def parse_identity_number(value: str, *, today: date | None = None) -> IdentityNumber:
    """The number checked, or a ``DomainError`` saying what is wrong with it."""
    match = _SHAPE.match((value or "").strip().replace(" ", ""))
    if not match:
        raise DomainError(
            _("The personal identity number must be 12 digits (YYYYMMDDNNNC) or 10 digits (YYMMDD-NNNC)."),
            field="identity_number",
        )
    century, six, separator, four = match.groups()
    if not luhn_ok(six + four):
        raise DomainError(
            _("The personal identity number's last digit (the check digit) is wrong. Check the number."),
            field="identity_number",
        )
    today = today or timezone.localdate()
    yy, month, day = int(six[:2]), int(six[2:4]), int(six[4:6])
    if day > 60:  # a samordningsnummer
        day -= 60
    if century:
        year = int(century) * 100 + yy
    else:
        # A 10-digit number: the latest year that is not in the future, a century earlier with a plus.
        year = (today.year // 100) * 100 + yy
        if year > today.year:
            year -= 100
        if separator == "+":
            year -= 100
    try:
        born = date(year, month, day)
    except ValueError:
        born = None
    if born is None or born > today:
        raise DomainError(
            _("The personal identity number does not begin with a real date of birth. Check the number."),
            field="identity_number",
        )
    return IdentityNumber(digits=f"{year:04d}{six[2:]}{four}", birth_date=born)


def identity_hash(digits: str) -> str:
    """HMAC-SHA256 of the 12 digits under the city's key: the same number always gives the same hash."""
    key = settings.SPRANG_IDENTITY_HASH_KEY
    if not key:
        raise ImproperlyConfigured(
            "SPRANG_IDENTITY_HASH_KEY is not set. Set it to a long random string before residents sign in with e-ID."
        )
    return hmac.new(key.encode(), digits.encode(), hashlib.sha256).hexdigest()
