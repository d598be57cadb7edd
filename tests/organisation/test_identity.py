"""Personal identity numbers: shapes, dates, samordningsnummer, the check digit and the keyed hash."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import translation

from core.errors import DomainError
from organisation.identity import identity_hash, parse_identity_number

TODAY = date(2026, 12, 6)


@pytest.mark.parametrize(
    ("value", "born"),
    [
        ("198112189876", date(1981, 12, 18)),
        ("19811218-9876", date(1981, 12, 18)),
        ("811218-9876", date(1981, 12, 18)),
        ("8112189876", date(1981, 12, 18)),
        ("701063-2391", date(1970, 10, 3)),  # samordningsnummer: day + 60
        ("121212+1212", date(1912, 12, 12)),  # 100 or older
        ("121212-1212", date(2012, 12, 12)),
    ],
)
def test_valid_numbers_give_their_birth_date(value, born):
    number = parse_identity_number(value, today=TODAY)
    assert number.birth_date == born
    assert len(number.digits) == 12
    assert number.digits not in repr(number)


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ("198112189877", "check digit"),
        ("19811318-9876", "check digit"),
        ("19811218987", "12 digits"),
        ("abc", "12 digits"),
        ("19810230-9872", "real date"),
        ("20301212-1236", "real date"),
    ],
)
def test_wrong_numbers_are_refused_with_a_clear_message(value, says):
    with translation.override("en"), pytest.raises(DomainError) as refused:
        parse_identity_number(value, today=TODAY)
    assert says in refused.value.message
    assert refused.value.field == "identity_number"


def test_the_hash_is_keyed(settings):
    settings.SPRANG_IDENTITY_HASH_KEY = "one"
    first = identity_hash("198112189876")
    assert first == identity_hash("198112189876") and len(first) == 64
    settings.SPRANG_IDENTITY_HASH_KEY = "two"
    assert identity_hash("198112189876") != first
